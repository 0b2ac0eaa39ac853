// verifyAttestation end to end on a hierarchy and CDs made with the project's own code: every rule
// family contributes its problems, all broken rules are reported together, and only a clean
// DAC + PAI (+ CD) against a matching PAA is valid.
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAttestation, type AttestationInput } from '../../../main/matter/attestation';
import { createCertificationDeclaration, verifyCertificationDeclaration, type CdContent, type CdSigner } from '../../../main/matter/cd';
import {
  authorityKeyIdentifier,
  basicConstraints,
  buildCertificate,
  generateP256KeyPair,
  keyUsage,
  KeyUsageBit,
  matterName,
  subjectKeyIdentifier,
  TrustStore,
} from '../../../main/matter/certificates';
import { createCdSigningCertificate, createPai, createTestPaa, issueDac, testPaiIssuer, type CertificateWithKey } from '../../../main/matter/dac';
import { ISSUED_FROM, makeHierarchy, T0, unwrap } from './attestationFixtures';

const { paa, pai, issuer } = makeHierarchy({ vendorId: 0xfff1, productId: 0x8000 });
const dac = unwrap(issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now: T0 }));
const cdSigning = createCdSigningCertificate({ notBefore: ISSUED_FROM });

async function signerOf(certificate: CertificateWithKey): Promise<CdSigner> {
  const pkcs8 = certificate.key.privateKey.export({ type: 'pkcs8', format: 'der' });
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  return { privateKey: privateKey as unknown as CryptoKey, subjectKeyId: certificate.key.keyId };
}

function content(change: Partial<CdContent> = {}): CdContent {
  return {
    formatVersion: 1,
    vendorId: 0xfff1,
    productIds: [0x8000],
    deviceTypeId: 0x0100,
    certificateId: 'CSA00000SWC00000-00',
    securityLevel: 0,
    securityInformation: 0,
    versionNumber: 1,
    certificationType: 0,
    ...change,
  };
}

async function cd(change: Partial<CdContent> = {}, signing: CertificateWithKey = cdSigning): Promise<Uint8Array> {
  return unwrap(await createCertificationDeclaration(content(change), await signerOf(signing)));
}

const base = () => ({ dac: dac.certificate, pai: pai.certificate, paa: paa.certificate as Uint8Array, now: T0 });
const codes = (verdict: { problems: readonly { code: string }[] }) => verdict.problems.map((item) => item.code);

describe('verifyAttestation', () => {
  it('a clean chain is valid, with the DAC\'s VID/PID', async () => {
    expect(await verifyAttestation(base())).toEqual({ valid: true, vendorId: 0xfff1, productId: 0x8000, problems: [] });
  });

  it('finds the PAA in a trust store by the PAI\'s authority key identifier', async () => {
    const trustStore = TrustStore.fromCertificates([createTestPaa({ notBefore: ISSUED_FROM }).certificate, paa.certificate]);
    expect((await verifyAttestation({ ...base(), paa: undefined, trustStore })).valid).toBe(true);
    const withoutIt = await verifyAttestation({ ...base(), paa: undefined, trustStore: TrustStore.fromCertificates([createTestPaa({ notBefore: ISSUED_FROM }).certificate]) });
    expect(codes(withoutIt)).toEqual(['PAA_NOT_FOUND']);
    expect(withoutIt.problems[0]?.detail).toBe(`the PAI names key identifier ${paa.subjectKeyId}; the trust store holds 1 PAA`);
  });

  it('an unreadable DAC or PAI ends the verification with CERT_MALFORMED naming the role', async () => {
    const verdict = await verifyAttestation({ ...base(), dac: dac.certificate.slice(0, 100) });
    expect(verdict).toMatchObject({ valid: false, vendorId: null, productId: null });
    expect(verdict.problems).toEqual([expect.objectContaining({ code: 'CERT_MALFORMED', detail: expect.stringMatching(/^DAC: truncated/) })]);
    const noPai = await verifyAttestation({ ...base(), pai: new TextEncoder().encode('-----BEGIN CERTIFICATE-----\n') });
    expect(noPai.problems[0]?.detail).toMatch(/^PAI: /);
  });

  it('a wrong PAA given directly breaks the chain', async () => {
    expect(codes(await verifyAttestation({ ...base(), paa: createTestPaa({ notBefore: ISSUED_FROM }).certificate }))).toEqual(['CHAIN_ISSUER_MISMATCH', 'CHAIN_SIGNATURE_INVALID']);
  });

  it('VID/PID relations: DAC VID ≠ PAI VID, DAC PID ≠ PAI PID, PAA VID ≠ PAI VID', async () => {
    const key = generateP256KeyPair();
    const rogueDac = (vendorId: number, productId: number) =>
      buildCertificate(
        {
          serialNumber: Uint8Array.of(0x10, 1, 2, 3, 4, 5, 6, 7),
          issuer: pai.parsed.subject.der,
          subject: matterName({ commonName: 'DAC', vendorId, productId }),
          notBefore: T0,
          notAfter: new Date('9999-12-31T23:59:59Z'),
          subjectPublicKeyInfo: key.spki,
          extensions: [basicConstraints(false), keyUsage([KeyUsageBit.digitalSignature]), subjectKeyIdentifier(key.keyId), authorityKeyIdentifier(pai.key.keyId)],
        },
        pai.key.privateKey,
      );
    const vid = await verifyAttestation({ ...base(), dac: rogueDac(0xfff2, 0x8000) });
    expect(codes(vid)).toEqual(['DAC_VID_MISMATCH']);
    expect(vid.problems[0]?.detail).toBe('DAC VID FFF2, PAI VID FFF1');
    expect(codes(await verifyAttestation({ ...base(), dac: rogueDac(0xfff1, 0x8001) }))).toEqual(['DAC_PID_MISMATCH']);

    const vendorPaa = createTestPaa({ notBefore: ISSUED_FROM, vendorId: 0xfff2 });
    const vendorPai = createPai(vendorPaa, { notBefore: ISSUED_FROM, vendorId: 0xfff1 });
    const underIt = unwrap(issueDac(unwrap(testPaiIssuer(vendorPai)), { vendorId: 0xfff1, productId: 1, now: T0 }));
    const paaVid = await verifyAttestation({ dac: underIt.certificate, pai: vendorPai.certificate, paa: vendorPaa.certificate, now: T0 });
    expect(codes(paaVid)).toEqual(['PAA_VID_MISMATCH']);
  });

  it('the DAC must be valid at `now`', async () => {
    expect(codes(await verifyAttestation({ ...base(), now: new Date('2024-12-31T00:00:00Z') }))).toEqual(['DAC_NOT_YET_VALID']);
  });

  it('reports every broken rule, not just the first', async () => {
    const verdict = await verifyAttestation({ ...base(), paa: createTestPaa({ notBefore: ISSUED_FROM }).certificate, now: new Date('2024-12-31T00:00:00Z') });
    expect(codes(verdict)).toEqual(['DAC_NOT_YET_VALID', 'CHAIN_ISSUER_MISMATCH', 'CHAIN_SIGNATURE_INVALID']);
  });
});

