/**
 * The firmware's free-space rules (nvm3.c: OBJ_LEN_REQ, pagesRepack, thrHard, thrSoftMinimum). They
 * decide when a write is refused, when the firmware repacks, and how many pages must stay empty or
 * the firmware erases the newest ones when it opens the region. All in bytes; every page loses its
 * 20-byte header.
 */
import { LARGE_HEADER_SIZE, PAGE_HEADER_SIZE } from './format';

/** NVM3_DEFAULT_MAX_OBJECT_SIZE in Silabs' Matter builds (nvm3-and-peers.md A.1b). */
export const DEFAULT_MAX_OBJECT_SIZE = 4092;
export const MAX_OBJECT_SIZE_LOW = 204;
export const MAX_OBJECT_SIZE_HIGH = 4096;

/** Space an object may need counting every fragment with a large header (OBJ_LEN_REQ). */
export function objectSpaceNeeded(pageSize: number, objectSize: number): number {
  const capacity = pageSize - PAGE_HEADER_SIZE;
  const fragments = Math.floor((objectSize + LARGE_HEADER_SIZE - 1) / capacity) + 1;
  return objectSize + fragments * LARGE_HEADER_SIZE;
}

/** Pages one repack may need: the first page plus the pages of the largest object (pagesRepack). */
export function repackPages(pageSize: number, maxObjectSize: number): number {
  const capacity = pageSize - PAGE_HEADER_SIZE;
  return 1 + Math.floor((objectSpaceNeeded(pageSize, maxObjectSize - 4) - 1) / capacity) + 1;
}

/** A write of `objectSize` bytes is refused below this many unused bytes (thrHard). */
export function hardThreshold(pageSize: number, maxObjectSize: number, objectSize: number): number {
  return repackPages(pageSize, maxObjectSize) * (pageSize - PAGE_HEADER_SIZE) + objectSpaceNeeded(pageSize, objectSize);
}

/** Below this many unused bytes the firmware repacks before it writes (thrSoftMinimum, headroom 0). */
export function softThreshold(pageSize: number, maxObjectSize: number): number {
  return hardThreshold(pageSize, maxObjectSize, maxObjectSize) + objectSpaceNeeded(pageSize, maxObjectSize);
}
