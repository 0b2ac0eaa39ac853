import { describe, expect, it } from 'vitest';
import { TLV_MAX_DEPTH, anonymousTag, contextTag, decodeTlv, encodeTlv, type TlvElement, type TlvTag } from '../../../main/matter/tlv';
import { TlvTreeGenerator, seededRandom } from './tlvRandom';

const hex = (text: string) => Uint8Array.from((text.replace(/[^0-9a-f]/gi, '').match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16)));
const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function encoded(element: TlvElement): string {
  const result = encodeTlv(element);
  if (!result.ok) throw new Error(result.error.detail);
  return toHex(result.value);
}

function decoded(text: string): TlvElement {
  const result = decodeTlv(hex(text));
  if (!result.ok) throw new Error(result.error.detail);
  return result.value;
}

const a = anonymousTag;
const ctx = contextTag;

// Sample encodings of the Matter Core Specification, appendix A ("TLV encoding examples"), plus the
// CD payload of the fact sheet (§3.2).
const known: Array<[string, TlvElement, string]> = [
  ['boolean false', { tag: a, type: 'boolean', value: false }, '08'],
  ['boolean true', { tag: a, type: 'boolean', value: true }, '09'],
  ['signed 1-byte 42', { tag: a, type: 'signed', value: 42 }, '00 2a'],
  ['signed 1-byte -17', { tag: a, type: 'signed', value: -17 }, '00 ef'],
  ['unsigned 1-byte 42', { tag: a, type: 'unsigned', value: 42 }, '04 2a'],
  ['signed 2-byte 422', { tag: a, type: 'signed', value: 422 }, '01 a6 01'],
  ['signed 4-byte -170000', { tag: a, type: 'signed', value: -170000 }, '02 f0 67 fd ff'],
  ['signed 8-byte 40000000000', { tag: a, type: 'signed', value: 40000000000 }, '03 00 90 2f 50 09 00 00 00'],
  ['unsigned 8-byte max (bigint)', { tag: a, type: 'unsigned', value: 0xffffffffffffffffn }, '07 ff ff ff ff ff ff ff ff'],
  ['signed 8-byte min (bigint)', { tag: a, type: 'signed', value: -(1n << 63n) }, '03 00 00 00 00 00 00 00 80'],
  ['UTF-8 "Hello!"', { tag: a, type: 'utf8', value: 'Hello!' }, '0c 06 48 65 6c 6c 6f 21'],
  ['UTF-8 "Tschüs"', { tag: a, type: 'utf8', value: 'Tschüs' }, '0c 07 54 73 63 68 c3 bc 73'],
  ['octet string 00..04', { tag: a, type: 'bytes', value: hex('0001020304') }, '10 05 00 01 02 03 04'],
  ['null', { tag: a, type: 'null', value: null }, '14'],
  ['float32 0.0', { tag: a, type: 'float32', value: 0 }, '0a 00 00 00 00'],
  ['float32 1/3', { tag: a, type: 'float32', value: Math.fround(1 / 3) }, '0a ab aa aa 3e'],
  ['float32 17.9', { tag: a, type: 'float32', value: Math.fround(17.9) }, '0a 33 33 8f 41'],
  ['float32 +infinity', { tag: a, type: 'float32', value: Infinity }, '0a 00 00 80 7f'],
  ['float32 -infinity', { tag: a, type: 'float32', value: -Infinity }, '0a 00 00 80 ff'],
  ['float64 0.0', { tag: a, type: 'float64', value: 0 }, '0b 00 00 00 00 00 00 00 00'],
  ['float64 1/3', { tag: a, type: 'float64', value: 1 / 3 }, '0b 55 55 55 55 55 55 d5 3f'],
  ['float64 17.9', { tag: a, type: 'float64', value: 17.9 }, '0b 66 66 66 66 66 e6 31 40'],
  ['empty structure', { tag: a, type: 'structure', value: [] }, '15 18'],
  ['empty array', { tag: a, type: 'array', value: [] }, '16 18'],
  ['empty list', { tag: a, type: 'list', value: [] }, '17 18'],
  [
    'structure {0 = 42, 1 = -17}',
    { tag: a, type: 'structure', value: [{ tag: ctx(0), type: 'signed', value: 42 }, { tag: ctx(1), type: 'signed', value: -17 }] },
    '15 20 00 2a 20 01 ef 18',
  ],
  ['array [0, 1, 2, 3, 4]', { tag: a, type: 'array', value: [0, 1, 2, 3, 4].map((value) => ({ tag: a, type: 'signed', value }) as TlvElement) }, '16 00 00 00 01 00 02 00 03 00 04 18'],
  [
    'list [[1, 0 = 42, 2, 3, 0 = -17]]',
    {
      tag: a,
      type: 'list',
      value: [
        { tag: a, type: 'signed', value: 1 },
        { tag: ctx(0), type: 'signed', value: 42 },
        { tag: a, type: 'signed', value: 2 },
        { tag: a, type: 'signed', value: 3 },
        { tag: ctx(0), type: 'signed', value: -17 },
      ],
    },
    '17 00 01 20 00 2a 00 02 00 03 20 00 ef 18',
  ],
  [
    'array [42, -170000, {}, 17.9, "Hello!"]',
    {
      tag: a,
      type: 'array',
      value: [
        { tag: a, type: 'signed', value: 42 },
        { tag: a, type: 'signed', value: -170000 },
        { tag: a, type: 'structure', value: [] },
        { tag: a, type: 'float32', value: Math.fround(17.9) },
        { tag: a, type: 'utf8', value: 'Hello!' },
      ],
    },
    '16 00 2a 02 f0 67 fd ff 15 18 0a 33 33 8f 41 0c 06 48 65 6c 6c 6f 21 18',
  ],
  ['context tag 1', { tag: a, type: 'structure', value: [{ tag: ctx(1), type: 'unsigned', value: 42 }] }, '15 24 01 2a 18'],
  ['common-profile tag 1 (2 bytes)', { tag: { kind: 'commonProfile', tagNumber: 1 }, type: 'unsigned', value: 42 }, '44 01 00 2a'],
  ['common-profile tag 100000 (4 bytes)', { tag: { kind: 'commonProfile', tagNumber: 100000 }, type: 'unsigned', value: 42 }, '64 a0 86 01 00 2a'],
  ['implicit-profile tag 1 (2 bytes)', { tag: { kind: 'implicitProfile', tagNumber: 1 }, type: 'unsigned', value: 42 }, '84 01 00 2a'],
  ['implicit-profile tag 100000 (4 bytes)', { tag: { kind: 'implicitProfile', tagNumber: 100000 }, type: 'unsigned', value: 42 }, 'a4 a0 86 01 00 2a'],
  ['fully-qualified tag FFF1:DEED:1 (6 bytes)', { tag: { kind: 'fullyQualified', vendorId: 0xfff1, profileNumber: 0xdeed, tagNumber: 1 }, type: 'unsigned', value: 42 }, 'c4 f1 ff ed de 01 00 2a'],
  [
    'fully-qualified tag FFF1:DEED:AA55FEED (8 bytes)',
    { tag: { kind: 'fullyQualified', vendorId: 0xfff1, profileNumber: 0xdeed, tagNumber: 0xaa55feed }, type: 'unsigned', value: 42 },
    'e4 f1 ff ed de ed fe 55 aa 2a',
  ],
  [
    'the CD payload of struct_cd_format_version_1 (fact sheet §3.2)',
    {
      tag: a,
      type: 'structure',
      value: [
        { tag: ctx(0), type: 'unsigned', value: 1 },
        { tag: ctx(1), type: 'unsigned', value: 0xfff1 },
        { tag: ctx(2), type: 'array', value: [{ tag: a, type: 'unsigned', value: 0x8000 }] },
        { tag: ctx(3), type: 'unsigned', value: 0x1234 },
        { tag: ctx(4), type: 'utf8', value: 'ZIG20141ZB330001-24' },
        { tag: ctx(5), type: 'unsigned', value: 0 },
        { tag: ctx(6), type: 'unsigned', value: 0 },
        { tag: ctx(7), type: 'unsigned', value: 0x9876 },
        { tag: ctx(8), type: 'unsigned', value: 0 },
      ],
    },
    '15 2400 01 2501 f1ff 3602 050080 18 2503 3412 2c04 13 5a494732303134315a423333303030312d3234 2405 00 2406 00 2507 7698 2408 00 18',
  ],
];

