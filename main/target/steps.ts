/** Shared helpers for the EFR32 sequences: every failure names the step it happened in. */
import { failure, type Result } from '../../preload/contract/errors';
import type { CallOptions } from '../probes/debugPort';

/** Options every sequence takes: the probe's own timeout and AbortSignal, plus how long to wait for the Secure Engine. */
export interface TargetOptions extends CallOptions {
  /** How long to wait for each DCI handshake (WPENDING clear, RDATAVALID set); default 500 ms. */
  readonly dciTimeoutMs?: number;
}

/** Prefix a failed result's detail with the step, so "PROBE_TIMEOUT" becomes "DBG_LOCK_STATUS: …". */
export function atStep<T>(step: string, result: Result<T>): Result<T> {
  if (result.ok) return result;
  const detail = result.error.detail === undefined || result.error.detail === '' ? step : `${step}: ${result.error.detail}`;
  return { ok: false, error: { ...result.error, detail } };
}

export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Fails with TARGET_CANCELLED naming the step when the signal has fired. */
export function checkAborted(step: string, options: CallOptions): Result<void> | null {
  return options.signal?.aborted === true ? failure('TARGET_CANCELLED', step) : null;
}

/** The call options a probe call gets (the DCI timeout is ours, not the probe's). */
export function callOptions(options: TargetOptions): CallOptions {
  return { ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }), ...(options.signal === undefined ? {} : { signal: options.signal }) };
}

/** The probe layer reports a locked part's refused memory access as PROBE_ACCESS_DENIED. */
export function isAccessDenied(result: Result<unknown>): boolean {
  return !result.ok && String(result.error.code) === 'PROBE_ACCESS_DENIED';
}
