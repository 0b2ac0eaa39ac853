/**
 * Base-38, the text encoding of the "MT:" QR payload (matter-credentials.md §4.1). Its alphabet is a
 * subset of the QR alphanumeric mode, so the whole "MT:…" string fits that dense mode. Bytes go in
 * groups of 3, each read as a little-endian integer and written as 5 digits, least significant first;
 * a final 2-byte group gives 4 digits and a final single byte 2 digits.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';

export const BASE38_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-.';

/** Digits per group of 1, 2 or 3 bytes. */
const DIGITS_FOR_BYTES = [0, 2, 4, 5] as const;
const BYTES_FOR_DIGITS: Readonly<Record<number, number>> = { 2: 1, 4: 2, 5: 3 };

const CHAR_VALUES: ReadonlyMap<string, number> = new Map([...BASE38_ALPHABET].map((char, index) => [char, index]));

export function encodeBase38(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 3) {
    const group = bytes.subarray(start, start + 3);
    let value = 0;
    for (let i = group.length - 1; i >= 0; i--) value = value * 256 + group[i]!;
    for (let digit = 0; digit < DIGITS_FOR_BYTES[group.length]!; digit++) {
      text += BASE38_ALPHABET[value % 38];
      value = Math.floor(value / 38);
    }
  }
  return text;
}

export function decodeBase38(text: string): Result<Uint8Array> {
  const bytes: number[] = [];
  for (let start = 0; start < text.length; start += 5) {
    const group = text.slice(start, start + 5);
    const byteCount = BYTES_FOR_DIGITS[group.length];
    if (byteCount === undefined) {
      return failure('QR_BASE38_INVALID', `${text.length} characters: a final group of ${group.length} is impossible (only 2, 4 or 5)`);
    }
    let value = 0;
    for (let i = group.length - 1; i >= 0; i--) {
      const digit = CHAR_VALUES.get(group[i]!);
      if (digit === undefined) {
        return failure('QR_BASE38_INVALID', `character ${JSON.stringify(group[i])} at position ${start + i + 1} is not in the base-38 alphabet 0-9 A-Z - .`);
      }
      value = value * 38 + digit;
    }
    if (value >= 256 ** byteCount) {
      return failure('QR_BASE38_INVALID', `group "${group}" at position ${start + 1} encodes ${value}, more than ${byteCount} byte(s) can hold`);
    }
    for (let i = 0; i < byteCount; i++, value = Math.floor(value / 256)) bytes.push(value % 256);
  }
  return success(Uint8Array.from(bytes));
}
