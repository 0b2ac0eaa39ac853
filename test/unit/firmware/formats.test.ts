import { describe, expect, it } from 'vitest';
import {
  convertFirmware,
  createFirmwareImage,
  detectFirmwareFormat,
  imageBounds,
  imagesEqual,
  parseFirmware,
  parseIntelHex,
  parseSrec,
  readBinary,
  readImageRange,
  writeBinary,
  writeFirmware,
  type FirmwareFormat,
  type FirmwareImage,
  type FirmwareSegment,
} from '../../../main/firmware';
import type { Result } from '../../../preload/contract/errors';
import { seededRandom, type TestRandom } from '../../support/seededRandom';

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value;
}
const ascii = (text: string) => new TextEncoder().encode(text);

describe('detectFirmwareFormat', () => {
  it('goes by the first line, then by the file name, then calls it binary', () => {
    expect(detectFirmwareFormat(ascii(':020000040817DB\n:00000001FF\n'))).toBe('intel-hex');
    expect(detectFirmwareFormat(ascii('\uFEFF\r\n  \nS0030000FC\nS9030000FC'))).toBe('srec');
    expect(detectFirmwareFormat(ascii('\uFEFFS3090800000001020304E4\n'))).toBe('srec');
    expect(detectFirmwareFormat(Uint8Array.of(0x00, 0x80, 0x00, 0x20, 0x3a))).toBe('binary');
    expect(detectFirmwareFormat(Uint8Array.of(0x00, 0x80, 0x00, 0x20), 'app.s37')).toBe('srec');
    expect(detectFirmwareFormat(ascii(':04E0000001G2'), 'creds.HEX')).toBe('intel-hex');
    expect(detectFirmwareFormat(ascii('S0030000FC\n'), 'wrongly-named.hex')).toBe('srec');
    expect(detectFirmwareFormat(ascii(':not hex at all'))).toBe('binary');
    expect(detectFirmwareFormat(new Uint8Array(0), 'image.bin')).toBe('binary');
    expect(detectFirmwareFormat(new Uint8Array(0), 'image.s19')).toBe('srec');
  });
});

describe('raw binary', () => {
  it('needs a base address and fills the gaps with 0xFF when written', () => {
    const image = ok(
      createFirmwareImage([
        { address: 0x0817e000, bytes: Uint8Array.of(1, 2) },
        { address: 0x0817e004, bytes: Uint8Array.of(3) },
      ]),
    );
    const written = ok(writeBinary(image));
    expect(written.baseAddress).toBe(0x0817e000);
    expect(Array.from(written.bytes)).toEqual([1, 2, 0xff, 0xff, 3]);
    expect(Array.from(ok(writeBinary(image, { baseAddress: 0x0817dffe, fill: 0 })).bytes)).toEqual([0, 0, 1, 2, 0, 0, 3]);
    expect(ok(writeBinary({ segments: [], startAddress: null })).bytes.length).toBe(0);
    const back = ok(readBinary(written.bytes, 0x0817e000));
    expect(back.segments).toHaveLength(1);
    expect(back.segments[0]!.address).toBe(0x0817e000);
    expect(ok(parseFirmware(written.bytes, { fileName: 'creds.bin', baseAddress: 0x0817e000 })).segments).toHaveLength(1);

    const noBase = parseFirmware(written.bytes, { fileName: 'creds.bin' });
    expect(!noBase.ok && noBase.error.code).toBe('FIRMWARE_BASE_ADDRESS_REQUIRED');
    const above = writeBinary(image, { baseAddress: 0x0817f000 });
    expect(!above.ok && above.error.code).toBe('FIRMWARE_ADDRESS_OUT_OF_RANGE');
    const far = ok(createFirmwareImage([{ address: 0, bytes: Uint8Array.of(1) }, { address: 0x0fe00000, bytes: Uint8Array.of(2) }]));
    const tooLarge = writeBinary(far);
    expect(!tooLarge.ok && tooLarge.error.code).toBe('FIRMWARE_IMAGE_TOO_LARGE');
    expect(readBinary(Uint8Array.of(1, 2), 0xffffffff).ok).toBe(false);
    expect(readBinary(Uint8Array.of(1), -1).ok).toBe(false);
    expect(writeFirmware(image, 'elf' as FirmwareFormat).ok).toBe(false);
    expect(parseFirmware(written.bytes, { format: 'elf' as FirmwareFormat }).ok).toBe(false);
  });
});

const REGIONS = [
  { base: 0, span: 0x10000 }, // fits S19
  { base: 0x08000000, span: 0x180000 }, // MG24 flash
  { base: 0x0817e000, span: 0x2000 }, // one credentials page
  { base: 0, span: 0x100000000 }, // anywhere, including above 0x80000000
];

function randomImage(random: TestRandom, region: { base: number; span: number }, withStart: boolean): FirmwareImage {
  const segments: FirmwareSegment[] = [];
  const count = 1 + random.int(5);
  for (let i = 0; i < count; i++) {
    const size = 1 + random.pick([random.int(16), random.int(300), random.int(2000)]);
    const address = region.base + Math.floor((random.next() / 2 ** 32) * (region.span - size));
    segments.push({ address, bytes: random.bytes(size) });
  }
  // Keep only segments that do not overlap earlier ones, so every image is valid.
  const kept: FirmwareSegment[] = [];
  for (const s of segments) {
    if (kept.every((k) => s.address + s.bytes.length <= k.address || k.address + k.bytes.length <= s.address)) kept.push(s);
  }
  const bounds = kept.reduce((max, s) => Math.max(max, s.address + s.bytes.length - 1), 0);
  const start = withStart ? 1 + random.int(Math.min(bounds, 0xfffffffe)) : null;
  return ok(createFirmwareImage(kept, start));
}

