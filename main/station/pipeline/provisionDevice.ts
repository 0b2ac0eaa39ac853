/**
 * One device, start to finish (PRODUCT.md Workflow step 2): connect → lock status → identify →
 * recognise → agent → key → issue → write → verify → firmware → lock → reset → label → record.
 * Each step goes through the StepRunner (time limit, cancel, ledger record, events). The allocation
 * was made before the board is touched; a board that already holds a DAC this station issued is
 * recognised by read-back and finished (or left alone when it passed), never provisioned twice.
 */
import { failure, type Result } from '../../../preload/contract/errors';
import type { DacIssuer } from '../../matter/dac';
import type { TrustStore } from '../../matter/certificates';
import type { OpenedProbe } from '../../probes/open';
import { identify, readLockStatus, type LockStatus, type TargetIdentity } from '../../target';
import { deviceStateAfter } from './deviceState';
import { finishAgent, flashProductionFirmware, lockAndReset } from './finishSteps';
import { labelFor } from './label';
import { lockStateOf, uniqueIdSha256 } from '../verify';
import { recogniseBoard, verifyBoard, type Recognition, type VerifyRecord } from './readbackStep';
import { recordFromRecognised } from './recognisedRecord';
import { StepRunner, type StepContext, type StepFailure } from './stepRunner';
import type { Allocation, DeviceJobSpec, DeviceLedger, DeviceOutcome, PipelineEvent, PipelineStep } from './types';
import { issueStep, keyStep, startAgentStep, writeStep, type AgentHandle } from './writeSteps';

export interface DeviceJobContext {
  readonly spec: DeviceJobSpec;
  readonly issuer: DacIssuer;
  readonly trustStore: TrustStore;
  readonly ledger: DeviceLedger;
  readonly probe: string;
  readonly emit: (event: PipelineEvent) => void;
  readonly signal: AbortSignal;
  readonly clock: () => Date;
  /** Opens the board on the probe (the `connect` step). */
  readonly connect: (signal: AbortSignal, timeoutMs: number) => Promise<Result<OpenedProbe>>;
}

export interface DeviceJobResult {
  readonly deviceId: number;
  readonly serialNumber: string;
  readonly eui64: string | null;
  readonly outcome: DeviceOutcome;
  readonly ms: number;
}

class StepFailed extends Error {
  constructor(readonly info: StepFailure) {
    super(info.reason);
  }
}

