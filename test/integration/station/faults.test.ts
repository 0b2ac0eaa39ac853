/**
 * Issue 6: every injected simulator fault, placed so it lands in each pipeline step it can reach.
 * For each: the device ends failed at that step with the right code, the database is consistent,
 * and a retry without the fault finishes the lot without reusing any allocated value (resuming the
 * failed device when the board already holds its DAC).
 * Where a disconnect lands is not guessed: faultCalibration.ts measures it on a healthy run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineStep } from '../../../main/station/pipeline/types';
import type { RunLotOptions } from '../../../main/station/runLot';
import { agentSilentFrom, bytesInto, calibrate, disconnectIn, type Calibration, type LockSetting } from './faultCalibration';
import { attempts, devices, expectConsistent, run } from './stationChecks';
import { demoLot, MG24, type StationFixture } from './stationFixture';

const calibrations = new Map<LockSetting, Calibration>();
let fixture: StationFixture | null = null;

afterEach(() => {
  fixture?.cleanup();
  fixture = null;
});

async function lot(debugLock: LockSetting = 'none'): Promise<StationFixture> {
  fixture = await demoLot({ quantity: 1, debugLock });
  return fixture;
}

interface FaultCase {
  readonly name: string;
  readonly step: PipelineStep;
  /** The probe address's query for the faulty run (without `?`); from the calibration when it depends on it. */
  readonly fault: string | ((calibration: Calibration) => string);
  readonly code: string;
  readonly lock?: LockSetting;
  readonly stepTimeoutsMs?: RunLotOptions['stepTimeoutsMs'];
  /** Prepares the board file before the faulty run (the connect fault). */
  readonly prepare?: (boardFile: string) => void;
  /**
   * The retry: `new-device` on the same board, nothing of ours was on it; `resume`: the board holds
   * the failed device's DAC, which is finished; `fresh-board`: the board itself is the fault (locked,
   * wrong part), another board takes the lot's device; `either`: the write was cut somewhere.
   */
  readonly retry: 'new-device' | 'resume' | 'fresh-board' | 'either' | 'locked-board';
}

const RESUMES: readonly PipelineStep[] = ['verify', 'firmware', 'lock', 'reset'];
function retryFor(step: PipelineStep, lock: LockSetting | undefined, operation: string): Pick<FaultCase, 'retry'> {
  // Once the lock step has passed, a board power-cycled for the retry comes up locked: it cannot be read, so not resumed.
  if (lock === 'standard' && step === 'reset') return { retry: 'locked-board' };
  if (lock === 'standard' && step === 'lock' && operation === 'reset') return { retry: 'resume' };
  return { retry: RESUMES.includes(step) ? 'resume' : 'new-device' };
}

/** Each operation a step calls, disconnected at its first call in that step. */
const DISCONNECTS: readonly { step: PipelineStep; operations: string[]; lock?: LockSetting }[] = [
  { step: 'identify', operations: ['readMemory'] },
  { step: 'lock-status', operations: ['readDp', 'writeDp', 'writeAp', 'readAp'] },
  { step: 'recognise', operations: ['readMemory', 'readDp', 'writeAp', 'readAp'] },
  { step: 'agent', operations: ['readMemory', 'programFlash', 'reset', 'openRtt'] },
  { step: 'verify', operations: ['readMemory', 'readDp', 'writeAp', 'readAp'] },
  { step: 'firmware', operations: ['readMemory', 'programFlash'] },
  { step: 'lock', operations: ['readDp', 'writeAp', 'readAp', 'reset'], lock: 'standard' },
  { step: 'reset', operations: ['reset', 'readDp', 'readAp'], lock: 'standard' },
  { step: 'reset', operations: ['reset', 'readDp'] },
];

