/**
 * Running a lot in process and reading what it left in the database (read-only SQL through
 * db.connection): the rows the fault tests look at, and the invariants every run must keep.
 */
import { expect } from 'vitest';
import type { DeviceOutcome, PipelineEvent } from '../../../main/station/pipeline/types';
import { runLot, type RunLotOptions } from '../../../main/station/runLot';
import type { StationDatabase } from '../../../main/store/database';
import type { StationFixture } from './stationFixture';

export interface Run {
  readonly outcomes: DeviceOutcome[];
  readonly summary: Awaited<ReturnType<typeof runLot>>;
  readonly ms: number;
}

export async function run(station: StationFixture, probe: string, extra: Partial<RunLotOptions> = {}): Promise<Run> {
  const outcomes: DeviceOutcome[] = [];
  const started = Date.now();
  const summary = await runLot({
    db: station.db,
    lotId: station.lotId,
    probes: [probe],
    mode: 'in-process',
    onEvent: (event: PipelineEvent) => {
      if (event.type === 'device-finished') outcomes.push(event.outcome);
    },
    ...extra,
  });
  return { outcomes, summary, ms: Date.now() - started };
}

export interface DeviceRow {
  id: number;
  status: string;
  serial_number: string;
  dac_serial: string | null;
  passcode: number | null;
  unique_id_sha256: string | null;
  has_dac: number;
}
export interface AttemptRow {
  id: number;
  device_id: number;
  result: string;
  error_code: string | null;
  error_detail: string | null;
}

export function devices(db: StationDatabase): DeviceRow[] {
  return db.connection.prepare('SELECT id, status, serial_number, dac_serial, passcode, unique_id_sha256, dac_der IS NOT NULL AS has_dac FROM devices ORDER BY id').all() as DeviceRow[];
}

export function attempts(db: StationDatabase): AttemptRow[] {
  return db.connection.prepare('SELECT id, device_id, result, error_code, error_detail FROM device_attempts ORDER BY id').all() as AttemptRow[];
}

/** What must hold after any run, failed or not. */
export function expectConsistent(db: StationDatabase): void {
  const scalar = (sql: string): unknown => db.connection.prepare(sql).pluck().get();
  expect(scalar("SELECT count(*) FROM device_attempts WHERE result = 'in_progress'"), 'attempts left in progress').toBe(0);
  expect(scalar("SELECT count(*) FROM attempt_steps WHERE result = 'running'"), 'steps left running').toBe(0);
  expect(scalar("SELECT count(*) FROM devices WHERE status IN ('allocated', 'in_progress')"), 'devices left unfinished').toBe(0);
  expect(scalar("SELECT count(*) FROM device_attempts WHERE result = 'fail' AND (error_code IS NULL OR error_code = '')"), 'failed attempts without a code').toBe(0);
  // Every device's status is its last attempt's outcome.
  expect(
    db.connection
      .prepare(`SELECT d.serial_number, d.status, a.result FROM devices d JOIN device_attempts a ON a.id = (SELECT max(id) FROM device_attempts WHERE device_id = d.id)
                WHERE NOT ((d.status = 'passed' AND a.result = 'pass') OR (d.status = 'failed' AND a.result IN ('fail', 'cancelled')))`)
      .all(),
  ).toEqual([]);
  expect(db.events.verifyChain()).toMatchObject({ ok: true });
  const rows = devices(db);
  for (const column of ['serial_number', 'dac_serial', 'passcode', 'unique_id_sha256'] as const) {
    const values = rows.map((row) => row[column]).filter((value) => value !== null);
    expect(new Set(values).size, `${column} values are distinct`).toBe(values.length);
  }
}
