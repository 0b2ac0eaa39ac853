// Round trips: what the writers put in a region, the reader gives back, for random values of the
// sizes Matter factory data has, for values that must be fragmented, and for regions whose keys were
// deleted and rewritten (rebuild, and appends as the firmware does them).
import { describe, expect, it } from 'vitest';
import type { Nvm3Contents, Nvm3Entry, NvmGeometry } from '../../../main/silabs/nvm3';
import { appendNvm3, counterBody, encodePageHeader, mg24Nvm3Geometry, readNvm3, rebuildNvm3, writeNvm3 } from '../../../main/silabs/nvm3';
import { seededRandom, type TestRandom } from '../../support/seededRandom';

// mulberry32: the same seed gives the same cases on every run.
type Random = TestRandom;

/** Sizes as Matter factory data has them: integers, names, base64 salt and verifier, bitset, blobs. */
function realisticSize(random: Random): number {
  const sizes = [0, 1, 2, 2, 4, 4, 11, 16, 10, 24, 32, 44, 64, 132, 120, 121, 240, 480, 600];
  return random.int(10) === 0 ? random.int(1500) : sizes[random.int(sizes.length)]!;
}

function randomKey(random: Random): number {
  return random.int(4) === 0 ? random.int(0x10_0000) : 0x87200 + random.int(0x40);
}

function readOk(image: Uint8Array, geometry: NvmGeometry = mg24Nvm3Geometry): Nvm3Contents {
  const read = readNvm3(image, geometry);
  if (!read.ok) throw new Error(`read failed: ${read.error.code} ${read.error.detail ?? ''}`);
  return read.value;
}

function writeOk(entries: Nvm3Entry[], geometry: NvmGeometry = mg24Nvm3Geometry, eraseCount?: number): Uint8Array {
  const written = writeNvm3(entries, geometry, eraseCount === undefined ? {} : { eraseCount });
  if (!written.ok) throw new Error(`write failed: ${written.error.code} ${written.error.detail ?? ''}`);
  return written.value;
}

/** The values a list of entries leaves: the last write per key, deletes removing it. */
function expectedValues(entries: readonly Nvm3Entry[], start = new Map<number, Uint8Array>()): Map<number, Uint8Array> {
  const model = new Map(start);
  for (const entry of entries) {
    model.delete(entry.key);
    if (entry.type === 'data') model.set(entry.key, entry.value);
    if (entry.type === 'counter') model.set(entry.key, counterBody(entry.value));
  }
  return model;
}

function valuesOf(contents: Nvm3Contents): Map<number, Uint8Array> {
  return new Map([...contents.objects].map(([key, object]) => [key, object.type === 'data' ? object.value : object.raw]));
}