const CASES: readonly FaultCase[] = [
  {
    name: 'a damaged board state file',
    step: 'connect',
    fault: '',
    code: 'PROBE_ADDRESS_STATE_INVALID',
    prepare: (file) => fs.writeFileSync(file, 'not a simulator state'),
    retry: 'fresh-board',
  },
  { name: 'the wrong part on the board', step: 'identify', fault: 'actual=EFR32MG21A010F1024IM32', code: 'STATION_WRONG_PART', retry: 'fresh-board' },
  { name: 'a part locked at the factory (standard)', step: 'lock-status', fault: 'locked=standard', code: 'STATION_PART_LOCKED', retry: 'fresh-board' },
  { name: 'a part locked at the factory (permanent)', step: 'lock-status', fault: 'locked=permanent', code: 'STATION_PART_LOCKED', retry: 'fresh-board' },
  ...DISCONNECTS.flatMap(({ step, operations, lock }) =>
    operations.map((operation): FaultCase => ({
      name: `disconnect at ${operation} in ${step}${lock === undefined ? '' : ` (${lock} lock)`}`,
      step,
      fault: disconnectIn(step, operation),
      code: 'PROBE_DISCONNECTED',
      ...retryFor(step, lock, operation),
      ...(lock === undefined ? {} : { lock }),
    })),
  ),
  { name: 'the wire drops during key (CSR)', step: 'key', fault: bytesInto('key', 8), code: 'PROBE_DISCONNECTED', retry: 'new-device' },
  { name: 'the wire drops early in write', step: 'write', fault: bytesInto('write', 8), code: 'PROBE_DISCONNECTED', retry: 'either' },
  // Where the last package ends varies by a few bytes with the DAC's and CSR's DER lengths: the board
  // may hold all credentials (resumed) or a partial write (provisioned anew, pinned by the agent case below).
  { name: 'the wire drops late in write', step: 'write', fault: bytesInto('verify', -8), code: 'PROBE_DISCONNECTED', retry: 'either' },
  // The agent image and the production firmware both start on the first page: the agent is programmed first.
  { name: 'the flashed agent does not stick', step: 'agent', fault: 'fault=flash-fail', code: 'SIM_FLASH_VERIFY_FAILED', retry: 'new-device' },
  { name: 'the agent never answers', step: 'agent', fault: agentSilentFrom('agent'), code: 'AGENT_TIMEOUT', retry: 'new-device' },
  // The session's command timeout is set when the agent step opens it: a short agent step makes the later timeouts quick.
  { name: 'the agent stops answering in key', step: 'key', fault: agentSilentFrom('key'), code: 'AGENT_TIMEOUT', stepTimeoutsMs: { agent: 1500 }, retry: 'new-device' },
  { name: 'the agent stops answering in write', step: 'write', fault: agentSilentFrom('write'), code: 'AGENT_TIMEOUT', stepTimeoutsMs: { agent: 1500 }, retry: 'either' },
  { name: 'the agent stops answering late in write', step: 'write', fault: agentSilentFrom('write', 8), code: 'AGENT_TIMEOUT', stepTimeoutsMs: { agent: 1500 }, retry: 'new-device' },
];

describe('injected faults in each pipeline step', () => {
  beforeAll(async () => {
    calibrations.set('none', await calibrate('none'));
    calibrations.set('standard', await calibrate('standard'));
  }, 60_000);

  it('the calibration saw every hardware step call the simulator', () => {
    const calibration = calibrations.get('standard')!;
    for (const step of ['identify', 'lock-status', 'recognise', 'agent', 'key', 'write', 'verify', 'firmware', 'lock', 'reset'] as const) {
      expect(calibration.usedIn[step]?.length ?? 0, step).toBeGreaterThan(0);
    }
    expect(calibration.usedIn.issue).toEqual([]);
  });

  it('the table reaches every step that touches the board', () => {
    const steps = new Set(CASES.map((c) => c.step));
    expect([...steps].sort()).toEqual(['agent', 'connect', 'firmware', 'identify', 'key', 'lock', 'lock-status', 'recognise', 'reset', 'verify', 'write']);
  });

  it.each(CASES)('$name: fails at $step with $code; the retry finishes the lot', (fault) => faultThenRetry(fault), 30_000);
});

