// The reader on hand-made regions: FIFO order from erase counts, and every damaged page or object
// reported as a warning where the firmware would skip it, never as an exception.
import { describe, expect, it } from 'vitest';
import type { Nvm3Contents, NvmGeometry } from '../../../main/silabs/nvm3';
import { encodeLargeHeader, encodePageHeader, encodeSmallHeader, findNvm3Regions, mg24Nvm3Geometry, readNvm3, writeNvm3 } from '../../../main/silabs/nvm3';

const PAGE = 8192;
const H5 = 0xffff9800;

function region(counts: number[] = [1, 1, 1, 1, 1]): Uint8Array {
  const image = new Uint8Array(counts.length * PAGE).fill(0xff);
  counts.forEach((count, page) => image.set(encodePageHeader(count, H5), page * PAGE));
  return image;
}

function putWord(image: Uint8Array, at: number, word: number): void {
  new DataView(image.buffer, image.byteOffset).setUint32(at, word >>> 0, true);
}

/** A small data object at page/offset; returns the offset after it. */
function putSmall(image: Uint8Array, page: number, offset: number, key: number, value: number[]): number {
  putWord(image, page * PAGE + offset, encodeSmallHeader(key, 'data', value.length));
  image.set(value, page * PAGE + offset + 4);
  return offset + 4 + Math.ceil(value.length / 4) * 4;
}

/** A large data fragment at page/offset; returns the offset after it. */
function putFragment(image: Uint8Array, page: number, offset: number, key: number, fragment: 0 | 1 | 2 | 3, value: Uint8Array): number {
  const [oh1, oh2] = encodeLargeHeader(key, 'data', fragment, value.length);
  putWord(image, page * PAGE + offset, oh1);
  putWord(image, page * PAGE + offset + 4, oh2);
  image.set(value, page * PAGE + offset + 8);
  return offset + 8 + Math.ceil(value.length / 4) * 4;
}

