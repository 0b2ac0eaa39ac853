// Device CSRs: only a PKCS#10 request for an EC P-256 key, signed by that key with
// ecdsa-with-SHA256, becomes a DAC; everything else is refused with a CSR_* code.
import { describe, expect, it } from 'vitest';
import { parseDeviceCsr, issueDac } from '../../../main/matter/dac';
import { computeKeyIdentifier } from '../../../main/matter/certificates';
import { buildCsr, csrKey, csrPem, makeHierarchy, T0 } from './attestationFixtures';

const { issuer, pai } = makeHierarchy({ vendorId: 0xfff1 });

function refusedWith(csr: Uint8Array): { code: string; detail: string } {
  const parsed = parseDeviceCsr(csr);
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return { code: '', detail: '' };
  // issueDac gives the same refusal and issues nothing.
  const issued = issueDac(issuer, { vendorId: 0xfff1, productId: 1, now: T0, csr });
  expect(issued.ok || issued.error.code).toBe(parsed.error.code);
  return { code: parsed.error.code, detail: parsed.error.detail ?? '' };
}

describe('parseDeviceCsr', () => {
  it('accepts a P-256 CSR, DER or PEM, and gives the key the DAC will certify', () => {
    const der = buildCsr(csrKey({ kind: 'p256' }));
    const fromDer = parseDeviceCsr(der);
    const fromPem = parseDeviceCsr(new TextEncoder().encode(csrPem(der)));
    expect(fromDer.ok && fromPem.ok).toBe(true);
    if (!fromDer.ok || !fromPem.ok) return;
    expect(fromPem.value).toEqual(fromDer.value);
    expect(fromDer.value.point).toHaveLength(65);
    expect(fromDer.value.keyId).toEqual(computeKeyIdentifier(fromDer.value.point));
  });

  it('refuses a CSR whose signature was tampered with', () => {
    expect(refusedWith(buildCsr(csrKey({ kind: 'p256' }), { tamper: 'signature' }))).toEqual({ code: 'CSR_SIGNATURE_INVALID', detail: expect.stringMatching(/signature/) });
  });

  it('refuses a CSR whose contents changed after signing', () => {
    expect(refusedWith(buildCsr(csrKey({ kind: 'p256' }), { tamper: 'subject' })).code).toBe('CSR_SIGNATURE_INVALID');
  });

  it.each([
    ['rsa', 'the key is RSA'],
    ['p384', 'the EC key is on P-384 (secp384r1)'],
    ['secp256k1', 'the EC key is on secp256k1'],
  ] as const)('refuses a %s key', (kind, detail) => {
    expect(refusedWith(buildCsr(csrKey({ kind })))).toEqual({ code: 'CSR_KEY_UNSUPPORTED', detail });
  });

  it('refuses a P-256 CSR signed with SHA-1', () => {
    expect(refusedWith(buildCsr(csrKey({ kind: 'p256' }), { signatureOid: '1.2.840.10045.4.1', digest: 'sha1' }))).toEqual({
      code: 'CSR_SIGNATURE_INVALID',
      detail: 'signed with ecdsa-with-SHA1; only ecdsa-with-SHA256 is accepted',
    });
  });

  it('refuses garbage, truncation, trailing bytes and a certificate given as a CSR', () => {
    const good = buildCsr(csrKey({ kind: 'p256' }));
    expect(refusedWith(new TextEncoder().encode('not a csr'))).toMatchObject({ code: 'CSR_MALFORMED', detail: expect.stringMatching(/neither PEM .* nor DER/) });
    expect(refusedWith(good.slice(0, good.length - 10))).toMatchObject({ code: 'CSR_MALFORMED', detail: expect.stringMatching(/truncated/) });
    expect(refusedWith(new Uint8Array([...good, 0]))).toMatchObject({ code: 'CSR_MALFORMED', detail: '1 unexpected byte follows the request' });
    expect(refusedWith(new TextEncoder().encode(pai.certificatePem))).toMatchObject({ code: 'CSR_MALFORMED', detail: expect.stringMatching(/holds CERTIFICATE but no "CERTIFICATE REQUEST"/) });
    expect(refusedWith(pai.certificate).code).toBe('CSR_MALFORMED');
  });

  it('never throws on damaged CSRs', () => {
    const good = buildCsr(csrKey({ kind: 'p256' }));
    for (let index = 0; index < good.length; index += 3) {
      const damaged = good.slice();
      damaged[index] = (damaged[index] as number) ^ 0x5a;
      const parsed = parseDeviceCsr(damaged);
      if (!parsed.ok) expect(parsed.error.code).toMatch(/^CSR_/);
    }
  });
});
