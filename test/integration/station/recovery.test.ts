// Crash recovery: attempts a crash left in progress are resolved on the next start by reading the
// board back — complete and verified (with the configured lock) → passed, label recorded; a board
// that is gone or holds less → failed with STATION_INTERRUPTED. Nothing stays in progress.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDemoConfiguration } from '../../../main/services/demoConfiguration';
import { boardSourceFor } from '../../../main/station/boards';
import { StationLedger } from '../../../main/station/ledger/stationLedger';
import { runProbeJob } from '../../../main/station/pipeline/probeJob';
import type { DeviceLedger } from '../../../main/station/pipeline/types';
import { jobSpecFor, loadSavedConfiguration, saveConfigurationFile } from '../../../main/station/productConfigs';
import { recoverInterruptedAttempts } from '../../../main/station/recovery';
import { openStationDatabase, type StationDatabase } from '../../../main/store/database';

const MG24 = 'EFR32MG24B210F1536IM48';
let dir = '';
let db: StationDatabase | null = null;

afterEach(() => {
  db?.close();
  db = null;
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs one device whose run "crashes" before the attempt is recorded: `finish` never reaches the database. */
async function crashBeforeRecord(probe: string, crashAt: 'record' | 'never' = 'record'): Promise<StationDatabase> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-recovery-'));
  const opened = openStationDatabase(path.join(dir, 'station.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  const demo = await ensureDemoConfiguration(dir);
  if (!demo.ok) throw new Error(demo.error.message);
  const saved = await saveConfigurationFile(db, demo.value.configFile, { now: new Date() });
  if (!saved.ok) throw new Error(saved.error.message);
  const lot = db.lots.create({ name: 'recover', kind: 'sample', configId: saved.value.record.id, quantity: 1 });
  if (!lot.ok) throw new Error(lot.error.message);
  expect(db.lots.setStatus(lot.value.id, 'running').ok).toBe(true);
  const runnable = await loadSavedConfiguration(saved.value.record, new Date());
  if (!runnable.ok) throw new Error(runnable.error.message);
  const spec = jobSpecFor(lot.value.id, db.station.stationId(), runnable.value);
  if (!spec.ok) throw new Error(spec.error.message);
  const real = new StationLedger({ db, lotId: lot.value.id, config: runnable.value.config, operatorId: null, actor: 'test' });
  const crashing: DeviceLedger = {
    allocate: (r) => real.allocate(r),
    needsMore: () => real.needsMore(),
    stepStarted: (...a) => real.stepStarted(...a),
    stepFinished: (...a) => (crashAt === 'record' && a[2] === 'record' ? Promise.resolve({ ok: true, value: undefined }) : real.stepFinished(...a)),
    chipIdentified: (...a) => real.chipIdentified(...a),
    findIssuedDac: (s) => real.findIssuedDac(s),
    dacIssued: (...a) => real.dacIssued(...a),
    resumeDevice: (...a) => real.resumeDevice(...a),
    finish: (...a) => (crashAt === 'record' ? Promise.resolve({ ok: true, value: undefined }) : real.finish(...a)),
  };
  const boards = boardSourceFor(probe);
  if (!boards.ok) throw new Error(boards.error.message);
  const ran = await runProbeJob({ spec: spec.value, boards: boards.value, ledger: crashing, emit: () => undefined, signal: new AbortController().signal });
  expect(ran.ok && ran.value[0]?.outcome.result).toBe('pass');
  expect(db.attempts.listInterrupted()).toHaveLength(1);
  return db;
}

describe('crash recovery', () => {
  it('passes an interrupted attempt whose board reads back complete, and records its label', async () => {
    const board = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ml-board-')), 'board.sim');
    const station = await crashBeforeRecord(`sim:${MG24}@${board}`);
    const recovered = await recoverInterruptedAttempts(station, { now: new Date() });
    expect(recovered.ok && recovered.value.map((r) => r.result)).toEqual(['pass']);
    expect(station.attempts.listInterrupted()).toEqual([]);
    const device = station.devices.listByLot(station.lots.list()[0]!.id)[0]!;
    expect(device.status).toBe('passed');
    expect(device.qrPayload).toMatch(/^MT:/);
    expect(device.manualCode).toMatch(/^[0-9]{11}$/);
    expect(station.events.verifyChain().ok).toBe(true);
    fs.rmSync(path.dirname(board), { recursive: true, force: true });
  });

  it('fails an interrupted attempt whose simulated board lived only in the stopped process', async () => {
    const station = await crashBeforeRecord(`sim:${MG24}`);
    const recovered = await recoverInterruptedAttempts(station, { now: new Date() });
    expect(recovered.ok && recovered.value[0]).toMatchObject({ result: 'fail', reason: 'the simulated board existed only in the stopped process' });
    const attempts = station.connection.prepare('SELECT result, error_code FROM device_attempts').all();
    expect(attempts).toEqual([{ result: 'fail', error_code: 'STATION_INTERRUPTED' }]);
    expect(station.connection.prepare("SELECT count(*) AS n FROM attempt_steps WHERE result = 'running'").get()).toEqual({ n: 0 });
  });

  it('fails an interrupted attempt whose board is there but not finished as configured', async () => {
    const dirBoard = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-board-'));
    const board = path.join(dirBoard, 'board.sim');
    const station = await crashBeforeRecord(`sim:${MG24}@${board}`);
    // Someone erased the board's credentials page before the station came back.
    const { openProbe } = await import('../../../main/probes/open');
    const opened = await openProbe(`sim:${MG24}@${board}`);
    if (!opened.ok) throw new Error(opened.error.message);
    expect((await opened.value.port.programFlash(0x0817e000, new Uint8Array(8192).fill(0xff))).ok).toBe(true);
    expect((await opened.value.save()).ok).toBe(true);
    await opened.value.port.close();
    const recovered = await recoverInterruptedAttempts(station, { now: new Date() });
    expect(recovered.ok && recovered.value[0]?.result).toBe('fail');
    expect(recovered.ok && recovered.value[0]?.reason).toMatch(/failing; run the board again/);
    fs.rmSync(dirBoard, { recursive: true, force: true });
  });
});
