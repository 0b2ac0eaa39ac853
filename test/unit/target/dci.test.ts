// The DCI sequence against the fact sheet's words (debug-access.md §3.1), observed on the real
// simulator through a recording wrapper.
import { describe, expect, it } from 'vitest';
import type { DebugPort } from '../../../main/probes/debugPort';
import { decodeDciHeader, decodeDebugStatus, encodeDciCommand, readLockStatus, withDci, DCI_COMMANDS } from '../../../main/target';
import { board } from './simBoard';

type Call = [string, ...number[]];

function recording(port: DebugPort, calls: Call[], override?: (name: string, args: number[], lastTar: number) => unknown): DebugPort {
  let lastTar = 0;
  return new Proxy(port, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const numbers = args.filter((a): a is number => typeof a === 'number');
        if (name === 'writeAp' && numbers[0] === 1 && numbers[1] === 0x04) lastTar = numbers[2]!;
        calls.push([String(name), ...numbers]);
        const replaced = override?.(String(name), numbers, lastTar);
        if (replaced !== undefined) return replaced;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('DCI encoding', () => {
  it('command words are the length in bytes (counting itself), the command word, then parameters', () => {
    expect(encodeDciCommand(DCI_COMMANDS.DBG_LOCK_STATUS)).toEqual([0x00000008, 0x43110000]);
    expect(encodeDciCommand(DCI_COMMANDS.DBG_LOCK_APPLY)).toEqual([0x00000008, 0x430c0000]);
    expect(encodeDciCommand(DCI_COMMANDS.DEVICE_ERASE)).toEqual([0x00000008, 0x430f0000]);
    expect(encodeDciCommand(DCI_COMMANDS.DEVICE_ERASE_DISABLE)).toEqual([0x00000008, 0x43100000]);
    expect(encodeDciCommand(DCI_COMMANDS.DBG_LOCK_ENABLE_SECURE)).toEqual([0x00000008, 0x430d0000]);
    expect(encodeDciCommand(DCI_COMMANDS.GET_STATUS)).toEqual([0x00000008, 0xfe010000]);
    expect(encodeDciCommand(0x43120000, [0b0101])).toEqual([0x0000000c, 0x43120000, 5]);
  });

  it('the response header is the SE code (high half) and the length in bytes (low half)', () => {
    expect(decodeDciHeader(0x00000008)).toEqual({ code: 0, length: 8 });
    expect(decodeDciHeader(0x00020004)).toEqual({ code: 2, length: 4 });
  });

  it('debug status word bits 0, 1, 2 and 5', () => {
    expect(decodeDebugStatus(0b100011)).toEqual({ debugLockConfigured: true, deviceEraseEnabled: true, secureDebugEnabled: false, locked: true });
    expect(decodeDebugStatus(0b000100)).toEqual({ debugLockConfigured: false, deviceEraseEnabled: false, secureDebugEnabled: true, locked: false });
  });
});

describe('DCI sequence on the wire', () => {
  it('connects with DPIDR, SELECT=0x01000000, CSW=0x22000002, checks the DCI ID, sends through TAR/DRW and selects AP #0 again', async () => {
    const calls: Call[] = [];
    const port = recording(board({ part: 'EFR32MG24B210F1536IM48' }), calls);
    const status = await readLockStatus(port);
    expect(status.ok).toBe(true);
    const wire = calls.filter(([name]) => name !== 'close');
    expect(wire.slice(0, 6)).toEqual([
      ['readDp', 0x0],
      ['readDp', 0x0],
      ['writeDp', 0x8, 0x01000000],
      ['writeAp', 1, 0x00, 0x22000002],
      ['writeAp', 1, 0x04, 0x10fc],
      ['readAp', 1, 0x0c],
    ]);
    // Every word written to DCI_WDATA, in order: the DBG_LOCK_STATUS command.
    const words: number[] = [];
    let tar = 0;
    for (const [name, ...args] of wire) {
      if (name === 'writeAp' && args[0] === 1 && args[1] === 0x04) tar = args[2]!;
      if (name === 'writeAp' && args[0] === 1 && args[1] === 0x0c && tar === 0x1000) words.push(args[2]!);
    }
    expect(words).toEqual([0x00000008, 0x43110000]);
    expect(wire.at(-1)).toEqual(['writeDp', 0x8, 0]);
  });

  it('an SE that never answers is TARGET_DCI_TIMEOUT naming the command, within the DCI timeout', async () => {
    const calls: Call[] = [];
    let commandSent = false;
    const port = recording(board({ part: 'EFR32MG24B210F1536IM48' }), calls, (name, args, lastTar) => {
      if (name === 'writeAp' && args[0] === 1 && args[1] === 0x0c && lastTar === 0x1000 && args[2] === 0x43110000) commandSent = true;
      if (commandSent && name === 'readAp' && args[0] === 1 && args[1] === 0x0c && lastTar === 0x1008) return Promise.resolve({ ok: true, value: 0 });
      return undefined;
    });
    const started = Date.now();
    const status = await readLockStatus(port, { dciTimeoutMs: 60 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(status.ok).toBe(false);
    if (status.ok) return;
    expect(status.error.code).toBe('TARGET_DCI_TIMEOUT');
    expect(status.error.detail).toMatch(/^DBG_LOCK_STATUS: no response within 60 ms/);
  });

  it('a cancelled signal stops the exchange with TARGET_CANCELLED or the probe\'s PROBE_CANCELLED', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await withDci(board({ part: 'EFR32MG21A010F1024IM32' }), { signal: controller.signal }, (session) => session.command('GET_STATUS'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['TARGET_CANCELLED', 'PROBE_CANCELLED']).toContain(result.error.code);
  });

  it('an unknown DPIDR falls back to the DCI ID: Series 2 when the SE answers, TARGET_SERIES_UNKNOWN otherwise', async () => {
    const strangeDpidr = (name: string, args: number[]): unknown => (name === 'readDp' && args[0] === 0 ? Promise.resolve({ ok: true, value: 0x0be12477 }) : undefined);
    const series2 = await readLockStatus(recording(board({ part: 'EFR32MG24B210F1536IM48' }), [], strangeDpidr));
    expect(series2.ok).toBe(true);
    const series1 = await readLockStatus(recording(board({ part: 'EFR32MG12P332F1024GL125' }), [], strangeDpidr));
    expect(series1.ok).toBe(false);
    if (!series1.ok) {
      expect(series1.error.code).toBe('TARGET_SERIES_UNKNOWN');
      expect(series1.error.detail).toMatch(/DPIDR 0x0BE12477/);
    }
  });
});
