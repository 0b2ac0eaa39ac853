/**
 * Reads an NVM3 region the way the firmware does when it opens it (nvm3.c: findFirstPage, fifoScan,
 * validateObjFragments, findNextObj), and reports what it finds instead of failing: a damaged page
 * or object header is a warning and the scan goes on where the firmware would go on.
 *
 * Every loop is bounded by construction: the scan position only moves forward (a later page, or a
 * later word of the same page), so a region of N pages of S bytes is read in at most N·S/4 steps.
 */
import type { Result } from '../../../preload/contract/errors';
import { failure, success } from '../../../preload/contract/errors';
import { FragmentType, hex, isErased, PAGE_HEADER_SIZE } from './format';
import type { NvmGeometry } from './geometry';
import { checkGeometry, decodeH5, regionSize } from './geometry';
import type { ObjectHeader } from './objectHeader';
import { decodeObjectHeader, occupiedSize } from './objectHeader';
import type { DecodedPageHeader } from './pageHeader';
import { decodePageHeader } from './pageHeader';
import { fifoOrder } from './placement';
import { DEFAULT_MAX_OBJECT_SIZE, repackPages } from './thresholds';
import type { Nvm3Contents, Nvm3Location, Nvm3Object, Nvm3PageStats, Nvm3Warning, Nvm3WarningCode } from './types';

export interface Nvm3ReadOptions {
  /** The firmware's NVM3_DEFAULT_MAX_OBJECT_SIZE; only used to tell whether enough pages are empty. Default 4092. */
  readonly maxObjectSize?: number;
}

/** A scan position: index into the ring (oldest page first) and byte offset inside that page. */
interface Cursor {
  readonly ring: number;
  readonly offset: number;
}

interface Fragment {
  readonly cursor: Cursor;
  readonly header: ObjectHeader;
}

export function readNvm3(image: Uint8Array, geometry: NvmGeometry, options: Nvm3ReadOptions = {}): Result<Nvm3Contents> {
  const checked = checkGeometry(geometry);
  if (!checked.ok) return checked;
  if (!(image instanceof Uint8Array) || image.length !== regionSize(geometry)) {
    const length = image instanceof Uint8Array ? image.length : 'no';
    return failure('NVM3_IMAGE_SIZE_MISMATCH', `image has ${length} bytes; ${geometry.pageCount} pages of ${geometry.pageSize} need ${regionSize(geometry)}`);
  }
  const contents = new RegionReader(image, geometry, options).read();
  if (!contents.pages.some((page) => page.state === 'good' || page.state === 'good-eip')) {
    const count = (state: string) => contents.pages.filter((page) => page.state === state).length;
    return failure('NVM3_NO_VALID_PAGES', `${contents.pages.length} pages at ${hex(geometry.baseAddress, 8)}: ${count('erased')} erased, ${count('invalid')} without a valid header, ${count('bad')} marked bad`);
  }
  return success(contents);
}

class RegionReader {
  private readonly pageSize: number;
  private readonly warnings: Nvm3Warning[] = [];
  private readonly headers: DecodedPageHeader[] = [];
  private ring: number[] = [];
  private readonly objectHeaders: number[];
  private readonly usedEnd: number[];
  /** key → newest entry; `null` marks a key whose newest entry is a deleted marker. */
  private readonly latest = new Map<number, Nvm3Object | null>();
  private sequence = 0;
  /** Position after the last complete object (or last fragment), for the head. */
  private lastEnd: Cursor | undefined;

  constructor(
    private readonly image: Uint8Array,
    private readonly geometry: NvmGeometry,
    private readonly options: Nvm3ReadOptions,
  ) {
    this.pageSize = geometry.pageSize;
    this.objectHeaders = new Array<number>(geometry.pageCount).fill(0);
    this.usedEnd = new Array<number>(geometry.pageCount).fill(PAGE_HEADER_SIZE);
  }

