import { describe, expect, it } from 'vitest';
import { createFirmwareImage, parseIntelHex, parseSrec, parseSrecWithHeader, writeIntelHex, writeSrec, type FirmwareImage } from '../../../main/firmware';
import type { Result } from '../../../preload/contract/errors';

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value;
}
function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
function image(segments: [number, number[]][], startAddress: number | null = null): FirmwareImage {
  return ok(createFirmwareImage(segments.map(([address, values]) => ({ address, bytes: Uint8Array.from(values) })), startAddress));
}
function expectError(result: Result<unknown>, code: string, detail: RegExp): void {
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (!result.ok) expect(result.error.detail).toMatch(detail);
}

describe('Intel HEX', () => {
  it('reads the nrf-intel-hex example and an extended-linear-address file', () => {
    const simple = ok(parseIntelHex(':100000000102030405060708090A0B0C0D0E0F1068\n:00000001FF'));
    expect(simple.segments).toHaveLength(1);
    expect(simple.segments[0]!.address).toBe(0);
    expect(Array.from(simple.segments[0]!.bytes)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);

    const creds = ok(parseIntelHex(':020000040817DB\r\n:04E000000102030412\r\n:0400000508006101 8D\r\n\r\n:00000001FF\r\n'.replace(' ', '')));
    expect(creds.segments.map((s) => [s.address, Array.from(s.bytes)])).toEqual([[0x0817e000, [1, 2, 3, 4]]]);
    expect(creds.startAddress).toBe(0x08006101);
  });

  it('handles addresses at and above 0x80000000 and segment (02) addressing', () => {
    const high = ok(parseIntelHex(':02000004FFFFFC\n:02FFFE00AABB9C\n:00000001FF\n'));
    expect(high.segments.map((s) => s.address)).toEqual([0xfffffffe]);
    const segmented = ok(parseIntelHex(':020000021000EC\n:0100100055 9A\n:00000001FF'.replace(' ', '')));
    expect(segmented.segments[0]!.address).toBe(0x10010);
  });

  it('writes through nrf-intel-hex: an 04 record first, 16 bytes a record, an 05 start record, EOF', () => {
    const written = text(ok(writeIntelHex(image([[0x0817e000, [1, 2, 3, 4]]], 0x08006101))));
    expect(written).toBe(':020000040817DB\n:04E000000102030412\n:04000005080061018D\n:00000001FF\n');
    const crossing = text(ok(writeIntelHex(image([[0x0000fffe, [1, 2, 3]]]))));
    expect(crossing.split('\n')).toEqual([':020000040000FA', ':02FFFE000102FE', ':020000040001F9', ':0100000003FC', ':00000001FF', '']);
    expect(text(ok(writeIntelHex(image([]))))).toBe(':00000001FF\n');
    expect(writeIntelHex(image([[0, [1]]]), { bytesPerRecord: 256 }).ok).toBe(false);
    expectError(writeIntelHex(image([[0xffffffff, [1]]])), 'FIRMWARE_ADDRESS_OUT_OF_RANGE', /last address/);
  });

  it('names the line of every malformed record', () => {
    const good = ':020000040817DB\n:04E000000102030412\n:00000001FF\n';
    expectError(parseIntelHex(good.replace(':04E000000102030412', ':04E000000102030413')), 'FIRMWARE_CHECKSUM_MISMATCH', /line 2: checksum 0x13, .* 0x12/);
    expectError(parseIntelHex(good.replace(':04E000000102030412', ':04E000060102030412')), 'FIRMWARE_CHECKSUM_MISMATCH', /line 2/);
    expectError(parseIntelHex(':020000060817D9\n:00000001FF'), 'FIRMWARE_RECORD_TYPE_INVALID', /line 1: record type 0x06/);
    expectError(parseIntelHex(good.replace(':04E000000102030412', ':04E00000010203041')), 'FIRMWARE_RECORD_MALFORMED', /line 2: .*odd number of hex digits \(17\)/);
    expectError(parseIntelHex(good.replace(':04E000000102030412', ':04E0000001020312')), 'FIRMWARE_RECORD_MALFORMED', /line 2: the length byte says 4 data bytes, the record holds 3/);
    expectError(parseIntelHex(good.replace(':04E0', ';04E0')), 'FIRMWARE_RECORD_MALFORMED', /line 2 starts with ";"/);
    expectError(parseIntelHex(good.replace(':04E0000001', ':04E00000G1')), 'FIRMWARE_RECORD_MALFORMED', /line 2: "G" at column 10 is not a hex digit/);
    expectError(parseIntelHex(':0000\n:00000001FF'), 'FIRMWARE_RECORD_MALFORMED', /line 1: 2 byte\(s\), shorter/);
    expectError(parseIntelHex(':020000040817DB\n:04E000000102030412\n'), 'FIRMWARE_TRUNCATED', /after line 2/);
    expectError(parseIntelHex(''), 'FIRMWARE_TRUNCATED', /empty/);
    expectError(parseIntelHex(`${good}:04E000000102030412\n`), 'FIRMWARE_DATA_AFTER_END', /line 4 follows the end-of-file record on line 3/);
    expectError(parseIntelHex(':0100000102FC\n'), 'FIRMWARE_RECORD_MALFORMED', /line 1: a end of file record has 0 data bytes, not 1/);
    expectError(parseIntelHex(':00001001EF\n'), 'FIRMWARE_RECORD_MALFORMED', /address 0000/);
    expectError(parseIntelHex(':02FFFF000102FD\n:00000001FF'), 'FIRMWARE_ADDRESS_OUT_OF_RANGE', /line 1: 2 bytes at offset 0xFFFF wrap/);
    expectError(parseIntelHex(':0400000001020304F2\n:02000200AABB97\n:00000001FF'), 'FIRMWARE_OVERLAP', /lines 1 and 2 both give address 0x00000002/);
    // The same bytes twice are refused too: a file must not describe a byte twice.
    expectError(parseIntelHex(':0400000001020304F2\n:0400000001020304F2\n:00000001FF'), 'FIRMWARE_OVERLAP', /lines 1 and 2/);
  });
});

