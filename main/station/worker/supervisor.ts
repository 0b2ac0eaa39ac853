/**
 * The main side of a probe worker: forks it, answers its ledger requests with the station's ledger
 * (main is the only database writer), forwards its events, and watches it. A worker that exits
 * without saying `done`, or stops sending heartbeats, has died: the device it was on is recorded as
 * failed with STATION_WORKER_DIED, so the lot never waits on a ghost.
 *
 * Under the CLI this is a Node child process. Under Electron the same entry runs through
 * child_process.fork with ELECTRON_RUN_AS_NODE (docs/architecture.md explains why not utilityProcess yet).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appError, failure, type AppErrorInfo, type Result } from '../../../preload/contract/errors';
import type { DeviceJobSpec, DeviceLedger, PipelineEvent } from '../pipeline/types';
import { HEARTBEAT_TIMEOUT_MS, LEDGER_METHODS, STARTUP_TIMEOUT_MS, type MainToWorker, type WorkerToMain } from './protocol';

export interface WorkerSummary {
  readonly probe: string;
  readonly devices: number;
  /** Why the worker ended early (it died, or could not start); null when it finished its share. */
  readonly error: AppErrorInfo | null;
}

export interface ProbeWorkerHandle {
  readonly probe: string;
  readonly done: Promise<WorkerSummary>;
  cancel(): void;
}

export interface StartWorkerOptions {
  readonly probe: string;
  /** How records name the probe; default its address. */
  readonly label?: string;
  readonly keepBoardsIn?: string;
  /** The J-Link library path the worker searches first. */
  readonly jlinkLibraryPath?: string;
  readonly spec: DeviceJobSpec;
  readonly ledger: DeviceLedger;
  readonly onEvent: (event: PipelineEvent) => void;
  /** Override the worker entry (tests); default resolveWorkerEntry(). */
  readonly entry?: WorkerEntry;
}

export interface WorkerEntry {
  readonly file: string;
  readonly execArgv: readonly string[];
}

/**
 * The built worker (out/main/probeWorker.js) next to the bundle that runs this code; from the source
 * tree (tests, benchmarks) the TypeScript entry through jiti's loader.
 */
export function resolveWorkerEntry(): WorkerEntry {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'probeWorker.js'), path.join(here, '..', 'probeWorker.js')]) {
    if (fs.existsSync(candidate)) return { file: candidate, execArgv: [] };
  }
  return { file: path.join(here, 'probeWorkerEntry.ts'), execArgv: ['--import', 'jiti/register'] };
}

export function startProbeWorker(options: StartWorkerOptions): ProbeWorkerHandle {
  const entry = options.entry ?? resolveWorkerEntry();
  const child: ChildProcess = fork(entry.file, [], {
    execArgv: [...entry.execArgv],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const { ledger } = options;
  const probe = options.label ?? options.probe;
  let current: { attemptId: number; deviceId: number } | null = null;
  let finished = false;
  let devices = 0;
  let lastBeat = Date.now();
  let heard = false;

  const post = (message: MainToWorker): void => {
    if (child.connected) child.send(message);
  };

  const done = new Promise<WorkerSummary>((resolve) => {
    let reported: AppErrorInfo | null = null;
    const watchdog = setInterval(() => {
      const limit = heard ? HEARTBEAT_TIMEOUT_MS : STARTUP_TIMEOUT_MS;
      if (Date.now() - lastBeat > limit) {
        reported = appError('STATION_WORKER_DIED', `${probe}: ${heard ? 'no heartbeat' : 'no sign of life since it was started'} for ${limit} ms; the worker was stopped`);
        child.kill('SIGKILL');
      }
    }, 1000);

    child.on('message', (message: WorkerToMain) => {
      lastBeat = Date.now();
      heard = true;
      switch (message.type) {
        case 'request':
          void answer(message.id, message.method, message.args);
          break;
        case 'event':
          track(message.event);
          options.onEvent(message.event);
          break;
        case 'done':
          finished = true;
          devices = message.devices;
          break;
        case 'fatal':
          reported = message.error;
          break;
        case 'heartbeat':
          break;
      }
    });

    // 'close', not 'exit': it comes after the IPC channel has delivered every message the worker sent.
    child.on('close', (code, signal) => {
      clearInterval(watchdog);
      void (async () => {
        if (current !== null) {
          // The device the worker was on: record it failed now rather than leave it in progress.
          const detail = `${probe}: the worker process ${signal === null ? `exited with code ${String(code)}` : `was killed (${signal})`} during the device`;
          await ledger.finish(current.attemptId, current.deviceId, { result: 'fail', step: 'record', code: 'STATION_WORKER_DIED', reason: detail, deviceState: 'unknown: read the board back' });
          current = null;
        }
        const error = reported ?? (finished ? null : appError('STATION_WORKER_DIED', `${probe}: the worker process ${signal === null ? `exited with code ${String(code)}` : `was killed (${signal})`}`));
        resolve({ probe, devices, error });
      })();
    });
  });

  function track(event: PipelineEvent): void {
    if (event.type === 'device-finished') current = null;
  }

  async function answer(id: number, method: string, args: readonly unknown[]): Promise<void> {
    let result: Result<unknown>;
    if (!(LEDGER_METHODS as readonly string[]).includes(method)) result = failure('IPC_UNKNOWN_CHANNEL', `probe worker asked for ${method}`);
    else {
      try {
        const call = ledger[method as keyof DeviceLedger] as (...a: unknown[]) => Promise<Result<unknown>>;
        result = await call.apply(ledger, [...args]);
      } catch (error) {
        result = failure('STATION_STEP_CRASHED', `${method}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (method === 'allocate' && result.ok && result.value !== null) {
      const allocation = result.value as { attemptId: number; deviceId: number };
      current = { attemptId: allocation.attemptId, deviceId: allocation.deviceId };
    }
    if (method === 'finish' && result.ok && current !== null && args[0] === current.attemptId) current = null;
    if (method === 'resumeDevice' && result.ok) current = { attemptId: (result.value as { attemptId: number }).attemptId, deviceId: args[0] as number };
    post({ type: 'reply', id, result });
  }

  post({
    type: 'start',
    probe: options.probe,
    label: probe,
    spec: options.spec,
    ...(options.keepBoardsIn === undefined ? {} : { keepBoardsIn: options.keepBoardsIn }),
    ...(options.jlinkLibraryPath === undefined ? {} : { jlinkLibraryPath: options.jlinkLibraryPath }),
  });
  return { probe, done, cancel: () => post({ type: 'cancel' }) };
}