  read(): Nvm3Contents {
    for (let page = 0; page < this.geometry.pageCount; page++) this.headers.push(this.readPageHeader(page));
    const fifoStartPage = this.findFifoStart();
    this.scan();
    const { head, unusedBytes } = this.findHead();
    const pages = this.pageStats();
    const emptyPages = this.ring.filter((page) => isErased(this.image, this.pageStart(page) + PAGE_HEADER_SIZE, this.pageStart(page) + this.pageSize)).length;
    const needed = repackPages(this.pageSize, this.options.maxObjectSize ?? DEFAULT_MAX_OBJECT_SIZE);
    if (this.ring.length > 0 && emptyPages < needed) {
      this.warn('too-few-free-pages', `only ${emptyPages} page(s) are empty and a repack needs ${needed}: the firmware erases its newest pages when it opens this region`);
    }
    if (this.ring.length > 0 && head === undefined) this.warn('region-full', 'no room is left for another object');
    const objects = new Map<number, Nvm3Object>();
    const deletedKeys: number[] = [];
    for (const [key, entry] of this.latest) {
      if (entry === null) deletedKeys.push(key);
      else objects.set(key, entry);
    }
    return {
      geometry: this.geometry,
      objects,
      deletedKeys,
      pages,
      fifoStartPage,
      ring: this.ring,
      head,
      unusedBytes,
      emptyPages,
      warnings: this.warnings,
    };
  }

  // ---- pages ----

  private pageStart(page: number): number {
    return page * this.pageSize;
  }

  private location(page: number, offset: number): Nvm3Location {
    return { page, offset, address: this.geometry.baseAddress + this.pageStart(page) + offset };
  }

  private warn(code: Nvm3WarningCode, message: string, where?: { page: number; offset: number; key?: number }): void {
    if (where === undefined) {
      this.warnings.push({ code, message });
      return;
    }
    const { page, offset, address } = this.location(where.page, where.offset);
    this.warnings.push({ code, message, page, offset, address, ...(where.key === undefined ? {} : { key: where.key }) });
  }

  private readPageHeader(page: number): DecodedPageHeader {
    const header = decodePageHeader(this.image, this.pageStart(page));
    const at = { page, offset: 0 };
    switch (header.state) {
      case 'erased':
        this.warn('page-erased', `page ${page} is erased (no header); the firmware formats it when it opens the region`, at);
        break;
      case 'invalid':
        this.warn('page-invalid', `page ${page} has no valid header (bad magic, version or erase counts)`, at);
        break;
      case 'bad':
        this.warn('page-bad', `page ${page} is marked bad and is never used`, at);
        break;
      case 'good-eip':
        this.warn('page-erase-pending', `page ${page} is waiting to be erased; its objects were already copied forward and are not read`, at);
        break;
      case 'good':
        break;
    }
    // A bad page is never used again, so what else is wrong with its header does not matter.
    if (header.eraseCount === undefined || header.state === 'bad') return header;
    if (header.eraseCountH2 === undefined || header.eraseCountH3 === undefined) {
      const broken = header.eraseCountH2 === undefined ? 'H2' : 'H3';
      this.warn('erase-count-copy-invalid', `page ${page}: the ${broken} copy of the erase count fails its Berger code; the other copy (${header.eraseCount}) was used`, at);
    } else if (header.eraseCountH2 !== header.eraseCountH3) {
      this.warn('erase-count-copies-disagree', `page ${page}: the erase-count copies say ${header.eraseCountH2} (H2) and ${header.eraseCountH3} (H3); H2 was used, as the firmware does`, at);
    }
    const h5 = decodeH5(header.h5Word);
    if (h5.pageSize !== this.pageSize) {
      this.warn('page-size-mismatch', `page ${page}: H5 ${hex(header.h5Word, 8)} says ${h5.pageSize}-byte pages, the geometry ${this.pageSize}`, at);
    }
    if ((h5.formatInfo & 1) === 0) {
      this.warn('page-encrypted', `page ${page}: H5 ${hex(header.h5Word, 8)} marks the page AEAD-encrypted; values are ciphertext`, at);
    }
    return header;
  }

  /**
   * findFirstPage: walking the good pages in address order, the FIFO starts at the last page whose
   * erase count is lower than the previous good page's (at the first good page when none is). A page
   * waiting to be erased counts with the count it will get (+1), because the firmware erases it first.
   */
  private findFifoStart(): number {
    const counts = this.headers.map((header) =>
      header.state === 'good' ? header.eraseCount : header.state === 'good-eip' ? header.eraseCount! + 1 : undefined,
    );
    const order = fifoOrder(
      counts,
      this.headers.map((header) => header.state === 'good'),
    );
    if (order.max - order.min > 1) {
      this.warn('erase-count-spread', `erase counts run from ${order.min} to ${order.max}; the firmware refuses a region whose counts differ by more than 1`);
    }
    this.ring = order.ring;
    return order.start;
  }

  // ---- objects ----

