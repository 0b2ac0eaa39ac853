/**
 * What the firmware does when the application writes a value (nvm3_writeData, nvm3_writeCounter,
 * nvm3_deleteObject): append a new copy at the head of the FIFO, repacking the oldest page first
 * when free space runs low. The device simulator reuses this so its flash ages like a real chip's.
 *
 * Deliberate simplifications, documented in docs/nvm3.md: a counter write appends a new counter
 * object (the firmware increments in place while it can); repacks copy live objects in log order
 * (the firmware uses its cache order); the open-time recovery of a region with too few empty pages
 * is not reproduced (the reader warns about such a region instead).
 */
import type { Result } from '../../../preload/contract/errors';
import { failure, success } from '../../../preload/contract/errors';
import { hex, PAGE_HEADER_SIZE } from './format';
import type { NvmGeometry } from './geometry';
import { h5WordOf } from './geometry';
import { checkMaxObjectSize, fromRead, toPlacedAll } from './entries';
import { encodePageHeader } from './pageHeader';
import type { PlacedObject } from './placement';
import { fifoOrder, RegionWriter } from './placement';
import { readNvm3 } from './read';
import { hardThreshold, softThreshold } from './thresholds';
import type { Nvm3Contents, Nvm3Entry, Nvm3WriteOptions } from './types';

export interface Nvm3AppendOptions extends Nvm3WriteOptions {
  /** Skip writes that change nothing (same data, deleting a missing key), as the firmware does. Default true. */
  readonly skipUnchanged?: boolean;
}

export interface Nvm3AppendResult {
  readonly image: Uint8Array;
  /** Objects appended for the entries (repack copies not counted). */
  readonly written: number;
  /** Entries that changed nothing and were not written. */
  readonly skipped: number;
  /** Pages repacked (live objects copied forward, page erased with its erase count + 1). */
  readonly repackedPages: number;
}

/** Appends `entries` in order to a copy of `image`; the input is never changed. */
export function appendNvm3(image: Uint8Array, entries: readonly Nvm3Entry[], geometry: NvmGeometry, options: Nvm3AppendOptions = {}): Result<Nvm3AppendResult> {
  const maxObjectSize = checkMaxObjectSize(options);
  if (!maxObjectSize.ok) return maxObjectSize;
  const placed = toPlacedAll(entries, maxObjectSize.value);
  if (!placed.ok) return placed;
  const opened = openRegion(image, geometry, maxObjectSize.value);
  if (!opened.ok) return opened;
  const region = opened.value;
  const skipUnchanged = options.skipUnchanged ?? true;
  const soft = softThreshold(geometry.pageSize, maxObjectSize.value);
  let written = 0;
  let skipped = 0;
  let repackedPages = 0;

  for (const object of placed.value) {
    let contents = reread(region, geometry, maxObjectSize.value);
    const existing = contents.objects.get(object.key);
    if (object.kind === 'counter' && existing?.type === 'data') {
      return failure('NVM3_NOT_A_COUNTER', `key ${hex(object.key)} holds ${existing.value.length} bytes of data`);
    }
    if (skipUnchanged && unchanged(object, contents)) {
      skipped++;
      continue;
    }
    // repackUntilGood: at most two rounds per page, as the firmware bounds it.
    for (let round = 0; contents.unusedBytes < soft && round < contents.ring.length * 2; round++) {
      const repacked = repackOldestPage(region, contents, geometry);
      if (!repacked.ok) return repacked;
      repackedPages++;
      contents = reread(region, geometry, maxObjectSize.value);
    }
    const need = hardThreshold(geometry.pageSize, maxObjectSize.value, object.payload.length);
    if (contents.head === undefined || (object.kind !== 'deleted' && contents.unusedBytes < need)) {
      return failure('NVM3_REGION_FULL', `key ${hex(object.key)}: ${contents.unusedBytes} bytes unused, the firmware needs ${need} before it writes ${object.payload.length}`);
    }
    const writer = new RegionWriter(region, geometry.pageSize, contents.ring, { ring: contents.ring.indexOf(contents.head.page), offset: contents.head.offset });
    if (!writer.place(object)) return failure('NVM3_REGION_FULL', `key ${hex(object.key)} (${object.payload.length} bytes) does not fit before the oldest page`);
    written++;
  }
  return success({ image: region, written, skipped, repackedPages });
}

