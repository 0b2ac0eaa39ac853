import { describe, expect, it } from 'vitest';
import { parseProbeAddress } from '../../../main/probes/address';
import { expectFailure, unwrap } from './simHelpers';

const MG24 = 'EFR32MG24B210F1536IM48';

describe('probe address options for the board\'s firmware', () => {
  it('agent=1 and firmware=agent|app|none', () => {
    const options = (text: string) => {
      const parsed = unwrap(parseProbeAddress(text));
      if (parsed.kind !== 'sim') throw new Error('not sim');
      return parsed.options;
    };
    expect(options(`sim:${MG24}?agent=1`).firmware).toBe('agent');
    expect(options(`sim:${MG24}?firmware=agent&agent=1`).firmware).toBe('agent');
    expect(options(`sim:${MG24}?firmware=app`).firmware).toBe('app');
    expect(options(`sim:${MG24}?firmware=none`).firmware).toBeUndefined();
    expect(options(`sim:${MG24}?agent=0`).firmware).toBeUndefined();
    expect(options(`sim:${MG24}`).firmware).toBeUndefined();
  });

  it('refuses bad or contradicting values', () => {
    expectFailure(parseProbeAddress(`sim:${MG24}?agent=yes`), 'PROBE_ADDRESS_INVALID', 'agent=yes');
    expectFailure(parseProbeAddress(`sim:${MG24}?firmware=boot`), 'PROBE_ADDRESS_INVALID', 'firmware=boot');
    expectFailure(parseProbeAddress(`sim:${MG24}?agent=1&firmware=app`), 'PROBE_ADDRESS_INVALID', 'contradicts');
    expectFailure(parseProbeAddress(`sim:${MG24}?firmware=app&agent=1`), 'PROBE_ADDRESS_INVALID', 'contradicts');
    expectFailure(parseProbeAddress(`sim:${MG24}?agent=1&agent=1`), 'PROBE_ADDRESS_INVALID', 'twice');
  });
});
