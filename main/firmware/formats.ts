/**
 * One entry point for all three formats: tell them apart, read any into a FirmwareImage, write an
 * image as any, convert between them.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import { readBinary, writeBinary, type BinaryWriteOptions } from './binary';
import type { FirmwareImage } from './image';
import { parseIntelHex, writeIntelHex, type IntelHexWriteOptions } from './intelHex';
import { parseSrec, writeSrec, type SrecWriteOptions } from './srec';

export type FirmwareFormat = 'intel-hex' | 'srec' | 'binary';
export const FIRMWARE_FORMATS: readonly FirmwareFormat[] = ['intel-hex', 'srec', 'binary'];

const EXTENSIONS: Readonly<Record<string, FirmwareFormat>> = {
  hex: 'intel-hex',
  ihex: 'intel-hex',
  ihx: 'intel-hex',
  s19: 'srec',
  s28: 'srec',
  s37: 'srec',
  srec: 'srec',
  mot: 'srec',
  bin: 'binary',
};

export function formatFromFileName(fileName: string): FirmwareFormat | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return match === null ? null : (EXTENSIONS[match[1]!.toLowerCase()] ?? null);
}

function isHexDigit(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/** What the first non-blank line looks like: an Intel HEX record, an S-record, or neither. */
function sniff(bytes: Uint8Array): FirmwareFormat | null {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d || bytes[i] === 0x0a)) i++;
  let end = i;
  while (end < bytes.length && end - i < 600 && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
  const line = bytes.subarray(i, end);
  const allHex = (from: number) => {
    for (let k = from; k < line.length; k++) if (!isHexDigit(line[k]!) && line[k] !== 0x20 && line[k] !== 0x09) return false;
    return true;
  };
  if (line.length >= 11 && line[0] === 0x3a && allHex(1)) return 'intel-hex';
  if (line.length >= 8 && (line[0] === 0x53 || line[0] === 0x73) && line[1]! >= 0x30 && line[1]! <= 0x39 && allHex(2)) return 'srec';
  return null;
}

/**
 * The content decides when its first line is clearly an Intel HEX record or an S-record; otherwise
 * the file name's extension does (so a damaged .hex file gets HEX errors with line numbers, not
 * silently read as binary); otherwise it is raw binary.
 */
export function detectFirmwareFormat(bytes: Uint8Array, fileName?: string): FirmwareFormat {
  return sniff(bytes) ?? (fileName === undefined ? null : formatFromFileName(fileName)) ?? 'binary';
}

export interface ParseFirmwareOptions {
  /** Default: detectFirmwareFormat(bytes, fileName). */
  readonly format?: FirmwareFormat;
  readonly fileName?: string;
  /** Required for raw binary: where its first byte belongs. */
  readonly baseAddress?: number;
}

export function parseFirmware(bytes: Uint8Array, options: ParseFirmwareOptions = {}): Result<FirmwareImage> {
  const format = options.format ?? detectFirmwareFormat(bytes, options.fileName);
  switch (format) {
    case 'intel-hex':
      return parseIntelHex(bytes);
    case 'srec':
      return parseSrec(bytes);
    case 'binary':
      if (options.baseAddress === undefined) return failure('FIRMWARE_BASE_ADDRESS_REQUIRED', options.fileName ?? 'raw binary input');
      return readBinary(bytes, options.baseAddress);
    default:
      return failure('FIRMWARE_FORMAT_UNKNOWN', String(format));
  }
}

export interface WriteFirmwareOptions {
  readonly intelHex?: IntelHexWriteOptions;
  readonly srec?: SrecWriteOptions;
  readonly binary?: BinaryWriteOptions;
}

/** The file's bytes. For binary the first byte belongs at options.binary.baseAddress, else at the image's lowest address. */
export function writeFirmware(image: FirmwareImage, format: FirmwareFormat, options: WriteFirmwareOptions = {}): Result<Uint8Array> {
  switch (format) {
    case 'intel-hex':
      return writeIntelHex(image, options.intelHex);
    case 'srec':
      return writeSrec(image, options.srec);
    case 'binary': {
      const written = writeBinary(image, options.binary);
      return written.ok ? success(written.value.bytes) : written;
    }
    default:
      return failure('FIRMWARE_FORMAT_UNKNOWN', String(format));
  }
}

/** Read bytes in one format and write them in another. */
export function convertFirmware(bytes: Uint8Array, to: FirmwareFormat, options: ParseFirmwareOptions & WriteFirmwareOptions = {}): Result<Uint8Array> {
  const image = parseFirmware(bytes, options);
  return image.ok ? writeFirmware(image.value, to, options) : image;
}