describe('round trips across formats (seeded)', () => {
  it('HEX, S19/S28/S37 and binary give back the same image', () => {
    const random = seededRandom(0xf1a5_0004);
    for (let i = 0; i < 300; i++) {
      const region = REGIONS[i % REGIONS.length]!;
      const image = randomImage(random, region, random.chance(0.5));
      const bounds = imageBounds(image)!;
      const viaHex = writeFirmware(image, 'intel-hex', { intelHex: { bytesPerRecord: 1 + random.int(255) } });
      if (bounds.end <= 0xffffffff) expect(imagesEqual(ok(parseIntelHex(ok(viaHex))), image)).toBe(true);
      for (const width of [16, 24, 32, 'auto'] as const) {
        const srec = writeFirmware(image, 'srec', { srec: { addressWidth: width, bytesPerRecord: 1 + random.int(200), header: random.chance(0.5) ? 'matterline' : null } });
        const limit = width === 'auto' ? 32 : width;
        if (Math.max(bounds.end - 1, image.startAddress ?? 0) >= 2 ** limit) {
          expect(!srec.ok && srec.error.code).toBe('FIRMWARE_ADDRESS_OUT_OF_RANGE');
          continue;
        }
        expect(imagesEqual(ok(parseSrec(ok(srec))), image)).toBe(true);
      }
      if (bounds.end - bounds.start <= 256 * 1024) {
        const binary = ok(writeFirmware(image, 'binary'));
        const back = ok(parseFirmware(binary, { format: 'binary', baseAddress: bounds.start }));
        expect(Array.from(back.segments[0]!.bytes.subarray(0, 64))).toEqual(Array.from(readImageRange(image, bounds.start, Math.min(64, binary.length))));
        expect(back.segments[0]!.bytes.length).toBe(bounds.end - bounds.start);
        // Binary → S37 → HEX → binary keeps every byte.
        const s37 = ok(convertFirmware(binary, 'srec', { format: 'binary', baseAddress: bounds.start }));
        const hex = ok(convertFirmware(s37, 'intel-hex'));
        expect(Buffer.compare(ok(convertFirmware(hex, 'binary')), binary)).toBe(0);
      }
    }
  });
});

function corrupt(random: TestRandom, text: Uint8Array): Uint8Array {
  const bytes = Array.from(text);
  const edits = 1 + random.int(3);
  for (let e = 0; e < edits && bytes.length > 0; e++) {
    const at = random.int(bytes.length);
    switch (random.int(6)) {
      case 0:
        bytes[at] = random.pick([...'0123456789ABCDEFabcdefSXZ: \r\n'].map((c) => c.charCodeAt(0)));
        break;
      case 1:
        bytes.splice(at, 1);
        break;
      case 2:
        bytes.splice(at, 0, random.pick([0x30, 0x46, 0x0a, 0x3a, 0x53]));
        break;
      case 3:
        bytes.length = at;
        break;
      case 4: {
        const lineEnd = bytes.indexOf(0x0a, at);
        if (lineEnd > 0) bytes.splice(lineEnd + 1, 0, ...bytes.slice(at, lineEnd + 1));
        break;
      }
      default:
        bytes[at] = random.int(256);
    }
  }
  return Uint8Array.from(bytes);
}

describe('robustness', () => {
  it('never throws on 10 000 random and corrupted files; record errors name the line', () => {
    const random = seededRandom(0xc0de_0004);
    const samples: Uint8Array[] = [];
    for (let i = 0; i < 12; i++) {
      const image = randomImage(random, REGIONS[i % 3]!, random.chance(0.5));
      samples.push(ok(writeFirmware(image, 'intel-hex')), ok(writeFirmware(image, 'srec', { srec: { addressWidth: 'auto' } })));
    }
    const lineCodes = new Set(['FIRMWARE_RECORD_MALFORMED', 'FIRMWARE_CHECKSUM_MISMATCH', 'FIRMWARE_RECORD_TYPE_INVALID', 'FIRMWARE_RECORD_COUNT_MISMATCH', 'FIRMWARE_DATA_AFTER_END']);
    const check = (result: Result<unknown>) => {
      if (result.ok) return;
      expect(result.error.code).toMatch(/^FIRMWARE_/);
      if (lineCodes.has(result.error.code)) expect(result.error.detail).toMatch(/line \d+/);
    };
    let failures = 0;
    for (let i = 0; i < 10_000; i++) {
      const input = random.chance(0.3) ? random.bytes(random.int(200)) : corrupt(random, random.pick(samples));
      const results = [parseIntelHex(input), parseSrec(input), parseFirmware(input, { baseAddress: 0x08000000 }), parseFirmware(input, { fileName: 'x.hex' })];
      for (const result of results) {
        check(result);
        if (!result.ok) failures++;
      }
    }
    expect(failures).toBeGreaterThan(20_000);
  });
});
