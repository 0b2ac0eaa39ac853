// Known bytes: page headers and object headers against the examples of nvm3-and-peers.md A.1/A.2,
// which match Silicon Labs' blank MG24 image and Commander's output.
import { describe, expect, it } from 'vitest';
import {
  bergerCode,
  decodeH5,
  decodeObjectHeader,
  decodePageHeader,
  defaultH5Word,
  encodeLargeHeader,
  encodePageHeader,
  encodeSmallHeader,
  mg24MatterBaseImageGeometry,
  mg24Nvm3Geometry,
  readNvm3,
  writeNvm3,
} from '../../../main/silabs/nvm3';

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const wordBytes = (...words: number[]) => {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  words.forEach((word, i) => view.setUint32(i * 4, word, true));
  return out;
};

const MG24_H5 = 0xffff9800;
const BLANK_PAGE_START = '01 00 9A B2 01 00 00 D0 FE FF FF 0F FF FF FF FF 00 98 FF FF';

describe('Berger code', () => {
  it('counts the zero bits of the protected field', () => {
    expect(bergerCode(1, 27)).toBe(26);
    expect(bergerCode(0x07ff_fffe, 27)).toBe(1);
    expect(bergerCode(0, 27)).toBe(27);
    expect(bergerCode(0xffff_ffff, 32)).toBe(0);
    expect(bergerCode(0xe439_1100, 32)).toBe(22);
    // Bits above the field do not count.
    expect(bergerCode(0xffff_ffff, 26)).toBe(0);
  });
});

describe('page header', () => {
  it.each([
    [0, '01009ab2 000000d8 ffffff07 ffffffff 0098ffff'],
    [1, '01009ab2 010000d0 feffff0f ffffffff 0098ffff'],
    [2, '01009ab2 020000d0 fdffff0f ffffffff 0098ffff'],
  ])('erase count %i encodes to the computed bytes', (eraseCount, expected) => {
    expect(hexOf(encodePageHeader(eraseCount, MG24_H5))).toBe(expected.replace(/ /g, ''));
  });

  it('erase count 1 is byte-identical to the Silicon Labs blank MG24 image', () => {
    expect(hexOf(encodePageHeader(1, MG24_H5))).toBe(hexOf(fromHex(BLANK_PAGE_START)));
  });

  it('the default MG24 H5 word is the blank image\'s 0xFFFF9800', () => {
    expect(defaultH5Word(8192)).toBe(MG24_H5);
    expect(decodeH5(MG24_H5)).toEqual({ deviceFamily: 0, writeSize: 16, memoryMapped: true, pageSize: 8192, formatInfo: 0xffff });
    expect(defaultH5Word(2048, 32)).toBe(0xffff_5000);
  });

  it('decodes both erase-count copies and the page state', () => {
    const good = decodePageHeader(encodePageHeader(2, MG24_H5), 0);
    expect(good).toMatchObject({ state: 'good', eraseCount: 2, eraseCountH2: 2, eraseCountH3: 2, magicAndVersionOk: true, h5Word: MG24_H5 });

    const tornH2 = encodePageHeader(5, MG24_H5);
    tornH2[4] = 0x04; // one bit cleared: the count field changes, its Berger code does not
    expect(decodePageHeader(tornH2, 0)).toMatchObject({ state: 'good', eraseCount: 5, eraseCountH2: undefined, eraseCountH3: 5 });

    const bothTorn = tornH2.slice();
    bothTorn[8] = 0x00;
    expect(decodePageHeader(bothTorn, 0)).toMatchObject({ state: 'invalid', eraseCount: undefined });

    const eip = encodePageHeader(1, MG24_H5);
    eip.set(wordBytes(0xffff_a5a5), 12);
    expect(decodePageHeader(eip, 0).state).toBe('good-eip');
    const bad = encodePageHeader(1, MG24_H5);
    bad.set(wordBytes(0x0000_ffff), 12);
    expect(decodePageHeader(bad, 0).state).toBe('bad');
    expect(decodePageHeader(new Uint8Array(20).fill(0xff), 0).state).toBe('erased');
  });
});