describe('Matter TLV: known encodings', () => {
  it.each(known)('%s', (_name, element, bytes) => {
    expect(encoded(element)).toBe(toHex(hex(bytes)));
    expect(decoded(bytes)).toEqual(element);
  });

  it('writes integers, lengths and tags in their shortest form', () => {
    const widths: Array<[TlvElement, string]> = [
      [{ tag: a, type: 'unsigned', value: 0xff }, '04ff'],
      [{ tag: a, type: 'unsigned', value: 0x100 }, '050001'],
      [{ tag: a, type: 'unsigned', value: 0xffff }, '05ffff'],
      [{ tag: a, type: 'unsigned', value: 0x10000 }, '0600000100'],
      [{ tag: a, type: 'unsigned', value: 0x100000000 }, '070000000001000000'],
      [{ tag: a, type: 'signed', value: -128 }, '0080'],
      [{ tag: a, type: 'signed', value: 128 }, '018000'],
      [{ tag: a, type: 'signed', value: -32769 }, '02ff7fffff'],
      [{ tag: a, type: 'signed', value: 2 ** 31 }, '030000008000000000'],
    ];
    for (const [element, bytes] of widths) expect(encoded(element)).toBe(bytes);
    expect(encoded({ tag: a, type: 'bytes', value: new Uint8Array(255) }).slice(0, 4)).toBe('10ff');
    expect(encoded({ tag: a, type: 'bytes', value: new Uint8Array(256) }).slice(0, 6)).toBe('110001');
    expect(encoded({ tag: a, type: 'utf8', value: 'x'.repeat(70000) }).slice(0, 10)).toBe('0e70110100');
    expect(encoded({ tag: { kind: 'fullyQualified', vendorId: 1, profileNumber: 2, tagNumber: 0xffff }, type: 'null', value: null })).toBe('d401000200ffff');
  });

  it('reads the non-shortest forms too (they are valid TLV) and bigints beyond 2^53', () => {
    expect(decoded('07 2a 00 00 00 00 00 00 00')).toEqual({ tag: a, type: 'unsigned', value: 42 });
    expect(decoded('03 ff ff ff ff ff ff ff ff')).toEqual({ tag: a, type: 'signed', value: -1 });
    expect(decoded('11 02 00 ab cd')).toEqual({ tag: a, type: 'bytes', value: hex('abcd') });
    expect(decoded('13 01 00 00 00 00 00 00 00 ab')).toEqual({ tag: a, type: 'bytes', value: hex('ab') });
    expect(decoded('0f 01 00 00 00 00 00 00 00 41')).toEqual({ tag: a, type: 'utf8', value: 'A' });
    expect(decoded('64 01 00 00 00 2a')).toEqual({ tag: { kind: 'commonProfile', tagNumber: 1 }, type: 'unsigned', value: 42 });
    expect(decoded('07 ff ff ff ff ff ff 1f 00')).toEqual({ tag: a, type: 'unsigned', value: Number.MAX_SAFE_INTEGER });
    expect(decoded('07 00 00 00 00 00 00 20 00')).toEqual({ tag: a, type: 'unsigned', value: 2n ** 53n });
    expect(decoded('03 00 00 00 00 00 00 e0 ff')).toEqual({ tag: a, type: 'signed', value: -(2n ** 53n) });
  });
});

