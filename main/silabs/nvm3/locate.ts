/**
 * Finding NVM3 in a flash image when the firmware's map file is not at hand, the way
 * `commander nvm3 read/parse` "searches for a valid NVM3 area": runs of consecutive pages that
 * start with a valid NVM3 page header (magic, version and a readable erase count).
 */
import { MAX_PAGE_SIZE, MIN_PAGE_SIZE } from './format';
import { decodePageHeader } from './pageHeader';

export interface Nvm3RegionCandidate {
  readonly baseAddress: number;
  readonly pageCount: number;
  readonly pageSize: number;
}

/**
 * Every run of NVM3 pages in `flash` (whose first byte is at `flashBaseAddress`), in address order.
 * A page without a valid header ends a run. The firmware formats all its pages when it opens the
 * region, so a run is normally the whole region; bad pages keep their header and stay in the run.
 */
export function findNvm3Regions(flash: Uint8Array, flashBaseAddress: number, pageSize: number): Nvm3RegionCandidate[] {
  const sizeOk = Number.isInteger(pageSize) && pageSize >= MIN_PAGE_SIZE && pageSize <= MAX_PAGE_SIZE && (pageSize & (pageSize - 1)) === 0;
  if (!sizeOk || !(flash instanceof Uint8Array)) return [];
  const found: Nvm3RegionCandidate[] = [];
  const pages = Math.floor(flash.length / pageSize);
  let runStart = -1;
  for (let page = 0; page <= pages; page++) {
    const valid = page < pages && decodePageHeader(flash, page * pageSize).eraseCount !== undefined;
    if (valid && runStart < 0) runStart = page;
    if (!valid && runStart >= 0) {
      found.push({ baseAddress: flashBaseAddress + runStart * pageSize, pageCount: page - runStart, pageSize });
      runStart = -1;
    }
  }
  return found;
}
