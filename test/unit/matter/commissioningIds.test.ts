// Random commissioning identifiers with an injected, deterministic source: passcodes always valid
// and uniform (rejection sampling, no modulo bias), 12-bit discriminators, salts, unique IDs.
import { describe, expect, it } from 'vitest';
import {
  checkRotatingIdUniqueId,
  generateDiscriminator,
  generatePasscode,
  generateRotatingIdUniqueId,
  generateSalt,
  type RandomBytes,
} from '../../../main/matter/commissioningIds';
import { INVALID_PASSCODES, isValidPasscode } from '../../../main/matter/onboarding';
import { seededRandom } from '../../support/seededRandom';

/** A source that returns the given 32-bit big-endian words, one per 4-byte request. */
function words(...values: number[]): RandomBytes {
  let index = 0;
  return (size) => {
    const bytes = new Uint8Array(size);
    new DataView(bytes.buffer).setUint32(0, values[index++ % values.length]!, false);
    return bytes;
  };
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

describe('generatePasscode', () => {
  it('redraws values outside 1..99999998 and on the invalid list instead of folding them (no modulo)', () => {
    expect(unwrap(generatePasscode({ randomBytes: words(0, 11_111_111, 99_999_999, 2 ** 27 - 1, 12_345_678, 42) }))).toBe(42);
    expect(unwrap(generatePasscode({ randomBytes: words(99_999_998) }))).toBe(99_999_998);
    expect(unwrap(generatePasscode({ randomBytes: words(1) }))).toBe(1);
    // Only the low 27 bits are used: the high bits of the draw are ignored.
    expect(unwrap(generatePasscode({ randomBytes: words(0xf800_0000 | 20202021) }))).toBe(20202021);
  });

  it('gives up with a catalogue error when the source never yields a valid value', () => {
    expect(generatePasscode({ randomBytes: words(87_654_321) })).toMatchObject({ ok: false, error: { code: 'ONBOARDING_RANDOM_SOURCE_STUCK' } });
  });

  it('is never invalid and is roughly uniform over 20 bins (seeded source, fixed chi-square bound)', () => {
    const random = seededRandom(0xc0ffee);
    const bins = new Array<number>(20).fill(0);
    const draws = 40_000;
    for (let i = 0; i < draws; i++) {
      const passcode = unwrap(generatePasscode({ randomBytes: random.bytes }));
      expect(isValidPasscode(passcode)).toBe(true);
      bins[Math.floor(((passcode - 1) / 99_999_998) * 20)]! += 1;
    }
    const expected = draws / 20;
    const chiSquare = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: p = 0.001 at 43.8. The source is seeded, so this is a fixed number, not a flaky test.
    expect(chiSquare).toBeLessThan(43.8);
    // A modulo fold of 27 bits (2^27 mod 99 999 998 = 34 217 730) would put ~2× as many draws in the low third.
    expect(Math.min(...bins) / Math.max(...bins)).toBeGreaterThan(0.9);
  });

  it('defaults to the operating system CSPRNG', () => {
    for (let i = 0; i < 100; i++) expect(INVALID_PASSCODES).not.toContain(unwrap(generatePasscode()));
  });
});

describe('generateDiscriminator', () => {
  it('uses 12 bits of two bytes', () => {
    expect(generateDiscriminator({ randomBytes: () => Uint8Array.of(0xff, 0xff) })).toBe(0xfff);
    expect(generateDiscriminator({ randomBytes: () => Uint8Array.of(0xa5, 0x3c) })).toBe(0x53c);
  });

  it('covers 0..4095 evenly with a seeded source', () => {
    const random = seededRandom(7);
    const counts = new Array<number>(4096).fill(0);
    for (let i = 0; i < 4096 * 20; i++) counts[generateDiscriminator({ randomBytes: random.bytes })]! += 1;
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(Math.max(...counts)).toBeLessThan(60);
  });
});

describe('generateSalt', () => {
  it('draws 32 bytes by default and 16..32 on request', () => {
    expect(unwrap(generateSalt())).toHaveLength(32);
    expect(unwrap(generateSalt(16))).toHaveLength(16);
    const random = seededRandom(1);
    expect(unwrap(generateSalt(24, { randomBytes: random.bytes }))).toEqual(seededRandom(1).bytes(24));
  });

  it('refuses lengths outside 16..32', () => {
    for (const length of [0, 15, 33, 16.5]) expect(generateSalt(length)).toMatchObject({ ok: false, error: { code: 'SPAKE2P_SALT_LENGTH' } });
  });
});

describe('rotating device ID unique ID', () => {
  it('is 16 random bytes by default', () => {
    const id = unwrap(generateRotatingIdUniqueId({ randomBytes: seededRandom(3).bytes }));
    expect(id).toEqual(seededRandom(3).bytes(16));
  });

  it('is longer only when the firmware takes more', () => {
    expect(generateRotatingIdUniqueId({ length: 32 })).toMatchObject({ ok: false, error: { code: 'UNIQUE_ID_LENGTH_INVALID' } });
    expect(unwrap(generateRotatingIdUniqueId({ length: 32, firmwareLength: 32 }))).toHaveLength(32);
    expect(generateRotatingIdUniqueId({ length: 15 })).toMatchObject({ ok: false, error: { code: 'UNIQUE_ID_LENGTH_INVALID' } });
  });

  it('checks a given unique ID against 16..firmware length', () => {
    expect(checkRotatingIdUniqueId(new Uint8Array(16)).ok).toBe(true);
    expect(checkRotatingIdUniqueId(new Uint8Array(15))).toMatchObject({ ok: false, error: { code: 'UNIQUE_ID_LENGTH_INVALID', detail: expect.stringMatching(/15 bytes/) } });
    expect(checkRotatingIdUniqueId(new Uint8Array(17))).toMatchObject({ ok: false, error: { code: 'UNIQUE_ID_LENGTH_INVALID' } });
    expect(checkRotatingIdUniqueId(new Uint8Array(20), 32).ok).toBe(true);
  });
});
