/** What the NVM3 reader returns and what the writers take. */
import type { NvmGeometry } from './geometry';
import type { PageState } from './pageHeader';

/** A position in the region: page index (address order), byte offset in that page, flash address. */
export interface Nvm3Location {
  readonly page: number;
  readonly offset: number;
  readonly address: number;
}

interface Nvm3ObjectCommon {
  readonly key: number;
  /** Written with an 8-byte (large) header: data over 120 bytes, fragments, counters. */
  readonly large: boolean;
  /** 1 when whole; otherwise first + next… + last, each in its own page. */
  readonly fragments: number;
  /** Where its (first) header is. */
  readonly location: Nvm3Location;
  /** Its position among all objects read, oldest first: later copies of a key have higher numbers. */
  readonly sequence: number;
}

/** The newest value of one key. Counters come back as their raw 204-byte body (base word + increments). */
export type Nvm3Object =
  | (Nvm3ObjectCommon & { readonly type: 'data'; readonly value: Uint8Array })
  | (Nvm3ObjectCommon & { readonly type: 'counter'; readonly raw: Uint8Array });

export interface Nvm3PageStats {
  readonly index: number;
  readonly address: number;
  readonly state: PageState;
  /** The count the firmware uses (H2, or H3 when H2's Berger code fails); absent on erased/invalid pages. */
  readonly eraseCount: number | undefined;
  /** Each stored copy whose Berger code holds (H3 complemented back), to show wear or a torn header. */
  readonly eraseCountH2: number | undefined;
  readonly eraseCountH3: number | undefined;
  readonly h5Word: number;
  /** 0 for the oldest page of the FIFO; absent for pages that hold no objects (bad, erased, invalid, erase pending). */
  readonly ringPosition: number | undefined;
  /** Object and fragment headers read in this page, superseded copies and deleted markers included. */
  readonly objectHeaders: number;
  /** Bytes after the page header up to the end of the last object read. */
  readonly usedBytes: number;
  /** Erased bytes after that, to the end of the page (0 when the rest of the page is not erased). */
  readonly freeBytes: number;
}

export type Nvm3WarningCode =
  | 'page-erased' // no header: the firmware formats it on open
  | 'page-invalid' // neither erased nor a valid header
  | 'page-bad' // marked bad by the firmware; never used again
  | 'page-erase-pending' // EIP set: its objects were already copied forward; the firmware erases it on open
  | 'page-encrypted' // H5 says AEAD (Series 3): payloads are ciphertext
  | 'page-size-mismatch' // H5's page-size code disagrees with the geometry
  | 'erase-count-copy-invalid' // one of H2/H3 fails its Berger code; the other was used
  | 'erase-count-copies-disagree' // both check out but are not complements; H2 was used
  | 'erase-count-spread' // counts differ by more than 1: the firmware refuses to open the region
  | 'object-invalid' // bad Berger code, reserved type or payload past the page end: rest of the page skipped
  | 'data-after-end' // non-erased bytes after the last object of a page (an interrupted write)
  | 'fragment-chain-broken' // a first fragment without its next/last fragments: the object is not there
  | 'fragment-orphan' // a next/last fragment without its first (normal after a repack erased the first)
  | 'fragment-gap' // chain continued across unused space; Silicon Labs firmware would not find this object
  | 'too-few-free-pages' // the firmware erases pages on open when fewer are empty than a repack needs
  | 'region-full'; // no room left for the next object

export interface Nvm3Warning {
  readonly code: Nvm3WarningCode;
  readonly message: string;
  readonly page?: number;
  readonly offset?: number;
  readonly address?: number;
  readonly key?: number;
}

export interface Nvm3Contents {
  readonly geometry: NvmGeometry;
  /** The newest value of every key that is not deleted, in the order their newest copies were written. */
  readonly objects: ReadonlyMap<number, Nvm3Object>;
  /** Keys whose newest entry is a deleted marker. */
  readonly deletedKeys: readonly number[];
  readonly pages: readonly Nvm3PageStats[];
  /** Index of the oldest page (the erase-count drop). */
  readonly fifoStartPage: number;
  /** Pages that hold objects, oldest first. */
  readonly ring: readonly number[];
  /** Where the firmware would write the next object; absent when the region is full. */
  readonly head: Nvm3Location | undefined;
  /** Bytes the firmware counts as unused: from the head to the start of the oldest page. */
  readonly unusedBytes: number;
  /** Pages of the ring with nothing after their header. */
  readonly emptyPages: number;
  readonly warnings: readonly Nvm3Warning[];
}

/** One value to write. A counter is written with `value` as its base and no increments. */
export type Nvm3Entry =
  | { readonly key: number; readonly type: 'data'; readonly value: Uint8Array }
  | { readonly key: number; readonly type: 'counter'; readonly value: number }
  | { readonly key: number; readonly type: 'deleted' };

export interface Nvm3WriteOptions {
  /** Largest data value the firmware accepts (NVM3_DEFAULT_MAX_OBJECT_SIZE). Default 4092, Silabs' Matter builds. */
  readonly maxObjectSize?: number;
}
