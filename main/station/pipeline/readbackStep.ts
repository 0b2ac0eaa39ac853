/**
 * The pipeline's two read-backs, both through the QA read-back code (main/station/verify):
 * `recognise` looks for a DAC this station issued before anything is written, and `verify` checks
 * what was written against the record and every Matter rule before the lock closes the port.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { DebugPort } from '../../probes/debugPort';
import { checkDevice, readDeviceBack, type DeviceRecordExpectation, type LockState, type VerificationExpectations } from '../verify';
import type { DeviceJobContext } from './provisionDevice';
import type { StepContext } from './stepRunner';
import { recordFromRecognised } from './recognisedRecord';
import type { RecognisedDevice } from './types';

export type VerifyRecord = DeviceRecordExpectation;

const callOptions = (ctx: StepContext) => ({ signal: ctx.signal, timeoutMs: ctx.remainingMs() });

/**
 * What the board already holds. `device` is ours when its DAC serial is on record; `complete` says
 * whether the board passes every check against that record, lock aside (a write cut short leaves our
 * DAC without the rest: such a board is provisioned anew, never resumed into a device that cannot pass).
 */
export interface Recognition {
  readonly device: RecognisedDevice | null;
  readonly complete: boolean;
  readonly summary: string;
}

export async function recogniseBoard(port: DebugPort, context: DeviceJobContext, ctx: StepContext): Promise<Result<Recognition>> {
  const readback = await readDeviceBack(port, { storage: context.spec.config.storage, ...callOptions(ctx) });
  if (!readback.ok) return readback;
  const serial = readback.value.parsed?.certificates.dac.serial ?? null;
  if (serial === null) return success({ device: null, complete: false, summary: 'no credentials on the board' });
  const found = await context.ledger.findIssuedDac(serial);
  if (!found.ok) return found;
  const device = found.value;
  if (device === null) return success({ device: null, complete: false, summary: `holds another DAC (serial ${serial}), not one of ours: it will be replaced` });
  if (device.status === 'passed') return success({ device, complete: true, summary: `holds the DAC of ${device.serialNumber}, which passed` });
  const report = await checkDevice(readback.value, expectationsFor(context, recordFromRecognised(device), readback.value.lockState), { now: context.clock() });
  if (report.passed) return success({ device, complete: true, summary: `holds ${device.serialNumber} complete and verified: it is resumed` });
  const failed = report.checks.filter((check) => check.status === 'fail').map((check) => check.name);
  return success({ device, complete: false, summary: `holds the DAC of ${device.serialNumber} but not all of it (${failed.join(', ')}): it is provisioned anew` });
}

export function expectationsFor(context: Pick<DeviceJobContext, 'spec' | 'trustStore'>, record: DeviceRecordExpectation | undefined, expectedLock: VerificationExpectations['expectedLock'] = 'none'): VerificationExpectations {
  const { config } = context.spec;
  return {
    partNumber: config.part,
    storage: config.storage,
    vendorId: config.matter.vendorId,
    productId: config.matter.productId,
    dcl: config.attestation.dcl,
    trustStore: context.trustStore,
    cdSigners: context.spec.cdSigningCertificates,
    expectedLock,
    ...(record === undefined ? {} : { record }),
  };
}

export async function verifyBoard(port: DebugPort, context: DeviceJobContext, record: DeviceRecordExpectation, expectedLock: LockState, ctx: StepContext): Promise<Result<string>> {
  const readback = await readDeviceBack(port, { storage: context.spec.config.storage, ...callOptions(ctx) });
  if (!readback.ok) return readback;
  const report = await checkDevice(readback.value, expectationsFor(context, record, expectedLock), { now: context.clock() });
  const failed = report.checks.filter((check) => check.status === 'fail');
  if (failed.length > 0) return failure('STATION_VERIFY_FAILED', failed.map((check) => `${check.name}: ${check.message}`).join(' '));
  const passed = report.checks.filter((check) => check.status === 'pass').length;
  return success(`${passed} checks passed (${report.checks.filter((check) => check.status === 'skip').length} not applicable)`);
}
