/**
 * The run screen's answers: the station's probes, starting a lot on some of them, the run going on
 * now, and cancelling it. A run is `runLot` in the background (one worker process per probe); its
 * pipeline events are pushed to every window as `station.*` events naming the probe by id, and when
 * it ends `station.runFinished` and `lots.changed` say where the lot stands.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { MatterlineHandlers } from '../../preload/contract';
import type { Caller } from '../../preload/contract/define';
import { appError, failure, success, type AppErrorInfo, type Result } from '../../preload/contract/errors';
import type { OperatorRole, SignedInOperator } from '../../preload/contract/session';
import type { DeviceOutcomeView, ProbeInfo, RunState } from '../../preload/contract/station';
import { placeBoard, removeBoard } from '../station/bench';
import type { DeviceOutcome, PipelineEvent } from '../station/pipeline/types';
import { recoverInterruptedAttempts } from '../station/recovery';
import { firstProbeError, probeLabels, runLot } from '../station/runLot';
import type { StationDatabase } from '../store/database';
import type { EventBus } from './eventBus';
import { summarizeLot } from './lotsHandlers';
import { ANY_ROLE, signedInWithDatabase } from './sessions';
import { readJlinkLibraryPath } from './stationSettings';
import type { ServiceOptions } from './serviceOptions';
import type { StationProbes } from './stationProbes';

export type StationCallHandlers = MatterlineHandlers['station'];

export interface StationHandlerOptions extends ServiceOptions {
  readonly probes: StationProbes;
  /** Where simulated boards with a state file (the unplugging probe's, the bench, QA's shelf) are kept. */
  readonly boardsDir: string;
}

const RUNNERS: readonly OperatorRole[] = ['technician', 'engineer'];
/** Lot statuses runLot accepts (a `running` lot with no run here was left by a stopped process). */
const RUNNABLE = ['open', 'running'];

interface ActiveRun {
  state: RunState;
  readonly abort: AbortController;
}

