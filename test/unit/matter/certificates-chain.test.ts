// PAA → PAI → DAC: issuer names, key identifiers, signatures, and time as the SDK evaluates it
// (chain at the DAC's notBefore, the DAC itself at `now`).
import { describe, expect, it } from 'vitest';
import type { AttestationProblem } from '../../../main/matter/attestationProblem';
import {
  authorityKeyIdentifier,
  basicConstraints,
  buildCertificate,
  generateP256KeyPair,
  keyUsage,
  KeyUsageBit,
  matterName,
  parseCertificateDer,
  subjectKeyIdentifier,
  validateChain,
  type ParsedCertificate,
} from '../../../main/matter/certificates';
import { createPai, createTestPaa, issueDac } from '../../../main/matter/dac';
import { ISSUED_FROM, makeHierarchy, nodeX509, T0, unwrap } from './attestationFixtures';

const { paa, pai, issuer } = makeHierarchy({ vendorId: 0xfff1, productId: 0x8000 });
const dac = unwrap(parseCertificateDer(unwrap(issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now: T0 })).certificate));

function codes(found: AttestationProblem[]): string[] {
  return found.map((item) => item.code);
}

/** A DAC signed with `signer` but otherwise naming this PAI. */
function dacWith(options: { signer?: ReturnType<typeof generateP256KeyPair>; issuerName?: Uint8Array; authorityKeyId?: Uint8Array; notBefore?: Date; notAfter?: Date }): ParsedCertificate {
  const key = generateP256KeyPair();
  return unwrap(
    parseCertificateDer(
      buildCertificate(
        {
          serialNumber: Uint8Array.of(0x42, 1, 2, 3, 4, 5, 6, 7),
          issuer: options.issuerName ?? pai.parsed.subject.der,
          subject: matterName({ commonName: 'DAC', vendorId: 0xfff1, productId: 0x8000 }),
          notBefore: options.notBefore ?? T0,
          notAfter: options.notAfter ?? new Date('9999-12-31T23:59:59Z'),
          subjectPublicKeyInfo: key.spki,
          extensions: [basicConstraints(false), keyUsage([KeyUsageBit.digitalSignature]), subjectKeyIdentifier(key.keyId), authorityKeyIdentifier(options.authorityKeyId ?? pai.key.keyId)],
        },
        (options.signer ?? pai.key).privateKey,
      ),
    ),
  );
}

describe('validateChain', () => {
  it('accepts an issued chain, and so does OpenSSL (Node\'s X509Certificate)', () => {
    expect(validateChain({ dac, pai: pai.parsed, paa: paa.parsed, now: T0 })).toEqual([]);
    const [nodeDac, nodePai, nodePaa] = [nodeX509(dac.der), nodeX509(pai.certificate), nodeX509(paa.certificate)];
    expect(nodeDac.checkIssued(nodePai) && nodeDac.verify(nodePai.publicKey)).toBe(true);
    expect(nodePai.checkIssued(nodePaa) && nodePai.verify(nodePaa.publicKey)).toBe(true);
  });

  it('a DAC signed by another key', () => {
    const found = validateChain({ dac: dacWith({ signer: generateP256KeyPair() }), pai: pai.parsed, paa: paa.parsed, now: T0 });
    expect(codes(found)).toEqual(['CHAIN_SIGNATURE_INVALID']);
    expect(found[0]?.detail).toMatch(/^DAC under the PAI key: the signature does not match/);
  });

  it('a DAC altered after signing', () => {
    const tampered = dac.der.slice();
    const at = Buffer.from(tampered).indexOf(Buffer.from('Matter DAC'));
    tampered[at] = 'X'.charCodeAt(0);
    expect(codes(validateChain({ dac: unwrap(parseCertificateDer(tampered)), pai: pai.parsed, paa: paa.parsed, now: T0 }))).toEqual(['CHAIN_SIGNATURE_INVALID']);
  });

  it('a DAC naming another issuer, by name or by key identifier', () => {
    const byName = validateChain({ dac: dacWith({ issuerName: matterName({ commonName: 'Someone Else', vendorId: 0xfff1 }) }), pai: pai.parsed, paa: paa.parsed, now: T0 });
    expect(codes(byName)).toEqual(['CHAIN_ISSUER_MISMATCH']);
    expect(byName[0]?.detail).toMatch(/DAC issuer is "CN=Someone Else, VID=FFF1" but the PAI subject is "CN=Matterline Test PAI, VID=FFF1, PID=8000"/);
    const byKeyId = validateChain({ dac: dacWith({ authorityKeyId: new Uint8Array(20).fill(7) }), pai: pai.parsed, paa: paa.parsed, now: T0 });
    expect(codes(byKeyId)).toEqual(['CHAIN_ISSUER_MISMATCH']);
    expect(byKeyId[0]?.detail).toMatch(/DAC authorityKeyIdentifier 0707.* is not the PAI subjectKeyIdentifier/);
  });

  it('a PAI under another PAA', () => {
    const otherPaa = createTestPaa({ notBefore: ISSUED_FROM });
    const found = validateChain({ dac, pai: pai.parsed, paa: otherPaa.parsed, now: T0 });
    // Same CN, so the names match; the key identifier and the signature do not.
    expect(codes(found)).toEqual(['CHAIN_ISSUER_MISMATCH', 'CHAIN_SIGNATURE_INVALID']);
  });

  it('without a PAA only the DAC←PAI part is judged', () => {
    expect(validateChain({ dac, pai: pai.parsed, paa: null, now: T0 })).toEqual([]);
  });
});

