// Robustness: random bytes and randomly damaged regions never make the reader (or the writers that
// start from a read) throw, and every result it returns is self-consistent. Loops in the reader are
// bounded by construction; here each case must simply come back. More cases: test/bench/nvm3.bench.ts.
import { describe, expect, it } from 'vitest';
import type { Nvm3Contents, Nvm3Entry, NvmGeometry } from '../../../main/silabs/nvm3';
import { appendNvm3, bergerCode, encodePageHeader, readNvm3, rebuildNvm3, writeNvm3 } from '../../../main/silabs/nvm3';
import { seededRandom, type TestRandom } from '../../support/seededRandom';

type Random = TestRandom;

const geometries: NvmGeometry[] = [
  { pageSize: 512, pageCount: 4, baseAddress: 0x1000 },
  { pageSize: 2048, pageCount: 5, baseAddress: 0x000f_5800 },
  { pageSize: 8192, pageCount: 5, baseAddress: 0x0817_4000 },
];
const maxObjectSize = 204; // lets the 512-byte-page regions hold something

/** A header word with a correct Berger code, so the damage reaches the object and fragment logic. */
function plausibleHeader(random: Random): number[] {
  const key = random.int(4) === 0 ? random.int(0x10_0000) : 0x87200 + random.int(8);
  const type = random.int(9);
  if (type <= 1) {
    const oh1 = ((0b111 << 29) | (random.int(4) << 27) | (key << 7) | type) >>> 0;
    const length = random.int(3) === 0 ? random.int(0x400_0000) : random.int(9000);
    const code = bergerCode(oh1, 32) + bergerCode(length, 26);
    return [oh1, ((code << 26) | length) >>> 0];
  }
  const field = (key << 7) | (type === 8 ? 7 + random.int(121) : type);
  return [((bergerCode(field, 27) << 27) | field) >>> 0];
}

function writeWords(image: Uint8Array, at: number, words: number[]): void {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  words.forEach((word, i) => {
    if (at + i * 4 + 4 <= image.length) view.setUint32(at + i * 4, word, true);
  });
}

/** A region with history: a fresh write, then appends with rewrites and deletes (repacks on small regions). */
function realisticRegion(random: Random, geometry: NvmGeometry): Uint8Array {
  const entries: Nvm3Entry[] = [];
  for (let i = random.int(12); i > 0; i--) entries.push({ key: 0x87200 + random.int(10), type: 'data', value: random.bytes(random.int(maxObjectSize + 1)) });
  const fresh = writeNvm3(entries, geometry, { maxObjectSize, eraseCount: random.int(3) });
  if (!fresh.ok) return new Uint8Array(geometry.pageSize * geometry.pageCount).fill(0xff);
  const more: Nvm3Entry[] = [];
  for (let i = random.int(20); i > 0; i--) {
    const key = 0x87200 + random.int(10);
    more.push(random.int(5) === 0 ? { key, type: 'deleted' } : { key, type: 'data', value: random.bytes(random.int(maxObjectSize + 1)) });
  }
  const appended = appendNvm3(fresh.value, more, geometry, { maxObjectSize });
  return appended.ok ? appended.value.image : fresh.value;
}

function damage(random: Random, image: Uint8Array, geometry: NvmGeometry): void {
  for (let n = 1 + random.int(6); n > 0; n--) {
    const at = random.int(image.length);
    switch (random.int(7)) {
      case 0: // flash can only clear bits without an erase
        image[at]! &= ~(1 << random.int(8));
        break;
      case 1:
        image[at] = random.int(256);
        break;
      case 2:
        writeWords(image, at & ~3, plausibleHeader(random));
        break;
      case 3: {
        const page = random.int(geometry.pageCount);
        image.set(encodePageHeader(random.int(6), random.next()), page * geometry.pageSize);
        break;
      }
      case 4: {
        const page = random.int(geometry.pageCount);
        image.fill(0xff, page * geometry.pageSize, page * geometry.pageSize + random.int(geometry.pageSize));
        break;
      }
      case 5: // a valid-looking object right at the start of a page, where fragment chains continue
        writeWords(image, random.int(geometry.pageCount) * geometry.pageSize + 20, plausibleHeader(random));
        break;
      default:
        image.set(random.bytes(1 + random.int(64)), Math.max(0, Math.min(at, image.length - 64)));
    }
  }
}