async function faultThenRetry(fault: FaultCase): Promise<void> {
  const calibration = calibrations.get(fault.lock ?? 'none')!;
  const station = await lot(fault.lock ?? 'none');
  const board = path.join(station.dir, 'board.sim');
  fault.prepare?.(board);
  const query = typeof fault.fault === 'string' ? fault.fault : fault.fault(calibration);
  const faulty = await run(station, `sim:${MG24}@${board}${query === '' ? '' : `?${query}`}`, fault.stepTimeoutsMs === undefined ? {} : { stepTimeoutsMs: fault.stepTimeoutsMs });

  // The device failed where the fault was, with the fault's code.
  if (!faulty.summary.ok) throw new Error(JSON.stringify(faulty.summary.error));
  expect(faulty.outcomes).toHaveLength(1);
  expect(faulty.outcomes[0]).toMatchObject({ result: 'fail', step: fault.step, code: fault.code });
  expect(faulty.summary.value.counts).toMatchObject({ passed: 0, failed: 1, inProgress: 0 });
  expect(faulty.summary.value.lot.status).toBe('open');
  const [failedDevice] = devices(station.db);
  expect(failedDevice).toMatchObject({ status: 'failed' });
  expect(attempts(station.db)).toMatchObject([{ device_id: failedDevice!.id, result: 'fail', error_code: fault.code }]);
  expect(attempts(station.db)[0]!.error_detail).toMatch(new RegExp(`^${fault.step}: .*Device state: `));
  expectConsistent(station.db);

  if (fault.retry === 'locked-board') {
    // The board holds the failed device, locked: it is refused as locked and stays failed.
    const refused = await run(station, `sim:${MG24}@${board}`);
    expect(refused.outcomes).toMatchObject([{ result: 'fail', step: 'lock-status', code: 'STATION_PART_LOCKED' }]);
    expect(devices(station.db).map((d) => d.status)).toEqual(['failed', 'failed']);
    expectConsistent(station.db);
  }

  // The retry, without the fault.
  const retryBoard = fault.retry === 'fresh-board' || fault.retry === 'locked-board' ? path.join(station.dir, 'healthy.sim') : board;
  const retry = await run(station, `sim:${MG24}@${retryBoard}`);
  if (!retry.summary.ok) throw new Error(JSON.stringify(retry.summary.error));
  expect(retry.outcomes.filter((o) => o.result === 'fail').map((o) => o.result === 'fail' && `${o.step}: ${o.code} ${o.reason}`).filter((o) => !String(o).includes('STATION_ALLOCATION_RELEASED'))).toEqual([]);
  expect(retry.summary.value.counts).toMatchObject({ passed: 1, inProgress: 0 });
  expect(retry.summary.value.lot.status).toBe('awaiting_qa');
  const rows = devices(station.db);
  expect(rows).toHaveLength(fault.retry === 'locked-board' ? 3 : 2);
  const resumed = rows[0]!.status === 'passed';
  if (fault.retry === 'resume') expect(resumed, 'the retry resumes the device whose DAC is on the board').toBe(true);
  if (fault.retry !== 'resume' && fault.retry !== 'either') expect(resumed, 'nothing of the failed device was on the board').toBe(false);
  if (resumed) {
    // The fresh allocation was released, and the device on the board finished on a new attempt.
    expect(rows.map((r) => r.status)).toEqual(['passed', 'failed']);
    const released = attempts(station.db).filter((a) => a.device_id === rows[1]!.id);
    expect(released).toMatchObject([{ result: 'fail', error_code: 'STATION_ALLOCATION_RELEASED' }]);
    expect(attempts(station.db).filter((a) => a.device_id === rows[0]!.id).map((a) => a.result)).toEqual(['fail', 'pass']);
  } else {
    expect(rows.map((r) => r.status)).toEqual([...rows.slice(0, -1).map(() => 'failed'), 'passed']);
  }
  expectConsistent(station.db);
}

