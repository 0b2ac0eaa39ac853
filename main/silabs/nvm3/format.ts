/**
 * NVM3's fixed numbers and its one integrity check, the Berger code. Everything on flash is a
 * little-endian 32-bit word (NVM3 is built for a 32-bit memory interface), so the helpers here read
 * and write words, never bytes. Sources: nvm3-and-peers.md A.1/A.2 and Silicon Labs' nvm3_page.c /
 * nvm3_object.c (Zlib), whose names are kept in comments so the two can be compared line by line.
 */

export const WORD_SIZE = 4;
export const PAGE_HEADER_SIZE = 20; // H1..H5
export const MIN_PAGE_SIZE = 512; // NVM3_MIN_PAGE_SIZE; the H5 page-size code counts doublings from here
export const MAX_PAGE_SIZE = 65536; // the 3-bit page-size code stops at 512 << 7

export const PAGE_MAGIC = 0xb29a; // H1 high half
export const PAGE_VERSION = 0x0001; // H1 low half
export const ERASE_COUNT_BITS = 27; // NVM3_PAGE_COUNTER_SIZE; the top 5 bits hold the Berger code
export const ERASE_COUNT_MASK = 0x07ff_ffff;
export const ERASED_WORD = 0xffff_ffff;

export const KEY_BITS = 20;
export const MAX_KEY = 0xf_ffff;
export const SMALL_HEADER_SIZE = 4; // OH1
export const LARGE_HEADER_SIZE = 8; // OH1 + OH2
export const SMALL_DATA_MAX = 120; // NVM3_OBJ_SMALL_MAX_SIZE: 7 + 120 still fits the 7-bit type field
export const COUNTER_SIZE = 204; // every counter body, base word + increment words
export const LARGE_LENGTH_MASK = 0x03ff_ffff; // OH2 bits 0-25

/** The 7-bit OH1 type field. Small data stores 7 + length in it, so any value ≥ 7 is small data. */
export const ObjectTypeField = {
  DataLarge: 0,
  CounterLarge: 1,
  CounterSmall: 2,
  Deleted: 3,
  DataSmall: 7,
} as const;

/** OH1 bits 27-28 of a large header; small headers are never fragments. */
export const FragmentType = { None: 0, First: 1, Next: 2, Last: 3 } as const;
export type FragmentTypeValue = (typeof FragmentType)[keyof typeof FragmentType];

/** Number of zero bits among the low `bits` bits of `word` (nvm3_utilsComputeBergerCode). */
export function bergerCode(word: number, bits: number): number {
  const masked = bits >= 32 ? word >>> 0 : (word & (2 ** bits - 1)) >>> 0;
  return bits - popcount(masked);
}

function popcount(word: number): number {
  let v = word >>> 0;
  v -= (v >>> 1) & 0x5555_5555;
  v = (v & 0x3333_3333) + ((v >>> 2) & 0x3333_3333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f_0f0f, 0x0101_0101) >>> 24) & 0xff;
}

export function alignToWord(length: number): number {
  return (length + WORD_SIZE - 1) & ~(WORD_SIZE - 1);
}

export function readWord(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
}

export function writeWord(bytes: Uint8Array, offset: number, word: number): void {
  bytes[offset] = word & 0xff;
  bytes[offset + 1] = (word >>> 8) & 0xff;
  bytes[offset + 2] = (word >>> 16) & 0xff;
  bytes[offset + 3] = (word >>> 24) & 0xff;
}

/** True when every byte of bytes[from, to) is 0xFF (erased flash). */
export function isErased(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0xff) return false;
  return true;
}

export function hex(value: number, digits = 5): string {
  return `0x${value.toString(16).toUpperCase().padStart(digits, '0')}`;
}