function expectSameValues(actual: Map<number, Uint8Array>, expected: Map<number, Uint8Array>): void {
  expect([...actual.keys()].sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
  for (const [key, value] of expected) expect(Buffer.compare(actual.get(key)!, value), `key 0x${key.toString(16)}`).toBe(0);
}

const smallPages: NvmGeometry = { pageSize: 2048, pageCount: 20, baseAddress: 0x000f_5800 }; // MG12-like

describe('write → read', () => {
  it('gives back every value of 300 random factory-data sets', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const entries: Nvm3Entry[] = [];
      const used = new Set<number>();
      const count = 1 + random.int(40);
      while (entries.length < count) {
        const key = randomKey(random);
        if (used.has(key)) continue;
        used.add(key);
        entries.push({ key, type: 'data', value: random.bytes(realisticSize(random)) });
      }
      const contents = readOk(writeOk(entries));
      expect(contents.warnings, `seed ${seed}`).toEqual([]);
      expectSameValues(valuesOf(contents), expectedValues(entries));
      // Iteration order is write order.
      expect([...contents.objects.keys()]).toEqual(entries.map((entry) => entry.key));
    }
  });

  it('fragments values across pages and reassembles them (8 KiB and 2 KiB pages)', () => {
    for (const geometry of [mg24Nvm3Geometry, smallPages]) {
      const random = seededRandom(geometry.pageSize);
      const entries: Nvm3Entry[] = [];
      for (let i = 0; i < 7; i++) entries.push({ key: 0x87240 + i, type: 'data', value: random.bytes(2000 + random.int(2092)) });
      const contents = readOk(writeOk(entries, geometry), geometry);
      expect(contents.warnings).toEqual([]);
      expectSameValues(valuesOf(contents), expectedValues(entries));
      const fragmented = [...contents.objects.values()].filter((object) => object.fragments > 1);
      expect(fragmented.length).toBeGreaterThan(geometry === smallPages ? 5 : 1);
      if (geometry === smallPages) expect(Math.max(...fragmented.map((object) => object.fragments))).toBeGreaterThanOrEqual(3); // first, next, last
    }
  });

  it('splits a small value that does not fit the rest of a page into a large first and last fragment', () => {
    // 8192-byte pages: one 4092-byte and one 4000-byte value leave 8192 - 20 - 4100 - 4008 = 64 bytes.
    const random = seededRandom(7);
    const entries: Nvm3Entry[] = [
      { key: 1, type: 'data', value: random.bytes(4092) },
      { key: 2, type: 'data', value: random.bytes(4000) },
      { key: 3, type: 'data', value: random.bytes(100) },
    ];
    const image = writeOk(entries);
    const contents = readOk(image);
    const split = contents.objects.get(3)!;
    expect(split).toMatchObject({ large: true, fragments: 2, location: { page: 0, offset: 8128 } });
    // First fragment: large header, 56 bytes (64 free - 8), fragment type 1; last one at page 1 offset 20.
    const view = new DataView(image.buffer);
    expect((view.getUint32(8128, true) >>> 27) & 3).toBe(1);
    expect(view.getUint32(8132, true) & 0x3ff_ffff).toBe(56);
    expect((view.getUint32(8192 + 20, true) >>> 27) & 3).toBe(3);
    expect(view.getUint32(8192 + 24, true) & 0x3ff_ffff).toBe(44);
    expectSameValues(valuesOf(contents), expectedValues(entries));
  });

  it('moves a small value whole to the next page when 8 bytes or less are left', () => {
    // 4092 + 4056 bytes of values leave 8192 - 20 - 4100 - 4064 = 8 bytes: too few for a fragment.
    const random = seededRandom(8);
    const entries: Nvm3Entry[] = [
      { key: 1, type: 'data', value: random.bytes(4092) },
      { key: 2, type: 'data', value: random.bytes(4056) },
      { key: 3, type: 'data', value: random.bytes(6) },
    ];
    const contents = readOk(writeOk(entries));
    expect(contents.objects.get(3)).toMatchObject({ large: false, fragments: 1, location: { page: 1, offset: 20 } });
    expect(contents.pages[0]!.freeBytes).toBe(8);
  });

  it('returns the newest copy of rewritten keys and drops deleted ones', () => {
    const random = seededRandom(9);
    const entries: Nvm3Entry[] = [];
    for (let i = 0; i < 60; i++) {
      const key = 0x87200 + random.int(12);
      entries.push(random.int(5) === 0 ? { key, type: 'deleted' } : { key, type: 'data', value: random.bytes(realisticSize(random) % 700) });
    }
    const contents = readOk(writeOk(entries));
    expectSameValues(valuesOf(contents), expectedValues(entries));
    const lastWrite = new Map(entries.map((entry) => [entry.key, entry.type]));
    expect(contents.deletedKeys.length).toBeGreaterThan(0);
    expect([...contents.deletedKeys].sort()).toEqual([...lastWrite].filter(([, type]) => type === 'deleted').map(([key]) => key).sort());
  });

  it('writes counters as a large counter object whose raw body is the base word and erased increments', () => {
    const contents = readOk(writeOk([{ key: 0x87400, type: 'counter', value: 0x1234_5678 }]));
    const counter = contents.objects.get(0x87400)!;
    expect(counter.type).toBe('counter');
    if (counter.type !== 'counter') return;
    expect(counter.large).toBe(true);
    expect(counter.raw.length).toBe(204);
    expect([...counter.raw.subarray(0, 6)]).toEqual([0x78, 0x56, 0x34, 0x12, 0xff, 0xff]);
  });

  it('refuses what the firmware would refuse', () => {
    expect(writeNvm3([{ key: 0x10_0000, type: 'data', value: new Uint8Array(1) }], mg24Nvm3Geometry)).toMatchObject({ ok: false, error: { code: 'NVM3_KEY_INVALID' } });
    expect(writeNvm3([{ key: 1, type: 'data', value: new Uint8Array(4093) }], mg24Nvm3Geometry)).toMatchObject({ ok: false, error: { code: 'NVM3_VALUE_TOO_LARGE' } });
    expect(writeNvm3([{ key: 1, type: 'counter', value: -1 }], mg24Nvm3Geometry)).toMatchObject({ ok: false, error: { code: 'NVM3_OPTION_INVALID' } });
    expect(writeNvm3([], mg24Nvm3Geometry, { eraseCount: 2 ** 27 })).toMatchObject({ ok: false, error: { code: 'NVM3_OPTION_INVALID' } });
    expect(writeNvm3([], { ...mg24Nvm3Geometry, pageSize: 1000 })).toMatchObject({ ok: false, error: { code: 'NVM3_GEOMETRY_INVALID' } });
    expect(writeNvm3([], { ...mg24Nvm3Geometry, h5Word: 0xffff7800 })).toMatchObject({ ok: false, error: { code: 'NVM3_GEOMETRY_INVALID' } });
    // Four 4 KiB values fill two of five pages; a fourth page in use leaves fewer than the two empty pages the firmware needs.
    const big = Array.from({ length: 6 }, (_, i): Nvm3Entry => ({ key: i, type: 'data', value: new Uint8Array(4092) }));
    expect(writeNvm3(big.slice(0, 4), mg24Nvm3Geometry).ok).toBe(true);
    expect(writeNvm3(big, mg24Nvm3Geometry)).toMatchObject({ ok: false, error: { code: 'NVM3_REGION_FULL' } });
  });
});

