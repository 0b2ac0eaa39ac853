/**
 * The 20-byte page header (nvm3-and-peers.md A.1; nvm3_page.c):
 *   H1 version 0x0001 | magic 0xB29A << 16
 *   H2 erase count (27 bits) | Berger code << 27
 *   H3 complement of the erase count (27 bits) | its Berger code << 27
 *   H4 BAD (high half, 0xFFFF = good) | EIP, erase in progress (low half, 0xFFFF = clear, 0xA5A5 = set)
 *   H5 the family's device word
 * The count is stored twice so that one torn or worn copy still leaves a readable count.
 */
import {
  bergerCode,
  ERASE_COUNT_BITS,
  ERASE_COUNT_MASK,
  ERASED_WORD,
  PAGE_HEADER_SIZE,
  PAGE_MAGIC,
  PAGE_VERSION,
  readWord,
  writeWord,
} from './format';

export const MAX_ERASE_COUNT = ERASE_COUNT_MASK;

const H4_GOOD_AND_CLEAR = 0xffff_ffff;

/** H2 or H3: a 27-bit field with the count of its zero bits in the top five bits. */
function countWord(field: number): number {
  const value = field & ERASE_COUNT_MASK;
  return ((bergerCode(value, ERASE_COUNT_BITS) << ERASE_COUNT_BITS) | value) >>> 0;
}

/**
 * A formatted page's header as the firmware writes it (nvm3_pageHeaderWrite): H4 is left erased.
 * Erase count 1 with H5 0xFFFF9800 gives `01 00 9A B2 01 00 00 D0 FE FF FF 0F FF FF FF FF 00 98 FF FF`.
 */
export function encodePageHeader(eraseCount: number, h5Word: number): Uint8Array {
  const header = new Uint8Array(PAGE_HEADER_SIZE);
  writeWord(header, 0, ((PAGE_MAGIC << 16) | PAGE_VERSION) >>> 0);
  writeWord(header, 4, countWord(eraseCount));
  writeWord(header, 8, countWord(~eraseCount));
  writeWord(header, 12, H4_GOOD_AND_CLEAR);
  writeWord(header, 16, h5Word >>> 0);
  return header;
}

/** nvm3_pageGetState: Good and GoodEip pages hold objects; the firmware erases the others on open. */
export type PageState = 'good' | 'good-eip' | 'bad' | 'erased' | 'invalid';

export interface DecodedPageHeader {
  readonly state: PageState;
  /** The count the firmware uses: H2 when its Berger code holds, else H3's complement; absent if neither holds. */
  readonly eraseCount: number | undefined;
  /** Each copy's count when its own Berger code holds (H3 already complemented back). */
  readonly eraseCountH2: number | undefined;
  readonly eraseCountH3: number | undefined;
  readonly magicAndVersionOk: boolean;
  readonly h4Word: number;
  readonly h5Word: number;
}

function checkedCount(word: number, inverted: boolean): number | undefined {
  const field = word & ERASE_COUNT_MASK;
  if (bergerCode(field, ERASE_COUNT_BITS) !== word >>> ERASE_COUNT_BITS) return undefined;
  return inverted ? ~field & ERASE_COUNT_MASK : field;
}

/** Reads the header at `offset`; the caller guarantees 20 bytes are there. */
export function decodePageHeader(bytes: Uint8Array, offset: number): DecodedPageHeader {
  const h1 = readWord(bytes, offset);
  const h2 = readWord(bytes, offset + 4);
  const h3 = readWord(bytes, offset + 8);
  const h4 = readWord(bytes, offset + 12);
  const h5 = readWord(bytes, offset + 16);
  const magicAndVersionOk = h1 >>> 16 === PAGE_MAGIC && (h1 & 0xffff) === PAGE_VERSION;
  const eraseCountH2 = checkedCount(h2, false);
  const eraseCountH3 = checkedCount(h3, true);
  // Like nvm3_pageGetEraseCnt: H2 first, H3 only as a fallback, and no count without magic.
  const eraseCount = magicAndVersionOk ? (eraseCountH2 ?? eraseCountH3) : undefined;
  let state: PageState;
  if (eraseCount !== undefined) {
    if (h4 >>> 16 !== 0xffff) state = 'bad';
    else if ((h4 & 0xffff) !== 0xffff) state = 'good-eip';
    else state = 'good';
  } else {
    state = h1 === ERASED_WORD ? 'erased' : 'invalid';
  }
  return { state, eraseCount, eraseCountH2, eraseCountH3, magicAndVersionOk, h4Word: h4, h5Word: h5 };
}
