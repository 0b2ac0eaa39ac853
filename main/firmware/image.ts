/**
 * The common model of a firmware file: segments of bytes at 32-bit addresses, sorted, with no
 * overlap and no two touching (touching segments are joined), plus the start (entry) address when
 * the file names one. Intel HEX, S-record and raw binary all read into it and write from it.
 */
import { failure, success, type Result } from '../../preload/contract/errors';

export interface FirmwareSegment {
  readonly address: number;
  readonly bytes: Uint8Array;
}

export interface FirmwareImage {
  /** Sorted by address, non-empty, non-overlapping and non-adjacent. */
  readonly segments: readonly FirmwareSegment[];
  /** Intel HEX record 03/05 or S-record S7/S8/S9; null when the file has none (or it is a raw binary). */
  readonly startAddress: number | null;
}

export const ADDRESS_SPACE = 0x1_0000_0000;

export function hexAddress(address: number): string {
  return `0x${address.toString(16).toUpperCase().padStart(8, '0')}`;
}

export function emptyImage(): FirmwareImage {
  return { segments: [], startAddress: null };
}

function validateSegment(segment: FirmwareSegment, index: number): Result<void> {
  if (segment === null || typeof segment !== 'object' || !(segment.bytes instanceof Uint8Array)) {
    return failure('FIRMWARE_SEGMENT_INVALID', `segment ${index + 1} has no bytes`);
  }
  const { address, bytes } = segment;
  if (!Number.isInteger(address) || address < 0 || address >= ADDRESS_SPACE) {
    return failure('FIRMWARE_SEGMENT_INVALID', `segment ${index + 1} starts at ${String(address)}, not at an address from 0 to 0xFFFFFFFF`);
  }
  if (address + bytes.length > ADDRESS_SPACE) {
    return failure('FIRMWARE_SEGMENT_INVALID', `segment ${index + 1} at ${hexAddress(address)} with ${bytes.length} bytes runs past 0xFFFFFFFF`);
  }
  return success(undefined);
}

/**
 * Build the canonical image from segments in any order. Overlapping segments are allowed only where
 * their bytes agree; the first differing byte is reported as FIRMWARE_OVERLAP with its address.
 */
export function createFirmwareImage(segments: readonly FirmwareSegment[], startAddress: number | null = null): Result<FirmwareImage> {
  for (let i = 0; i < segments.length; i++) {
    const valid = validateSegment(segments[i]!, i);
    if (!valid.ok) return valid;
  }
  if (startAddress !== null && (!Number.isInteger(startAddress) || startAddress < 0 || startAddress >= ADDRESS_SPACE)) {
    return failure('FIRMWARE_SEGMENT_INVALID', `start address ${String(startAddress)} is not a 32-bit address`);
  }
  const sorted = segments.filter((s) => s.bytes.length > 0).sort((a, b) => a.address - b.address);

  // Pass 1: runs of segments that overlap or touch.
  const runs: { start: number; end: number; first: number; last: number }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i]!;
    const end = s.address + s.bytes.length;
    const run = runs[runs.length - 1];
    if (run !== undefined && s.address <= run.end) {
      run.end = Math.max(run.end, end);
      run.last = i;
    } else {
      runs.push({ start: s.address, end, first: i, last: i });
    }
  }

  // Pass 2: fill each run; inside a run everything below `covered` has been written already.
  const out: FirmwareSegment[] = [];
  for (const run of runs) {
    if (run.first === run.last) {
      const only = sorted[run.first]!;
      out.push({ address: only.address, bytes: only.bytes.slice() });
      continue;
    }
    const buffer = new Uint8Array(run.end - run.start);
    let covered = run.start;
    for (let i = run.first; i <= run.last; i++) {
      const s = sorted[i]!;
      const offset = s.address - run.start;
      const overlap = Math.min(covered, s.address + s.bytes.length) - s.address;
      for (let k = 0; k < overlap; k++) {
        if (buffer[offset + k] !== s.bytes[k]) {
          return failure(
            'FIRMWARE_OVERLAP',
            `address ${hexAddress(s.address + k)} holds 0x${buffer[offset + k]!.toString(16).padStart(2, '0')} in one part and 0x${s.bytes[k]!.toString(16).padStart(2, '0')} in another`,
          );
        }
      }
      if (overlap < s.bytes.length) buffer.set(overlap > 0 ? s.bytes.subarray(overlap) : s.bytes, offset + Math.max(0, overlap));
      covered = Math.max(covered, s.address + s.bytes.length);
    }
    out.push({ address: run.start, bytes: buffer });
  }
  return success({ segments: out, startAddress });
}

/**
 * Merge images (a bootloader, an application, an NVM3 region, a credentials page) into one. Bytes
 * may overlap only where they agree. The start address is the first image's that has one.
 */
export function mergeFirmwareImages(images: readonly FirmwareImage[]): Result<FirmwareImage> {
  const segments = images.flatMap((image) => image.segments);
  const start = images.find((image) => image.startAddress !== null)?.startAddress ?? null;
  return createFirmwareImage(segments, start);
}

/** Lowest and one-past-highest address with data; null for an empty image. */
export function imageBounds(image: FirmwareImage): { start: number; end: number } | null {
  const first = image.segments[0];
  const last = image.segments[image.segments.length - 1];
  if (first === undefined || last === undefined) return null;
  return { start: first.address, end: last.address + last.bytes.length };
}

/** Total bytes of data (gaps not counted). */
export function imageDataLength(image: FirmwareImage): number {
  return image.segments.reduce((total, s) => total + s.bytes.length, 0);
}

/** The bytes of [address, address + length), with `fill` where the image has none. */
export function readImageRange(image: FirmwareImage, address: number, length: number, fill = 0xff): Uint8Array {
  const out = new Uint8Array(Math.max(0, length)).fill(fill);
  const end = address + out.length;
  for (const s of image.segments) {
    const sEnd = s.address + s.bytes.length;
    if (sEnd <= address || s.address >= end) continue;
    const from = Math.max(address, s.address);
    const to = Math.min(end, sEnd);
    out.set(s.bytes.subarray(from - s.address, to - s.address), from - address);
  }
  return out;
}

/** Whether two images hold the same bytes at the same addresses and the same start address. */
export function imagesEqual(a: FirmwareImage, b: FirmwareImage): boolean {
  if (a.startAddress !== b.startAddress || a.segments.length !== b.segments.length) return false;
  for (let i = 0; i < a.segments.length; i++) {
    const x = a.segments[i]!;
    const y = b.segments[i]!;
    if (x.address !== y.address || x.bytes.length !== y.bytes.length) return false;
    for (let k = 0; k < x.bytes.length; k++) if (x.bytes[k] !== y.bytes[k]) return false;
  }
  return true;
}