describe('cancel and step timeouts', () => {
  it('a cancelled run ends the device cancelled at its step, recorded, without hanging', async () => {
    const station = await lot();
    const controller = new AbortController();
    const started = Date.now();
    const cancelled = await run(station, `sim:${MG24}@${path.join(station.dir, 'board.sim')}?fault=slow-erase:200`, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'step' && event.step === 'agent' && event.state === 'running') setTimeout(() => controller.abort(), 50);
      },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    if (!cancelled.summary.ok) throw new Error(JSON.stringify(cancelled.summary.error));
    expect(cancelled.summary.value.lot.status).toBe('open');
    expect(cancelled.summary.value.counts).toMatchObject({ passed: 0, inProgress: 0 });
    expect(attempts(station.db)).toMatchObject([{ result: 'cancelled' }]);
    expect(attempts(station.db)[0]!.error_detail).toMatch(/^agent: cancelled/);
    const agentStep = station.db.connection.prepare("SELECT result, detail FROM attempt_steps WHERE name = 'agent'").get();
    expect(agentStep).toMatchObject({ result: 'fail', detail: expect.stringMatching(/^STATION_CANCELLED/) });
    expect(devices(station.db)).toMatchObject([{ status: 'failed' }]);
    expectConsistent(station.db);

    const retry = await run(station, `sim:${MG24}@${path.join(station.dir, 'board.sim')}`);
    expect(retry.summary.ok && retry.summary.value.counts).toMatchObject({ passed: 1 });
    expectConsistent(station.db);
  }, 30_000);

  it.each(['connect', 'identify', 'lock-status', 'recognise', 'agent', 'key', 'issue', 'write', 'verify', 'firmware', 'reset'] as const)(
    'cancelled as %s starts: the attempt is cancelled at that step, and the retry finishes the lot',
    async (step) => {
      const station = await lot();
      const board = path.join(station.dir, 'board.sim');
      const controller = new AbortController();
      const cancelled = await run(station, `sim:${MG24}@${board}`, {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'step' && event.step === step && event.state === 'running') controller.abort();
        },
      });
      if (!cancelled.summary.ok) throw new Error(JSON.stringify(cancelled.summary.error));
      expect(cancelled.summary.value.lot.status).toBe('open');
      expect(attempts(station.db)).toMatchObject([{ result: 'cancelled' }]);
      expect(attempts(station.db)[0]!.error_detail).toMatch(new RegExp(`^${step}: cancelled`));
      const last = station.db.connection.prepare('SELECT name, result, detail FROM attempt_steps ORDER BY id DESC LIMIT 1').get();
      expect(last).toMatchObject({ name: step, result: 'fail', detail: expect.stringMatching(/^STATION_CANCELLED/) });
      expectConsistent(station.db);

      const retry = await run(station, `sim:${MG24}@${board}`);
      if (!retry.summary.ok) throw new Error(JSON.stringify(retry.summary.error));
      expect(retry.summary.value.counts).toMatchObject({ passed: 1, inProgress: 0 });
      const rows = devices(station.db);
      if (RESUMES.includes(step)) expect(rows.map((r) => r.status), 'the cancelled device, its DAC on the board, is resumed').toEqual(['passed', 'failed']);
      else if (step !== 'write') expect(rows.map((r) => r.status)).toEqual(['failed', 'passed']);
      expectConsistent(station.db);
    },
    30_000,
  );

  it('a run cancelled before it starts allocates nothing', async () => {
    const station = await lot();
    const controller = new AbortController();
    controller.abort();
    const cancelled = await run(station, `sim:${MG24}@${path.join(station.dir, 'board.sim')}`, { signal: controller.signal });
    expect(cancelled.summary.ok && cancelled.summary.value.lot.status).toBe('open');
    expect(devices(station.db)).toEqual([]);
    expectConsistent(station.db);
  });

  it('a step over its time limit fails with STATION_STEP_TIMEOUT, and the retry succeeds', async () => {
    const station = await lot();
    const board = path.join(station.dir, 'board.sim');
    const started = Date.now();
    const slow = await run(station, `sim:${MG24}@${board}?fault=slow-erase:2000`, { stepTimeoutsMs: { agent: 300 } });
    expect(Date.now() - started, 'no hang: the step gave up at its limit').toBeLessThan(1_900);
    expect(slow.outcomes).toMatchObject([{ result: 'fail', step: 'agent', code: 'STATION_STEP_TIMEOUT' }]);
    expect(attempts(station.db)).toMatchObject([{ result: 'fail', error_code: 'STATION_STEP_TIMEOUT' }]);
    expectConsistent(station.db);

    const retry = await run(station, `sim:${MG24}@${board}`);
    expect(retry.summary.ok && retry.summary.value.counts).toMatchObject({ passed: 1, failed: 1 });
    expect(devices(station.db).map((d) => d.status)).toEqual(['failed', 'passed']);
    expectConsistent(station.db);
  }, 30_000);
});
