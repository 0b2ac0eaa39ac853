/**
 * The per-device pipeline's vocabulary: its steps, what a device job needs, and the ledger through
 * which it asks the station's database for values and records what happened. The ledger is an
 * interface because the job runs in a probe worker process while the main process is the only
 * database writer: in a worker it is an RPC proxy (worker/ledgerClient.ts), in main the real thing
 * (ledger/stationLedger.ts). Both implement exactly this.
 */
import type { ErrorCode, Result } from '../../../preload/contract/errors';
import { pipelineStepSchema, type PipelineStepName } from '../../../preload/contract/station';
import type { FirmwareImage } from '../../firmware';
import type { ProductConfig } from '../config/schema';

/** The steps in order: declared once in the IPC contract, which the window's events are checked against. */
export const PIPELINE_STEPS = pipelineStepSchema.options;
export type PipelineStep = PipelineStepName;

/** Each step's time limit in milliseconds (the whole step, all its hardware calls). */
export const DEFAULT_STEP_TIMEOUTS_MS: Readonly<Record<PipelineStep, number>> = {
  connect: 10_000,
  identify: 5_000,
  'lock-status': 5_000,
  recognise: 15_000,
  agent: 60_000,
  key: 15_000,
  issue: 15_000,
  write: 30_000,
  verify: 30_000,
  firmware: 120_000,
  lock: 15_000,
  reset: 5_000,
  label: 5_000,
  record: 10_000,
};

/** Values allocated for one device in one database transaction, before the board is touched. */
export interface Allocation {
  readonly lotId: number;
  readonly deviceId: number;
  readonly attemptId: number;
  readonly serialNumber: string;
  /** Upper-case hex of the DAC certificate serial to issue. */
  readonly dacSerial: string;
  readonly passcode: number;
  readonly discriminator: number;
  readonly salt: Uint8Array;
  readonly uniqueId: Uint8Array;
  readonly iterations: number;
}

/** A device of ours found on a board by read-back, with what the station recorded for it. */
export interface RecognisedDevice {
  readonly deviceId: number;
  readonly lotId: number;
  readonly serialNumber: string;
  readonly status: 'allocated' | 'in_progress' | 'passed' | 'failed';
  readonly dacSerial: string;
  readonly dacDer: Uint8Array | null;
  readonly discriminator: number | null;
  readonly passcode: number | null;
  readonly iterations: number | null;
  readonly saltBase64: string | null;
  readonly uniqueIdSha256: string | null;
  readonly qrPayload: string | null;
  readonly manualCode: string | null;
}

export type StepOutcome = 'pass' | 'fail' | 'skipped';

export interface DeviceLabel {
  readonly serialNumber: string;
  readonly qrPayload: string;
  readonly manualCode: string;
}

export type DeviceOutcome =
  | { readonly result: 'pass'; readonly label: DeviceLabel }
  | { readonly result: 'fail'; readonly step: PipelineStep; readonly code: ErrorCode; readonly reason: string; readonly deviceState: string }
  | { readonly result: 'cancelled'; readonly step: PipelineStep; readonly deviceState: string };

export interface DeviceLedger {
  /** Allocates the next device of the lot and starts its attempt; null when the lot needs no more devices. */
  allocate(request: { readonly probe: string }): Promise<Result<Allocation | null>>;
  /** Whether allocate would give another device now (hands-free asks before waiting for a board). */
  needsMore(): Promise<Result<boolean>>;
  stepStarted(attemptId: number, seq: number, step: PipelineStep): Promise<Result<void>>;
  stepFinished(attemptId: number, seq: number, step: PipelineStep, outcome: StepOutcome, detail: string): Promise<Result<void>>;
  chipIdentified(attemptId: number, deviceId: number, chip: { readonly eui64: string; readonly partNumber: string }): Promise<Result<void>>;
  /** The device (of any lot) that was issued this DAC serial, or null when it is not ours. */
  findIssuedDac(dacSerial: string): Promise<Result<RecognisedDevice | null>>;
  /** Must be durable before the DAC is written to the chip: a crash after the write can then recognise the board. */
  dacIssued(deviceId: number, dac: { readonly der: Uint8Array; readonly serial: string; readonly skid: string }): Promise<Result<void>>;
  /** A new attempt on a device found on the board (resume), for this probe. */
  resumeDevice(deviceId: number, probe: string): Promise<Result<{ readonly attemptId: number }>>;
  finish(attemptId: number, deviceId: number, outcome: DeviceOutcome): Promise<Result<void>>;
}

/** What a probe worker needs to provision devices of one lot: the configuration and the bytes it names. */
export interface DeviceJobSpec {
  readonly lotId: number;
  readonly stationId: string;
  readonly config: ProductConfig;
  readonly paiCertificate: Uint8Array;
  readonly paiKey: Uint8Array;
  /** PAA certificates (DER or PEM) of the trust store. */
  readonly trustedPaas: readonly Uint8Array[];
  readonly certificationDeclaration: Uint8Array;
  readonly cdSigningCertificates: readonly Uint8Array[];
  readonly agentImage: FirmwareImage | null;
  readonly productionFirmware: FirmwareImage | null;
  /** Overrides of DEFAULT_STEP_TIMEOUTS_MS. */
  readonly stepTimeoutsMs?: Partial<Record<PipelineStep, number>>;
}

export type PipelineEvent =
  | { readonly type: 'device-started'; readonly probe: string; readonly deviceId: number; readonly serialNumber: string }
  | { readonly type: 'step'; readonly probe: string; readonly deviceId: number; readonly step: PipelineStep; readonly state: 'running' | StepOutcome; readonly ms: number; readonly detail: string }
  | { readonly type: 'progress'; readonly probe: string; readonly deviceId: number; readonly step: PipelineStep; readonly done: number; readonly total: number }
  | { readonly type: 'device-finished'; readonly probe: string; readonly deviceId: number; readonly serialNumber: string; readonly eui64: string | null; readonly outcome: DeviceOutcome; readonly ms: number }
  /** Hands-free: the probe waits for the next board to be placed, or for the finished one to be taken off. */
  | { readonly type: 'waiting'; readonly probe: string; readonly waitingFor: BoardWait };

export type BoardWait = 'board' | 'removal';
