import { describe, expect, it } from 'vitest';
import type { FlashProgress } from '../../../main/probes/debugPort';
import { programPages, readRegion, resetTarget } from '../../../main/target';
import { board } from './simBoard';

const MG24 = 'EFR32MG24B210F1536IM48';

describe('programPages and readRegion', () => {
  it('programs whole pages with progress and reads them back', async () => {
    const port = board({ part: MG24 });
    const bytes = new Uint8Array(2 * 8192).map((_, index) => index & 0xff);
    const progress: FlashProgress[] = [];
    const programmed = await programPages(port, 0x08010000, bytes, (p) => progress.push(p));
    expect(programmed.ok).toBe(true);
    expect(progress.at(-1)).toEqual({ doneBytes: bytes.length, totalBytes: bytes.length });
    const read = await readRegion(port, 0x08010000, bytes.length);
    expect(read.ok && read.value).toEqual(bytes);
  });

  it.each([
    ['an unaligned address', 0x08010004, 8192],
    ['a partial page', 0x08010000, 100],
    ['outside flash', 0x08180000, 8192],
    ['below flash', 0x07ffe000, 8192],
  ])('refuses %s with TARGET_REGION_INVALID', async (_what, address, length) => {
    const result = await programPages(board({ part: MG24 }), address, new Uint8Array(length));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('TARGET_REGION_INVALID');
      expect(result.error.detail).toMatch(/^PROGRAM 0x/);
    }
  });

  it('a flash program failure is caught by verify and names the step', async () => {
    const port = board({ part: MG24, faults: [{ kind: 'flash-program-failure' }] });
    const result = await programPages(port, 0x08000000, new Uint8Array(8192).fill(0x12));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.detail).toMatch(/^PROGRAM 0x08000000\+8192/);
  });

  it('readRegion refuses an empty or oversized range', async () => {
    const port = board({ part: MG24 });
    for (const [address, length] of [[0x08000000, 0], [0xfffffffc, 8], [0x08000000, 32 * 1024 * 1024]] as const) {
      const read = await readRegion(port, address, length);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error.code).toBe('TARGET_REGION_INVALID');
    }
  });

  it('resetTarget names the reset kind when it fails', async () => {
    const port = board({ part: MG24, faults: [{ kind: 'disconnect', at: 'reset' }] });
    const reset = await resetTarget(port, 'halt');
    expect(reset.ok).toBe(false);
    if (!reset.ok) expect(reset.error.detail).toMatch(/^RESET halt/);
  });
});
