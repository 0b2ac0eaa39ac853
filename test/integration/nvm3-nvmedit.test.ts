// Interoperability with an independent NVM3 implementation: Z-Wave JS's @zwave-js/nvmedit (MIT, a
// dev dependency used only here). It reads the regions Matterline writes, and Matterline reads the
// regions it writes, with the same keys and values.
//
// Only nvmedit's public API is used: the NVM3 class over an in-memory NVMIO. Two things of nvmedit
// shape the test (nvm3-and-peers.md A.4):
//  - Opening existing bytes, it splits the pages into a Z-Wave "application" part (offset < 0x3000)
//    and a "protocol" part unless its 800-series version file (key 0x41000) is present. NVM3 itself
//    has one ring, so nvmedit is asked for values through NVM3.get(key, section) with one section
//    holding all its parsed pages, its current page chosen by its own rule (the last page with the
//    highest erase count that holds objects).
//  - When it writes, the first fragment of a split value stops 20 bytes before its page end (its
//    free-space count subtracts the page header twice). Silicon Labs firmware looks for the next
//    fragment right after it and would drop the value; Matterline's reader accepts it with a
//    'fragment-gap' warning, and the test expects exactly those warnings.
import { NVM3, NVMAccess } from '@zwave-js/nvmedit';
import type { NVMIO } from '@zwave-js/nvmedit';
import { describe, expect, it, vi } from 'vitest';
import type { Nvm3Contents, Nvm3Entry, NvmGeometry } from '../../main/silabs/nvm3';
import { appendNvm3, mg24Nvm3Geometry, readNvm3, rebuildNvm3, writeNvm3 } from '../../main/silabs/nvm3';
import { seededRandom, type TestRandom } from '../support/seededRandom';

