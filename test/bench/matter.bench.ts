// npm run bench: onboarding codes and SPAKE2+ verifiers per second. Printed, never asserted.
// (DAC issuance has its own bench file next to this one.)
import { bench, describe } from 'vitest';
import { generatePasscode } from '../../main/matter/commissioningIds';
import { decodeQrCode, encodeManualCode, encodeQrCode, type SetupPayload } from '../../main/matter/onboarding';
import { computeSpake2pVerifier } from '../../main/matter/spake2p';

const salt = new TextEncoder().encode('SPAKE2P Key Salt');

async function verifier(iterations: number): Promise<void> {
  const result = await computeSpake2pVerifier({ passcode: 20202021, salt, iterations });
  if (!result.ok) throw new Error(result.error.code);
}

describe('SPAKE2+ verifier (PBKDF2 on the libuv thread pool + one P-256 multiplication)', () => {
  bench('1000 iterations', () => verifier(1000));
  bench('100 000 iterations', () => verifier(100_000), { iterations: 20, time: 0 });
  // A station programming four probes at once computes verifiers concurrently; the pool has 4 threads by default.
  bench('4 concurrent at 100 000 iterations (per batch)', () => Promise.all([1, 2, 3, 4].map(() => verifier(100_000))).then(() => undefined), {
    iterations: 10,
    time: 0,
  });
});

describe('onboarding codes', () => {
  let discriminator = 0;
  const payload = (): SetupPayload => ({ version: 0, vendorId: 0xfff1, productId: 0x8000, flow: 0, capabilities: 2, discriminator: discriminator++ & 0xfff, passcode: 20202021 });
  bench('QR + manual code encode', () => {
    const p = payload();
    if (!encodeQrCode(p).ok || !encodeManualCode(p).ok) throw new Error('encode failed');
  });
  bench('QR decode', () => {
    if (!decodeQrCode('MT:Y.K9042C00KA0648G00').ok) throw new Error('decode failed');
  });
  bench('random valid passcode', () => {
    if (!generatePasscode().ok) throw new Error('no passcode');
  });
});