describe('Matter TLV: strict decoding', () => {
  const malformed: Array<[string, string, RegExp]> = [
    ['empty input', '', /at byte 0: no data/],
    ['truncated context tag', '24', /at byte 1: context tag needs 1 byte/],
    ['truncated fully-qualified tag', 'c4 f1 ff ed', /at byte 3: fully-qualified tag profile number needs 2/],
    ['truncated integer', '15 25 01 f1', /at byte 3: 2-byte unsigned integer needs 2 byte\(s\) but only 1 remain/],
    ['truncated float', '0b 00 00', /at byte 1: float64 value/],
    ['truncated length field', '11 05', /at byte 1: octet string length needs 2/],
    ['string length past the end', '0c 05 48 65', /at byte 1: UTF-8 string of 5 byte\(s\) runs past the end of the data \(2 byte\(s\) remain\)/],
    ['8-byte length past the end', '13 ff ff ff ff ff ff ff ff 00', /at byte 1: octet string of 18446744073709551615 byte/],
    ['missing end-of-container', '15 24 00 01', /at byte 4: missing end-of-container for the structure that starts at byte 0/],
    ['missing end-of-container (nested)', '15 36 02 05 00 80 18', /at byte 7: missing end-of-container for the structure that starts at byte 0/],
    ['trailing bytes', '04 2a 00', /at byte 2: 1 trailing byte/],
    ['two top-level elements', '15 18 15 18', /at byte 2: 2 trailing byte/],
    ['reserved element type', '19', /at byte 0: reserved element type 0x19/],
    ['reserved element type in a container', '17 1f 18', /at byte 1: reserved element type 0x1f/],
    ['end-of-container at top level', '18', /at byte 0: end-of-container outside any container/],
    ['end-of-container with a tag', '15 38 00', /at byte 1: end-of-container with a tag/],
    ['anonymous member of a structure', '15 04 2a 18', /at byte 1: anonymous element inside a structure/],
    ['tagged member of an array', '16 24 01 2a 18', /at byte 1: context tag 1 inside an array/],
    ['context tag at top level', '24 01 2a', /at byte 0: context tag 1 outside a structure or list/],
    ['duplicate tag in a structure', '15 24 01 2a 24 01 2b 18', /at byte 4: duplicate context tag 1 in a structure/],
    ['invalid UTF-8', '0c 02 c3 28', /at byte 1: UTF-8 string is not valid UTF-8/],
    ['nesting deeper than the limit', '17'.repeat(TLV_MAX_DEPTH + 1) + '18'.repeat(TLV_MAX_DEPTH + 1), new RegExp(`at byte ${TLV_MAX_DEPTH}: containers nested deeper than ${TLV_MAX_DEPTH} levels`)],
  ];

  it.each(malformed)('%s → TLV_MALFORMED with the offset', (_name, bytes, detail) => {
    const result = decodeTlv(hex(bytes));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('TLV_MALFORMED');
    expect(result.error.detail).toMatch(detail);
  });

  it(`accepts nesting up to ${TLV_MAX_DEPTH} levels`, () => {
    expect(decodeTlv(hex('17'.repeat(TLV_MAX_DEPTH) + '18'.repeat(TLV_MAX_DEPTH))).ok).toBe(true);
  });

  it('never throws on random bytes or on any prefix of a valid encoding', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 24) }, () => Math.floor(random() * 256));
      const result = decodeTlv(bytes);
      if (!result.ok) expect(result.error.code).toBe('TLV_MALFORMED');
    }
    const generator = new TlvTreeGenerator(seededRandom(11));
    for (let i = 0; i < 50; i++) {
      const bytes = hex(encoded(generator.element(null, 0)));
      for (let length = 0; length < bytes.length; length++) {
        const result = decodeTlv(bytes.subarray(0, length));
        expect(result.ok, `prefix ${length} of ${toHex(bytes)}`).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('TLV_MALFORMED');
      }
    }
  });
});

