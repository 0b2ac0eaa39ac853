// DAC issuance: the exact profile bytes, scope refusal, request limits, PAI/key checks, and
// issue → verify round trips over random VID/PID (fresh key and CSR paths).
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAttestation } from '../../../main/matter/attestation';
import { checkCertificateProfile, computeKeyIdentifier, parseCertificateDer, parsePrivateKey, readAuthorityKeyId } from '../../../main/matter/certificates';
import { OID } from '../../../main/matter/certificates/oids';
import { issueDac, NO_EXPIRY, prepareDacIssuer, createPai, createTestPaa } from '../../../main/matter/dac';
import { buildCsr, csrKey, ISSUED_FROM, makeHierarchy, nodeX509, T0, unwrap } from './attestationFixtures';

const vidScoped = makeHierarchy({ vendorId: 0xfff1 });
const pidScoped = makeHierarchy({ vendorId: 0xfff1, productId: 0x8000 });
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('issueDac: the Matter DAC profile, byte for byte', () => {
  const fixedRandom = (length: number) => new Uint8Array(length).fill(0xab);
  const issued = unwrap(issueDac(pidScoped.issuer, { vendorId: 0xfff1, productId: 0x8000, now: new Date('2025-03-01T12:34:56.789Z'), random: fixedRandom, commonName: 'Matter Test DAC 0001' }));
  const dac = unwrap(parseCertificateDer(issued.certificate));
  const der = hex(issued.certificate);

  it('meets the DAC profile', () => {
    expect(checkCertificateProfile(dac, 'DAC').problems).toEqual([]);
    expect(dac.version).toBe(3);
    expect(dac.signatureAlgorithm).toBe(OID.ecdsaWithSha256);
  });

  it('subject CN, VID, PID in that order, each its own SET, VID/PID as UTF8String of 4 upper-case hex digits', () => {
    expect(dac.subject.text).toBe('CN=Matter Test DAC 0001, VID=FFF1, PID=8000');
    expect(hex(dac.subject.der)).toBe(
      '304b' +
        `311d301b0603550403${'0c14'}${hex(new TextEncoder().encode('Matter Test DAC 0001'))}` + // SET { CN UTF8String }
        '31143012060a2b0601040182a27c02010c0446464631' + // SET { VID UTF8String "FFF1" }
        '31143012060a2b0601040182a27c02020c0438303030', // SET { PID UTF8String "8000" }
    );
  });

  it('issuer is the PAI subject, byte for byte', () => {
    expect(dac.issuer.der).toEqual(pidScoped.pai.parsed.subject.der);
  });

  it('extensions basicConstraints, keyUsage, SKID, AKID with the SDK encodings', () => {
    expect(dac.extensions.map((extension) => [extension.oid, extension.critical, hex(extension.value)])).toEqual([
      [OID.basicConstraints, true, '3000'],
      [OID.keyUsage, true, '03020780'],
      [OID.subjectKeyIdentifier, false, `0414${issued.subjectKeyId.toLowerCase()}`],
      [OID.authorityKeyIdentifier, false, `30168014${pidScoped.pai.subjectKeyId.toLowerCase()}`],
    ]);
    expect(issued.subjectKeyId).toBe(Buffer.from(computeKeyIdentifier(dac.publicKey.point)).toString('hex').toUpperCase());
    expect(readAuthorityKeyId(dac)).toEqual(pidScoped.issuer.subjectKeyId);
  });

  it('notBefore is now in whole seconds (UTCTime), notAfter 9999-12-31T23:59:59Z (GeneralizedTime)', () => {
    expect(dac.notBefore.toISOString()).toBe('2025-03-01T12:34:56.000Z');
    expect(dac.notAfter).toEqual(NO_EXPIRY);
    expect(der).toContain('170d3235303330313132333435365a'); // UTCTime 250301123456Z
    expect(der).toContain('180f39393939313233313233353935395a'); // GeneralizedTime 99991231235959Z
  });

  it('serial: positive, 16 bytes by default, from the injected random source', () => {
    expect(issued.serialNumber).toBe(`6B${'AB'.repeat(15)}`);
    expect(dac.serialNumber).toHaveLength(16);
  });

  it('the private key written for a fresh key pair belongs to the certificate', () => {
    const key = unwrap(parsePrivateKey(new TextEncoder().encode(issued.privateKeyPem ?? '')));
    expect(key.point).toEqual(dac.publicKey.point);
    expect(issued.privateKeyPem).toMatch(/^-----BEGIN EC PRIVATE KEY-----/);
  });

  it('Node\'s own X.509 reader (OpenSSL) agrees: issued by the PAI, signature valid, not a CA', () => {
    const node = nodeX509(issued.certificate);
    const paiNode = nodeX509(pidScoped.pai.certificate);
    expect(node.checkIssued(paiNode)).toBe(true);
    expect(node.verify(paiNode.publicKey)).toBe(true);
    expect(node.ca).toBe(false);
    expect(node.serialNumber).toBe(issued.serialNumber);
  });
});

