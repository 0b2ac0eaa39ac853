import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreflightCheck } from '../../../preload/contract/preflight';
import { preflightReportSchema } from '../../../preload/contract/preflight';
import { PREFLIGHT_CHECKS, runPreflight, type PreflightOptions } from '../../../main/preflight/runPreflight';
import { makeTempRoot, put, realPathIn, rootedHost } from './fakeHost';

let root: string;
let cleanup: () => void;
beforeEach(() => ({ root, cleanup } = makeTempRoot()));
afterEach(() => cleanup());

const ORDER = ['database', 'jlink-library', 'udev-rules', 'serial-ports', 'versions'];

const databaseOk: PreflightCheck = { name: 'database', title: 'Database writable', ok: true, required: true, message: 'Writable.', fix: null };
const databaseBad: PreflightCheck = { ...databaseOk, ok: false, message: 'Not writable.', fix: 'Fix it.' };

/** A machine with nothing installed: every optional hardware check fails. */
function bareMachine(overrides: Partial<PreflightOptions> = {}): PreflightOptions {
  return {
    databasePath: join(root, 'station.sqlite'),
    host: rootedHost(root),
    serialLister: async () => {
      throw new Error('no serial subsystem');
    },
    versions: { node: '20.19.0' },
    projectRoot: '/project',
    ...overrides,
  };
}

describe('runPreflight', () => {
  it('runs the five checks in a stable order and fits the contract schema', async () => {
    const report = await runPreflight(bareMachine({ checks: { database: () => databaseOk } }));
    expect(report.checks.map((check) => check.name)).toEqual(ORDER);
    expect(PREFLIGHT_CHECKS.map((check) => check.name)).toEqual(ORDER);
    expect(preflightReportSchema.parse(report)).toEqual(report);
  });

  it('is ok when only optional checks fail', async () => {
    const report = await runPreflight(bareMachine({ checks: { database: () => databaseOk } }));
    expect(report.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(['jlink-library', 'udev-rules', 'serial-ports']);
    expect(report.ok).toBe(true);
  });

  it('is not ok when a required check fails', async () => {
    const report = await runPreflight(bareMachine({ checks: { database: async () => databaseBad } }));
    expect(report.ok).toBe(false);
  });

  it('turns a check that throws into a failed check of the same name', async () => {
    const report = await runPreflight(
      bareMachine({
        checks: {
          database: () => {
            throw new Error('boom');
          },
        },
      }),
    );
    expect(report.checks[0]).toMatchObject({ name: 'database', title: 'Database writable', ok: false, required: true });
    expect(report.checks[0]?.detail).toContain('boom');
    expect(report.ok).toBe(false);
  });

  it('reports each check as it finishes, slow ones last', async () => {
    const heard: string[] = [];
    const report = await runPreflight(
      bareMachine({
        checks: { database: () => databaseOk },
        serialLister: () => new Promise((resolve) => setTimeout(() => resolve([{ path: '/dev/ttyACM0' }]), 50)),
        onCheck: (check) => heard.push(check.name),
      }),
    );
    expect([...heard].sort()).toEqual([...ORDER].sort());
    expect(heard.at(-1)).toBe('serial-ports');
    expect(report.checks.map((check) => check.name)).toEqual(ORDER);
    expect(report.checks[3]).toMatchObject({ ok: true, message: '1 serial port: /dev/ttyACM0.' });
  });

  it('keeps the report when the listener throws', async () => {
    const report = await runPreflight(
      bareMachine({
        checks: { database: () => databaseOk },
        onCheck: () => {
          throw new Error('window closed');
        },
      }),
    );
    expect(report.checks).toHaveLength(5);
    expect(report.ok).toBe(true);
  });

  it('passes the settings library path and the injected machine to the checks', async () => {
    put(root, '/srv/segger/libjlinkarm.so.8.12.1');
    put(root, '/etc/udev/rules.d/99-jlink.rules', 'SUBSYSTEM=="usb", ATTR{idVendor}=="1366", MODE="0666"\n');
    const report = await runPreflight(
      bareMachine({ jlinkLibraryPath: '/srv/segger/libjlinkarm.so.8.12.1', checks: { database: () => databaseOk } }),
    );
    expect(report.checks[1]).toMatchObject({ name: 'jlink-library', ok: true });
    expect(report.checks[1]?.message).toContain('8.12.1');
    expect(report.checks[2]).toMatchObject({ name: 'udev-rules', ok: true });
    expect(report.checks[4]?.message).toBe('Node v20.19.0; not running under Electron (Electron runtime installed: no)');
  });
});

describe('runPreflight with the real database check', () => {
  it('is ok with a writable temp database even though every optional check fails', async () => {
    const report = await runPreflight(bareMachine());
    expect(report.checks[0]).toMatchObject({ name: 'database', ok: true, required: true });
    expect(report.ok).toBe(true);
  });

  it('is not ok when the database cannot be created', async () => {
    put(root, '/not-a-folder', 'a file');
    const report = await runPreflight(bareMachine({ databasePath: join(realPathIn(root, '/not-a-folder'), 'station.sqlite') }));
    expect(report.checks[0]).toMatchObject({ name: 'database', ok: false, required: true });
    expect(report.checks[0]?.fix).toEqual(expect.any(String));
    expect(report.ok).toBe(false);
  });
});
