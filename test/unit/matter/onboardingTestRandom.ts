// A deterministic random source for the onboarding, SPAKE2+ and id tests (mulberry32): the same seed
// gives the same bytes on every run, so property and distribution tests cannot flake.

export function seededRandom(seed: number): { next(): number; int(maxExclusive: number): number; bytes(size: number): Uint8Array } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next,
    /** Uniform enough for test case generation (bias < 2^-32 × max). */
    int: (maxExclusive) => Math.floor((next() / 2 ** 32) * maxExclusive),
    bytes: (size) => {
      const out = new Uint8Array(size);
      for (let i = 0; i < size; i++) out[i] = next() & 0xff;
      return out;
    },
  };
}
