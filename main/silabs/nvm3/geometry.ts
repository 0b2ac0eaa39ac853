/**
 * Where an NVM3 region lives and how its pages are shaped. The per-family numbers come from the part
 * catalogue; the MG24 defaults below let the NVM3 code and its tests stand alone until then.
 */
import type { Result } from '../../../preload/contract/errors';
import { failure, success } from '../../../preload/contract/errors';
import { hex, MAX_PAGE_SIZE, MIN_PAGE_SIZE } from './format';

export interface NvmGeometry {
  /** Flash page size in bytes: a power of two from 512 to 65536 (8192 on Series 2, 2048 on Series 1). */
  readonly pageSize: number;
  /** Pages in the region (NVM3_DEFAULT_NVM_SIZE / pageSize). */
  readonly pageCount: number;
  /**
   * The flash's write granularity as H5 bit 11 records it: 16 = two 16-bit writes per word allowed
   * (Series 2, the default), 32 = one write per word. Only used to build H5 when `h5Word` is absent.
   */
  readonly writeSize?: 16 | 32;
  /**
   * The family's H5 word exactly as the firmware writes it (device family, write size, memory-mapped,
   * page-size code, format info). Default: family 0, the write size above, memory-mapped, unencrypted,
   * which is 0xFFFF9800 for 8 KiB pages: the word in Silicon Labs' blank MG24 image.
   */
  readonly h5Word?: number;
  /** Absolute flash address of page 0; must be page-aligned. Only used to report addresses. */
  readonly baseAddress: number;
}

/**
 * MG24 with 1536 KiB flash: 40 KiB (NVM3_DEFAULT_NVM_SIZE = 40960, five 8 KiB pages) directly below
 * the credentials page at 0x0817E000. "The last six pages" of CPMS are these five plus the
 * credentials page (silabs-provisioning.md §1.1-1.2).
 */
export const mg24Nvm3Geometry: NvmGeometry = { pageSize: 8192, pageCount: 5, baseAddress: 0x0817_4000 };

/** The blank image connectedhomeip ships (base_matter_mg24_nvm3.s37): six 8 KiB pages at 0x08172000. */
export const mg24MatterBaseImageGeometry: NvmGeometry = { pageSize: 8192, pageCount: 6, baseAddress: 0x0817_2000 };

// Bound the work one call can be asked to do; a real region is a few dozen pages at most.
const MAX_PAGE_COUNT = 4096;

const H5_FAMILY_MASK = 0x07ff;
const H5_WRITE_SIZE_BIT = 11;
const H5_MEMORY_MAPPED_BIT = 12;
const H5_PAGE_SIZE_SHIFT = 13;

export interface H5Fields {
  readonly deviceFamily: number;
  readonly writeSize: 16 | 32;
  readonly memoryMapped: boolean;
  /** 512 << code; an erased page reads as 65536. */
  readonly pageSize: number;
  /** 0xFFFF when plain; bit 0 cleared means AEAD-encrypted (Series 3), which this code does not read. */
  readonly formatInfo: number;
}

export function pageSizeCode(pageSize: number): number {
  return Math.log2(pageSize / MIN_PAGE_SIZE);
}

export function decodeH5(word: number): H5Fields {
  return {
    deviceFamily: word & H5_FAMILY_MASK,
    writeSize: (word >>> H5_WRITE_SIZE_BIT) & 1 ? 16 : 32,
    memoryMapped: ((word >>> H5_MEMORY_MAPPED_BIT) & 1) === 1,
    pageSize: MIN_PAGE_SIZE << ((word >>> H5_PAGE_SIZE_SHIFT) & 0b111),
    formatInfo: word >>> 16,
  };
}

/** Family 0, memory-mapped, unencrypted; the page-size code and write size from the geometry. */
export function defaultH5Word(pageSize: number, writeSize: 16 | 32 = 16): number {
  return (
    ((0xffff << 16) |
      (pageSizeCode(pageSize) << H5_PAGE_SIZE_SHIFT) |
      (1 << H5_MEMORY_MAPPED_BIT) |
      ((writeSize === 16 ? 1 : 0) << H5_WRITE_SIZE_BIT)) >>>
    0
  );
}

/** The H5 word pages of this geometry get. */
export function h5WordOf(geometry: NvmGeometry): number {
  return geometry.h5Word ?? defaultH5Word(geometry.pageSize, geometry.writeSize);
}

function isU32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

/** Checks every field; the detail names the first one that is wrong. */
export function checkGeometry(geometry: NvmGeometry): Result<NvmGeometry> {
  const { pageSize, pageCount, baseAddress, writeSize, h5Word } = geometry;
  if (!Number.isInteger(pageSize) || pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE || (pageSize & (pageSize - 1)) !== 0) {
    return failure('NVM3_GEOMETRY_INVALID', `pageSize ${String(pageSize)} is not a power of two from 512 to 65536`);
  }
  if (!Number.isInteger(pageCount) || pageCount < 1 || pageCount > MAX_PAGE_COUNT) {
    return failure('NVM3_GEOMETRY_INVALID', `pageCount ${String(pageCount)} is not a whole number from 1 to ${MAX_PAGE_COUNT}`);
  }
  if (!isU32(baseAddress) || baseAddress % pageSize !== 0 || baseAddress + pageSize * pageCount > 2 ** 32) {
    return failure('NVM3_GEOMETRY_INVALID', `baseAddress ${String(baseAddress)} is not page-aligned inside the 32-bit address space`);
  }
  if (writeSize !== undefined && writeSize !== 16 && writeSize !== 32) {
    return failure('NVM3_GEOMETRY_INVALID', `writeSize ${String(writeSize)} is neither 16 nor 32`);
  }
  if (h5Word !== undefined) {
    if (!isU32(h5Word)) return failure('NVM3_GEOMETRY_INVALID', `h5Word ${String(h5Word)} is not a 32-bit word`);
    const fields = decodeH5(h5Word);
    if (fields.pageSize !== pageSize) {
      return failure('NVM3_GEOMETRY_INVALID', `h5Word ${hex(h5Word, 8)} says ${fields.pageSize}-byte pages, the geometry ${pageSize}`);
    }
    if (writeSize !== undefined && fields.writeSize !== writeSize) {
      return failure('NVM3_GEOMETRY_INVALID', `h5Word ${hex(h5Word, 8)} says write size ${fields.writeSize}, the geometry ${writeSize}`);
    }
  }
  return success(geometry);
}

export function regionSize(geometry: NvmGeometry): number {
  return geometry.pageSize * geometry.pageCount;
}
