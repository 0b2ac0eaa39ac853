/**
 * The QA read-back service (PRODUCT.md Workflow step 3): read any board, find the station's record
 * for it (by the DAC serial on the chip, else by its EUI-64), run every verification check against
 * that record and its lot's configuration, and record the inspection. The pipeline's verify step
 * and crash recovery use the same checks.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { DebugPort } from '../../probes/debugPort';
import type { StationDatabase } from '../../store/database';
import type { Device } from '../../store/repositories/devices';
import type { Inspection } from '../../store/repositories/inspections';
import type { Lot } from '../../store/repositories/lots';
import type { ProductConfig } from '../config/schema';
import { trustStoreOf } from '../pipeline/probeJob';
import { jobSpecFor, loadSavedConfiguration } from '../productConfigs';
import { checkDevice, readDeviceBack, type DeviceReadback, type DeviceRecordExpectation, type LockState, type VerificationReport } from '../verify';
import { expectationsFor } from '../pipeline/readbackStep';

export interface BoardInspection {
  readonly readback: DeviceReadback;
  readonly report: VerificationReport;
  readonly device: Device | null;
  readonly lot: Lot | null;
  readonly inspection: Inspection | null;
  /** The lot's configuration the board was checked against. */
  readonly config: ProductConfig;
}

export interface InspectOptions {
  readonly probe: string;
  readonly now: Date;
  readonly operatorId?: number | null;
  readonly actor?: string;
  /** Record the inspection (QA); recovery reads without recording one. */
  readonly record?: boolean;
  readonly signal?: AbortSignal;
  /** Expect the board finished (the configured lock in effect) even when its record has not passed (crash recovery). */
  readonly expectComplete?: boolean;
}

/** The station's record for the board: the DAC on the chip names it; a chip with no readable DAC, its EUI-64. */
export function findDeviceRecord(db: StationDatabase, readback: DeviceReadback): Device | null {
  const dacSerial = readback.parsed?.certificates.dac.serial ?? null;
  if (dacSerial !== null) {
    const byDac = db.devices.findByDacSerial(dacSerial.toUpperCase());
    if (byDac.ok) return byDac.value;
  }
  if (readback.eui64 !== null) {
    const byChip = db.devices.findByUniqueChipId(readback.eui64.toUpperCase());
    if (byChip.ok) return byChip.value;
  }
  return null;
}

export function recordExpectation(db: StationDatabase, device: Device): DeviceRecordExpectation {
  const dac = device.hasDac ? db.devices.issuedDac(device.id) : null;
  return {
    serialNumber: device.serialNumber,
    discriminator: device.discriminator ?? -1,
    iterations: device.spake2pIterations ?? -1,
    saltBase64: device.salt ?? '',
    ...(device.uniqueChipId === null ? {} : { eui64: device.uniqueChipId.toLowerCase() }),
    ...(dac !== null && dac.ok ? { dacDer: dac.value.der } : {}),
    ...(device.passcode === null ? {} : { passcode: device.passcode }),
    ...(device.uniqueIdSha256 === null ? {} : { uniqueIdSha256: device.uniqueIdSha256.toLowerCase() }),
    ...(device.qrPayload === null ? {} : { qrPayload: device.qrPayload }),
    ...(device.manualCode === null ? {} : { manualCode: device.manualCode }),
  };
}

export async function inspectBoard(db: StationDatabase, port: DebugPort, options: InspectOptions): Promise<Result<BoardInspection>> {
  const readback = await readDeviceBack(port, { storage: 'auto', ...(options.signal === undefined ? {} : { signal: options.signal }) });
  if (!readback.ok) return readback;
  const device = findDeviceRecord(db, readback.value);
  if (device === null) {
    const what = readback.value.parsed?.certificates.dac.serial ?? null;
    return failure('READBACK_UNKNOWN_DEVICE', `the board (EUI-64 ${readback.value.eui64 ?? 'unknown'}${what === null ? ', no DAC' : `, DAC ${what}`}) is not a device this station provisioned`);
  }
  const lot = db.lots.get(device.lotId);
  if (!lot.ok) return lot;
  const record = db.configs.get(lot.value.configId);
  if (!record.ok) return record;
  const runnable = await loadSavedConfiguration(record.value, options.now);
  if (!runnable.ok) return runnable;
  const spec = jobSpecFor(lot.value.id, lot.value.stationId, runnable.value);
  if (!spec.ok) return spec;
  const trustStore = trustStoreOf(spec.value.trustedPaas);
  if (!trustStore.ok) return trustStore;
  // A device that passed carries the configured lock; one that did not may have stopped before it.
  const expectedLock: LockState = device.status === 'passed' || options.expectComplete === true ? runnable.value.config.security.debugLock : readback.value.lockState;
  const expectations = expectationsFor({ spec: spec.value, trustStore: trustStore.value }, recordExpectation(db, device), expectedLock);
  const report = await checkDevice(readback.value, expectations, { now: options.now });
  let inspection: Inspection | null = null;
  if (options.record !== false) {
    const recorded = db.inspections.record({
      deviceId: device.id,
      uniqueChipId: readback.value.eui64 === null ? null : readback.value.eui64.toUpperCase(),
      dacSerial: report.dacSerial,
      result: report.passed ? 'pass' : 'fail',
      checks: report.checks.map((check) => ({ name: check.name, result: check.status === 'skip' ? 'skipped' : check.status, detail: check.message })),
      operatorId: options.operatorId ?? null,
      stationId: lot.value.stationId,
      probe: options.probe,
      actor: options.actor ?? 'system',
    });
    if (!recorded.ok) return recorded;
    inspection = recorded.value;
  }
  return success({ readback: readback.value, report, device, lot: lot.value, inspection, config: runnable.value.config });
}