export async function provisionDevice(context: DeviceJobContext, allocation: Allocation): Promise<DeviceJobResult> {
  const started = Date.now();
  const { spec, ledger, probe, emit } = context;
  const config = spec.config;
  const runner = new StepRunner(ledger, allocation.attemptId, probe, allocation.deviceId, emit, context.signal, spec.stepTimeoutsMs);
  emit({ type: 'device-started', probe, deviceId: allocation.deviceId, serialNumber: allocation.serialNumber });

  let board: OpenedProbe | null = null;
  let agent: AgentHandle | null = null;
  let lastPassed: PipelineStep | null = null;
  let eui64: string | null = null;
  let attemptId = allocation.attemptId;
  let deviceId = allocation.deviceId;
  let serialNumber = allocation.serialNumber;

  const step = async <T>(name: PipelineStep, body: (ctx: StepContext) => Promise<Result<T>>, describe: (value: T) => string): Promise<T> => {
    const result = await runner.run(name, body, describe);
    if (!result.ok) throw new StepFailed(result.failureInfo ?? { step: name, code: result.error.code, reason: result.error.detail ?? result.error.message, cancelled: false });
    lastPassed = name;
    return result.value;
  };

  let outcome: DeviceOutcome;
  try {
    board = await step('connect', (ctx) => context.connect(ctx.signal, ctx.remainingMs()), (opened) => `probe ${opened.port.address}`);
    const port = board.port;
    // The lock state first: it reads through the debug port and the Secure Engine even on a locked
    // part, whose DEVINFO (identify) is out of reach. A lock only configured (in effect at the next
    // reset) is held until recognise: an unfinished device of ours may still be completed.
    const lockStatus: LockStatus = await step('lock-status', async (ctx) => {
      const status = await readLockStatus(port, { signal: ctx.signal, timeoutMs: ctx.remainingMs() });
      if (!status.ok) return status;
      if (status.value.locked) return failure('STATION_PART_LOCKED', `debug access is locked${lockAdvice(status.value)}`);
      return status;
    }, (status) => (status.debugLockConfigured ? 'open now; a debug lock is configured and takes effect at the next reset' : 'unlocked'));

    const identity: TargetIdentity = await step('identify', async (ctx) => {
      const found = await identify(port, { signal: ctx.signal, timeoutMs: ctx.remainingMs() });
      if (!found.ok) return found;
      if (found.value.partNumber !== config.part) return failure('STATION_WRONG_PART', `the chip is ${found.value.partNumber} (EUI-64 ${found.value.eui64}); the configuration is for ${config.part}`);
      const noted = await ledger.chipIdentified(attemptId, deviceId, { eui64: found.value.eui64, partNumber: found.value.partNumber });
      return noted.ok ? found : noted;
    }, (id) => `${id.partNumber}, EUI-64 ${id.eui64}`);
    eui64 = identity.eui64;

    const recognised: Recognition = await step('recognise', async (ctx) => {
      const seen = await recogniseBoard(port, context, ctx);
      if (!seen.ok) return seen;
      const resumable = seen.value.device !== null && seen.value.device.status !== 'passed' && seen.value.complete;
      if (lockStatus.debugLockConfigured && !resumable) {
        return failure('STATION_PART_LOCKED', `a debug lock is configured and takes effect at the next reset, and the board holds no unfinished device of ours to complete${lockAdvice(lockStatus)}`);
      }
      return seen;
    }, (seen) => seen.summary);
    const found = recognised.device !== null && (recognised.device.status === 'passed' || recognised.complete) ? recognised.device : null;

    let record: VerifyRecord;
    if (found !== null) {
      if (found.status === 'passed') {
        throw new StepFailed({ step: 'recognise', code: 'STATION_ALREADY_PROVISIONED', reason: `the board holds ${found.serialNumber}, which passed; it is not provisioned twice`, cancelled: false });
      }
      // Release the fresh allocation and finish the device the board already holds.
      await ledger.finish(attemptId, deviceId, { result: 'fail', step: 'recognise', code: 'STATION_ALLOCATION_RELEASED', reason: `the board holds ${found.serialNumber}, which was resumed instead`, deviceState: 'not used' });
      const resumed = await ledger.resumeDevice(found.deviceId, probe);
      if (!resumed.ok) throw new StepFailed({ step: 'recognise', code: resumed.error.code, reason: resumed.error.detail ?? resumed.error.message, cancelled: false });
      attemptId = resumed.value.attemptId;
      deviceId = found.deviceId;
      serialNumber = found.serialNumber;
      runner.switchAttempt(attemptId, deviceId);
      record = recordFromRecognised(found);
      for (const skipped of ['agent', 'key', 'issue', 'write'] as const) await runner.skip(skipped, `resumed ${found.serialNumber}: its credentials are already on the board`);
      lastPassed = 'write';
    } else {
      if (config.storage === 'single-page') await runner.skip('agent', 'not needed: the single page is written through flash');
      else agent = await step('agent', (ctx) => startAgentStep(port, identity, spec, ctx), (handle) => handle?.describe ?? '');
      const key = await step('key', (ctx) => keyStep(agent, spec, allocation, ctx), (k) => k.describe);
      const issued = await step('issue', (ctx) => issueStep(context, allocation, key, ctx), (dac) => `DAC ${dac.serialNumber}, SKID ${dac.subjectKeyId}`);
      await step('write', (ctx) => writeStep(port, identity, agent, spec, allocation, issued, context.clock(), ctx), (what) => what);
      record = {
        serialNumber: allocation.serialNumber,
        dacDer: issued.certificate,
        discriminator: allocation.discriminator,
        passcode: allocation.passcode,
        iterations: allocation.iterations,
        saltBase64: Buffer.from(allocation.salt).toString('base64'),
        uniqueIdSha256: uniqueIdSha256(allocation.uniqueId),
        eui64: identity.eui64,
      };
    }

    // A resumed board may already carry the lock configured by a run cut short after the lock step.
    await step('verify', (ctx) => verifyBoard(port, context, record, lockStateOf(lockStatus), ctx), (summary) => summary);
    await finishAgent(agent);
    agent = null;
    if (spec.productionFirmware === null) await runner.skip('firmware', 'no production firmware in the configuration');
    else await step('firmware', (ctx) => flashProductionFirmware(port, identity, spec.productionFirmware!, ctx), (bytes) => `${bytes} bytes programmed and verified`);
    const lockMode = config.security.debugLock;
    if (lockMode === 'none') await runner.skip('lock', 'the configuration applies no debug lock');
    else await step('lock', (ctx) => lockAndReset.lock(port, lockMode, ctx), (s) => s);
    await step('reset', (ctx) => lockAndReset.reset(port, lockMode, ctx), (s) => s);
    const label = await step('label', async () => labelFor({
      serialNumber,
      vendorId: config.matter.vendorId,
      productId: config.matter.productId,
      commissioningFlow: config.matter.commissioningFlow,
      discoveryCapabilities: config.matter.discoveryCapabilities,
      discriminator: record.discriminator,
      passcode: record.passcode ?? -1,
    }), (l) => `${l.qrPayload} / ${l.manualCode}`);
    outcome = { result: 'pass', label };
    await step('record', async () => ledger.finish(attemptId, deviceId, outcome), () => 'recorded');
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    const { info } = error;
    const deviceState = deviceStateAfter(lastPassed, info.step);
    outcome = info.cancelled ? { result: 'cancelled', step: info.step, deviceState } : { result: 'fail', step: info.step, code: info.code, reason: info.reason, deviceState };
    const recorded = await ledger.finish(attemptId, deviceId, outcome);
    if (!recorded.ok) outcome = { result: 'fail', step: 'record', code: recorded.error.code, reason: recorded.error.detail ?? recorded.error.message, deviceState };
  } finally {
    await finishAgent(agent).catch(() => undefined);
    if (board !== null) {
      await board.save();
      await board.port.close();
    }
  }
  const result: DeviceJobResult = { deviceId, serialNumber, eui64, outcome, ms: Date.now() - started };
  emit({ type: 'device-finished', probe, deviceId, serialNumber, eui64, outcome, ms: result.ms });
  return result;
}


function lockAdvice(status: LockStatus): string {
  return status.deviceEraseEnabled ? '; unlocking by device erase would wipe all flash, credentials included' : '; device erase is disabled, so the part cannot be unlocked';
}
