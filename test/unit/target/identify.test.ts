import { describe, expect, it } from 'vitest';
import { parseOrderablePartNumber } from '../../../main/silabs/parts';
import { identify } from '../../../main/target';
import { board, cataloguePartNumbers } from './simBoard';

describe('identify over the simulator', () => {
  const parts = cataloguePartNumbers();

  it('covers every family of the catalogue', () => {
    expect(parts.some((p) => p.startsWith('EFR32MG24'))).toBe(true);
    expect(parts.some((p) => p.startsWith('EFR32BG24'))).toBe(true);
    expect(parts.some((p) => p.startsWith('EFR32MG21'))).toBe(true);
    expect(parts.some((p) => p.startsWith('EFR32MG12'))).toBe(true);
  });

  it.each(parts.map((part, index) => [part, (0x14b457fffe000000n + BigInt(index * 0x10101 + 1)).toString(16).padStart(16, '0')]))(
    '%s returns its exact part number and EUI-64 %s',
    async (part, eui64) => {
      const port = board({ part, eui64 });
      const identity = await identify(port);
      if (!identity.ok) throw new Error(`${identity.error.code}: ${identity.error.detail}`);
      const expected = parseOrderablePartNumber(part);
      if (!expected.ok) throw new Error('bad test part');
      expect(identity.value.partNumber).toBe(part);
      expect(identity.value.eui64).toBe(eui64);
      expect(identity.value.eui64).toMatch(/^[0-9a-f]{16}$/);
      expect(identity.value.series).toBe(expected.value.series);
      expect(identity.value.flashSize).toBe(expected.value.memory.flashSize);
      expect(identity.value.pageSize).toBe(expected.value.memory.pageSize);
      expect(identity.value.part.memory.credentialsPage).toBe(expected.value.memory.credentialsPage);
    },
  );

  it('a locked part refuses identify with TARGET_LOCKED naming the step', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48', locked: 'standard' });
    const identity = await identify(port);
    expect(identity.ok).toBe(false);
    if (identity.ok) return;
    expect(identity.error.code).toBe('TARGET_LOCKED');
    expect(identity.error.detail).toMatch(/^IDENTIFY: series byte/);
  });

  it('a disconnect surfaces as the probe error naming the step', async () => {
    const port = board({ part: 'EFR32MG21A010F1024IM32', faults: [{ kind: 'disconnect', at: 'readMemory', occurrence: 3 }] });
    const identity = await identify(port);
    expect(identity.ok).toBe(false);
    if (identity.ok) return;
    expect(identity.error.code).toBe('PROBE_DISCONNECTED');
    expect(identity.error.detail).toMatch(/^IDENTIFY: DEVINFO /);
  });
});