describe('issueDac: serials are random, lengths within 8–20 bytes', () => {
  it('draws a different serial each time by default', () => {
    const serials = new Set(Array.from({ length: 20 }, () => unwrap(issueDac(vidScoped.issuer, { vendorId: 0xfff1, productId: 1, now: T0 })).serialNumber));
    expect(serials.size).toBe(20);
  });

  it('accepts 8 and 20 bytes, refuses 7 and 21', () => {
    for (const serialLength of [8, 20]) {
      const issued = unwrap(issueDac(vidScoped.issuer, { vendorId: 0xfff1, productId: 1, now: T0, serialLength }));
      expect(issued.serialNumber).toHaveLength(serialLength * 2);
      expect(Number.parseInt(issued.serialNumber.slice(0, 2), 16)).toBeLessThan(0x80);
    }
    for (const serialLength of [7, 21]) {
      expect(issueDac(vidScoped.issuer, { vendorId: 0xfff1, productId: 1, now: T0, serialLength })).toMatchObject({ ok: false, error: { code: 'DAC_REQUEST_INVALID' } });
    }
  });
});

describe('issueDac: refusals', () => {
  const request = { vendorId: 0xfff1, productId: 0x8000, now: T0 };

  it('a VID outside the PAI\'s scope', () => {
    const refused = issueDac(vidScoped.issuer, { ...request, vendorId: 0xfff2 });
    expect(refused.ok || refused.error).toMatchObject({ code: 'DAC_SCOPE_MISMATCH', detail: 'requested VID FFF2 PID 8000; the PAI covers VID FFF1, any PID' });
  });

  it('a PID outside a product-scoped PAI', () => {
    const refused = issueDac(pidScoped.issuer, { ...request, productId: 0x8001 });
    expect(refused.ok || refused.error).toMatchObject({ code: 'DAC_SCOPE_MISMATCH', detail: 'requested VID FFF1 PID 8001; the PAI covers VID FFF1, PID 8000' });
  });

  it.each([
    ['VID 0', { vendorId: 0 }],
    ['VID 0xFFFF', { vendorId: 0xffff }],
    ['PID 0', { productId: 0 }],
    ['PID 0x10000', { productId: 0x10000 }],
    ['a fractional PID', { productId: 1.5 }],
    ['notAfter before notBefore', { notAfter: new Date('2024-01-01T00:00:00Z') }],
    ['notAfter equal to notBefore', { notAfter: T0 }],
    ['an empty common name', { commonName: '' }],
    ['a 65-character common name', { commonName: 'x'.repeat(65) }],
  ])('%s', (_, change) => {
    const refused = issueDac(vidScoped.issuer, { ...request, ...change });
    expect(refused.ok || refused.error.code).toBe('DAC_REQUEST_INVALID');
  });

  it('a PAI that is not valid at the moment of issuing', () => {
    const expired = makeHierarchy({ vendorId: 0xfff1, notBefore: ISSUED_FROM, notAfter: new Date('2024-12-31T00:00:00Z') });
    const refused = issueDac(expired.issuer, request);
    expect(refused.ok || refused.error).toMatchObject({ code: 'DAC_ISSUER_INVALID', detail: expect.stringMatching(/not at 2025-03-01/) });
  });
});