function reread(region: Uint8Array, geometry: NvmGeometry, maxObjectSize: number): Nvm3Contents {
  const read = readNvm3(region, geometry, { maxObjectSize });
  // openRegion checked the region reads; appending only adds valid objects and formatted pages.
  if (!read.ok) throw new Error(`NVM3 region became unreadable while appending: ${read.error.detail ?? read.error.code}`);
  return read.value;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** nvm3_writeData skips identical data, nvm3_writeCounter an equal counter, nvm3_deleteObject a missing key. */
function unchanged(object: PlacedObject, contents: Nvm3Contents): boolean {
  const existing = contents.objects.get(object.key);
  if (object.kind === 'deleted') return existing === undefined;
  if (existing === undefined) return false;
  return existing.type === 'data' ? object.kind === 'data' && sameBytes(existing.value, object.payload) : object.kind === 'counter' && sameBytes(existing.raw, object.payload);
}

/**
 * What nvm3_open does before anything else: erase pages that were waiting to be erased (erase count
 * + 1) and format pages without a valid header (the count of the page before them). Refuses a
 * region whose counts are more than 1 apart, as the firmware does.
 */
function openRegion(image: Uint8Array, geometry: NvmGeometry, maxObjectSize: number): Result<Uint8Array> {
  const read = readNvm3(image, geometry, { maxObjectSize });
  if (!read.ok) return read;
  const region = image.slice();
  const pages = read.value.pages;
  const counts = pages.map((page) => (page.state === 'good' || page.state === 'good-eip' ? page.eraseCount : undefined));
  const h5Word = h5WordOf(geometry);
  pages.forEach((page, index) => {
    if (page.state === 'good' || page.state === 'bad') return;
    const count = page.state === 'good-eip' ? page.eraseCount! + 1 : previousCount(counts, index);
    counts[index] = count;
    erasePage(region, geometry, index, count, h5Word);
  });
  const order = fifoOrder(
    counts,
    pages.map((page) => page.state !== 'bad'),
  );
  if (order.max - order.min > 1) return failure('NVM3_ERASE_COUNTS_INCONSISTENT', `erase counts run from ${order.min} to ${order.max}`);
  return success(region);
}

function previousCount(counts: readonly (number | undefined)[], index: number): number {
  for (let step = 1; step < counts.length; step++) {
    const previous = (index - step + counts.length) % counts.length;
    const count = counts[previous];
    if (count !== undefined) return previous > index ? count + 1 : count;
  }
  return 1;
}

function erasePage(region: Uint8Array, geometry: NvmGeometry, page: number, eraseCount: number, h5Word: number): void {
  const start = page * geometry.pageSize;
  region.fill(0xff, start, start + geometry.pageSize);
  region.set(encodePageHeader(eraseCount, h5Word), start);
}

/**
 * repackFirstPage + eraseFirstPage: copy every key whose newest copy starts in the oldest page to
 * the head (never into that page itself), then erase it with its erase count + 1; it becomes the
 * newest, empty page of the ring.
 */
function repackOldestPage(region: Uint8Array, contents: Nvm3Contents, geometry: NvmGeometry): Result<void> {
  const oldest = contents.ring[0];
  if (oldest === undefined) return failure('NVM3_NO_VALID_PAGES', 'no page holds objects');
  const live = [...contents.objects.values()].filter((object) => object.location.page === oldest).sort((a, b) => a.sequence - b.sequence);
  if (live.length > 0) {
    if (contents.head === undefined) return failure('NVM3_REGION_FULL', `page ${oldest} cannot be repacked: no room for its live objects`);
    let cursor = { ring: contents.ring.indexOf(contents.head.page), offset: contents.head.offset };
    if (cursor.ring === 0) cursor = { ring: 1, offset: PAGE_HEADER_SIZE };
    const writer = new RegionWriter(region, geometry.pageSize, contents.ring, cursor);
    for (const object of live) {
      if (!writer.place(fromRead(object))) return failure('NVM3_REGION_FULL', `key ${hex(object.key)} cannot be copied forward while repacking page ${oldest}`);
    }
  }
  const eraseCount = contents.pages[oldest]!.eraseCount!;
  erasePage(region, geometry, oldest, eraseCount + 1, h5WordOf(geometry));
  return success(undefined);
}