describe('Matter TLV: encoder refuses what the decoder would refuse', () => {
  const invalid: Array<[string, TlvElement, RegExp]> = [
    ['unsigned out of range', { tag: a, type: 'unsigned', value: 2n ** 64n }, /unsigned integer 18446744073709551616 is out of range/],
    ['negative unsigned', { tag: a, type: 'unsigned', value: -1 }, /unsigned integer -1 is out of range/],
    ['signed out of range', { tag: a, type: 'signed', value: 2n ** 63n }, /signed integer .* is out of range/],
    ['non-integer', { tag: a, type: 'signed', value: 1.5 }, /1.5 is not an integer/],
    ['float32 not representable', { tag: a, type: 'float32', value: 0.1 }, /not exactly representable as a 32-bit float/],
    ['context tag number > 255', { tag: a, type: 'structure', value: [{ tag: ctx(256), type: 'null', value: null }] }, /context tag number 256 is out of range/],
    ['context tag at top level', { tag: ctx(1), type: 'null', value: null }, /outside a structure or list/],
    ['anonymous structure member', { tag: a, type: 'structure', value: [{ tag: a, type: 'null', value: null }] }, /anonymous element inside a structure/],
    ['tagged array member', { tag: a, type: 'array', value: [{ tag: { kind: 'commonProfile', tagNumber: 1 }, type: 'null', value: null }] }, /inside an array/],
    ['duplicate structure tag', { tag: a, type: 'structure', value: [{ tag: ctx(1), type: 'null', value: null }, { tag: ctx(1), type: 'null', value: null }] }, /duplicate context tag 1/],
    ['vendor id > 16 bits', { tag: { kind: 'fullyQualified', vendorId: 0x10000, profileNumber: 0, tagNumber: 0 }, type: 'null', value: null }, /vendor id 65536 is out of range/],
  ];
  it.each(invalid)('%s → TLV_VALUE_INVALID', (_name, element, detail) => {
    const result = encodeTlv(element);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('TLV_VALUE_INVALID');
    expect(result.error.detail).toMatch(detail);
  });

  it('refuses nesting deeper than the limit', () => {
    let element: TlvElement = { tag: a, type: 'list', value: [] };
    for (let i = 0; i < TLV_MAX_DEPTH; i++) element = { tag: a, type: 'list', value: [element] };
    expect(encodeTlv(element)).toMatchObject({ ok: false, error: { code: 'TLV_VALUE_INVALID' } });
  });
});