/** Plain checks (not expect, which is slow over 10 000 cases); the message says which one failed. */
function checkConsistent(contents: Nvm3Contents, geometry: NvmGeometry): void {
  const fail = (what: string) => {
    throw new Error(`inconsistent result: ${what}`);
  };
  if (contents.pages.length !== geometry.pageCount) fail('page count');
  for (const object of contents.objects.values()) {
    if (!contents.ring.includes(object.location.page)) fail(`object 0x${object.key.toString(16)} outside the ring`);
    if (object.fragments < 1) fail('fragments');
    const payload = object.type === 'data' ? object.value : object.raw;
    if (!(payload instanceof Uint8Array)) fail('payload type');
    if (!object.large && payload.length > (object.type === 'data' ? 120 : 204)) fail('small object too long');
  }
  const head = contents.head;
  if (head !== undefined && (!contents.ring.includes(head.page) || head.offset % 4 !== 0 || head.offset < 20 || head.offset >= geometry.pageSize)) fail('head');
  for (const warning of contents.warnings) if (typeof warning.message !== 'string' || warning.message === '') fail('warning text');
}

function attempt<T>(label: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`${label} threw: ${String(error)}`, { cause: error });
  }
}

describe('NVM3 reader robustness (seeded)', () => {
  it('never throws on 4 000 random byte strings, with and without planted page headers', () => {
    const random = seededRandom(0x5eed);
    let readable = 0;
    for (let i = 0; i < 4000; i++) {
      const geometry = geometries[random.int(2)]!;
      const size = geometry.pageSize * geometry.pageCount;
      const image = random.int(20) === 0 ? random.bytes(random.int(size * 2)) : random.bytes(size);
      if (random.int(2) === 0) {
        for (let page = 0; page < geometry.pageCount; page++) {
          if (random.int(3) > 0 && image.length >= size) image.set(encodePageHeader(random.int(3), 0xffff0000 | (random.int(2) << 13)), page * geometry.pageSize);
        }
      }
      const result = attempt(`random case ${i}`, () => readNvm3(image, geometry, { maxObjectSize }));
      if (result.ok) {
        readable++;
        checkConsistent(result.value, geometry);
      } else {
        expect(result.error.code).toMatch(/^NVM3_/);
      }
    }
    expect(readable).toBeGreaterThan(1000);
  });

  it('never throws on 8 000 randomly damaged regions; rebuild and append on them return results too', () => {
    const random = seededRandom(0xda3a9e);
    // Regions with history are costly to build (appends repack); damage copies of a pool of them.
    const pool = geometries.flatMap((geometry) => Array.from({ length: 24 }, () => ({ geometry, image: realisticRegion(random, geometry) })));
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 8000; i++) {
      const picked = pool[i % 10 === 0 ? 48 + random.int(24) : random.int(48)]!;
      const geometry = picked.geometry;
      const image = picked.image.slice();
      damage(random, image, geometry);
      const result = attempt(`damaged case ${i}`, () => readNvm3(image, geometry, { maxObjectSize }));
      if (result.ok) {
        checkConsistent(result.value, geometry);
        for (const warning of result.value.warnings) outcomes.set(warning.code, (outcomes.get(warning.code) ?? 0) + 1);
      } else {
        expect(result.error.code).toMatch(/^NVM3_/);
      }
      if (i % 10 === 0) {
        const change: Nvm3Entry[] = [{ key: 0x87201, type: 'data', value: random.bytes(random.int(200)) }];
        const rebuilt = attempt(`rebuild case ${i}`, () => rebuildNvm3(image, change, geometry, { maxObjectSize }));
        if (rebuilt.ok) {
          // A rebuilt region reads back cleanly: only bad pages copied as they were may be reported.
          const reread = readNvm3(rebuilt.value, geometry, { maxObjectSize });
          expect(reread.ok).toBe(true);
          if (reread.ok) {
            checkConsistent(reread.value, geometry);
            expect(reread.value.warnings.filter((warning) => warning.code !== 'page-bad').map((warning) => warning.code)).toEqual([]);
          }
        }
        const appended = attempt(`append case ${i}`, () => appendNvm3(image, change, geometry, { maxObjectSize }));
        if (!appended.ok) expect(appended.error.code).toMatch(/^NVM3_/);
      }
    }
    // The damage reached the interesting paths, not just page headers.
    for (const code of ['object-invalid', 'fragment-chain-broken', 'fragment-orphan', 'data-after-end', 'erase-count-copy-invalid', 'page-invalid']) {
      expect(outcomes.get(code) ?? 0, code).toBeGreaterThan(10);
    }
  });
});