  /** The position after an object or fragment; past the page end means the next ring page. */
  private after(cursor: Cursor, header: ObjectHeader): Cursor {
    const next = cursor.offset + occupiedSize(header);
    return next >= this.pageSize ? { ring: cursor.ring + 1, offset: PAGE_HEADER_SIZE } : { ring: cursor.ring, offset: next };
  }

  private pageOf(cursor: Cursor): number {
    return this.ring[cursor.ring]!;
  }

  private decodeAt(cursor: Cursor) {
    const start = this.pageStart(this.pageOf(cursor));
    return decodeObjectHeader(this.image, start + cursor.offset, start + this.pageSize);
  }

  private note(cursor: Cursor, header: ObjectHeader): void {
    const page = this.pageOf(cursor);
    this.objectHeaders[page]! += 1;
    this.usedEnd[page] = Math.max(this.usedEnd[page]!, cursor.offset + occupiedSize(header));
  }

  private scan(): void {
    let cursor: Cursor = { ring: 0, offset: PAGE_HEADER_SIZE };
    while (cursor.ring < this.ring.length) {
      const page = this.pageOf(cursor);
      const decoded = this.decodeAt(cursor);
      if (decoded.status === 'erased') {
        const start = this.pageStart(page);
        if (!isErased(this.image, start + cursor.offset, start + this.pageSize)) {
          this.warn('data-after-end', `page ${page}: bytes after the last object are not erased (an interrupted write); they are ignored`, { page, offset: cursor.offset });
        }
        cursor = { ring: cursor.ring + 1, offset: PAGE_HEADER_SIZE };
        continue;
      }
      if (decoded.status === 'invalid') {
        // The firmware treats the rest of the page as unusable and goes on with the next page.
        this.warn('object-invalid', `page ${page} offset ${cursor.offset}: ${decoded.reason}; the rest of the page is skipped`, { page, offset: cursor.offset, key: decoded.key });
        cursor = { ring: cursor.ring + 1, offset: PAGE_HEADER_SIZE };
        continue;
      }
      const { header } = decoded;
      if (header.fragment === FragmentType.None) {
        this.note(cursor, header);
        this.apply([{ cursor, header }]);
        cursor = this.after(cursor, header);
        this.lastEnd = cursor;
      } else if (header.fragment === FragmentType.First) {
        const chain = this.followChain({ cursor, header });
        if (chain.ok) {
          for (const fragment of chain.fragments) this.note(fragment.cursor, fragment.header);
          this.apply(chain.fragments);
          cursor = this.after(chain.fragments.at(-1)!.cursor, chain.fragments.at(-1)!.header);
          this.lastEnd = cursor;
        } else {
          this.note(cursor, header);
          this.warn('fragment-chain-broken', `key ${hex(header.key)}: ${chain.reason}; the object is ignored`, { page, offset: cursor.offset, key: header.key });
          cursor = this.after(cursor, header);
        }
      } else {
        this.note(cursor, header);
        this.warn('fragment-orphan', `key ${hex(header.key)}: a ${header.fragment === FragmentType.Last ? 'last' : 'next'} fragment without its first one (normal after a repack) is skipped`, { page, offset: cursor.offset, key: header.key });
        cursor = this.after(cursor, header);
        if (header.fragment === FragmentType.Last) this.lastEnd = cursor;
      }
    }
  }

  /**
   * From a first fragment, the next one is where the next object would be (validateObjFragments):
   * right after it, which for a first fragment that fills its page is the start of the next ring
   * page. It must have the same key and type and be a next or a last fragment. A chain that stops
   * short of its page end and continues at the next page (Z-Wave JS writes these) is accepted with
   * a warning, because the firmware would not find that object.
   */
  private followChain(first: Fragment): { ok: true; fragments: Fragment[] } | { ok: false; reason: string } {
    const fragments = [first];
    let current = first;
    let gap = false;
    for (;;) {
      let next = this.after(current.cursor, current.header);
      if (next.ring >= this.ring.length) return { ok: false, reason: 'the chain runs past the newest page' };
      let decoded = this.decodeAt(next);
      if (decoded.status === 'erased' && next.ring === current.cursor.ring) {
        const start = this.pageStart(this.pageOf(next));
        if (next.ring + 1 < this.ring.length && isErased(this.image, start + next.offset, start + this.pageSize)) {
          next = { ring: next.ring + 1, offset: PAGE_HEADER_SIZE };
          decoded = this.decodeAt(next);
          gap = true;
        }
      }
      if (decoded.status !== 'object') return { ok: false, reason: `fragment ${fragments.length + 1} is missing or damaged` };
      const { header } = decoded;
      if (header.key !== first.header.key || header.typeField !== first.header.typeField || !header.large) {
        return { ok: false, reason: `fragment ${fragments.length + 1} belongs to another object (key ${hex(header.key)})` };
      }
      if (header.fragment !== FragmentType.Next && header.fragment !== FragmentType.Last) {
        return { ok: false, reason: `fragment ${fragments.length + 1} is not a next or last fragment` };
      }
      current = { cursor: next, header };
      fragments.push(current);
      if (header.fragment === FragmentType.Last) break;
    }
    if (gap) {
      const page = this.pageOf(first.cursor);
      this.warn('fragment-gap', `key ${hex(first.header.key)}: a fragment stops before its page end and the chain goes on in the next page; Silicon Labs firmware would not find this object`, {
        page,
        offset: first.cursor.offset,
        key: first.header.key,
      });
    }
    return { ok: true, fragments };
  }

