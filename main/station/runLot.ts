/**
 * Running a lot on one or more probes: the configuration is loaded and its files checked against
 * what the lot was made with, the lot goes to `running`, one worker process per probe provisions
 * devices until the lot has its quantity (or the probes run out of boards, or too many fail), and
 * the lot goes on to `awaiting_qa` (sample) or `closed` (production) when complete, or back to
 * `open` to be continued.
 */
import { failure, success, type AppErrorInfo, type Result } from '../../preload/contract/errors';
import type { StationDatabase } from '../store/database';
import type { Lot, LotCounts } from '../store/repositories/lots';
import { boardSourceFor } from './boards';
import { StationLedger } from './ledger/stationLedger';
import { runProbeJob } from './pipeline/probeJob';
import type { DeviceJobSpec, PipelineEvent } from './pipeline/types';
import { jobSpecFor, loadSavedConfiguration } from './productConfigs';
import { startProbeWorker, type WorkerSummary } from './worker/supervisor';

export interface RunLotOptions {
  readonly db: StationDatabase;
  readonly lotId: number;
  readonly probes: readonly string[];
  readonly operatorId?: number | null;
  readonly actor?: string;
  readonly onEvent?: (event: PipelineEvent) => void;
  /** 'workers' (default): one child process per probe. 'in-process': the probes' jobs run here (tests, benchmarks). */
  readonly mode?: 'workers' | 'in-process';
  readonly maxFailures?: number;
  readonly signal?: AbortSignal;
  readonly stepTimeoutsMs?: DeviceJobSpec['stepTimeoutsMs'];
  readonly clock?: () => Date;
  /** Simulated feeder boards keep their state here, to be read back after the run (the demo). */
  readonly keepBoardsIn?: string;
  /** SEGGER's library for `jlink:` probes (station settings or `--jlink-lib`), searched before MATTERLINE_JLINK_LIB. */
  readonly jlinkLibraryPath?: string | null;
}

/** Records name a probe by its address, with " #N" when several workers share one address. */
export function probeLabels(probes: readonly string[]): string[] {
  return probes.map((probe, index) => (probes.filter((p) => p === probe).length > 1 ? `${probe} #${probes.slice(0, index + 1).filter((p) => p === probe).length}` : probe));
}

export interface LotRunSummary {
  readonly lot: Lot;
  readonly counts: LotCounts;
  readonly probes: readonly WorkerSummary[];
  readonly complete: boolean;
}

const RUNNABLE: readonly Lot['status'][] = ['open', 'running'];

export async function runLot(options: RunLotOptions): Promise<Result<LotRunSummary>> {
  const { db, lotId } = options;
  const clock = options.clock ?? (() => new Date());
  const actor = options.actor ?? 'system';
  if (options.probes.length === 0) return failure('CLI_BAD_ARGUMENT', 'give at least one --probe');
  const lot = db.lots.get(lotId);
  if (!lot.ok) return lot;
  if (!RUNNABLE.includes(lot.value.status)) return failure('STATION_LOT_NOT_RUNNABLE', `lot "${lot.value.name}" is ${lot.value.status}`);
  const record = db.configs.get(lot.value.configId);
  if (!record.ok) return record;
  if (record.value.contentHash !== lot.value.configHash) return failure('STATION_LOT_NOT_RUNNABLE', `lot "${lot.value.name}" was made with configuration hash ${lot.value.configHash}, the configuration now has ${record.value.contentHash}`);
  const runnable = await loadSavedConfiguration(record.value, clock());
  if (!runnable.ok) return runnable;
  const spec = jobSpecFor(lotId, lot.value.stationId, runnable.value);
  if (!spec.ok) return spec;
  const fullSpec: DeviceJobSpec = options.stepTimeoutsMs === undefined ? spec.value : { ...spec.value, stepTimeoutsMs: options.stepTimeoutsMs };
  for (const probe of options.probes) {
    const boards = boardSourceFor(probe);
    if (!boards.ok) return boards;
  }
  if (lot.value.status === 'open') {
    const running = db.lots.setStatus(lotId, 'running', actor);
    if (!running.ok) return running;
  }
  const ledger = new StationLedger({
    db,
    lotId,
    config: runnable.value.config,
    operatorId: options.operatorId ?? null,
    actor,
    clock,
    ...(options.maxFailures === undefined ? {} : { maxFailures: options.maxFailures }),
  });
  const onEvent = options.onEvent ?? (() => undefined);
  const labels = probeLabels(options.probes);
  const keep = {
    ...(options.keepBoardsIn === undefined ? {} : { keepBoardsIn: options.keepBoardsIn }),
    ...(options.jlinkLibraryPath === undefined || options.jlinkLibraryPath === null ? {} : { jlinkLibraryPath: options.jlinkLibraryPath }),
  };
  let summaries: WorkerSummary[];
  if (options.mode === 'in-process') {
    summaries = await Promise.all(
      options.probes.map(async (probe, index): Promise<WorkerSummary> => {
        const boards = boardSourceFor(probe, { label: labels[index]!, ...keep });
        if (!boards.ok) return { probe, devices: 0, error: boards.error };
        const ran = await runProbeJob({ spec: fullSpec, boards: boards.value, ledger, emit: onEvent, signal: options.signal ?? new AbortController().signal, clock });
        return { probe, devices: ran.ok ? ran.value.length : 0, error: ran.ok ? null : ran.error };
      }),
    );
  } else {
    const workers = options.probes.map((probe, index) => startProbeWorker({ probe, label: labels[index]!, ...keep, spec: fullSpec, ledger, onEvent }));
    options.signal?.addEventListener('abort', () => workers.forEach((worker) => worker.cancel()), { once: true });
    summaries = await Promise.all(workers.map((worker) => worker.done));
  }
  const counts = db.lots.counts(lotId);
  const complete = counts.passed >= lot.value.quantity;
  const next = complete ? (lot.value.kind === 'sample' ? 'awaiting_qa' : 'closed') : 'open';
  const moved = db.lots.setStatus(lotId, next, actor);
  if (!moved.ok) return moved;
  return success({ lot: moved.value, counts, probes: summaries, complete });
}

export function firstProbeError(summary: LotRunSummary): AppErrorInfo | null {
  return summary.probes.find((probe) => probe.error !== null)?.error ?? null;
}
