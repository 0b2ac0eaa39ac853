/**
 * checkDevice: every verification check over one read-back, in a fixed order, each with one
 * sentence. A check that cannot run (locked part, nothing on record to compare with) is skipped with
 * the reason; `passed` means no check failed. Async only for the signature and PBKDF2 work.
 */
import { checkCd, checkChain, checkDacIdentical, checkKey, checkNotTestCredentials } from './attestationChecks';
import { createCheckContext } from './checkContext';
import { checkCommissioning, checkOnboarding, checkVidPid } from './dataChecks';
import { checkLock, checkPart, checkPresent } from './deviceChecks';
import type { CheckOptions, CheckResult, DeviceReadback, VerificationExpectations, VerificationReport } from './types';

export async function checkDevice(readback: DeviceReadback, expectations: VerificationExpectations, options: CheckOptions): Promise<VerificationReport> {
  const context = createCheckContext(readback, expectations, options.now);
  const vidPid = checkVidPid(context);
  const commissioning = await checkCommissioning(context);
  const checks: CheckResult[] = [
    checkPart(context),
    checkLock(context),
    checkPresent(context),
    checkDacIdentical(context),
    await checkChain(context),
    await checkCd(context, vidPid.status === 'pass'),
    vidPid,
    commissioning,
    checkOnboarding(context, vidPid.status === 'pass' && commissioning.status === 'pass'),
    checkNotTestCredentials(context),
    checkKey(context),
  ];
  return {
    passed: checks.every((check) => check.status !== 'fail'),
    checks,
    partNumber: readback.identity?.partNumber ?? null,
    eui64: readback.eui64,
    dacSerial: readback.parsed?.certificates.dac.serial ?? null,
    warnings: readback.parsed?.warnings ?? [],
  };
}
