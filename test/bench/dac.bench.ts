// npm run bench: DAC issuance and attestation verification per second. Printed, never asserted.
// (SPAKE2+ verifiers and onboarding codes are in matter.bench.ts.)
import { bench, describe } from 'vitest';
import { verifyAttestation } from '../../main/matter/attestation';
import { createPai, createTestPaa, issueDac, testPaiIssuer } from '../../main/matter/dac';
import { buildCsr, csrKey } from '../unit/matter/attestationFixtures';

const now = new Date('2025-03-01T00:00:00Z');
const paa = createTestPaa({ notBefore: new Date('2024-01-01T00:00:00Z'), vendorId: 0xfff1 });
const pai = createPai(paa, { notBefore: new Date('2024-01-01T00:00:00Z'), vendorId: 0xfff1, productId: 0x8000 });
const issuerResult = testPaiIssuer(pai);
if (!issuerResult.ok) throw new Error(issuerResult.error.code);
const issuer = issuerResult.value;
const csr = buildCsr(csrKey({ kind: 'p256' }));
const sample = issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now });
if (!sample.ok) throw new Error(sample.error.code);

describe('DAC issuance (one device)', () => {
  bench('fresh P-256 key pair + DAC', () => {
    if (!issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now }).ok) throw new Error('issue failed');
  });
  bench('DAC for a device CSR (CSR signature checked)', () => {
    if (!issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now, csr }).ok) throw new Error('issue failed');
  });
});

describe('attestation verification (read-back)', () => {
  bench('DAC + PAI against the PAA: profile, chain, time', async () => {
    const verdict = await verifyAttestation({ dac: sample.value.certificate, pai: pai.certificate, paa: paa.certificate, now });
    if (!verdict.valid) throw new Error('verification failed');
  });
});