export function createStationHandlers(options: StationHandlerOptions): StationCallHandlers {
  const { sessions, events, probes } = options;
  const now = options.now ?? ((): Date => new Date());
  const runs = new Map<number, ActiveRun>();
  let nextRunId = 1;

  const signedIn = (caller: Caller, roles: readonly OperatorRole[], action: string) => signedInWithDatabase(sessions, options.database, caller, roles, action);
  /** Probes with a device being provisioned now: its board must not be taken off. */
  const deviceOnProbe = new Set<string>();

  const benchOf = (probeId: string, caller: Caller, action: string): Result<string> => {
    const ready = sessions.requireRole(caller, RUNNERS, `${action} on ${probeId}`);
    if (!ready.ok) return ready;
    if (!probes.has(probeId)) return failure('STATION_PROBE_UNKNOWN', `the station has no probe "${probeId}"`);
    const folder = probes.benchFolder(probeId);
    return folder === null ? failure('STATION_PROBE_NOT_BENCH', `probe "${probeId}" is not a simulated bench`) : success(folder);
  };
  const probeInfo = (probeId: string): Result<ProbeInfo> => {
    const info = probes.info(probeId);
    return info === null ? failure('STATION_PROBE_UNKNOWN', `the station has no probe "${probeId}"`) : success(info);
  };

  return {
    probes: (_input, caller) => {
      const ready = sessions.requireRole(caller, ANY_ROLE, 'listing the station\'s probes');
      return ready.ok ? success(probes.list()) : ready;
    },

    current: (_input, caller) => {
      const ready = sessions.requireRole(caller, ANY_ROLE, 'looking at the run');
      if (!ready.ok) return ready;
      // Runs leave the map when they finish, so the newest entry is the one going on now.
      return success([...runs.values()].at(-1)?.state ?? null);
    },

    start: async (input, caller) => {
      const ready = signedIn(caller, RUNNERS, `running lot ${input.lotId}`);
      if (!ready.ok) return ready;
      const { db, operator } = ready.value;
      const lot = db.lots.get(input.lotId);
      if (!lot.ok) return lot;
      if (!RUNNABLE.includes(lot.value.status)) return failure('STATION_LOT_NOT_RUNNABLE', `lot "${lot.value.name}" is ${lot.value.status}`);
      if ([...runs.values()].some((run) => run.state.lotId === input.lotId)) {
        return failure('STATION_LOT_BUSY', `lot "${lot.value.name}" is being run now; wait for that run or cancel it`);
      }
      const refused = refusedProbe(probes, input.probeIds);
      if (refused !== null) return refused;

      // Attempts left in progress are resolved first, but only when nothing runs: a running lot's
      // attempts are in progress too. The interrupted list is read before the first await, so a run
      // started meanwhile is never mistaken for a crash.
      const recovery = runs.size === 0 ? recoverInterruptedAttempts(db, { now: now(), actor: operator.name }) : null;
      const runId = nextRunId++;
      const handsFree = input.handsFree === true;
      const addresses = probes.claim(input.probeIds, { handsFree });
      const run: ActiveRun = {
        state: { runId, lotId: lot.value.id, lotName: lot.value.name, probeIds: [...input.probeIds], state: 'running', startedAt: now().toISOString(), handsFree },
        abort: new AbortController(),
      };
      runs.set(runId, run);
      if (recovery !== null) {
        const recovered = await recovery;
        if (!recovered.ok) {
          finishRun(run, input.probeIds);
          return recovered;
        }
      }
      mkdirSync(provisionedBoardsDir(options.boardsDir), { recursive: true });
      void execute(db, run, addresses, operator);
      return success(run.state);
    },

    placeBoard: (input, caller) => {
      const bench = benchOf(input.probeId, caller, 'placing a board');
      if (!bench.ok) return bench;
      const placed = placeBoard(bench.value);
      return placed.ok ? probeInfo(input.probeId) : placed;
    },

    removeBoard: (input, caller) => {
      const bench = benchOf(input.probeId, caller, 'removing a board');
      if (!bench.ok) return bench;
      if (deviceOnProbe.has(input.probeId)) return failure('STATION_PROBE_BUSY', `a device is being provisioned on the board on ${input.probeId}; wait for its result before taking it off`);
      // A board the station worked on goes to the shelf QA reads boards back from.
      const removed = removeBoard(bench.value, provisionedBoardsDir(options.boardsDir));
      return removed.ok ? probeInfo(input.probeId) : removed;
    },

    cancel: (input, caller) => {
      const ready = sessions.requireRole(caller, RUNNERS, `cancelling run ${input.runId}`);
      if (!ready.ok) return ready;
      const run = runs.get(input.runId);
      // Cancelling a run that has already ended asks for nothing more: the outcome stands.
      if (run === undefined || run.state.state !== 'running') return success(null);
      run.state = { ...run.state, state: 'cancelling' };
      run.abort.abort();
      return success(null);
    },
  };

  /** Runs the lot to its end and says so; never throws (a crash becomes the run's error). */
  async function execute(db: StationDatabase, run: ActiveRun, addresses: readonly string[], operator: SignedInOperator): Promise<void> {
    const { runId, lotId, probeIds } = run.state;
    const labels = probeLabels(addresses);
    const probeIdOf = (label: string): string => probeIds[labels.indexOf(label)] ?? label;
    const tally = { passed: 0, failed: 0 };
    let error: AppErrorInfo | null;
    let complete = false;
    try {
      const ran = await runLot({
        db,
        lotId,
        probes: addresses,
        mode: 'workers',
        actor: operator.name,
        operatorId: operator.id,
        signal: run.abort.signal,
        clock: now,
        // Each board a simulated feeder provisions is kept, so QA can read it back later.
        keepBoardsIn: provisionedBoardsDir(options.boardsDir),
        // The library path an engineer set in Settings reaches each probe worker.
        jlinkLibraryPath: readJlinkLibraryPath(db),
        onEvent: (event) => {
          const probeId = probeIdOf(event.probe);
          if (event.type === 'device-started') deviceOnProbe.add(probeId);
          if (event.type === 'device-finished') {
            deviceOnProbe.delete(probeId);
            if (event.outcome.result === 'pass') tally.passed += 1;
            else if (event.outcome.result === 'fail') tally.failed += 1;
          }
          emitPipelineEvent(events, runId, probeId, event);
        },
      });
      if (ran.ok) {
        complete = ran.value.complete;
        error = firstProbeError(ran.value);
      } else {
        error = ran.error;
      }
    } catch (thrown) {
      error = appError('STATION_STEP_CRASHED', thrown instanceof Error ? thrown.message : String(thrown));
    }
    finishRun(run, probeIds);
    const lot = db.lots.get(lotId);
    const lotStatus = lot.ok ? lot.value.status : 'unknown';
    events.emit('station.runFinished', { runId, lotId, complete, passed: tally.passed, failed: tally.failed, lotStatus, error: error === null ? null : errorView(error) });
    if (lot.ok) {
      const summary = summarizeLot(db, lot.value);
      if (summary.ok) events.emit('lots.changed', summary.value);
    }
  }

  function finishRun(run: ActiveRun, probeIds: readonly string[]): void {
    run.state = { ...run.state, state: 'finished' };
    for (const id of probeIds) deviceOnProbe.delete(id);
    probes.release(probeIds);
    runs.delete(run.state.runId);
  }
}

