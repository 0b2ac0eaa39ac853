/**
 * Crash recovery, run before a lot runs (and at station start): attempts still `in_progress` were
 * interrupted by a crash, a kill or a power cut. Each is resolved — never left, never reused:
 *   - the board is gone (a simulated feeder board lived only in the stopped process; a probe that
 *     is not available now): failed, STATION_INTERRUPTED, with what is known;
 *   - the board is there: it is read back; holding this attempt's DAC with every check passing and
 *     the configured lock in effect, the attempt passed; otherwise it failed, and the board can be
 *     run again (the pipeline then recognises our DAC and finishes it, or provisions it anew).
 */
import { success, type Result } from '../../preload/contract/errors';
import { parseProbeAddress } from '../probes/address';
import { openProbe } from '../probes/open';
import type { StationDatabase } from '../store/database';
import type { InterruptedAttempt } from '../store/repositories/attempts';
import { labelFor } from './pipeline/label';
import { inspectBoard } from './qa/inspectBoard';

export interface RecoveredAttempt {
  readonly attemptId: number;
  readonly serialNumber: string;
  readonly probe: string;
  readonly result: 'pass' | 'fail';
  readonly reason: string;
}

/** A probe label is its address, with " #N" when the same address runs on several workers. */
export function probeAddressOf(label: string): string {
  return label.replace(/ #\d+$/, '');
}

async function boardVerdict(db: StationDatabase, attempt: InterruptedAttempt, now: Date): Promise<{ result: 'pass' | 'fail'; reason: string }> {
  const address = parseProbeAddress(probeAddressOf(attempt.probe));
  if (!address.ok) return { result: 'fail', reason: `the probe "${attempt.probe}" cannot be opened again (${address.error.detail ?? address.error.code})` };
  if (address.value.kind === 'sim' && address.value.stateFile === null) return { result: 'fail', reason: 'the simulated board existed only in the stopped process' };
  if (!attempt.dacIssued) return { result: 'fail', reason: 'stopped before a DAC was issued: nothing of this device is on a board' };
  const opened = await openProbe(probeAddressOf(attempt.probe));
  if (!opened.ok) return { result: 'fail', reason: `the board could not be read back (${opened.error.detail ?? opened.error.code}); put it on a probe again to finish it` };
  try {
    const inspected = await inspectBoard(db, opened.value.port, { probe: attempt.probe, now, record: false, expectComplete: true });
    if (!inspected.ok) return { result: 'fail', reason: `read-back: ${inspected.error.detail ?? inspected.error.message}` };
    const { device, report, config } = inspected.value;
    if (device?.id !== attempt.deviceId) return { result: 'fail', reason: 'the board on the probe holds another device' };
    if (!report.passed) return { result: 'fail', reason: `read-back found ${report.checks.filter((c) => c.status === 'fail').map((c) => c.name).join(', ')} failing; run the board again` };
    // Complete on the chip: the label the stopped run did not get to record.
    const label = labelFor({ serialNumber: device.serialNumber, vendorId: config.matter.vendorId, productId: config.matter.productId, commissioningFlow: config.matter.commissioningFlow, discoveryCapabilities: config.matter.discoveryCapabilities, discriminator: device.discriminator ?? -1, passcode: device.passcode ?? -1 });
    if (!label.ok) return { result: 'fail', reason: `the label cannot be made (${label.error.detail ?? label.error.code})` };
    const recorded = db.devices.recordCredentials(device.id, { qrPayload: label.value.qrPayload, manualCode: label.value.manualCode });
    if (!recorded.ok) return { result: 'fail', reason: `the label could not be recorded (${recorded.error.detail ?? recorded.error.code})` };
    return { result: 'pass', reason: 'read-back shows the board complete: verified, with the configured lock in effect' };
  } finally {
    await opened.value.port.close();
  }
}

export async function recoverInterruptedAttempts(db: StationDatabase, options: { readonly now: Date; readonly actor?: string }): Promise<Result<RecoveredAttempt[]>> {
  const recovered: RecoveredAttempt[] = [];
  for (const attempt of db.attempts.listInterrupted()) {
    const verdict = await boardVerdict(db, attempt, options.now);
    const resolved = db.attempts.resolveInterrupted(attempt.attemptId, {
      result: verdict.result,
      ...(verdict.result === 'fail' ? { errorCode: 'STATION_INTERRUPTED' as const } : {}),
      detail: `${attempt.runningStep === null ? 'interrupted' : `interrupted during ${attempt.runningStep}`}: ${verdict.reason}`,
      actor: options.actor ?? 'recovery',
    });
    if (!resolved.ok) return resolved;
    recovered.push({ attemptId: attempt.attemptId, serialNumber: attempt.serialNumber, probe: attempt.probe, result: verdict.result, reason: verdict.reason });
  }
  return success(recovered);
}
