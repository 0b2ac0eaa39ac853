/**
 * Shared by the two text formats: numbered lines, hex-digit decoding with errors that name the line
 * and column, the overlap check between records of one file, and joining consecutive data records.
 * Lines are offsets into the file's bytes (no per-line views: a 1.5 MiB image has ~100 000 lines).
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import { hexAddress, type FirmwareSegment } from './image';

export interface TextLine {
  /** 1-based, counting every line of the file. */
  readonly number: number;
  /** [start, end) in the file's bytes, without the line break and trailing spaces or tabs. */
  readonly start: number;
  readonly end: number;
}

const HEX_VALUES = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) table[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    table[0x41 + i] = 10 + i;
    table[0x61 + i] = 10 + i;
  }
  return table;
})();

const textEncoder = new TextEncoder();

export function toBytes(input: Uint8Array | string): Uint8Array {
  return typeof input === 'string' ? textEncoder.encode(input) : input;
}

/** Non-blank lines with their numbers; a UTF-8 byte-order mark at the start is skipped. */
export function splitLines(input: Uint8Array): TextLine[] {
  let start = input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const lines: TextLine[] = [];
  let number = 1;
  while (start <= input.length) {
    let end = input.indexOf(0x0a, start);
    if (end === -1) end = input.length;
    let stop = end;
    while (stop > start && (input[stop - 1] === 0x0d || input[stop - 1] === 0x20 || input[stop - 1] === 0x09)) stop--;
    if (stop > start) lines.push({ number, start, end: stop });
    number++;
    start = end + 1;
  }
  return lines;
}

function describeByte(byte: number): string {
  return byte >= 0x21 && byte <= 0x7e ? `"${String.fromCharCode(byte)}"` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

export function describeLineStart(input: Uint8Array, line: TextLine): string {
  return describeByte(input[line.start]!);
}

function badDigit(input: Uint8Array, line: TextLine, index: number): Result<never> {
  return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number}: ${describeByte(input[index]!)} at column ${index - line.start + 1} is not a hex digit`);
}

/** Decode the hex digits of `line` from column `from` (0-based) to its end into bytes. */
export function decodeHexDigits(input: Uint8Array, line: TextLine, from: number, what: string): Result<Uint8Array> {
  const first = line.start + from;
  const digits = line.end - first;
  const out = new Uint8Array(Math.max(0, digits) >>> 1);
  for (let i = 0, at = first; i < out.length; i++, at += 2) {
    const high = HEX_VALUES[input[at]!]!;
    const low = HEX_VALUES[input[at + 1]!]!;
    if ((high | low) < 0) return badDigit(input, line, high < 0 ? at : at + 1);
    out[i] = (high << 4) | low;
  }
  if (digits % 2 !== 0) {
    if (HEX_VALUES[input[line.end - 1]!]! < 0) return badDigit(input, line, line.end - 1);
    return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number}: ${what} has an odd number of hex digits (${digits})`);
  }
  return success(out);
}

export interface PlacedRecord {
  readonly address: number;
  readonly length: number;
  readonly line: number;
}

/** A file must not describe the same byte twice; the error names both lines and the first shared address. */
export function checkRecordOverlap(records: readonly PlacedRecord[]): Result<void> {
  let sorted = true;
  for (let i = 1; i < records.length && sorted; i++) if (records[i]!.address < records[i - 1]!.address) sorted = false;
  const ordered = sorted ? records : [...records].sort((a, b) => a.address - b.address);
  let reach: PlacedRecord | null = null;
  for (const record of ordered) {
    if (record.length === 0) continue;
    if (reach !== null && record.address < reach.address + reach.length) {
      return failure(
        'FIRMWARE_OVERLAP',
        `lines ${Math.min(reach.line, record.line)} and ${Math.max(reach.line, record.line)} both give address ${hexAddress(record.address)}`,
      );
    }
    if (reach === null || record.address + record.length > reach.address + reach.length) reach = record;
  }
  return success(undefined);
}

/**
 * Joins data records that follow each other into one growing segment, so a file of 100 000 records
 * becomes a handful of segments before the image is built.
 */
export class SegmentCollector {
  private readonly done: FirmwareSegment[] = [];
  private buffer = new Uint8Array(0);
  private length = 0;
  private address = 0;

  add(address: number, source: Uint8Array, offset: number, count: number): void {
    if (count === 0) return;
    if (this.length === 0 || address !== this.address + this.length) {
      this.flush();
      this.address = address;
    }
    if (this.length + count > this.buffer.length) {
      const grown = new Uint8Array(Math.max(256, this.buffer.length * 2, this.length + count));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    for (let i = 0; i < count; i++) this.buffer[this.length + i] = source[offset + i]!;
    this.length += count;
  }

  private flush(): void {
    if (this.length > 0) this.done.push({ address: this.address, bytes: this.buffer.slice(0, this.length) });
    this.length = 0;
  }

  segments(): FirmwareSegment[] {
    this.flush();
    return this.done;
  }
}

const HEX_DIGITS = '0123456789ABCDEF';

/** Upper-case hex of bytes (for messages and the HEX start record). */
export function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX_DIGITS[byte >>> 4]! + HEX_DIGITS[byte & 15]!;
  return out;
}
