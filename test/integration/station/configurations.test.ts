// The pipeline's other paths, each provisioned end to end on a simulated board and read back by the
// QA service: a host-generated key imported by the agent already in the board's firmware (NVM3), a
// host key in the single flash page (no agent), and each debug lock applied and in effect after reset.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProbe } from '../../../main/probes/open';
import { ensureDemoConfiguration } from '../../../main/services/demoConfiguration';
import type { ProductConfigInput } from '../../../main/station/config';
import type { PipelineEvent } from '../../../main/station/pipeline/types';
import { saveConfigurationFile } from '../../../main/station/productConfigs';
import { inspectBoard } from '../../../main/station/qa/inspectBoard';
import { runLot } from '../../../main/station/runLot';
import { openStationDatabase, type StationDatabase } from '../../../main/store/database';

const MG24 = 'EFR32MG24B210F1536IM48';
let dir = '';
let db: StationDatabase | null = null;

afterEach(() => {
  db?.close();
  db = null;
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

interface Provisioned {
  readonly db: StationDatabase;
  readonly board: string;
  readonly events: PipelineEvent[];
  readonly passed: number;
}

async function provisionOne(name: string, change: (config: ProductConfigInput) => ProductConfigInput, probeOptions = ''): Promise<Provisioned> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-config-'));
  const opened = openStationDatabase(path.join(dir, 'station.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  const demo = await ensureDemoConfiguration(dir);
  if (!demo.ok) throw new Error(demo.error.message);
  const file = path.join(path.dirname(demo.value.configFile), `${name}.json`);
  const base = JSON.parse(fs.readFileSync(demo.value.configFile, 'utf8')) as ProductConfigInput;
  fs.writeFileSync(file, JSON.stringify(change({ ...base, name })));
  const saved = await saveConfigurationFile(db, file, { now: new Date() });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  const lot = db.lots.create({ name, kind: 'sample', configId: saved.value.record.id, quantity: 1 });
  if (!lot.ok) throw new Error(lot.error.message);
  const board = path.join(dir, 'board.sim');
  const events: PipelineEvent[] = [];
  const ran = await runLot({ db, lotId: lot.value.id, probes: [`sim:${MG24}@${board}${probeOptions}`], mode: 'in-process', onEvent: (event) => events.push(event) });
  if (!ran.ok) throw new Error(JSON.stringify(ran.error));
  return { db, board, events, passed: ran.value.counts.passed };
}

function stepStates(events: readonly PipelineEvent[]): Record<string, string> {
  const states: Record<string, string> = {};
  for (const event of events) if (event.type === 'step' && event.state !== 'running') states[event.step] = event.state;
  return states;
}

async function readBack(station: Provisioned) {
  const opened = await openProbe(`sim:${MG24}@${station.board}`);
  if (!opened.ok) throw new Error(opened.error.message);
  try {
    const inspected = await inspectBoard(station.db, opened.value.port, { probe: 'test', now: new Date() });
    if (!inspected.ok) throw new Error(JSON.stringify(inspected.error));
    return inspected.value;
  } finally {
    await opened.value.port.close();
  }
}

describe('product configurations end to end', () => {
  it('host key imported by the agent in the board firmware (NVM3 storage)', async () => {
    const station = await provisionOne(
      'host-key-nvm3',
      (config) => ({ ...config, keyMode: 'host', agent: { source: 'firmware' }, productionFirmware: null, security: { debugLock: 'none', acknowledgeHostKeyOnSecureVault: true } }),
      '?agent=1',
    );
    expect(station.passed).toBe(1);
    expect(stepStates(station.events)).toMatchObject({ agent: 'pass', key: 'pass', write: 'pass', verify: 'pass', firmware: 'skipped' });
    const keyStep = station.events.find((e) => e.type === 'step' && e.step === 'key' && e.state === 'pass');
    expect(keyStep?.type === 'step' && keyStep.detail).toMatch(/generated on the station/);
    const inspected = await readBack(station);
    expect(inspected.report.passed).toBe(true);
  });

  it('host key in the single flash page, written through flash without an agent', async () => {
    const station = await provisionOne('single-page', (config) => ({
      ...config,
      storage: 'single-page',
      keyMode: 'host',
      agent: { source: 'none' },
      productionFirmware: null,
      security: { debugLock: 'none', acknowledgeHostKeyOnSecureVault: true },
    }));
    expect(station.passed).toBe(1);
    expect(stepStates(station.events)).toMatchObject({ agent: 'skipped', write: 'pass', verify: 'pass' });
    const inspected = await readBack(station);
    expect(inspected.report.passed).toBe(true);
    expect(inspected.report.checks.find((check) => check.name === 'key')?.status).toBe('pass');
  });

  it.each(['standard', 'permanent'] as const)('applies the %s debug lock, in effect after the reset', async (lock) => {
    const station = await provisionOne(`lock-${lock}`, (config) => ({ ...config, security: { debugLock: lock, acknowledgeHostKeyOnSecureVault: false } }));
    expect(station.passed).toBe(1);
    expect(stepStates(station.events)).toMatchObject({ lock: 'pass', reset: 'pass' });
    const inspected = await readBack(station);
    expect(inspected.readback.locked).toBe(true);
    expect(inspected.readback.lockState).toBe(lock);
    expect(inspected.report.checks.find((check) => check.name === 'lock')?.status).toBe('pass');
    expect(inspected.report.passed).toBe(true);
  });

  it('fails the lock step when secure debug lock is asked of a part without a command key', async () => {
    const station = await provisionOne('lock-secure', (config) => ({ ...config, security: { debugLock: 'secure', acknowledgeHostKeyOnSecureVault: false } }));
    expect(station.passed).toBe(0);
    expect(stepStates(station.events)).toMatchObject({ verify: 'pass', lock: 'fail' });
    const attempt = station.db.connection.prepare('SELECT result, error_code, error_detail FROM device_attempts').get() as { result: string; error_code: string; error_detail: string };
    expect(attempt.result).toBe('fail');
    expect(attempt.error_detail).toMatch(/^lock: .*Device state: credentials verified/);
  });
});
