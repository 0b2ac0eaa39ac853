/**
 * Provisioning attempts on a device and the timed steps inside each. A device may have several
 * attempts (a retry after a failure); each attempt's steps are numbered 1, 2, 3 … in the order they
 * started. The device's own status is set by the caller, which knows what a cancelled attempt means
 * (allocations.ts finishAttempt does both in one transaction).
 *
 * Crash recovery: an attempt still 'in_progress' when the station starts was interrupted.
 * resolveInterrupted closes it — 'pass' when read-back shows the board complete, otherwise 'fail'
 * with RECORD_ATTEMPT_INTERRUPTED — together with its running steps and the device status, and
 * records an audit event. The device's allocated values are never handed out again either way.
 */
import { failure, success, type ErrorCode, type Result } from '../../../preload/contract/errors';
import { guard, notFound, type Clock, type Connection } from '../shared';
import { runTransaction } from '../transaction';
import type { EventRepository } from './events';

export type AttemptResult = 'in_progress' | 'pass' | 'fail' | 'cancelled';
export type StepResult = 'running' | 'pass' | 'fail' | 'skipped';

export interface DeviceAttempt {
  readonly id: number;
  readonly deviceId: number;
  /** e.g. "sim:0", "jlink:000440123456". */
  readonly probe: string;
  readonly operatorId: number | null;
  readonly stationId: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly result: AttemptResult;
  /** A catalogue code; kept as text because an older station may read a newer station's code. */
  readonly errorCode: string | null;
  readonly errorDetail: string | null;
  /** The EUI-64 of the chip this attempt found, once identify has run. */
  readonly uniqueChipId: string | null;
}

/** An attempt left in progress by a crash, with what read-back needs to resolve it. */
export interface InterruptedAttempt {
  readonly attemptId: number;
  readonly deviceId: number;
  readonly serialNumber: string;
  readonly lotId: number;
  readonly lotName: string;
  readonly probe: string;
  readonly stationId: string;
  readonly operatorId: number | null;
  readonly startedAt: string;
  /** The chip the attempt found, else the device's recorded chip; null if identify never ran. */
  readonly uniqueChipId: string | null;
  readonly dacSerial: string | null;
  /** Whether the issued DAC was recorded before the crash (then the board may hold it). */
  readonly dacIssued: boolean;
  /** The step that was running, if any. */
  readonly runningStep: string | null;
}

export interface InterruptedResolution {
  readonly result: 'pass' | 'fail';
  /** For 'fail'; RECORD_ATTEMPT_INTERRUPTED when left out. */
  readonly errorCode?: ErrorCode;
  readonly detail?: string;
  /** Who resolved it, for the audit event; default "system". */
  readonly actor?: string;
}

export interface AttemptStep {
  readonly id: number;
  readonly attemptId: number;
  readonly seq: number;
  readonly name: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly result: StepResult;
  readonly detail: string | null;
}

export interface NewAttempt {
  readonly deviceId: number;
  readonly probe: string;
  readonly operatorId: number | null;
  readonly stationId: string;
}

export interface AttemptOutcome {
  readonly result: Exclude<AttemptResult, 'in_progress'>;
  /** Required when result is 'fail'. */
  readonly errorCode?: ErrorCode;
  readonly errorDetail?: string;
}

export interface AttemptRepository {
  start(attempt: NewAttempt): Result<DeviceAttempt>;
  finish(attemptId: number, outcome: AttemptOutcome): Result<DeviceAttempt>;
  get(attemptId: number): Result<DeviceAttempt>;
  /** Oldest first. */
  listForDevice(deviceId: number): DeviceAttempt[];
  startStep(attemptId: number, name: string): Result<AttemptStep>;
  finishStep(stepId: number, result: Exclude<StepResult, 'running'>, detail?: string): Result<AttemptStep>;
  listSteps(attemptId: number): AttemptStep[];
  /** Records the chip's EUI-64 on the attempt and on its device. */
  recordChip(attemptId: number, uniqueChipId: string): Result<DeviceAttempt>;
  /** Attempts still in progress, oldest first: at start-up, the ones a crash interrupted. */
  listInterrupted(): InterruptedAttempt[];
  resolveInterrupted(attemptId: number, resolution: InterruptedResolution): Result<DeviceAttempt>;
}

interface AttemptRow {
  id: number;
  device_id: number;
  probe: string;
  operator_id: number | null;
  station_id: string;
  started_at: string;
  finished_at: string | null;
  result: AttemptResult;
  error_code: string | null;
  error_detail: string | null;
  unique_chip_id: string | null;
}

