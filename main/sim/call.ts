/**
 * One call into the simulated probe: its operation name (every failure detail starts with it), its
 * deadline and its AbortSignal. Waiting (the timing model, a slow erase) goes through `wait`, which
 * ends early with PROBE_TIMEOUT or PROBE_CANCELLED, so nothing in the simulator can hang a caller.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import type { SimOperation } from './config';

export class SimCall {
  private readonly deadline: number;
  /** Modelled time not yet waited for (timing model only). */
  private owedMs = 0;

  constructor(
    readonly operation: SimOperation,
    timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.deadline = this.now() + timeoutMs;
  }

  /** PROBE_CANCELLED or PROBE_TIMEOUT if the call must stop now; null to carry on. */
  interrupted(): Result<never> | null {
    if (this.signal?.aborted === true) return failure('PROBE_CANCELLED', `${this.operation}: cancelled`);
    if (this.now() > this.deadline) return failure('PROBE_TIMEOUT', `${this.operation}: gave up after its timeout`);
    return null;
  }

  /** Add modelled time, waited for at the next `settle`. */
  owe(ms: number): void {
    this.owedMs += ms;
  }

  /** The modelled time owed so far, handed over once. */
  takeOwed(): number {
    const ms = this.owedMs;
    this.owedMs = 0;
    return ms;
  }

  wait(ms: number): Promise<Result<void>> {
    const stop = this.interrupted();
    if (stop !== null) return Promise.resolve(stop);
    if (ms <= 0) return Promise.resolve(success(undefined));
    const remaining = this.deadline - this.now();
    return new Promise((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(failure('PROBE_CANCELLED', `${this.operation}: cancelled`));
      };
      const timer = setTimeout(
        () => {
          this.signal?.removeEventListener('abort', onAbort);
          resolve(ms > remaining ? failure('PROBE_TIMEOUT', `${this.operation}: gave up after its timeout`) : success(undefined));
        },
        Math.max(0, Math.min(ms, remaining + 1)),
      );
      this.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The same failure with the operation named first in its detail. */
  named<T>(result: Result<T>): Result<T> {
    if (result.ok) return result;
    const detail = result.error.detail ?? '';
    if (detail.startsWith(`${this.operation}:`)) return result;
    return { ok: false, error: { ...result.error, detail: detail === '' ? this.operation : `${this.operation}: ${detail}` } };
  }
}
