/**
 * What the board holds after the last step that finished, in one sentence for the record: a failed
 * device's row says what a technician or engineer will find on the chip, not only what went wrong.
 */
import type { PipelineStep } from './types';

const STATE_AFTER: Partial<Record<PipelineStep, string>> = {
  connect: 'unchanged: nothing was written',
  identify: 'unchanged: nothing was written',
  'lock-status': 'unchanged: nothing was written',
  recognise: 'unchanged: nothing was written',
  agent: 'the provisioning agent is on the chip; no credentials were written',
  key: 'a device key was made; no credentials were written',
  issue: 'a DAC was issued and recorded; no credentials were written',
  write: 'credentials written, not yet verified',
  verify: 'credentials written and verified; not locked',
  firmware: 'credentials verified and production firmware flashed; not locked',
  lock: 'credentials verified; debug lock applied, takes effect at reset',
  reset: 'credentials verified, lock in effect, chip restarted',
  label: 'finished on the chip; not yet recorded',
};

/** The state after `lastPassed` (null: no step passed), for a failure in `failedStep`. */
export function deviceStateAfter(lastPassed: PipelineStep | null, failedStep: PipelineStep): string {
  if (failedStep === 'write') return 'credentials may be partly written: run the board again to provision it anew';
  if (failedStep === 'firmware') return 'credentials verified; production firmware may be partly flashed: run the board again';
  if (lastPassed === null) return 'unchanged: nothing was written';
  return STATE_AFTER[lastPassed] ?? 'unknown';
}
