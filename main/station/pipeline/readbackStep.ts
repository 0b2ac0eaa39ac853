/**
 * The pipeline's two read-backs, both through the QA read-back code (main/station/verify):
 * `recognise` looks for a DAC this station issued before anything is written, and `verify` checks
 * what was written against the record and every Matter rule before the lock closes the port.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { DebugPort } from '../../probes/debugPort';
import type { TargetIdentity } from '../../target';
import type { ProductConfig } from '../config/schema';
import { checkDevice, readDeviceBack, type DeviceRecordExpectation, type VerificationExpectations } from '../verify';
import type { DeviceJobContext } from './provisionDevice';
import type { StepContext } from './stepRunner';
import type { DeviceLedger, RecognisedDevice } from './types';

export type VerifyRecord = DeviceRecordExpectation;

const callOptions = (ctx: StepContext) => ({ signal: ctx.signal, timeoutMs: ctx.remainingMs() });

export async function recogniseBoard(port: DebugPort, _identity: TargetIdentity, config: ProductConfig, ledger: DeviceLedger, ctx: StepContext): Promise<Result<RecognisedDevice | null>> {
  const readback = await readDeviceBack(port, { storage: config.storage, ...callOptions(ctx) });
  if (!readback.ok) return readback;
  const serial = readback.value.parsed?.certificates.dac.serial ?? null;
  if (serial === null) return success(null);
  return ledger.findIssuedDac(serial);
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

export async function verifyBoard(port: DebugPort, _identity: TargetIdentity, context: DeviceJobContext, record: DeviceRecordExpectation, ctx: StepContext): Promise<Result<string>> {
  const readback = await readDeviceBack(port, { storage: context.spec.config.storage, ...callOptions(ctx) });
  if (!readback.ok) return readback;
  const report = await checkDevice(readback.value, expectationsFor(context, record), { now: context.clock() });
  const failed = report.checks.filter((check) => check.status === 'fail');
  if (failed.length > 0) return failure('STATION_VERIFY_FAILED', failed.map((check) => `${check.name}: ${check.message}`).join(' '));
  const passed = report.checks.filter((check) => check.status === 'pass').length;
  return success(`${passed} checks passed (${report.checks.filter((check) => check.status === 'skip').length} not applicable)`);
}
