/**
 * NVM3, Silicon Labs' flash key/value store, read and written byte-compatibly with the firmware.
 * Pure: bytes in, bytes out. See docs/nvm3.md for the format and what the reader reports.
 */
export { appendNvm3 } from './append';
export type { Nvm3AppendOptions, Nvm3AppendResult } from './append';
export { bergerCode, COUNTER_SIZE, MAX_KEY, PAGE_HEADER_SIZE, SMALL_DATA_MAX } from './format';
export { checkGeometry, decodeH5, defaultH5Word, h5WordOf, mg24MatterBaseImageGeometry, mg24Nvm3Geometry, regionSize } from './geometry';
export type { H5Fields, NvmGeometry } from './geometry';
export { findNvm3Regions } from './locate';
export type { Nvm3RegionCandidate } from './locate';
export { decodeObjectHeader, encodeLargeHeader, encodeSmallHeader } from './objectHeader';
export type { DecodedObjectHeader, ObjectHeader, ObjectKind } from './objectHeader';
export { decodePageHeader, encodePageHeader, MAX_ERASE_COUNT } from './pageHeader';
export type { DecodedPageHeader, PageState } from './pageHeader';
export { counterBody } from './placement';
export { readNvm3 } from './read';
export type { Nvm3ReadOptions } from './read';
export { DEFAULT_MAX_OBJECT_SIZE, hardThreshold, repackPages, softThreshold } from './thresholds';
export type {
  Nvm3Contents,
  Nvm3Entry,
  Nvm3Location,
  Nvm3Object,
  Nvm3PageStats,
  Nvm3Warning,
  Nvm3WarningCode,
  Nvm3WriteOptions,
} from './types';
export { rebuildNvm3, writeNvm3 } from './write';
export type { Nvm3FreshOptions } from './write';
