/**
 * Raw binary: bytes with no addresses, so the caller says where the first byte belongs. Writing
 * fills the gaps between segments (0xFF by default, what erased flash reads as).
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import { ADDRESS_SPACE, createFirmwareImage, hexAddress, imageBounds, readImageRange, type FirmwareImage } from './image';

export function readBinary(bytes: Uint8Array, baseAddress: number): Result<FirmwareImage> {
  if (!Number.isInteger(baseAddress) || baseAddress < 0 || baseAddress >= ADDRESS_SPACE) {
    return failure('FIRMWARE_SEGMENT_INVALID', `base address ${String(baseAddress)} is not a 32-bit address`);
  }
  if (baseAddress + bytes.length > ADDRESS_SPACE) {
    return failure('FIRMWARE_ADDRESS_OUT_OF_RANGE', `${bytes.length} bytes at ${hexAddress(baseAddress)} run past 0xFFFFFFFF`);
  }
  return createFirmwareImage([{ address: baseAddress, bytes }]);
}

export interface BinaryWriteOptions {
  /** Address of the first byte written; default the image's lowest address. Must not be above it. */
  readonly baseAddress?: number;
  /** Gap filler; default 0xFF. */
  readonly fill?: number;
  /** Largest file written; default 64 MiB (a gap between far-apart segments would otherwise become a huge file). */
  readonly maxSize?: number;
}

export const DEFAULT_MAX_BINARY_SIZE = 64 * 1024 * 1024;

export function writeBinary(image: FirmwareImage, options: BinaryWriteOptions = {}): Result<{ baseAddress: number; bytes: Uint8Array }> {
  const bounds = imageBounds(image);
  const base = options.baseAddress ?? bounds?.start ?? 0;
  if (!Number.isInteger(base) || base < 0 || base >= ADDRESS_SPACE) return failure('FIRMWARE_SEGMENT_INVALID', `base address ${String(base)} is not a 32-bit address`);
  if (bounds === null) return success({ baseAddress: base, bytes: new Uint8Array(0) });
  if (base > bounds.start) {
    return failure('FIRMWARE_ADDRESS_OUT_OF_RANGE', `data starts at ${hexAddress(bounds.start)}, below the base address ${hexAddress(base)}`);
  }
  const size = bounds.end - base;
  const limit = options.maxSize ?? DEFAULT_MAX_BINARY_SIZE;
  if (size > limit) {
    return failure('FIRMWARE_IMAGE_TOO_LARGE', `${hexAddress(base)}–${hexAddress(bounds.end - 1)} would be ${size} bytes, more than the ${limit}-byte limit`);
  }
  return success({ baseAddress: base, bytes: readImageRange(image, base, size, options.fill ?? 0xff) });
}