describe('object headers (nvm3-and-peers.md A.2)', () => {
  it.each([
    ['discriminator 0xF00 at 0x87207', 0x87207, fromHex('000f'), '8903398c 000fffff'],
    ['VID 0xFFF1 at 0x8720C', 0x8720c, fromHex('f1ff'), '09063994 f1ffffff'],
    ['zero-length data at 0x87200', 0x87200, new Uint8Array(0), '0700399c'],
  ])('%s', (_name, key, value, expected) => {
    const image = writeNvm3([{ key, type: 'data', value }], mg24Nvm3Geometry);
    expect(image.ok).toBe(true);
    if (!image.ok) return;
    const bytes = expected.replace(/ /g, '');
    expect(hexOf(image.value.subarray(20, 20 + bytes.length / 2))).toBe(bytes);
    expect(image.value[20 + bytes.length / 2]).toBe(0xff);
  });

  it('deleted marker at 0x87200', () => {
    expect(hexOf(wordBytes(encodeSmallHeader(0x87200, 'deleted', 0)))).toBe('030039a4');
    const image = writeNvm3([{ key: 0x87200, type: 'deleted' }], mg24Nvm3Geometry);
    expect(image.ok && hexOf(image.value.subarray(20, 24))).toBe('030039a4');
  });

  it('200-byte data at 0x87222: large header with the unused bits set', () => {
    expect(hexOf(wordBytes(...encodeLargeHeader(0x87222, 'data', 0, 200)))).toBe('001139e4c80000b4');
    const value = new Uint8Array(200).map((_, i) => i);
    const image = writeNvm3([{ key: 0x87222, type: 'data', value }], mg24Nvm3Geometry);
    expect(image.ok).toBe(true);
    if (!image.ok) return;
    expect(hexOf(image.value.subarray(20, 28))).toBe('001139e4c80000b4');
    expect(image.value.subarray(28, 228)).toEqual(value);
  });

  it('decodes what it encodes, and refuses damaged headers', () => {
    const small = wordBytes(encodeSmallHeader(0x87207, 'data', 2), 0xffff0f00);
    expect(decodeObjectHeader(small, 0, 8192)).toEqual({
      status: 'object',
      header: { key: 0x87207, kind: 'data', large: false, fragment: 0, headerSize: 4, length: 2, typeField: 9 },
    });
    const large = wordBytes(...encodeLargeHeader(0x87222, 'counter', 3, 100));
    expect(decodeObjectHeader(large, 0, 8192)).toMatchObject({ status: 'object', header: { kind: 'counter', large: true, fragment: 3, length: 100 } });
    const flipped = small.slice();
    flipped[1]! &= 0xfe; // one key bit cleared: the Berger code no longer matches
    expect(decodeObjectHeader(flipped, 0, 8192)).toMatchObject({ status: 'invalid' });
    // Reserved type 5 with a correct Berger code.
    const reservedWord = (0x87207 << 7) | 5;
    const reserved = wordBytes(((bergerCode(reservedWord, 27) << 27) | reservedWord) >>> 0);
    expect(decodeObjectHeader(reserved, 0, 8192)).toMatchObject({ status: 'invalid', reason: 'reserved object type 5' });
    expect(decodeObjectHeader(large, 0, 50)).toMatchObject({ status: 'invalid' }); // 100 bytes do not fit a 50-byte page
    expect(decodeObjectHeader(new Uint8Array(4).fill(0xff), 0, 8192)).toEqual({ status: 'erased' });
  });
});

describe('fresh regions', () => {
  it('an empty MG24 region is Silicon Labs\' blank image: header + erased flash on every page', () => {
    for (const geometry of [mg24MatterBaseImageGeometry, mg24Nvm3Geometry]) {
      const image = writeNvm3([], geometry);
      expect(image.ok).toBe(true);
      if (!image.ok) return;
      const expected = new Uint8Array(geometry.pageSize * geometry.pageCount).fill(0xff);
      for (let page = 0; page < geometry.pageCount; page++) expected.set(fromHex(BLANK_PAGE_START), page * geometry.pageSize);
      expect(Buffer.compare(image.value, expected)).toBe(0);
    }
  });

  it('reads back as six pages at erase count 1, all empty, FIFO at page 0', () => {
    const image = writeNvm3([], mg24MatterBaseImageGeometry);
    if (!image.ok) throw new Error('write failed');
    const read = readNvm3(image.value, mg24MatterBaseImageGeometry);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.warnings).toEqual([]);
    expect(read.value.objects.size).toBe(0);
    expect(read.value.fifoStartPage).toBe(0);
    expect(read.value.emptyPages).toBe(6);
    expect(read.value.head).toEqual({ page: 0, offset: 20, address: 0x0817_2014 });
    expect(read.value.pages.map((page) => [page.address, page.eraseCount, page.usedBytes, page.freeBytes])).toEqual(
      Array.from({ length: 6 }, (_, i) => [0x0817_2000 + i * 8192, 1, 0, 8172]),
    );
  });

  it('takes other erase counts and the family H5 word', () => {
    const geometry = { ...mg24Nvm3Geometry, h5Word: 0xffff9805 };
    const image = writeNvm3([], geometry, { eraseCount: 2 });
    expect(image.ok && hexOf(image.value.subarray(0, 20))).toBe('01009ab2020000d0fdffff0fffffffff0598ffff');
  });
});