function read(image: Uint8Array, geometry: NvmGeometry = { ...mg24Nvm3Geometry, pageCount: image.length / PAGE }): Nvm3Contents {
  const result = readNvm3(image, geometry);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

const codes = (contents: Nvm3Contents) => contents.warnings.map((warning) => warning.code);
const valueOf = (contents: Nvm3Contents, key: number) => {
  const object = contents.objects.get(key);
  return object?.type === 'data' ? [...object.value] : undefined;
};

describe('FIFO order', () => {
  it('starts at the erase-count drop and lets the later copy in ring order win', () => {
    const image = region([2, 2, 1, 1, 1]);
    putSmall(image, 2, 20, 0x87207, [0xaa]); // oldest page
    putSmall(image, 0, 20, 0x87207, [0xbb]); // page 0 comes after page 4 in the ring
    putSmall(image, 4, 20, 0x87208, [0xcc]);
    const contents = read(image);
    expect(contents.fifoStartPage).toBe(2);
    expect(contents.ring).toEqual([2, 3, 4, 0, 1]);
    expect(valueOf(contents, 0x87207)).toEqual([0xbb]);
    expect([...contents.objects.keys()]).toEqual([0x87208, 0x87207]);
    expect(contents.pages.map((page) => page.ringPosition)).toEqual([3, 4, 0, 1, 2]);
    // The head is after the newest object, in page 0; page 1 is empty; pages 3 and 4 are not counted.
    expect(contents.head).toEqual({ page: 0, offset: 28, address: 0x0817_401c });
    expect(contents.unusedBytes).toBe(PAGE - 28 + (PAGE - 20));
    expect(contents.emptyPages).toBe(2);
    expect(codes(contents)).toEqual([]);
  });

  it('starts at page 0 when no count drops, and warns when counts spread by more than 1', () => {
    expect(read(region([3, 3, 3, 3, 3])).fifoStartPage).toBe(0);
    const spread = read(region([1, 3, 3, 3, 3]));
    expect(codes(spread)).toContain('erase-count-spread');
  });

  it('deleted markers hide older copies; a later copy brings the key back', () => {
    const image = region();
    let at = putSmall(image, 0, 20, 1, [1]);
    putWord(image, at, encodeSmallHeader(1, 'deleted', 0));
    at += 4;
    at = putSmall(image, 0, at, 2, [2]);
    putWord(image, at, encodeSmallHeader(2, 'deleted', 0));
    at += 4;
    putSmall(image, 0, at, 2, [3]);
    const contents = read(image);
    expect([...contents.objects.keys()]).toEqual([2]);
    expect(valueOf(contents, 2)).toEqual([3]);
    expect(contents.deletedKeys).toEqual([1]);
  });
});

describe('damaged pages', () => {
  it('uses the H3 copy when H2 is torn and reports it; reports copies that disagree', () => {
    const image = region();
    image[PAGE + 4] = 0x00; // page 1 H2: count 0 with the Berger code of 1 → fails
    putWord(image, 2 * PAGE + 8, 27 << 27); // page 2 H3: all-zero field with its correct code (27 zeros) → says 0x7FFFFFF
    const contents = read(image);
    expect(contents.pages[1]).toMatchObject({ state: 'good', eraseCount: 1, eraseCountH2: undefined, eraseCountH3: 1 });
    expect(contents.pages[2]).toMatchObject({ eraseCount: 1, eraseCountH2: 1, eraseCountH3: 0x7ff_ffff });
    expect(codes(contents)).toEqual(['erase-count-copy-invalid', 'erase-count-copies-disagree']);
  });

  it('skips erased, invalid, bad and erase-pending pages and says so', () => {
    const image = region();
    putSmall(image, 1, 20, 7, [7]);
    putSmall(image, 2, 20, 8, [8]);
    image.fill(0xff, 0, 20); // page 0 erased
    image[3 * PAGE] = 0x02; // page 3 version 2
    putWord(image, 4 * PAGE + 12, 0x0000_ffff); // page 4 bad
    putWord(image, 2 * PAGE + 12, 0xffff_a5a5); // page 2 erase pending: its objects were copied already
    const contents = read(image);
    expect(contents.pages.map((page) => page.state)).toEqual(['erased', 'good', 'good-eip', 'invalid', 'bad']);
    expect(codes(contents).slice(0, 4)).toEqual(['page-erased', 'page-erase-pending', 'page-invalid', 'page-bad']);
    expect(contents.ring).toEqual([1]);
    expect([...contents.objects.keys()]).toEqual([7]);
  });

  it('reports H5 words that disagree with the geometry or mark encryption', () => {
    const image = region();
    putWord(image, 16, 0xfffe_9800); // page 0 AEAD
    putWord(image, PAGE + 16, 0xffff_5800); // page 1 says 2 KiB pages
    expect(codes(read(image))).toEqual(['page-encrypted', 'page-size-mismatch']);
  });

  it('fails only when nothing can be read: wrong size, bad geometry, no valid page', () => {
    expect(readNvm3(new Uint8Array(100), mg24Nvm3Geometry)).toMatchObject({ ok: false, error: { code: 'NVM3_IMAGE_SIZE_MISMATCH' } });
    expect(readNvm3(new Uint8Array(5 * PAGE), { ...mg24Nvm3Geometry, baseAddress: 3 })).toMatchObject({ ok: false, error: { code: 'NVM3_GEOMETRY_INVALID' } });
    expect(readNvm3(new Uint8Array(5 * PAGE).fill(0xff), mg24Nvm3Geometry)).toMatchObject({ ok: false, error: { code: 'NVM3_NO_VALID_PAGES' } });
  });
});

describe('damaged objects', () => {
  it('an invalid header ends its page with a warning; the next page is still read', () => {
    const image = region();
    const at = putSmall(image, 0, 20, 1, [1]);
    putSmall(image, 0, at, 2, [2]);
    image[at + 1]! ^= 0x01; // key bit flipped: Berger code fails
    putSmall(image, 1, 20, 3, [3]);
    const contents = read(image);
    expect([...contents.objects.keys()]).toEqual([1, 3]);
    expect(contents.warnings[0]).toMatchObject({ code: 'object-invalid', page: 0, offset: 28, address: 0x0817_401c });
    expect(contents.pages[0]).toMatchObject({ objectHeaders: 1, usedBytes: 8, freeBytes: 0 });
  });

  it('reports bytes after the last object that are not erased', () => {
    const image = region();
    putSmall(image, 0, 20, 1, [1]);
    image[500] = 0x00;
    const contents = read(image);
    expect(codes(contents)).toContain('data-after-end');
    // The firmware would not write into that page again: the head moves to page 1.
    expect(contents.head?.page).toBe(1);
  });

  it('reads a fragment chain across pages and ignores a broken one', () => {
    const first = new Uint8Array(PAGE - 20 - 8).fill(0x11);
    const image = region();
    putFragment(image, 0, 20, 9, 1, first);
    putFragment(image, 1, 20, 9, 3, Uint8Array.of(1, 2, 3));
    const whole = read(image);
    expect(whole.objects.get(9)).toMatchObject({ fragments: 2, large: true });
    expect(whole.warnings).toEqual([]);
    expect(valueOf(whole, 9)!.length).toBe(first.length + 3);

    putFragment(image, 1, 20, 10, 3, Uint8Array.of(1, 2, 3)); // the last fragment now has another key
    const broken = read(image);
    expect(broken.objects.has(9)).toBe(false);
    expect(codes(broken)).toEqual(['fragment-chain-broken', 'fragment-orphan']);
  });

  it('accepts a chain that continues after unused space (Z-Wave JS does this) and warns that the firmware would not', () => {
    const image = region();
    putFragment(image, 0, 20, 9, 1, new Uint8Array(PAGE - 20 - 8 - 20).fill(0x22)); // stops 20 bytes short
    putFragment(image, 1, 20, 9, 3, Uint8Array.of(4));
    const contents = read(image);
    expect(contents.objects.get(9)).toMatchObject({ fragments: 2 });
    expect(codes(contents)).toEqual(['fragment-gap']);
  });

  it('reports a full region', () => {
    const geometry = { pageSize: 512, pageCount: 3, baseAddress: 0 };
    const full = writeNvm3([], geometry, { maxObjectSize: 204 });
    if (!full.ok) throw new Error(full.error.detail);
    const image = full.value;
    for (let page = 0; page < 3; page++) {
      const [oh1, oh2] = encodeLargeHeader(page + 1, 'data', 0, 512 - 28);
      putWord(image, page * 512 + 20, oh1);
      putWord(image, page * 512 + 24, oh2);
      image.fill(page, page * 512 + 28, (page + 1) * 512);
    }
    const result = readNvm3(image, geometry, { maxObjectSize: 204 });
    expect(result.ok && result.value.head).toBeUndefined();
    expect(result.ok && codes(result.value)).toEqual(['too-few-free-pages', 'region-full']);
  });
});

describe('finding the region in a flash image', () => {
  it('finds the run of NVM3 pages below the credentials page, as Commander does', () => {
    // The top 64 KiB of a 1536 KiB MG24: application code, then five NVM3 pages, then the credentials page.
    const flash = new Uint8Array(8 * PAGE).fill(0xff);
    flash.fill(0x5a, 0, PAGE); // code
    flash.set(region([2, 2, 1, 1, 1]), 2 * PAGE);
    flash.fill(0x30, 7 * PAGE, 7 * PAGE + 500); // a DER certificate in the credentials page
    expect(findNvm3Regions(flash, 0x0817_0000, PAGE)).toEqual([{ baseAddress: 0x0817_4000, pageCount: 5, pageSize: PAGE }]);
    expect(findNvm3Regions(flash, 0x0817_0000, 1000)).toEqual([]);
    expect(findNvm3Regions(new Uint8Array(3), 0, 512)).toEqual([]);
  });
});
