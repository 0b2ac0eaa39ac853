import { describe, expect, it } from 'vitest';
import {
  createFirmwareImage,
  imageBounds,
  imageDataLength,
  imagesEqual,
  mergeFirmwareImages,
  readImageRange,
  type FirmwareImage,
} from '../../../main/firmware';
import type { Result } from '../../../preload/contract/errors';

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value;
}
const bytes = (...values: number[]) => Uint8Array.from(values);

describe('FirmwareImage', () => {
  it('sorts segments, joins touching ones and drops empty ones', () => {
    const image = ok(
      createFirmwareImage([
        { address: 0x1010, bytes: bytes(5, 6) },
        { address: 0x1000, bytes: bytes(1, 2, 3, 4) },
        { address: 0x1004, bytes: new Uint8Array(12).fill(9) },
        { address: 0x2000, bytes: new Uint8Array(0) },
        { address: 0x0800, bytes: bytes(7) },
      ]),
    );
    expect(image.segments.map((s) => [s.address, s.bytes.length])).toEqual([
      [0x0800, 1],
      [0x1000, 0x12],
    ]);
    expect(Array.from(image.segments[1]!.bytes.subarray(0, 6))).toEqual([1, 2, 3, 4, 9, 9]);
    expect(imageBounds(image)).toEqual({ start: 0x0800, end: 0x1012 });
    expect(imageDataLength(image)).toBe(0x13);
    expect(Array.from(readImageRange(image, 0x0ffe, 4))).toEqual([0xff, 0xff, 1, 2]);
  });

  it('accepts overlaps whose bytes agree and names the address where they differ', () => {
    const same = ok(createFirmwareImage([{ address: 0x100, bytes: bytes(1, 2, 3, 4) }, { address: 0x102, bytes: bytes(3, 4, 5) }]));
    expect(Array.from(same.segments[0]!.bytes)).toEqual([1, 2, 3, 4, 5]);
    const inside = ok(createFirmwareImage([{ address: 0x100, bytes: bytes(1, 2, 3, 4) }, { address: 0x101, bytes: bytes(2) }]));
    expect(inside.segments).toHaveLength(1);

    const clash = createFirmwareImage([{ address: 0x08000000, bytes: bytes(1, 2, 3, 4) }, { address: 0x08000002, bytes: bytes(3, 9) }]);
    expect(clash.ok).toBe(false);
    if (!clash.ok) {
      expect(clash.error.code).toBe('FIRMWARE_OVERLAP');
      expect(clash.error.detail).toMatch(/address 0x08000003 holds 0x04 in one part and 0x09 in another/);
    }
  });

  it('merges a bootloader, an application and a credentials page, keeping the first start address', () => {
    const boot: FirmwareImage = { segments: [{ address: 0x08000000, bytes: bytes(1) }], startAddress: null };
    const app: FirmwareImage = { segments: [{ address: 0x08006000, bytes: bytes(2) }], startAddress: 0x08006101 };
    const creds: FirmwareImage = { segments: [{ address: 0x0817e000, bytes: bytes(3) }], startAddress: 0x1234 };
    const merged = ok(mergeFirmwareImages([boot, app, creds]));
    expect(merged.segments.map((s) => s.address)).toEqual([0x08000000, 0x08006000, 0x0817e000]);
    expect(merged.startAddress).toBe(0x08006101);
    const clash = mergeFirmwareImages([app, { segments: [{ address: 0x08006000, bytes: bytes(7) }], startAddress: null }]);
    expect(!clash.ok && clash.error.code).toBe('FIRMWARE_OVERLAP');
  });

  it('refuses impossible segments', () => {
    for (const segment of [
      { address: -1, bytes: bytes(1) },
      { address: 0.5, bytes: bytes(1) },
      { address: 0x100000000, bytes: bytes(1) },
      { address: 0xffffffff, bytes: bytes(1, 2) },
      { address: 0, bytes: [1, 2] as unknown as Uint8Array },
    ]) {
      const result = createFirmwareImage([segment]);
      expect(result.ok ? 'ok' : result.error.code).toBe('FIRMWARE_SEGMENT_INVALID');
    }
    expect(createFirmwareImage([{ address: 0xffffffff, bytes: bytes(1) }]).ok).toBe(true);
    expect(createFirmwareImage([], -5).ok).toBe(false);
  });

  it('compares images by content', () => {
    const a = ok(createFirmwareImage([{ address: 1, bytes: bytes(1, 2) }]));
    expect(imagesEqual(a, ok(createFirmwareImage([{ address: 1, bytes: bytes(1) }, { address: 2, bytes: bytes(2) }])))).toBe(true);
    expect(imagesEqual(a, ok(createFirmwareImage([{ address: 1, bytes: bytes(1, 3) }])))).toBe(false);
    expect(imagesEqual(a, { ...a, startAddress: 0 })).toBe(false);
  });
});
