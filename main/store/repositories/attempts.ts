/**
 * Provisioning attempts on a device and the timed steps inside each. A device may have several
 * attempts (a retry after a failure); each attempt's steps are numbered 1, 2, 3 … in the order they
 * started. The device's own status is set by the caller, which knows what a cancelled attempt means.
 */
import { failure, success, type ErrorCode, type Result } from '../../../preload/contract/errors';
import { guard, notFound, type Clock, type Connection } from '../shared';

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

export function attemptRepository(db: Connection, now: Clock): AttemptRepository {
  const insert = db.prepare(
    'INSERT INTO device_attempts (device_id, probe, operator_id, station_id, started_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  );
  const finish = db.prepare(`
    UPDATE device_attempts SET result = ?, error_code = ?, error_detail = ?, finished_at = ?
    WHERE id = ? AND result = 'in_progress' RETURNING *`);
  const byId = db.prepare('SELECT * FROM device_attempts WHERE id = ?');
  const byDevice = db.prepare('SELECT * FROM device_attempts WHERE device_id = ? ORDER BY id');
  // The next seq is computed in the INSERT itself, so two steps can never get the same number.
  const insertStep = db.prepare(`
    INSERT INTO attempt_steps (attempt_id, seq, name, started_at)
    VALUES (@attemptId, (SELECT coalesce(max(seq), 0) + 1 FROM attempt_steps WHERE attempt_id = @attemptId), @name, @at)
    RETURNING *`);
  const finishStep = db.prepare(`
    UPDATE attempt_steps SET result = ?, detail = ?, finished_at = ?
    WHERE id = ? AND result = 'running' RETURNING *`);
  const stepById = db.prepare('SELECT * FROM attempt_steps WHERE id = ?');
  const stepsOf = db.prepare('SELECT * FROM attempt_steps WHERE attempt_id = ? ORDER BY seq');

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
      guard(`step "${name}" of attempt ${attemptId}`, () => success(toStep(insertStep.get({ attemptId, name, at: now().toISOString() }) as StepRow))),
    finishStep: (stepId, result, detail) =>
      guard(`finishing step ${stepId}`, () => {
        const row = finishStep.get(result, detail ?? null, now().toISOString(), stepId) as StepRow | undefined;
        if (row !== undefined) return success(toStep(row));
        const existing = stepById.get(stepId) as StepRow | undefined;
        return existing === undefined ? notFound(`step ${stepId}`) : failure('DB_INVALID_RECORD', `step ${stepId} already finished (${existing.result})`);
      }),
    listSteps: (attemptId) => (stepsOf.all(attemptId) as StepRow[]).map(toStep),
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
