/**
 * One flash region of the simulated chip (main flash, the user-data page, the Series 1 lock-bits page):
 * page erase sets every byte to 0xFF; programming can only clear bits (new = old AND data); and each
 * 32-bit word may be written at most twice between erases (debug-access.md §4.2 states the rule for
 * 64-bit double-words; counting per 32-bit word is the stricter reading the MSC's word writes give).
 */
import { failure, success, type Result } from '../../preload/contract/errors';

export function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

export const MAX_WRITES_PER_WORD = 2;

export class FlashRegion {
  readonly bytes: Uint8Array;
  /** Writes to each 32-bit word since its page was last erased. */
  readonly writeCounts: Uint8Array;
  /** Bumped by every change, so readers can cache what they parsed from the bytes (the agent's NVM3 view). */
  private changes = 0;

  constructor(
    readonly name: string,
    readonly base: number,
    readonly size: number,
    readonly pageSize: number,
  ) {
    this.bytes = new Uint8Array(size).fill(0xff);
    this.writeCounts = new Uint8Array(size / 4);
  }

  get generation(): number {
    return this.changes;
  }

  /** For code that writes `bytes` directly (loading a saved state). */
  markChanged(): void {
    this.changes += 1;
  }

  contains(address: number, length = 1): boolean {
    return address >= this.base && address + length <= this.base + this.size;
  }

  pageOf(address: number): number {
    return this.base + Math.floor((address - this.base) / this.pageSize) * this.pageSize;
  }

  erasePage(pageAddress: number): Result<void> {
    if (!this.contains(pageAddress, this.pageSize) || (pageAddress - this.base) % this.pageSize !== 0) {
      return failure('SIM_FLASH_UNALIGNED', `${this.name}: ${hex(pageAddress)} is not the start of a ${this.pageSize}-byte page`);
    }
    const offset = pageAddress - this.base;
    this.bytes.fill(0xff, offset, offset + this.pageSize);
    this.writeCounts.fill(0, offset / 4, (offset + this.pageSize) / 4);
    this.changes += 1;
    return success(undefined);
  }

  eraseAll(): void {
    this.bytes.fill(0xff);
    this.writeCounts.fill(0);
    this.changes += 1;
  }

  /**
   * Word writes as the MSC does them: 32-bit aligned, bits only cleared. A third write to a word
   * before its page is erased fails and leaves that word (and the rest) untouched.
   */
  programWords(address: number, data: Uint8Array): Result<void> {
    if (address % 4 !== 0 || data.length % 4 !== 0 || !this.contains(address, data.length)) {
      return failure('SIM_FLASH_UNALIGNED', `${this.name}: ${data.length} bytes at ${hex(address)} are not whole 32-bit words inside ${hex(this.base)}–${hex(this.base + this.size - 1)}`);
    }
    const offset = address - this.base;
    for (let i = 0; i < data.length; i += 4) {
      if (this.writeCounts[(offset + i) / 4]! >= MAX_WRITES_PER_WORD) {
        return failure('SIM_FLASH_WRITE_LIMIT', `word at ${hex(address + i)} already written ${MAX_WRITES_PER_WORD} times since its page was erased`);
      }
    }
    for (let i = 0; i < data.length; i += 4) {
      for (let b = 0; b < 4; b++) this.bytes[offset + i + b]! &= data[i + b]!;
      this.writeCounts[(offset + i) / 4]! += 1;
    }
    this.changes += 1;
    return success(undefined);
  }

  read(address: number, length: number): Uint8Array {
    const offset = address - this.base;
    return this.bytes.slice(offset, offset + length);
  }
}