describe('time', () => {
  const notBefore = new Date('2025-01-01T00:00:00Z');
  const notAfter = new Date('2026-01-01T00:00:00Z');
  const shortDac = dacWith({ notBefore, notAfter });
  const at = (now: Date) => codes(validateChain({ dac: shortDac, pai: pai.parsed, paa: paa.parsed, now }));

  it('the DAC must be valid now; both ends are inclusive', () => {
    expect(at(notBefore)).toEqual([]);
    expect(at(notAfter)).toEqual([]);
    expect(at(new Date(notBefore.getTime() - 1000))).toEqual(['DAC_NOT_YET_VALID']);
    expect(at(new Date(notAfter.getTime() + 1000))).toEqual(['DAC_EXPIRED']);
  });

  it('the PAI and PAA are judged at the DAC\'s notBefore, not now: a PAI that expired since still validates', () => {
    const shortPai = createPai(paa, { vendorId: 0xfff1, productId: 0x8000, notBefore: new Date('2024-06-01T00:00:00Z'), notAfter: new Date('2025-06-01T00:00:00Z'), keyPair: pai.key });
    const issuedWhileValid = dacWith({ notBefore: new Date('2025-02-01T00:00:00Z') });
    expect(validateChain({ dac: issuedWhileValid, pai: shortPai.parsed, paa: paa.parsed, now: new Date('2030-01-01T00:00:00Z') })).toEqual([]);

    const issuedAfterExpiry = dacWith({ notBefore: new Date('2025-07-01T00:00:00Z') });
    const found = validateChain({ dac: issuedAfterExpiry, pai: shortPai.parsed, paa: paa.parsed, now: new Date('2025-08-01T00:00:00Z') });
    expect(codes(found)).toEqual(['CHAIN_NOT_VALID_AT_ISSUANCE']);
    expect(found[0]?.detail).toBe('PAI is valid 2024-06-01T00:00:00Z to 2025-06-01T00:00:00Z, but the DAC was issued at 2025-07-01T00:00:00Z');
  });

  it('a DAC issued before its PAA existed', () => {
    const early = dacWith({ notBefore: new Date('2023-06-01T00:00:00Z') });
    const found = validateChain({ dac: early, pai: pai.parsed, paa: paa.parsed, now: T0 });
    expect(found.map((item) => item.detail)).toEqual([
      'PAI is valid 2024-01-01T00:00:00Z to 9999-12-31T23:59:59Z, but the DAC was issued at 2023-06-01T00:00:00Z',
      'PAA is valid 2024-01-01T00:00:00Z to 9999-12-31T23:59:59Z, but the DAC was issued at 2023-06-01T00:00:00Z',
    ]);
  });
});
