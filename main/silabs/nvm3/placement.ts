/**
 * Where objects go when they are written: a port of the firmware's writeObj (nvm3.c), so a region
 * Matterline builds is laid out byte for byte as the chip would lay it out itself.
 *
 *  - Data up to 120 bytes gets a small header, larger data and every counter (204 bytes) a large one.
 *  - An object that does not fit the rest of the page is split: the first fragment fills the page
 *    exactly, next/last fragments start at the first object position of the following ring pages.
 *    A small value that does not fit becomes a large, fragmented one when more than 8 bytes are
 *    left in the page; otherwise it moves whole to the next page.
 *  - Payloads are padded with 0xFF to a word; the region must already be erased where objects go.
 */
import {
  alignToWord,
  COUNTER_SIZE,
  FragmentType,
  type FragmentTypeValue,
  LARGE_HEADER_SIZE,
  PAGE_HEADER_SIZE,
  SMALL_DATA_MAX,
  SMALL_HEADER_SIZE,
  writeWord,
} from './format';
import type { ObjectKind } from './objectHeader';
import { encodeLargeHeader, encodeSmallHeader } from './objectHeader';

/** One object as it goes to flash; a counter's payload is its whole 204-byte body. */
export interface PlacedObject {
  readonly key: number;
  readonly kind: ObjectKind;
  readonly payload: Uint8Array;
}

/** Index into the ring (oldest page first) and byte offset in that page. */
export interface RingCursor {
  readonly ring: number;
  readonly offset: number;
}

/** A new counter as nvm3_writeCounter writes it: the base value in the first word, the increments erased. */
export function counterBody(base: number): Uint8Array {
  const body = new Uint8Array(COUNTER_SIZE).fill(0xff);
  writeWord(body, 0, base >>> 0);
  return body;
}

/**
 * The pages of `ring` (page indices, in the order the FIFO uses them) filled from `cursor` on.
 * `place` returns false when the object would run past the last ring page; what was already
 * written of it is then garbage and the caller must drop the whole image.
 */
export class RegionWriter {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly pageSize: number,
    private readonly ring: readonly number[],
    private cursorValue: RingCursor,
  ) {}

  get cursor(): RingCursor {
    return this.cursorValue;
  }

  place(object: PlacedObject): boolean {
    const total = object.kind === 'deleted' ? 0 : object.payload.length;
    let remaining = total;
    let written = 0;
    let large = total > SMALL_DATA_MAX;
    // The first page may need more than a small header's room before anything can go there.
    let extra = 0;
    const free = this.pageSize - this.cursorValue.offset;
    if (!large && free < total + SMALL_HEADER_SIZE) {
      if (total > 0 && free > LARGE_HEADER_SIZE) large = true;
      else extra = LARGE_HEADER_SIZE - SMALL_HEADER_SIZE;
    }
    const headerSize = large ? LARGE_HEADER_SIZE : SMALL_HEADER_SIZE;
    let fragment: FragmentTypeValue = FragmentType.None;
    // Each round writes one fragment or skips a page that has no room: at most one round per ring page.
    for (;;) {
      const { ring, offset } = this.cursorValue;
      if (ring >= this.ring.length) return false;
      const pageFree = this.pageSize - offset;
      const hasRoom = remaining > 0 ? pageFree > headerSize + extra : pageFree >= headerSize;
      extra = 0;
      if (hasRoom) {
        const length = Math.min(remaining, pageFree - headerSize);
        if (length !== remaining) fragment = remaining === total ? FragmentType.First : FragmentType.Next;
        else if (fragment !== FragmentType.None) fragment = FragmentType.Last;
        const at = this.ring[ring]! * this.pageSize + offset;
        // Payload first, header last, as the firmware does, so a torn write never looks valid.
        this.bytes.set(object.payload.subarray(written, written + length), at + headerSize);
        if (large) {
          const [oh1, oh2] = encodeLargeHeader(object.key, object.kind === 'counter' ? 'counter' : 'data', fragment, length);
          writeWord(this.bytes, at, oh1);
          writeWord(this.bytes, at + 4, oh2);
        } else {
          writeWord(this.bytes, at, encodeSmallHeader(object.key, object.kind, length));
        }
        remaining -= length;
        written += length;
        if (remaining === 0) {
          const next = offset + headerSize + alignToWord(length);
          this.cursorValue = next >= this.pageSize ? { ring: ring + 1, offset: PAGE_HEADER_SIZE } : { ring, offset: next };
          return true;
        }
      }
      this.cursorValue = { ring: ring + 1, offset: PAGE_HEADER_SIZE };
    }
  }
}

/**
 * findFirstPage over erase counts in address order: the FIFO starts at the last page whose count is
 * lower than the previous usable page's. `holds` says which pages take objects (bad pages do not).
 */
export function fifoOrder(counts: readonly (number | undefined)[], holds: readonly boolean[]): { start: number; ring: number[]; min: number; max: number } {
  let start = -1;
  let previous = Infinity;
  let min = Infinity;
  let max = -Infinity;
  counts.forEach((count, page) => {
    if (count === undefined) return;
    if (count < previous) start = page;
    previous = count;
    min = Math.min(min, count);
    max = Math.max(max, count);
  });
  if (start < 0) return { start: 0, ring: [], min: 0, max: 0 };
  const pages = counts.map((_, page) => page).filter((page) => holds[page] === true);
  return { start, ring: [...pages.filter((page) => page >= start), ...pages.filter((page) => page < start)], min, max };
}