describe('Motorola S-record', () => {
  const example = [
    'S00F000068656C6C6F202020202000003C',
    'S11F00007C0802A6900100049421FFF07C6C1B787C8C23783C6000003863000026',
    'S11F001C4BFFFFE5398000007D83637880010014382100107C0803A64E800020E9',
    'S111003848656C6C6F20776F726C642E0A0042',
    'S5030003F9',
    'S9030000FC',
  ].join('\n');

  it('reads the classic S19 example: header, three data records, count, end', () => {
    const parsed = ok(parseSrecWithHeader(example));
    expect(parsed.header).toBe('hello     \u0000\u0000');
    expect(parsed.image.segments).toHaveLength(1);
    expect(parsed.image.segments[0]!.bytes.length).toBe(0x46);
    expect(new TextDecoder().decode(parsed.image.segments[0]!.bytes.subarray(0x38, 0x44))).toBe('Hello world.');
    expect(parsed.image.startAddress).toBeNull();
  });

  it('writes S37 by default, S19/S28 on request or automatically', () => {
    const mg24 = image([[0x08000000, [1, 2, 3, 4]]], 0x08006101);
    expect(text(ok(writeSrec(mg24)))).toBe('S0030000FC\nS3090800000001020304E4\nS5030001FB\nS7050800610190\n'.replace(' ', ''));
    expect(text(ok(writeSrec(mg24, { header: null, recordCount: false })))).toBe('S3090800000001020304E4\nS7050800610190\n'.replace(' ', ''));
    const low = image([[0x1000, [0xaa]]]);
    expect(text(ok(writeSrec(low, { addressWidth: 'auto', header: null })))).toBe('S1041000AA41\nS5030001FB\nS9030000FC\n');
    expect(text(ok(writeSrec(image([[0x123456, [0]]]), { addressWidth: 'auto', header: 'HDR' })))).toBe('S00600004844521B\nS2051234560 05E\nS5030001FB\nS804000000FB\n'.replace(' ', ''));
    expectError(writeSrec(mg24, { addressWidth: 16 }), 'FIRMWARE_ADDRESS_OUT_OF_RANGE', /16-bit/);
    expect(writeSrec(mg24, { bytesPerRecord: 251 }).ok).toBe(false);
    expect(ok(parseSrec(ok(writeSrec(mg24, { bytesPerRecord: 250 })))).segments[0]!.bytes.length).toBe(4);
  });

  it('names the line of every malformed record', () => {
    const lines = example.split('\n');
    const variant = (index: number, line: string) => lines.map((l, i) => (i === index ? line : l)).join('\n');
    expectError(parseSrec(variant(1, lines[1]!.replace(/26$/, '27'))), 'FIRMWARE_CHECKSUM_MISMATCH', /line 2: checksum 0x27, .* 0x26/);
    expectError(parseSrec(variant(3, 'S411003848656C6C6F20776F726C642E0A0042')), 'FIRMWARE_RECORD_TYPE_INVALID', /line 4: S4 is a reserved/);
    expectError(parseSrec(variant(3, 'SX11003848656C6C6F20776F726C642E0A0042')), 'FIRMWARE_RECORD_TYPE_INVALID', /line 4: "S" is followed by "X"/);
    expectError(parseSrec(variant(3, 'S111003848656C6C6F20776F726C642E0A004')), 'FIRMWARE_RECORD_MALFORMED', /line 4: .*odd number of hex digits/);
    expectError(parseSrec(variant(3, 'S112003848656C6C6F20776F726C642E0A0041')), 'FIRMWARE_RECORD_MALFORMED', /line 4: the count byte says 18 bytes follow, the record holds 17/);
    expectError(parseSrec(variant(4, 'S5030004F8')), 'FIRMWARE_RECORD_COUNT_MISMATCH', /line 5: S5 counts 4 data records, 3 came before it/);
    expectError(parseSrec(lines.slice(0, 5).join('\n')), 'FIRMWARE_TRUNCATED', /after line 5/);
    expectError(parseSrec(`${example}\nS111003848656C6C6F20776F726C642E0A0042`), 'FIRMWARE_DATA_AFTER_END', /line 7 follows the end record on line 6/);
    expectError(parseSrec(variant(2, lines[0]!)), 'FIRMWARE_RECORD_MALFORMED', /line 3: an S0 header may only be the first record/);
    expectError(parseSrec(variant(3, 'X111003848656C6C6F20776F726C642E0A0042')), 'FIRMWARE_RECORD_MALFORMED', /line 4 starts with "X"/);
    expectError(parseSrec('S105FFFF0102F9\nS9030000FC'), 'FIRMWARE_ADDRESS_OUT_OF_RANGE', /line 1: 2 bytes at 0x0000FFFF run past the 16-bit addresses/);
    expectError(parseSrec('S1050000AABB95\nS1040001BB3F\nS9030000FC'), 'FIRMWARE_OVERLAP', /lines 1 and 2 both give address 0x00000001/);
    expectError(parseSrec('S9030000FC\n'.replace('S9030000FC', 'S904000000FB')), 'FIRMWARE_RECORD_MALFORMED', /S9 end record carries no data/);
    expectError(parseSrec('S10200FD\nS9030000FC'), 'FIRMWARE_RECORD_MALFORMED', /needs 2 address bytes/);
  });

  it('accepts CRLF, blank lines, trailing spaces, lower-case hex and a byte-order mark', () => {
    const messy = `\uFEFF${example.toLowerCase().replace(/^s/gm, 'S')}`.split('\n').join('  \r\n\r\n');
    expect(ok(parseSrec(messy)).segments[0]!.bytes.length).toBe(0x46);
  });
});