describe('rebuild', () => {
  /** A region whose FIFO starts at page 2: pages 0-1 were erased once more than pages 2-4. */
  function wornRegion(entries: Nvm3Entry[]): Uint8Array {
    const image = new Uint8Array(5 * 8192).fill(0xff);
    [4, 4, 3, 3, 3].forEach((count, page) => image.set(encodePageHeader(count, 0xffff9800), page * 8192));
    const appended = appendNvm3(image, entries, mg24Nvm3Geometry, { skipUnchanged: false });
    if (!appended.ok) throw new Error(appended.error.detail);
    return appended.value.image;
  }

  it('keeps every page\'s erase count, lays objects out from the FIFO start, and applies the changes', () => {
    const random = seededRandom(11);
    const history: Nvm3Entry[] = [];
    for (let i = 0; i < 80; i++) {
      const key = 0x87200 + random.int(20);
      history.push(random.int(6) === 0 ? { key, type: 'deleted' } : { key, type: 'data', value: random.bytes(realisticSize(random) % 400) });
    }
    const existing = wornRegion(history);
    const before = readOk(existing);
    expect(before.fifoStartPage).toBe(2);
    const changes: Nvm3Entry[] = [
      { key: 0x87201, type: 'data', value: random.bytes(3000) },
      { key: 0x87202, type: 'deleted' },
      { key: 0x87300, type: 'data', value: Uint8Array.of(1, 2) },
      { key: 0x87301, type: 'counter', value: 7 },
    ];
    const rebuilt = rebuildNvm3(existing, changes, mg24Nvm3Geometry);
    expect(rebuilt.ok).toBe(true);
    if (!rebuilt.ok) return;
    const after = readOk(rebuilt.value);
    expect(after.warnings).toEqual([]);
    expect(after.pages.map((page) => page.eraseCount)).toEqual([4, 4, 3, 3, 3]);
    expect(after.fifoStartPage).toBe(2);
    expect(after.ring).toEqual([2, 3, 4, 0, 1]);
    expectSameValues(valuesOf(after), expectedValues(changes, valuesOf(before)));
    // Compacted: one copy per key, nothing deleted left behind, objects start in page 2.
    expect(after.deletedKeys).toEqual([]);
    expect(Math.min(...[...after.objects.values()].map((object) => object.sequence))).toBe(0);
    expect([...after.objects.values()][0]!.location).toMatchObject({ page: 2, offset: 20 });
    const fragments = [...after.objects.values()].reduce((sum, object) => sum + object.fragments, 0);
    expect(after.pages.reduce((sum, page) => sum + page.objectHeaders, 0)).toBe(fragments);
  });

  it('copies bad pages as they are, formats erased ones, and refuses unreadable input', () => {
    const image = writeOk([{ key: 5, type: 'data', value: Uint8Array.of(5) }]);
    image.fill(0xff, 3 * 8192, 4 * 8192); // page 3 erased
    image.set(Uint8Array.of(0xff, 0xff, 0x00, 0x00), 4 * 8192 + 12); // page 4 marked bad
    image[4 * 8192 + 100] = 0x42;
    const before = readOk(image);
    expect(before.warnings.map((warning) => warning.code)).toEqual(['page-erased', 'page-bad']);
    const rebuilt = rebuildNvm3(image, [{ key: 6, type: 'data', value: Uint8Array.of(6) }], mg24Nvm3Geometry);
    expect(rebuilt.ok).toBe(true);
    if (!rebuilt.ok) return;
    expect(Buffer.compare(rebuilt.value.subarray(4 * 8192), image.subarray(4 * 8192))).toBe(0);
    const after = readOk(rebuilt.value);
    expect(after.pages.map((page) => page.state)).toEqual(['good', 'good', 'good', 'good', 'bad']);
    expect(after.pages[3]!.eraseCount).toBe(1);
    expectSameValues(valuesOf(after), new Map([[5, Uint8Array.of(5)], [6, Uint8Array.of(6)]]));
    expect(rebuildNvm3(new Uint8Array(5 * 8192).fill(0xff), [], mg24Nvm3Geometry)).toMatchObject({ ok: false, error: { code: 'NVM3_NO_VALID_PAGES' } });
  });
});

