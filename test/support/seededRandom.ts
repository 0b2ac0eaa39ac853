// A deterministic random source for property, fuzz and distribution tests and benchmarks
// (mulberry32): the same seed gives the same cases on every run, so they cannot flake.

export interface TestRandom {
  next(): number;
  /** 0 ≤ n < maxExclusive. */
  int(maxExclusive: number): number;
  bytes(size: number): Uint8Array;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function seededRandom(seed: number): TestRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (maxExclusive: number) => Math.floor((next() / 2 ** 32) * maxExclusive);
  return {
    next,
    int,
    bytes: (size) => {
      const out = new Uint8Array(size);
      for (let i = 0; i < size; i++) out[i] = next() & 0xff;
      return out;
    },
    pick: (items) => items[int(items.length)]!,
    chance: (probability) => next() / 2 ** 32 < probability,
  };
}
