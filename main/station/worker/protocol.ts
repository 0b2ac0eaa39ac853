/**
 * Messages between the main process and a probe worker (Node IPC with the structured-clone
 * serialization, so byte arrays cross as they are). The worker never opens the database: it asks
 * through `request` (the DeviceLedger's methods) and main answers with `reply`.
 */
import type { AppErrorInfo, Result } from '../../../preload/contract/errors';
import type { DeviceJobSpec, DeviceLedger, PipelineEvent } from '../pipeline/types';

export type LedgerMethod = keyof DeviceLedger;

export const LEDGER_METHODS: readonly LedgerMethod[] = ['allocate', 'needsMore', 'stepStarted', 'stepFinished', 'chipIdentified', 'findIssuedDac', 'dacIssued', 'resumeDevice', 'finish'];

export interface WorkerStart {
  readonly type: 'start';
  /** The probe's address, and how records name it. */
  readonly probe: string;
  readonly label: string;
  readonly keepBoardsIn?: string;
  /** The J-Link library path from the station settings (or `--jlink-lib`), searched first. */
  readonly jlinkLibraryPath?: string;
  readonly spec: DeviceJobSpec;
}

export type MainToWorker = WorkerStart | { readonly type: 'reply'; readonly id: number; readonly result: Result<unknown> } | { readonly type: 'cancel' };

export type WorkerToMain =
  | { readonly type: 'request'; readonly id: number; readonly method: LedgerMethod; readonly args: readonly unknown[] }
  | { readonly type: 'event'; readonly event: PipelineEvent }
  | { readonly type: 'heartbeat' }
  | { readonly type: 'done'; readonly devices: number }
  | { readonly type: 'fatal'; readonly error: AppErrorInfo };

/** How often a worker says it is alive, and how long main waits before it declares it dead. */
export const HEARTBEAT_INTERVAL_MS = 500;
export const HEARTBEAT_TIMEOUT_MS = 10_000;
/** Until its first message: loading the worker from TypeScript sources (tests) takes seconds. */
export const STARTUP_TIMEOUT_MS = 60_000;