describe('append (what the firmware does on each write)', () => {
  it('returns the newest value after ~800 writes, repacking and wrapping the FIFO', () => {
    const random = seededRandom(12);
    let image = writeOk([]);
    let model = new Map<number, Uint8Array>();
    let repacks = 0;
    for (let batch = 0; batch < 120; batch++) {
      const entries: Nvm3Entry[] = [];
      for (let i = 0; i < 1 + random.int(12); i++) {
        const key = 0x87200 + random.int(24);
        const size = random.int(8) === 0 ? 1000 + random.int(3000) : realisticSize(random) % 500;
        entries.push(random.int(7) === 0 ? { key, type: 'deleted' } : { key, type: 'data', value: random.bytes(size) });
      }
      const appended = appendNvm3(image, entries, mg24Nvm3Geometry);
      if (!appended.ok) throw new Error(`batch ${batch}: ${appended.error.code} ${appended.error.detail ?? ''}`);
      image = appended.value.image;
      repacks += appended.value.repackedPages;
      model = expectedValues(entries, model);
      const contents = readOk(image);
      expectSameValues(valuesOf(contents), model);
      // Orphan fragments are what a repack leaves behind; nothing else may go wrong.
      expect(contents.warnings.filter((warning) => warning.code !== 'fragment-orphan'), `batch ${batch}`).toEqual([]);
      const counts = contents.pages.map((page) => page.eraseCount!);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(repacks).toBeGreaterThan(20);
    const counts = readOk(image).pages.map((page) => page.eraseCount!);
    expect(Math.min(...counts)).toBeGreaterThan(3);
  });

  it('skips writes that change nothing, as the firmware does, and appends otherwise', () => {
    const image = writeOk([{ key: 1, type: 'data', value: Uint8Array.of(1) }]);
    const same = appendNvm3(image, [{ key: 1, type: 'data', value: Uint8Array.of(1) }, { key: 2, type: 'deleted' }], mg24Nvm3Geometry);
    expect(same).toMatchObject({ ok: true, value: { written: 0, skipped: 2 } });
    if (same.ok) expect(Buffer.compare(same.value.image, image)).toBe(0);
    const forced = appendNvm3(image, [{ key: 1, type: 'data', value: Uint8Array.of(1) }], mg24Nvm3Geometry, { skipUnchanged: false });
    expect(forced).toMatchObject({ ok: true, value: { written: 1, skipped: 0 } });
    if (forced.ok) expect(readOk(forced.value.image).pages[0]!.objectHeaders).toBe(2);
    expect(appendNvm3(image, [{ key: 1, type: 'counter', value: 1 }], mg24Nvm3Geometry)).toMatchObject({ ok: false, error: { code: 'NVM3_NOT_A_COUNTER' } });
    // The input image is never changed.
    expect(readOk(image).pages[0]!.objectHeaders).toBe(1);
  });

  it('refuses a region whose erase counts the firmware would refuse', () => {
    const image = writeOk([]);
    image.set(encodePageHeader(5, 0xffff9800), 8192);
    expect(appendNvm3(image, [{ key: 1, type: 'data', value: Uint8Array.of(1) }], mg24Nvm3Geometry)).toMatchObject({
      ok: false,
      error: { code: 'NVM3_ERASE_COUNTS_INCONSISTENT' },
    });
    expect(readOk(image).warnings.map((warning) => warning.code)).toContain('erase-count-spread');
  });
});
