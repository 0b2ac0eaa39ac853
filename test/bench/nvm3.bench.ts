// npm run bench: NVM3 write/read throughput, and many more damaged-region cases than the unit test
// runs (every iteration of the fuzz benches is a new seeded case; a throw fails the bench).
// Numbers are printed, never asserted.
import { bench, describe } from 'vitest';
import type { Nvm3Entry, NvmGeometry } from '../../main/silabs/nvm3';
import { appendNvm3, bergerCode, encodePageHeader, mg24Nvm3Geometry, readNvm3, writeNvm3 } from '../../main/silabs/nvm3';
import { seededRandom, type TestRandom } from '../support/seededRandom';


function ok<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; detail?: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail ?? ''}`);
  return result.value;
}

const random = seededRandom(42);
// About what a Matter device keeps: 25 factory values, most a few bytes, salt/verifier as base64 text.
const factory: Nvm3Entry[] = Array.from({ length: 25 }, (_, i) => ({ key: 0x87200 + i, type: 'data', value: random.bytes([2, 4, 11, 16, 24, 44, 132][i % 7]!) }));
// Large values that fill three pages and fragment.
const large: Nvm3Entry[] = Array.from({ length: 6 }, (_, i) => ({ key: 0x87300 + i, type: 'data', value: random.bytes(4000) }));

const freshFactory = ok(writeNvm3(factory, mg24Nvm3Geometry));
const freshLarge = ok(writeNvm3(large, mg24Nvm3Geometry));
const worn = (() => {
  let image = ok(writeNvm3(factory, mg24Nvm3Geometry));
  for (let i = 0; i < 400; i++) image = ok(appendNvm3(image, [{ key: 0x87200 + random.int(25), type: 'data', value: random.bytes(random.int(300)) }], mg24Nvm3Geometry)).image;
  return image;
})();

describe('NVM3 throughput (MG24, five 8 KiB pages)', () => {
  bench('write a fresh region with 25 factory values', () => {
    ok(writeNvm3(factory, mg24Nvm3Geometry));
  });
  bench('write a fresh region with 24 KB of fragmented values', () => {
    ok(writeNvm3(large, mg24Nvm3Geometry));
  });
  bench('read the factory-data region', () => {
    ok(readNvm3(freshFactory, mg24Nvm3Geometry));
  });
  bench('read the fragmented region', () => {
    ok(readNvm3(freshLarge, mg24Nvm3Geometry));
  });
  bench('read a worn region (400 rewrites, repacked)', () => {
    ok(readNvm3(worn, mg24Nvm3Geometry));
  });
  let n = 0;
  bench('append one value to the worn region (repacking when the firmware would)', () => {
    ok(appendNvm3(worn, [{ key: 0x87200 + (n++ % 25), type: 'data', value: Uint8Array.of(n & 0xff, n >> 8) }], mg24Nvm3Geometry));
  });
});

const smallGeometry: NvmGeometry = { pageSize: 2048, pageCount: 5, baseAddress: 0 };
const smallBase = ok(writeNvm3(factory.slice(0, 12), smallGeometry, { maxObjectSize: 1024 }));

function plausibleHeader(r: TestRandom): number[] {
  const key = 0x87200 + r.int(8);
  const type = r.int(9);
  if (type <= 1) {
    const oh1 = ((0b111 << 29) | (r.int(4) << 27) | (key << 7) | type) >>> 0;
    const length = r.int(9000);
    return [oh1, (((bergerCode(oh1, 32) + bergerCode(length, 26)) << 26) | length) >>> 0];
  }
  const field = (key << 7) | (type === 8 ? 7 + r.int(121) : type);
  return [((bergerCode(field, 27) << 27) | field) >>> 0];
}

describe('NVM3 reader robustness (more seeded cases)', () => {
  let randomCase = 0;
  bench(
    'random bytes with planted page headers (one new case per iteration)',
    () => {
      const r = seededRandom(0x1000_0000 + randomCase++);
      const image = r.bytes(smallGeometry.pageSize * smallGeometry.pageCount);
      for (let page = 0; page < smallGeometry.pageCount; page++) if (r.int(3) > 0) image.set(encodePageHeader(r.int(3), 0xffff5800), page * smallGeometry.pageSize);
      readNvm3(image, smallGeometry);
    },
    { iterations: 20_000, time: 0 },
  );
  let damagedCase = 0;
  bench(
    'damaged regions (one new case per iteration)',
    () => {
      const r = seededRandom(0x2000_0000 + damagedCase++);
      const image = smallBase.slice();
      const view = new DataView(image.buffer);
      for (let n = 1 + r.int(6); n > 0; n--) {
        const at = r.int(image.length) & ~3;
        if (r.int(2) === 0) {
          image[at]! &= ~(1 << r.int(8)); // a cleared bit, as worn or torn flash shows it
          continue;
        }
        plausibleHeader(r).forEach((word, i) => {
          if (at + i * 4 + 4 <= image.length) view.setUint32(at + i * 4, word, true);
        });
      }
      readNvm3(image, smallGeometry);
    },
    { iterations: 30_000, time: 0 },
  );
});