  /** Records a complete object as the newest entry of its key. */
  private apply(fragments: readonly Fragment[]): void {
    const first = fragments[0]!;
    const { key, kind, large } = first.header;
    const sequence = this.sequence++;
    // Re-inserting moves the key to the end, so iteration order is the order newest copies were written.
    this.latest.delete(key);
    if (kind === 'deleted') {
      this.latest.set(key, null);
      return;
    }
    const total = fragments.reduce((sum, fragment) => sum + fragment.header.length, 0);
    const payload = new Uint8Array(total);
    let at = 0;
    for (const fragment of fragments) {
      const start = this.pageStart(this.pageOf(fragment.cursor)) + fragment.cursor.offset + fragment.header.headerSize;
      payload.set(this.image.subarray(start, start + fragment.header.length), at);
      at += fragment.header.length;
    }
    const common = { key, large, fragments: fragments.length, location: this.location(this.pageOf(first.cursor), first.cursor.offset), sequence };
    this.latest.set(key, kind === 'counter' ? { ...common, type: 'counter', raw: payload } : { ...common, type: 'data', value: payload });
  }

  // ---- head and statistics ----

  private ringPageEmpty(ring: number): boolean {
    const start = this.pageStart(this.ring[ring]!);
    return isErased(this.image, start + PAGE_HEADER_SIZE, start + this.pageSize);
  }

  /**
   * findNextObj: after the last complete object; to the next page if the rest of that page is not
   * erased; and past any later page that is not empty. Unused bytes run from there to the FIFO start.
   */
  private findHead(): { head: Nvm3Location | undefined; unusedBytes: number } {
    if (this.ring.length === 0) return { head: undefined, unusedBytes: 0 };
    let head: Cursor = this.lastEnd ?? { ring: 0, offset: PAGE_HEADER_SIZE };
    if (head.ring < this.ring.length) {
      const start = this.pageStart(this.pageOf(head));
      if (!isErased(this.image, start + head.offset, start + this.pageSize)) head = { ring: head.ring + 1, offset: PAGE_HEADER_SIZE };
    }
    for (let ring = head.ring + 1; ring < this.ring.length; ring++) {
      if (!this.ringPageEmpty(ring)) head = { ring: ring + 1, offset: PAGE_HEADER_SIZE };
    }
    if (head.ring >= this.ring.length) return { head: undefined, unusedBytes: 0 };
    const unusedBytes = this.pageSize - head.offset + (this.ring.length - head.ring - 1) * (this.pageSize - PAGE_HEADER_SIZE);
    return { head: this.location(this.pageOf(head), head.offset), unusedBytes };
  }

  private pageStats(): Nvm3PageStats[] {
    return this.headers.map((header, page) => {
      const ringPosition = this.ring.indexOf(page);
      const start = this.pageStart(page);
      const end = this.usedEnd[page]!;
      const tailErased = header.state === 'good' && isErased(this.image, start + end, start + this.pageSize);
      return {
        index: page,
        address: this.geometry.baseAddress + start,
        state: header.state,
        eraseCount: header.eraseCount,
        eraseCountH2: header.eraseCountH2,
        eraseCountH3: header.eraseCountH3,
        h5Word: header.h5Word,
        ringPosition: ringPosition < 0 ? undefined : ringPosition,
        objectHeaders: this.objectHeaders[page]!,
        usedBytes: end - PAGE_HEADER_SIZE,
        freeBytes: tailErased ? this.pageSize - end : 0,
      };
    });
  }
}