interface InterruptedRow {
  attempt_id: number;
  device_id: number;
  serial_number: string;
  lot_id: number;
  lot_name: string;
  probe: string;
  station_id: string;
  operator_id: number | null;
  started_at: string;
  unique_chip_id: string | null;
  dac_serial: string | null;
  dac_issued: number;
  running_step: string | null;
}

interface StepRow {
  id: number;
  attempt_id: number;
  seq: number;
  name: string;
  started_at: string;
  finished_at: string | null;
  result: StepResult;
  detail: string | null;
}

export function attemptRepository(db: Connection, now: Clock, events: EventRepository): AttemptRepository {
  const insert = db.prepare(
    'INSERT INTO device_attempts (device_id, probe, operator_id, station_id, started_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  );
  const finish = db.prepare(`
    UPDATE device_attempts SET result = ?, error_code = ?, error_detail = ?, finished_at = ?
    WHERE id = ? AND result = 'in_progress' RETURNING *`);
  const byId = db.prepare('SELECT * FROM device_attempts WHERE id = ?');
  const byDevice = db.prepare('SELECT * FROM device_attempts WHERE device_id = ? ORDER BY id');
  // The next seq is computed in the INSERT itself, so two steps can never get the same number.
  // Only on an attempt still in progress: a late request (a worker that was stopped) cannot leave a
  // running step under a finished attempt.
  const insertStep = db.prepare(`
    INSERT INTO attempt_steps (attempt_id, seq, name, started_at)
    SELECT @attemptId, (SELECT coalesce(max(seq), 0) + 1 FROM attempt_steps WHERE attempt_id = @attemptId), @name, @at
    WHERE EXISTS (SELECT 1 FROM device_attempts WHERE id = @attemptId AND result = 'in_progress')
    RETURNING *`);
  const finishStep = db.prepare(`
    UPDATE attempt_steps SET result = ?, detail = ?, finished_at = ?
    WHERE id = ? AND result = 'running' RETURNING *`);
  const stepById = db.prepare('SELECT * FROM attempt_steps WHERE id = ?');
  const stepsOf = db.prepare('SELECT * FROM attempt_steps WHERE attempt_id = ? ORDER BY seq');
  const setChip = db.prepare("UPDATE device_attempts SET unique_chip_id = ? WHERE id = ? AND result = 'in_progress' RETURNING *");
  const setDeviceChip = db.prepare('UPDATE devices SET unique_chip_id = ?, updated_at = ? WHERE id = ?');
  const interrupted = db.prepare(`
    SELECT a.id AS attempt_id, a.device_id, d.serial_number, d.lot_id, l.name AS lot_name, a.probe, a.station_id,
           a.operator_id, a.started_at, coalesce(a.unique_chip_id, d.unique_chip_id) AS unique_chip_id, d.dac_serial,
           d.dac_der IS NOT NULL AS dac_issued,
           (SELECT name FROM attempt_steps s WHERE s.attempt_id = a.id AND s.result = 'running' ORDER BY seq DESC LIMIT 1) AS running_step
    FROM device_attempts a JOIN devices d ON d.id = a.device_id JOIN lots l ON l.id = d.lot_id
    WHERE a.result = 'in_progress' ORDER BY a.id`);
  const closeSteps = db.prepare("UPDATE attempt_steps SET result = ?, detail = ?, finished_at = ? WHERE attempt_id = ? AND result = 'running'");
  const setDeviceStatus = db.prepare('UPDATE devices SET status = ?, updated_at = ? WHERE id = ?');
  const resolve = (attemptId: number, resolution: InterruptedResolution): Result<DeviceAttempt> => {
    const at = now().toISOString();
    const fail = resolution.result === 'fail';
    const errorCode = fail ? (resolution.errorCode ?? 'RECORD_ATTEMPT_INTERRUPTED') : null;
    const row = finish.get(resolution.result, errorCode, resolution.detail ?? null, at, attemptId) as AttemptRow | undefined;
    if (row === undefined) {
      const existing = get(attemptId);
      return existing.ok ? failure('RECORD_ATTEMPT_FINISHED', `attempt ${attemptId} is ${existing.value.result}`) : existing;
    }
    closeSteps.run(fail ? 'fail' : 'skipped', fail ? 'interrupted' : 'interrupted; completed according to read-back', at, attemptId);
    setDeviceStatus.run(fail ? 'failed' : 'passed', at, row.device_id);
    const event = events.append(
      'attempt.resolved',
      resolution.actor ?? 'system',
      { attemptId, result: resolution.result, errorCode, detail: resolution.detail ?? null },
      { deviceId: row.device_id },
    );
    return event.ok ? success(toAttempt(row)) : event;
  };

  const get = (attemptId: number): Result<DeviceAttempt> => {
    const row = byId.get(attemptId) as AttemptRow | undefined;
    return row === undefined ? notFound(`attempt ${attemptId}`) : success(toAttempt(row));
  };

  return {
    start: (attempt) =>
      guard(`attempt on device ${attempt.deviceId}`, () =>
        success(toAttempt(insert.get(attempt.deviceId, attempt.probe, attempt.operatorId, attempt.stationId, now().toISOString()) as AttemptRow)),
      ),
    finish: (attemptId, outcome) =>
      guard(`finishing attempt ${attemptId}`, () => {
        const row = finish.get(outcome.result, outcome.errorCode ?? null, outcome.errorDetail ?? null, now().toISOString(), attemptId) as
          | AttemptRow
          | undefined;
        if (row !== undefined) return success(toAttempt(row));
        const existing = get(attemptId);
        return existing.ok ? failure('DB_INVALID_RECORD', `attempt ${attemptId} already finished (${existing.value.result})`) : existing;
      }),
    get,
    listForDevice: (deviceId) => (byDevice.all(deviceId) as AttemptRow[]).map(toAttempt),
    startStep: (attemptId, name) =>
      guard(`step "${name}" of attempt ${attemptId}`, () => {
        const row = insertStep.get({ attemptId, name, at: now().toISOString() }) as StepRow | undefined;
        if (row !== undefined) return success(toStep(row));
        const existing = get(attemptId);
        return existing.ok ? failure('RECORD_ATTEMPT_FINISHED', `attempt ${attemptId} is ${existing.value.result}: step "${name}" not started`) : existing;
      }),
    finishStep: (stepId, result, detail) =>
      guard(`finishing step ${stepId}`, () => {
        const row = finishStep.get(result, detail ?? null, now().toISOString(), stepId) as StepRow | undefined;
        if (row !== undefined) return success(toStep(row));
        const existing = stepById.get(stepId) as StepRow | undefined;
        return existing === undefined ? notFound(`step ${stepId}`) : failure('DB_INVALID_RECORD', `step ${stepId} already finished (${existing.result})`);
      }),
    listSteps: (attemptId) => (stepsOf.all(attemptId) as StepRow[]).map(toStep),
    recordChip: (attemptId, uniqueChipId) =>
      guard(`chip ${uniqueChipId} on attempt ${attemptId}`, () => {
        const chip = uniqueChipId.replace(/[\s:-]/g, '').toUpperCase();
        const row = setChip.get(chip, attemptId) as AttemptRow | undefined;
        if (row === undefined) {
          const existing = get(attemptId);
          return existing.ok ? failure('RECORD_ATTEMPT_FINISHED', `attempt ${attemptId} is ${existing.value.result}`) : existing;
        }
        setDeviceChip.run(chip, now().toISOString(), row.device_id);
        return success(toAttempt(row));
      }),
    listInterrupted: () => (interrupted.all() as InterruptedRow[]).map(toInterrupted),
    resolveInterrupted: (attemptId, resolution) => runTransaction(db, () => resolve(attemptId, resolution), `resolving attempt ${attemptId}`),
  };
}

function toInterrupted(row: InterruptedRow): InterruptedAttempt {
  return {
    attemptId: row.attempt_id,
    deviceId: row.device_id,
    serialNumber: row.serial_number,
    lotId: row.lot_id,
    lotName: row.lot_name,
    probe: row.probe,
    stationId: row.station_id,
    operatorId: row.operator_id,
    startedAt: row.started_at,
    uniqueChipId: row.unique_chip_id,
    dacSerial: row.dac_serial,
    dacIssued: row.dac_issued === 1,
    runningStep: row.running_step,
  };
}

function toAttempt(row: AttemptRow): DeviceAttempt {
  return {
    id: row.id,
    deviceId: row.device_id,
    probe: row.probe,
    operatorId: row.operator_id,
    stationId: row.station_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: row.result,
    errorCode: row.error_code,
    errorDetail: row.error_detail,
    uniqueChipId: row.unique_chip_id,
  };
}

function toStep(row: StepRow): AttemptStep {
  return {
    id: row.id,
    attemptId: row.attempt_id,
    seq: row.seq,
    name: row.name,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: row.result,
    detail: row.detail,
  };
}