describe('Matter TLV: round trips (seeded random trees)', () => {
  it('encode → decode gives the same tree, and decode → encode the same bytes', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const generator = new TlvTreeGenerator(seededRandom(seed));
      const tree = generator.element(null, 0);
      const bytes = encodeTlv(tree);
      expect(bytes.ok, `seed ${seed}: ${bytes.ok ? '' : bytes.error.detail}`).toBe(true);
      if (!bytes.ok) return;
      const back = decodeTlv(bytes.value);
      expect(back.ok, `seed ${seed}: ${back.ok ? '' : back.error.detail}`).toBe(true);
      if (!back.ok) return;
      expect(back.value, `seed ${seed}`).toEqual(tree);
      const again = encodeTlv(back.value);
      expect(again.ok && toHex(again.value)).toBe(toHex(bytes.value));
    }
  });

  it('keeps every tag form', () => {
    const tags: TlvTag[] = [
      { kind: 'context', tagNumber: 255 },
      { kind: 'commonProfile', tagNumber: 0xffff },
      { kind: 'commonProfile', tagNumber: 0xffffffff },
      { kind: 'implicitProfile', tagNumber: 0x10000 },
      { kind: 'fullyQualified', vendorId: 0xffff, profileNumber: 0xffff, tagNumber: 0xffffffff },
    ];
    const tree: TlvElement = { tag: a, type: 'structure', value: tags.map((tag) => ({ tag, type: 'boolean', value: true })) };
    expect(decoded(encoded(tree))).toEqual(tree);
  });
});
