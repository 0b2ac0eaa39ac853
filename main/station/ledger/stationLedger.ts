/**
 * The DeviceLedger in the main process: the station's database behind the pipeline. Every write is
 * one transaction in a repository (allocation, step, issued DAC, attempt end), each with its audit
 * event; a probe worker reaches it through worker/supervisor.ts.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { StationDatabase } from '../../store/database';
import type { Device } from '../../store/repositories/devices';
import { renderSerialNumber } from '../config';
import type { ProductConfig } from '../config/schema';
import type { Allocation, DeviceLedger, DeviceOutcome, RecognisedDevice } from '../pipeline/types';

export interface StationLedgerOptions {
  readonly db: StationDatabase;
  readonly lotId: number;
  readonly config: ProductConfig;
  readonly operatorId: number | null;
  /** Audit actor: the operator's name, or "cli" / "system". */
  readonly actor: string;
  readonly clock?: () => Date;
  /** Stop allocating after this many failed devices in this run (a broken fixture must not burn the whole lot). */
  readonly maxFailures?: number;
}

class SerialPatternFailed extends Error {}

export class StationLedger implements DeviceLedger {
  private readonly steps = new Map<string, number>();
  private failures = 0;

  constructor(private readonly options: StationLedgerOptions) {}

  private get db(): StationDatabase {
    return this.options.db;
  }

  async needsMore(): Promise<Result<boolean>> {
    const { db, lotId } = this.options;
    const lot = db.lots.get(lotId);
    if (!lot.ok) return lot;
    const counts = db.lots.counts(lotId);
    if (counts.passed + counts.inProgress >= lot.value.quantity) return success(false);
    return success(this.failures < (this.options.maxFailures ?? lot.value.quantity));
  }

  async allocate(request: { readonly probe: string }): Promise<Result<Allocation | null>> {
    const { db, lotId, config } = this.options;
    const lot = db.lots.get(lotId);
    if (!lot.ok) return lot;
    const more = await this.needsMore();
    if (!more.ok) return more;
    if (!more.value) return success(null);
    const date = (this.options.clock ?? (() => new Date()))();
    try {
      const allocated = db.allocations.allocate({
        lotId,
        probe: request.probe,
        operatorId: this.options.operatorId,
        actor: this.options.actor,
        renderSerial: (sequence) => {
          const serial = renderSerialNumber(config.commissioning.serialNumberPattern, { stationId: lot.value.stationId, lotId, sequence, date });
          if (!serial.ok) throw new SerialPatternFailed(serial.error.detail ?? serial.error.message);
          return serial.value;
        },
        discriminator: config.commissioning.discriminator,
        spake2pIterations: config.commissioning.spake2pIterations,
        saltLength: config.commissioning.saltLength,
      });
      if (!allocated.ok) return allocated;
      const a = allocated.value;
      return success({
        lotId: a.lotId,
        deviceId: a.deviceId,
        attemptId: a.attemptId,
        serialNumber: a.serialNumber,
        dacSerial: a.dacSerial,
        passcode: a.passcode,
        discriminator: a.discriminator,
        salt: a.salt,
        uniqueId: a.uniqueId,
        iterations: a.spake2pIterations,
      });
    } catch (error) {
      if (error instanceof SerialPatternFailed) return failure('CONFIG_SERIAL_PATTERN_INVALID', `commissioning.serialNumberPattern: ${error.message}`);
      throw error;
    }
  }

  async stepStarted(attemptId: number, seq: number, step: string): Promise<Result<void>> {
    const started = this.db.attempts.startStep(attemptId, step);
    if (!started.ok) return started;
    this.steps.set(`${attemptId}:${seq}`, started.value.id);
    return success(undefined);
  }

  async stepFinished(attemptId: number, seq: number, _step: string, outcome: 'pass' | 'fail' | 'skipped', detail: string): Promise<Result<void>> {
    const key = `${attemptId}:${seq}`;
    const stepId = this.steps.get(key);
    if (stepId === undefined) return success(undefined);
    this.steps.delete(key);
    const finished = this.db.attempts.finishStep(stepId, outcome, detail);
    return finished.ok ? success(undefined) : finished;
  }

  async chipIdentified(attemptId: number, _deviceId: number, chip: { readonly eui64: string; readonly partNumber: string }): Promise<Result<void>> {
    const recorded = this.db.attempts.recordChip(attemptId, chip.eui64.toUpperCase());
    return recorded.ok ? success(undefined) : recorded;
  }

  async findIssuedDac(dacSerial: string): Promise<Result<RecognisedDevice | null>> {
    const found = this.db.devices.findByDacSerial(dacSerial.toUpperCase());
    if (!found.ok) return found.error.code === 'NOT_FOUND' ? success(null) : found;
    return success(recognised(found.value, this.db));
  }

  async dacIssued(deviceId: number, dac: { readonly der: Uint8Array; readonly serial: string; readonly skid: string }): Promise<Result<void>> {
    return this.db.allocations.recordIssuedDac(deviceId, { dacDer: dac.der, skid: dac.skid, actor: this.options.actor });
  }

  async resumeDevice(deviceId: number, probe: string): Promise<Result<{ readonly attemptId: number }>> {
    return this.db.transaction(() => {
      const attempt = this.db.attempts.start({ deviceId, probe, operatorId: this.options.operatorId, stationId: this.db.station.stationId() });
      if (!attempt.ok) return attempt;
      const status = this.db.devices.setStatus(deviceId, 'in_progress');
      return status.ok ? success({ attemptId: attempt.value.id }) : status;
    });
  }

  async finish(attemptId: number, _deviceId: number, outcome: DeviceOutcome): Promise<Result<void>> {
    const end =
      outcome.result === 'pass'
        ? { result: 'pass' as const, qrPayload: outcome.label.qrPayload, manualCode: outcome.label.manualCode, actor: this.options.actor }
        : outcome.result === 'fail'
          ? { result: 'fail' as const, errorCode: outcome.code, errorDetail: `${outcome.step}: ${outcome.reason.replace(/\.?$/, '.')} Device state: ${outcome.deviceState}.`, actor: this.options.actor }
          : { result: 'cancelled' as const, errorDetail: `${outcome.step}: cancelled. Device state: ${outcome.deviceState}.`, actor: this.options.actor };
    const finished = this.db.allocations.finishAttempt(attemptId, end);
    if (!finished.ok) return finished;
    if (outcome.result !== 'pass' && !(outcome.result === 'fail' && outcome.code === 'STATION_ALLOCATION_RELEASED')) this.failures += 1;
    return success(undefined);
  }
}

function recognised(device: Device, db: StationDatabase): RecognisedDevice {
  const dac = device.hasDac ? db.devices.issuedDac(device.id) : null;
  return {
    deviceId: device.id,
    lotId: device.lotId,
    serialNumber: device.serialNumber,
    status: device.status,
    dacSerial: device.dacSerial ?? '',
    dacDer: dac !== null && dac.ok ? dac.value.der : null,
    discriminator: device.discriminator,
    passcode: device.passcode,
    iterations: device.spake2pIterations,
    saltBase64: device.salt,
    uniqueIdSha256: device.uniqueIdSha256 === null ? null : device.uniqueIdSha256.toLowerCase(),
    qrPayload: device.qrPayload,
    manualCode: device.manualCode,
  };
}
