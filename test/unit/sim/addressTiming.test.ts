// The `timing=` option of a sim: probe address: parsed into SimConfig.timing, and a board opened with
// it really charges modelled time (and one without it charges none).
import { describe, expect, it } from 'vitest';
import { parseProbeAddress, parseTiming } from '../../../main/probes/address';
import { openProbe } from '../../../main/probes/open';
import { SimulatedDebugPort } from '../../../main/sim';

const BOARD = 'sim:EFR32MG24B210F1536IM48';

function optionsOf(text: string): unknown {
  const parsed = parseProbeAddress(text);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.value.kind === 'sim' ? parsed.value.options : null;
}

describe('timing= in a probe address', () => {
  it('timing=1 is the default model, timing=0 and no option are none', () => {
    expect(optionsOf(`${BOARD}?timing=1`)).toEqual({ faults: [], timing: {} });
    expect(optionsOf(`${BOARD}?timing=0`)).toEqual({ faults: [] });
    expect(optionsOf(BOARD)).toEqual({ faults: [] });
  });

  it('takes swd, erase and program figures, in any order and any subset', () => {
    expect(optionsOf(`${BOARD}?timing=swd:4000`)).toEqual({ faults: [], timing: { swdKHz: 4000 } });
    expect(optionsOf(`${BOARD}?eui=14b457fffe045a8e&timing=program:20,swd:1000,erase:12.5`)).toEqual({
      eui64: '14b457fffe045a8e',
      faults: [],
      timing: { swdKHz: 1000, pageEraseMs: 12.5, wordProgramUs: 20 },
    });
  });

  it.each([
    ['timing=2', /timing=2: expected 1, 0, or comma-separated/],
    ['timing=', /timing=: expected/],
    ['timing=swd', /timing=swd: expected/],
    ['timing=clock:4000', /expected 1, 0, or comma-separated/],
    ['timing=swd:0', /swd:0 must be a positive number/],
    ['timing=swd:-5', /swd:-5 must be a positive number/],
    ['timing=erase:fast', /erase:fast must be a positive number/],
    ['timing=swd:1:2', /expected/],
    ['timing=swd:4000,swd:1000', /swd given twice/],
    ['timing=1&timing=0', /option timing given twice/],
  ])('refuses %s', (query, message) => {
    const parsed = parseProbeAddress(`${BOARD}?${query}`);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('PROBE_ADDRESS_INVALID');
      expect(parsed.error.detail).toMatch(message);
    }
  });

  it('parseTiming alone', () => {
    expect(parseTiming('erase:20')).toEqual({ ok: true, value: { pageEraseMs: 20 } });
    expect(parseTiming('0')).toEqual({ ok: true, value: null });
  });

  it('a board opened with timing= charges modelled time; one without does not', async () => {
    const charged = async (address: string): Promise<number> => {
      const opened = await openProbe(address);
      if (!opened.ok) throw new Error(opened.error.detail);
      const port = opened.value.port;
      if (!(port instanceof SimulatedDebugPort)) throw new Error('not a simulated port');
      for (let i = 0; i < 100; i += 1) {
        const read = await port.readDp(0);
        if (!read.ok) throw new Error(read.error.detail);
      }
      return port.modelledTimeMs;
    };
    expect(await charged(BOARD)).toBe(0);
    // 100 register reads at 46 clocks each: 4.6 ms at 1 MHz, four times less at the default 4 MHz.
    expect(await charged(`${BOARD}?timing=swd:1000`)).toBeCloseTo(4.6, 5);
    expect(await charged(`${BOARD}?timing=1`)).toBeCloseTo(1.15, 5);
  });
});