/** Where the boards provisioned on simulated feeders are kept (`<EUI-64>.sim`): QA's simulated shelf. */
export function provisionedBoardsDir(boardsDir: string): string {
  return path.join(boardsDir, 'provisioned');
}

function refusedProbe(probes: StationProbes, ids: readonly string[]): Result<never> | null {
  for (const [index, id] of ids.entries()) {
    if (!probes.has(id)) return failure('STATION_PROBE_UNKNOWN', `the station has no probe "${id}"`);
    if (ids.indexOf(id) !== index) return failure('STATION_PROBE_UNKNOWN', `probe "${id}" is given twice`);
    if (probes.isBusy(id)) return failure('STATION_PROBE_BUSY', `probe "${id}" is busy with another run; wait for it or choose another probe`);
  }
  return null;
}

function errorView(error: AppErrorInfo): { code: string; message: string; fix: string; detail?: string } {
  return error.detail === undefined ? { code: error.code, message: error.message, fix: error.fix } : { code: error.code, message: error.message, fix: error.fix, detail: error.detail };
}

function emitPipelineEvent(events: EventBus, runId: number, probeId: string, event: PipelineEvent): void {
  switch (event.type) {
    case 'device-started':
      events.emit('station.deviceStarted', { runId, probeId, deviceId: event.deviceId, serialNumber: event.serialNumber });
      return;
    case 'step':
      events.emit('station.step', { runId, probeId, deviceId: event.deviceId, step: event.step, state: event.state, ms: event.ms, detail: event.detail });
      return;
    case 'progress':
      events.emit('station.progress', { runId, probeId, deviceId: event.deviceId, step: event.step, done: event.done, total: event.total });
      return;
    case 'waiting':
      events.emit('station.waiting', { runId, probeId, waitingFor: event.waitingFor });
      return;
    case 'device-finished':
      events.emit('station.deviceFinished', { runId, probeId, deviceId: event.deviceId, serialNumber: event.serialNumber, eui64: event.eui64, ms: event.ms, outcome: outcomeView(event.outcome) });
      return;
  }
}

/** The window's view of an outcome: a failure carries the catalogue's sentence and fix for its code. */
export function outcomeView(outcome: DeviceOutcome): DeviceOutcomeView {
  switch (outcome.result) {
    case 'pass':
      return { result: 'pass', qrPayload: outcome.label.qrPayload, manualCode: outcome.label.manualCode };
    case 'fail': {
      const info = appError(outcome.code);
      return { result: 'fail', step: outcome.step, code: outcome.code, message: info.message, fix: info.fix, reason: outcome.reason, deviceState: outcome.deviceState };
    }
    case 'cancelled':
      return { result: 'cancelled', step: outcome.step, deviceState: outcome.deviceState };
  }
}