describe('verifyAttestation with a Certification Declaration', () => {
  const withCd = async (declaration: Uint8Array, extra: Partial<AttestationInput> = {}) =>
    verifyAttestation({ ...base(), cd: declaration, cdSigners: [new TextEncoder().encode(cdSigning.certificatePem)], ...extra } as AttestationInput);

  it('our own CD signing certificate signs CDs the CD verifier accepts', async () => {
    const verified = unwrap(await verifyCertificationDeclaration(await cd(), [cdSigning.certificate]));
    expect(verified).toMatchObject({ signatureValid: true, signer: 'imported', signerKeyId: cdSigning.subjectKeyId, problems: [] });
  });

  it('a matching CD keeps the verdict valid', async () => {
    expect(await withCd(await cd({ productIds: [0x8001, 0x8000] }))).toEqual({ valid: true, vendorId: 0xfff1, productId: 0x8000, problems: [] });
  });

  it('a CD for another vendor or product', async () => {
    expect(codes(await withCd(await cd({ vendorId: 0xfff2 })))).toEqual(['CD_VID_MISMATCH', 'CD_VID_MISMATCH']);
    expect(codes(await withCd(await cd({ productIds: [0x8001] })))).toEqual(['CD_PID_NOT_LISTED', 'CD_PID_NOT_LISTED']);
  });

  it('a CD whose signer is not among the given certificates', async () => {
    expect(codes(await withCd(await cd({}, createCdSigningCertificate({ notBefore: ISSUED_FROM }))))).toEqual(['CD_SIGNER_UNKNOWN']);
    expect(codes(await withCd(await cd(), { cdSigners: [] }))).toEqual(['CD_SIGNER_UNKNOWN']);
  });

  it('an authorized PAA list must name the PAA', async () => {
    expect((await withCd(await cd({ authorizedPaaList: [new Uint8Array(20).fill(1), paa.key.keyId] }))).valid).toBe(true);
    expect(codes(await withCd(await cd({ authorizedPaaList: [new Uint8Array(20).fill(1)] })))).toEqual(['CD_PAA_NOT_AUTHORIZED']);
  });

  it('the device\'s Basic Information VID/PID must be the CD\'s', async () => {
    const declaration = await cd();
    expect((await withCd(declaration, { basicInformation: { vendorId: 0xfff1, productId: 0x8000 } })).valid).toBe(true);
    expect(codes(await withCd(declaration, { basicInformation: { vendorId: 0xfff1, productId: 0x8001 } }))).toEqual(['CD_PID_NOT_LISTED']);
  });

  it('a CD that is not a CMS at all becomes a CD problem in the verdict', async () => {
    const verdict = await withCd(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]));
    expect(verdict.valid).toBe(false);
    expect(codes(verdict)).toEqual(['CD_MALFORMED']);
  });

  it('an unreadable CD signing certificate is reported', async () => {
    const verdict = await withCd(await cd(), { cdSigners: [new TextEncoder().encode('junk')] });
    expect(verdict.problems.map((item) => [item.code, item.detail?.slice(0, 30)])).toEqual([
      ['CERT_MALFORMED', 'CD signing certificate 1: it i'],
      ['CD_SIGNER_UNKNOWN', expect.any(String)],
    ]);
  });
});
