import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProbeAddress } from '../../../main/probes/address';
import { openProbe } from '../../../main/probes/open';
import { identify, readLockStatus } from '../../../main/target';

describe('parseProbeAddress', () => {
  it('sim:PART, with a state file and options', () => {
    expect(parseProbeAddress('sim:EFR32MG24B210F1536IM48')).toEqual({ ok: true, value: { kind: 'sim', text: 'sim:EFR32MG24B210F1536IM48', part: 'EFR32MG24B210F1536IM48', stateFile: null, options: { faults: [] } } });
    const full = parseProbeAddress('sim:EFR32MG21A010F1024IM32@/tmp/board.sim?eui=14B457FFFE045A8E&locked=permanent&fault=disconnect:readAp:3&fault=slow-erase:20&key=installed');
    expect(full).toEqual({
      ok: true,
      value: {
        kind: 'sim',
        text: 'sim:EFR32MG21A010F1024IM32@/tmp/board.sim?eui=14B457FFFE045A8E&locked=permanent&fault=disconnect:readAp:3&fault=slow-erase:20&key=installed',
        part: 'EFR32MG21A010F1024IM32',
        stateFile: '/tmp/board.sim',
        options: {
          eui64: '14b457fffe045a8e',
          locked: 'permanent',
          commandKeyInstalled: true,
          faults: [
            { kind: 'disconnect', at: 'readAp', occurrence: 3 },
            { kind: 'slow-erase', ms: 20 },
          ],
        },
      },
    });
  });

  it.each([
    ['EFR32MG24B210F1536IM48', /expected sim:PART, jlink:SERIAL or serial:PATH/],
    ['sim:', /expected sim:PART/],
    ['sim:EFR32XX99', /part EFR32XX99/],
    ['sim:EFR32MG24B210F1536IM48?eui=12', /eui=12: expected 16 hex digits/],
    ['sim:EFR32MG24B210F1536IM48?locked=maybe', /locked=maybe/],
    ['sim:EFR32MG24B210F1536IM48?fault=explode', /fault=explode/],
    ['sim:EFR32MG24B210F1536IM48?fault=disconnect:fly', /disconnect:OPERATION/],
    ['sim:EFR32MG24B210F1536IM48?colour=red', /unknown option "colour"/],
    ['sim:EFR32MG24B210F1536IM48@', /state file/],
    ['usb:1234', /unknown probe kind "usb"/],
    ['jlink:abc', /serial number/],
  ])('%s is PROBE_ADDRESS_INVALID', (text, detail) => {
    const parsed = parseProbeAddress(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('PROBE_ADDRESS_INVALID');
    expect(parsed.error.detail).toMatch(detail);
  });

  it('rtt-timeout faults parse, with or without a package count; a bad count is refused', () => {
    const withCount = parseProbeAddress('sim:EFR32MG24B210F1536IM48?fault=rtt-timeout:3');
    expect(withCount.ok && withCount.value.kind === 'sim' && withCount.value.options.faults).toEqual([{ kind: 'rtt-timeout', afterPackages: 3 }]);
    const plain = parseProbeAddress('sim:EFR32MG24B210F1536IM48?fault=rtt-timeout');
    expect(plain.ok && plain.value.kind === 'sim' && plain.value.options.faults).toEqual([{ kind: 'rtt-timeout' }]);
    const bad = parseProbeAddress('sim:EFR32MG24B210F1536IM48?fault=rtt-timeout:soon');
    expect(!bad.ok && bad.error.code).toBe('PROBE_ADDRESS_INVALID');
  });

  it('jlink: and serial: parse', () => {
    expect(parseProbeAddress('jlink:440123456')).toEqual({ ok: true, value: { kind: 'jlink', text: 'jlink:440123456', serial: '440123456' } });
    expect(parseProbeAddress('serial:/dev/ttyACM0')).toEqual({ ok: true, value: { kind: 'serial', text: 'serial:/dev/ttyACM0', path: '/dev/ttyACM0' } });
  });
});

describe('openProbe', () => {
  it('serial: is refused for now (jlink: opens through the J-Link binding: test/integration/jlink)', async () => {
    for (const address of ['serial:/dev/ttyACM0']) {
      const opened = await openProbe(address);
      expect(opened.ok).toBe(false);
      if (!opened.ok) {
        expect(opened.error.code).toBe('PROBE_ADDRESS_UNAVAILABLE');
        expect(opened.error.detail).toMatch(/not available in this version yet/);
      }
    }
  });

  it('sim:PART?eui= gives a board with that EUI-64', async () => {
    const opened = await openProbe('sim:EFR32BG24B210F1536IM48?eui=0011223344556677');
    if (!opened.ok) throw new Error(opened.error.detail);
    const identity = await identify(opened.value.port);
    expect(identity.ok && identity.value.eui64).toBe('0011223344556677');
  });

  it('sim:PART@STATEFILE keeps the board between openings; a damaged file is PROBE_ADDRESS_STATE_INVALID', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-probe-'));
    try {
      const file = path.join(dir, 'board.sim');
      const first = await openProbe(`sim:EFR32MG24B210F1536IM48@${file}?locked=standard`);
      if (!first.ok) throw new Error(first.error.detail);
      expect(fs.existsSync(file)).toBe(false);
      expect((await first.value.save()).ok).toBe(true);
      expect(fs.existsSync(file)).toBe(true);
      const second = await openProbe(`sim:EFR32MG24B210F1536IM48@${file}`);
      if (!second.ok) throw new Error(second.error.detail);
      const status = await readLockStatus(second.value.port);
      expect(status.ok && status.value.locked).toBe(true);

      fs.writeFileSync(file, 'not a board');
      const damaged = await openProbe(`sim:EFR32MG24B210F1536IM48@${file}`);
      expect(damaged.ok).toBe(false);
      if (!damaged.ok) expect(damaged.error.code).toBe('PROBE_ADDRESS_STATE_INVALID');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