describe('prepareDacIssuer', () => {
  const text = (value: string) => new TextEncoder().encode(value);

  it('accepts the PAI with its key in PEM (SEC1 or PKCS#8) and DER', () => {
    const { pai } = pidScoped;
    const pkcs8Pem = pai.key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const sec1Der = new Uint8Array(pai.key.privateKey.export({ type: 'sec1', format: 'der' }));
    for (const key of [text(pai.privateKeyPem), text(pkcs8Pem), sec1Der]) {
      const issuer = unwrap(prepareDacIssuer(pai.certificate, key));
      expect(issuer).toMatchObject({ vendorId: 0xfff1, productId: 0x8000 });
    }
  });

  it('refuses a key that is not the PAI\'s', () => {
    const refused = prepareDacIssuer(pidScoped.pai.certificate, text(vidScoped.pai.privateKeyPem));
    expect(refused.ok || refused.error).toMatchObject({ code: 'KEY_MISMATCH', detail: expect.stringContaining(vidScoped.pai.subjectKeyId) });
  });

  it('refuses a certificate that is not a PAI (a PAA, a DAC)', () => {
    const paa = prepareDacIssuer(pidScoped.paa.certificate, text(pidScoped.paa.privateKeyPem));
    expect(paa.ok || paa.error).toMatchObject({ code: 'DAC_ISSUER_INVALID', detail: expect.stringMatching(/PAI: basicConstraints is CA:TRUE, pathLen 1/) });
    const dac = unwrap(issueDac(pidScoped.issuer, { vendorId: 0xfff1, productId: 0x8000, now: T0 }));
    const asIssuer = prepareDacIssuer(dac.certificate, text(dac.privateKeyPem ?? ''));
    expect(asIssuer.ok || asIssuer.error.code).toBe('DAC_ISSUER_INVALID');
  });

  it('refuses unreadable and non-P-256 keys', () => {
    const cert = pidScoped.pai.certificate;
    const garbage = prepareDacIssuer(cert, text('garbage'));
    expect(garbage.ok || garbage.error.code).toBe('KEY_MALFORMED');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    expect(prepareDacIssuer(cert, text(p384))).toMatchObject({ ok: false, error: { code: 'KEY_NOT_P256', detail: 'it is a ec key on secp384r1' } });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(prepareDacIssuer(cert, text(rsa))).toMatchObject({ ok: false, error: { code: 'KEY_NOT_P256', detail: 'it is a rsa key of 2048 bits' } });
    const encrypted = pidScoped.pai.key.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();
    expect(prepareDacIssuer(cert, text(encrypted))).toMatchObject({ ok: false, error: { code: 'KEY_MALFORMED', detail: expect.stringMatching(/encrypted/) } });
    expect(prepareDacIssuer(cert, text(pidScoped.pai.certificatePem))).toMatchObject({ ok: false, error: { code: 'KEY_MALFORMED' } });
  });
});

describe('issue → verify round trip over random VID/PID (property style)', () => {
  // A small deterministic generator so a failure can be replayed.
  let seed = 20250301;
  const next = (limit: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % limit;
  };

  it('fresh keys and CSRs, VID- and PID-scoped PAIs: every issued DAC verifies with its VID/PID', async () => {
    for (let round = 0; round < 24; round += 1) {
      const vendorId = 1 + next(0xfffe);
      const productId = 1 + next(0xffff);
      const paa = createTestPaa({ notBefore: ISSUED_FROM, vendorId: round % 3 === 0 ? vendorId : undefined });
      const pai = createPai(paa, { notBefore: ISSUED_FROM, vendorId, productId: round % 2 === 0 ? productId : undefined });
      const issuer = unwrap(prepareDacIssuer(pai.certificate, new TextEncoder().encode(pai.privateKeyPem)));
      const useCsr = round % 2 === 1;
      const deviceKey = csrKey({ kind: 'p256' });
      const issued = unwrap(issueDac(issuer, { vendorId, productId, now: T0, csr: useCsr ? buildCsr(deviceKey) : undefined }));

      const verdict = await verifyAttestation({ dac: issued.certificate, pai: pai.certificate, paa: paa.certificate, now: T0 });
      expect(verdict, `round ${round}: VID ${vendorId} PID ${productId}`).toEqual({ valid: true, vendorId, productId, problems: [] });
      if (useCsr) {
        expect(issued.privateKeyPem).toBeNull();
        const spki = new Uint8Array(createPublicKey(deviceKey).export({ type: 'spki', format: 'der' }));
        expect(unwrap(parseCertificateDer(issued.certificate)).publicKey.spki).toEqual(spki);
      }
      // Outside the scope: another vendor always, another product when the PAI names one.
      expect(issueDac(issuer, { vendorId: vendorId === 1 ? 2 : vendorId - 1, productId, now: T0 })).toMatchObject({ ok: false, error: { code: 'DAC_SCOPE_MISMATCH' } });
      if (round % 2 === 0) {
        expect(issueDac(issuer, { vendorId, productId: productId === 1 ? 2 : productId - 1, now: T0 })).toMatchObject({ ok: false, error: { code: 'DAC_SCOPE_MISMATCH' } });
      }
    }
  });
});
