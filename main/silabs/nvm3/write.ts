/**
 * Whole-region writers: a fresh region (what `commander nvm3 initfile` + `set` produce) and a
 * rebuild of an existing one (its newest values plus edits, compacted, its wear history kept).
 * Both return the complete region, ready to be flashed at geometry.baseAddress.
 */
import type { Result } from '../../../preload/contract/errors';
import { failure, success } from '../../../preload/contract/errors';
import { hex, isErased, PAGE_HEADER_SIZE } from './format';
import type { NvmGeometry } from './geometry';
import { checkGeometry, h5WordOf, regionSize } from './geometry';
import { checkEraseCount, checkMaxObjectSize, fromRead, toPlaced, toPlacedAll } from './entries';
import { encodePageHeader } from './pageHeader';
import type { PlacedObject } from './placement';
import { fifoOrder, RegionWriter } from './placement';
import { readNvm3 } from './read';
import { repackPages } from './thresholds';
import type { Nvm3Entry, Nvm3WriteOptions } from './types';

export interface Nvm3FreshOptions extends Nvm3WriteOptions {
  /** Erase count of every page. Default 1: Silicon Labs' blank images and Commander use 1 (the firmware formats with 0 + 1). */
  readonly eraseCount?: number;
}

/**
 * A freshly formatted region holding `entries` in order, from page 0 offset 20 on. Later entries
 * for the same key are later copies (the reader returns the last); `deleted` writes a deleted marker.
 * With no entries this is byte-identical to Silicon Labs' blank image for the same geometry.
 */
export function writeNvm3(entries: readonly Nvm3Entry[], geometry: NvmGeometry, options: Nvm3FreshOptions = {}): Result<Uint8Array> {
  const checked = checkGeometry(geometry);
  if (!checked.ok) return checked;
  const maxObjectSize = checkMaxObjectSize(options);
  if (!maxObjectSize.ok) return maxObjectSize;
  const eraseCount = checkEraseCount(options.eraseCount ?? 1, 'eraseCount');
  if (!eraseCount.ok) return eraseCount;
  const placed = toPlacedAll(entries, maxObjectSize.value);
  if (!placed.ok) return placed;

  const image = new Uint8Array(regionSize(geometry)).fill(0xff);
  const header = encodePageHeader(eraseCount.value, h5WordOf(geometry));
  const ring: number[] = [];
  for (let page = 0; page < geometry.pageCount; page++) {
    image.set(header, page * geometry.pageSize);
    ring.push(page);
  }
  return fill(image, geometry, ring, placed.value, maxObjectSize.value);
}

/**
 * Rewrites a region from its newest values with `changes` applied (a `deleted` change removes the
 * key; a data or counter change replaces or adds it). Each page keeps its erase count, so the FIFO
 * still starts at the same page and the wear history survives; objects are laid out from that page.
 * Pages marked bad are copied as they are; erased, invalid and erase-pending pages are formatted as
 * the firmware would format them when it opens the region.
 */
export function rebuildNvm3(existingImage: Uint8Array, changes: readonly Nvm3Entry[], geometry: NvmGeometry, options: Nvm3WriteOptions = {}): Result<Uint8Array> {
  const maxObjectSize = checkMaxObjectSize(options);
  if (!maxObjectSize.ok) return maxObjectSize;
  const read = readNvm3(existingImage, geometry, { maxObjectSize: maxObjectSize.value });
  if (!read.ok) return read;
  const contents = read.value;

  const objects = new Map<number, PlacedObject>();
  for (const object of contents.objects.values()) objects.set(object.key, fromRead(object));
  if (!Array.isArray(changes)) return failure('NVM3_OPTION_INVALID', 'the changes are not a list');
  for (const change of changes) {
    const placed = toPlaced(change, maxObjectSize.value);
    if (!placed.ok) return placed;
    if (placed.value.kind === 'deleted') objects.delete(change.key);
    else objects.set(change.key, placed.value);
  }

  // The counts each page will have once the firmware has dealt with it (eraseEipAndInvalidPages).
  const counts: (number | undefined)[] = contents.pages.map((page) => (page.state === 'good' ? page.eraseCount : undefined));
  contents.pages.forEach((page, index) => {
    if (page.state === 'good-eip') counts[index] = page.eraseCount! + 1;
    else if (page.state === 'erased' || page.state === 'invalid') counts[index] = countForFormattedPage(counts, index);
  });

  const image = new Uint8Array(regionSize(geometry)).fill(0xff);
  const h5Word = h5WordOf(geometry);
  contents.pages.forEach((page, index) => {
    const start = index * geometry.pageSize;
    if (page.state === 'bad') image.set(existingImage.subarray(start, start + geometry.pageSize), start);
    else image.set(encodePageHeader(counts[index]!, h5Word), start);
  });
  const order = fifoOrder(
    counts,
    contents.pages.map((page) => page.state !== 'bad'),
  );
  if (order.max - order.min > 1) {
    return failure('NVM3_ERASE_COUNTS_INCONSISTENT', `erase counts run from ${order.min} to ${order.max}`);
  }
  return fill(image, geometry, order.ring, [...objects.values()], maxObjectSize.value);
}

/**
 * findCurrentEraseCnt for a page without a valid header: the count of the nearest usable page
 * before it, one more if that page sits after it (the search wrapped round the end of the region).
 */
function countForFormattedPage(counts: readonly (number | undefined)[], index: number): number {
  for (let step = 1; step < counts.length; step++) {
    const previous = (index - step + counts.length) % counts.length;
    const count = counts[previous];
    if (count !== undefined) return previous > index ? count + 1 : count;
  }
  return 1;
}

/** Places the objects along the ring and checks the firmware will have enough empty pages. */
function fill(image: Uint8Array, geometry: NvmGeometry, ring: readonly number[], objects: readonly PlacedObject[], maxObjectSize: number): Result<Uint8Array> {
  const writer = new RegionWriter(image, geometry.pageSize, ring, { ring: 0, offset: PAGE_HEADER_SIZE });
  for (const object of objects) {
    if (!writer.place(object)) {
      return failure('NVM3_REGION_FULL', `key ${hex(object.key)} (${object.payload.length} bytes) does not fit in ${ring.length} usable pages`);
    }
  }
  // nvm3_open erases the newest pages when fewer than a repack needs are empty, losing data.
  const needed = repackPages(geometry.pageSize, maxObjectSize);
  const empty = ring.filter((page) => isErased(image, page * geometry.pageSize + PAGE_HEADER_SIZE, (page + 1) * geometry.pageSize)).length;
  if (empty < needed) {
    return failure('NVM3_REGION_FULL', `the values leave ${empty} empty page(s); the firmware needs ${needed} empty to open the region without erasing any`);
  }
  return success(image);
}