class MemoryIO implements NVMIO {
  constructor(readonly bytes: Uint8Array<ArrayBuffer>) {}
  open(): Promise<NVMAccess> {
    return Promise.resolve(NVMAccess.ReadWrite);
  }
  get size(): number {
    return this.bytes.length;
  }
  get accessMode(): NVMAccess {
    return NVMAccess.ReadWrite;
  }
  determineChunkSize(): Promise<number> {
    return Promise.resolve(this.bytes.length);
  }
  read(offset: number, length: number) {
    return Promise.resolve({ buffer: this.bytes.subarray(offset, offset + length), endOfFile: offset + length >= this.bytes.length });
  }
  write(offset: number, data: Uint8Array) {
    if (offset + data.length > this.bytes.length) throw new RangeError('write past the end of the NVM');
    this.bytes.set(data, offset);
    return Promise.resolve({ bytesWritten: data.length, endOfFile: offset + data.length >= this.bytes.length });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}


const u16 = (value: number) => Uint8Array.of(value & 0xff, value >>> 8);
const u32 = (value: number) => Uint8Array.of(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24);
const text = (value: string) => new TextEncoder().encode(value);

/** Matter factory data as Silicon Labs firmware stores it (silabs-provisioning.md §2.2-2.3). */
function factoryData(random: TestRandom): Nvm3Entry[] {
  const values: [number, Uint8Array][] = [
    [0x87200, text(`SN-${random.int(1e9)}`)],
    [0x87204, text('2025-06-30')],
    [0x87205, random.bytes(11)],
    [0x87207, u16(random.int(0x1000))],
    [0x87208, u32(1000 + random.int(99_000))],
    [0x87209, text(Buffer.from(random.bytes(32)).toString('base64'))],
    [0x8720a, text(Buffer.from(random.bytes(97)).toString('base64'))],
    [0x8720b, u16(0x8000)],
    [0x8720c, u16(0xfff1)],
    [0x8720d, text('Matterline Test Vendor')],
    [0x8720e, text('Matterline Test Light')],
    [0x8720f, text('rev B')],
    [0x87218, u16(2)],
    [0x8721f, random.bytes(16)],
    [0x87220, u32(2)],
    [0x87221, u32(0x0817_e000)],
    [0x87222, u32(0)],
    [0x87223, u32(470)],
    [0x87224, u32(512)],
    [0x87225, u32(460)],
    [0x87226, u32(1024)],
    [0x87227, u32(242)],
  ];
  return values.map(([key, value]) => ({ key, type: 'data', value }));
}

/** What nvmedit sees: every page it parsed, one section, and its values by key. */
async function openWithNvmedit(bytes: Uint8Array) {
  const nvm = new NVM3(new MemoryIO(new Uint8Array(bytes)));
  const info = await nvm.init();
  const pages = Object.values(info.sections)
    .flatMap((section) => section.pages)
    .sort((a, b) => a.offset - b.offset);
  const maxErase = Math.max(...pages.map((page) => page.eraseCount));
  let currentPage = pages.findLastIndex((page) => page.eraseCount === maxErase && page.objects.length > 0);
  if (currentPage < 0) currentPage = Math.max(0, pages.findLastIndex((page) => page.objects.length > 0));
  const section: Parameters<NVM3['get']>[1] = { pages, currentPage, offsetInPage: 0, objectLocations: new Map() };
  return { pages, get: (key: number) => nvm.get(key, section) };
}

function readOk(bytes: Uint8Array, geometry: NvmGeometry = mg24Nvm3Geometry): Nvm3Contents {
  const read = readNvm3(bytes, geometry);
  if (!read.ok) throw new Error(`${read.error.code}: ${read.error.detail ?? ''}`);
  return read.value;
}

function model(entries: readonly Nvm3Entry[]): Map<number, Uint8Array> {
  const values = new Map<number, Uint8Array>();
  for (const entry of entries) {
    if (entry.type === 'data') values.set(entry.key, entry.value);
    else values.delete(entry.key);
  }
  return values;
}

function dataOf(contents: Nvm3Contents): Map<number, Uint8Array> {
  return new Map([...contents.objects].flatMap(([key, object]) => (object.type === 'data' ? [[key, object.value] as const] : [])));
}

describe('nvmedit reads what Matterline writes', () => {
  it('a fresh MG24 region with factory data and fragmented values: same page headers, keys and values', async () => {
    const random = seededRandom(1);
    const entries = [
      ...factoryData(random),
      { key: 0x87300, type: 'data', value: random.bytes(3000) },
      { key: 0x87301, type: 'data', value: random.bytes(4092) },
      { key: 0x87302, type: 'data', value: random.bytes(4000) }, // split across pages 0 and 1
      { key: 0x87303, type: 'data', value: random.bytes(121) },
      { key: 0x87304, type: 'data', value: new Uint8Array(0) },
    ] satisfies Nvm3Entry[];
    const written = writeNvm3(entries, mg24Nvm3Geometry);
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    const ours = readOk(written.value);
    expect([...ours.objects.values()].some((object) => object.fragments > 1)).toBe(true);

    const theirs = await openWithNvmedit(written.value);
    expect(theirs.pages.map(({ offset, version, eraseCount, deviceFamily, writeSize, memoryMapped, pageSize, status, encrypted }) => ({ offset, version, eraseCount, deviceFamily, writeSize, memoryMapped, pageSize, status, encrypted }))).toEqual(
      [0, 1, 2, 3, 4].map((page) => ({ offset: page * 8192, version: 1, eraseCount: 1, deviceFamily: 0, writeSize: 1, memoryMapped: true, pageSize: 8192, status: 0xffff_ffff, encrypted: false })),
    );
    // Every object header Matterline wrote, as nvmedit parsed it (fragments included).
    const theirHeaders = theirs.pages.flatMap((page) => page.objects.map((object) => object.key));
    const ourHeaders = [...ours.objects.values()].flatMap((object) => Array<number>(object.fragments).fill(object.key));
    expect(theirHeaders.sort()).toEqual(ourHeaders.sort());
    for (const [key, value] of model(entries)) {
      const got = await theirs.get(key);
      expect(got && Buffer.compare(got, value), `key 0x${key.toString(16)}`).toBe(0);
    }
  });

  it('a region with rewritten and deleted keys, after firmware-style appends with repacks and a rebuild', async () => {
    const random = seededRandom(2);
    const history: Nvm3Entry[] = [...factoryData(random)];
    for (let i = 0; i < 300; i++) {
      const key = 0x87200 + random.int(0x28);
      history.push(random.int(6) === 0 ? { key, type: 'deleted' } : { key, type: 'data', value: random.bytes(random.int(8) === 0 ? 1500 + random.int(2500) : random.int(140)) });
    }
    const fresh = writeNvm3([], mg24Nvm3Geometry);
    if (!fresh.ok) throw new Error('write');
    const appended = appendNvm3(fresh.value, history, mg24Nvm3Geometry);
    expect(appended.ok).toBe(true);
    if (!appended.ok) return;
    expect(appended.value.repackedPages).toBeGreaterThan(0);
    const expected = model(history);
    const changes: Nvm3Entry[] = [
      { key: 0x87207, type: 'deleted' },
      { key: 0x87250, type: 'data', value: random.bytes(2500) },
    ];
    const rebuilt = rebuildNvm3(appended.value.image, changes, mg24Nvm3Geometry);
    if (!rebuilt.ok) throw new Error('rebuild');
    const afterRebuild = model([...history, ...changes]);

    for (const [image, values] of [
      [appended.value.image, expected],
      [rebuilt.value, afterRebuild],
    ] as const) {
      expect(dataOf(readOk(image))).toEqual(values);
      const theirs = await openWithNvmedit(image);
      for (let key = 0x87200; key < 0x87260; key++) {
        const got = await theirs.get(key);
        const want = values.get(key);
        if (want === undefined) expect(got, `key 0x${key.toString(16)} should be absent`).toBeUndefined();
        else expect(got && Buffer.compare(got, want), `key 0x${key.toString(16)}`).toBe(0);
      }
    }
  });
});

describe('Matterline reads what nvmedit writes', () => {
  it('factory data, large values, rewrites and deletes on MG24 pages', async () => {
    const random = seededRandom(3);
    const io = new MemoryIO(new Uint8Array(5 * 8192));
    const nvm = new NVM3(io);
    await nvm.erase({ sharedFileSystem: true, pageSize: 8192 }); // erase count 0, family 2047: nvmedit's format
    const entries: Nvm3Entry[] = factoryData(random);
    await nvm.setMany(entries.map((entry) => [entry.key, entry.type === 'data' ? new Uint8Array(entry.value) : null]));
    const later: Nvm3Entry[] = [
      { key: 0x87300, type: 'data', value: random.bytes(4000) },
      { key: 0x87301, type: 'data', value: random.bytes(4000) }, // does not fit the rest of page 0: split
      { key: 0x8720d, type: 'data', value: text('Renamed Vendor') },
      { key: 0x87207, type: 'deleted' },
      { key: 0x87302, type: 'data', value: random.bytes(500) },
    ];
    for (const entry of later) {
      if (entry.type === 'data') await nvm.set(entry.key, new Uint8Array(entry.value));
      else await nvm.delete(entry.key);
    }
    const contents = readOk(io.bytes);
    expect(contents.pages.map((page) => [page.state, page.eraseCount, page.h5Word])).toEqual(Array(5).fill(['good', 0, 0xffff_9fff]));
    expect(dataOf(contents)).toEqual(model([...entries, ...later]));
    expect(contents.deletedKeys).toEqual([0x87207]);
    expect(contents.objects.get(0x87301)?.fragments).toBe(2);
    expect(contents.warnings.map((warning) => [warning.code, warning.key])).toEqual([['fragment-gap', 0x87301]]);

    // The firmware-style append goes on from nvmedit's head, and both still agree.
    const more: Nvm3Entry[] = [
      { key: 0x8720e, type: 'data', value: text('Second Name') },
      { key: 0x87303, type: 'data', value: random.bytes(2000) },
      { key: 0x87300, type: 'deleted' },
    ];
    const appended = appendNvm3(io.bytes, more, mg24Nvm3Geometry);
    if (!appended.ok) throw new Error(appended.error.code);
    const expected = model([...entries, ...later, ...more]);
    expect(dataOf(readOk(appended.value.image))).toEqual(expected);
    const theirs = await openWithNvmedit(appended.value.image);
    for (const key of [0x8720d, 0x8720e, 0x87300, 0x87301, 0x87303]) {
      const got = await theirs.get(key);
      const want = expected.get(key);
      if (want === undefined) expect(got).toBeUndefined();
      else expect(got && Buffer.compare(got, want), `key 0x${key.toString(16)}`).toBe(0);
    }
  });

  it('values fragmented over three 2 KiB pages, and a ring that wrapped (erase counts raised by nvmedit)', async () => {
    const geometry: NvmGeometry = { pageSize: 2048, pageCount: 8, baseAddress: 0 };
    const random = seededRandom(4);
    const io = new MemoryIO(new Uint8Array(geometry.pageSize * geometry.pageCount));
    const nvm = new NVM3(io);
    await nvm.erase({ sharedFileSystem: true, pageSize: 2048 });
    const history: Nvm3Entry[] = [];
    // nvmedit reports each object it keeps when it wraps; that is expected here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (let i = 0; i < 41; i++) {
      const key = i === 40 ? 0x87210 : 0x87200 + random.int(6);
      // 4500 bytes always make first + next + last on 2 KiB pages (and never a fragment that ends
      // exactly at a page end, which nvmedit would mark "next" with no "last" after it).
      const value = random.bytes(i === 40 ? 4500 : i % 5 === 0 ? 3000 + random.int(1000) : 20 + random.int(300));
      history.push({ key, type: 'data', value });
      await nvm.set(key, new Uint8Array(value));
    }
    quiet.mockRestore();
    const contents = readOk(io.bytes, geometry);
    const counts = contents.pages.map((page) => page.eraseCount!);
    expect(Math.max(...counts)).toBeGreaterThan(0); // nvmedit wrapped and erased pages
    expect(contents.fifoStartPage).toBe(counts.findIndex((count, page) => page > 0 && count < counts[page - 1]!));
    expect(contents.objects.get(0x87210)?.fragments).toBe(3);
    expect(dataOf(contents)).toEqual(model(history));
    // And nvmedit's own view of the newest values agrees.
    const theirs = await openWithNvmedit(io.bytes);
    for (const key of new Set(history.map((entry) => entry.key))) {
      const got = await theirs.get(key);
      const ours = contents.objects.get(key);
      expect(ours?.type === 'data' && got && Buffer.compare(ours.value, got), `key 0x${key.toString(16)}`).toBe(0);
    }
    expect(contents.warnings.every((warning) => warning.code === 'fragment-gap' || warning.code === 'fragment-orphan' || warning.code === 'too-few-free-pages')).toBe(true);
  });
});
