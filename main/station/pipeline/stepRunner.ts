/**
 * Runs one pipeline step: records its start and end through the ledger, emits progress events,
 * enforces the step's time limit and the job's cancel signal. A step body gets a signal that fires
 * on either, and passes it (with the remaining time) to every hardware call, so nothing hangs.
 */
import { failure, type ErrorCode, type Result } from '../../../preload/contract/errors';
import { DEFAULT_STEP_TIMEOUTS_MS, type DeviceLedger, type PipelineEvent, type PipelineStep } from './types';

export interface StepContext {
  readonly signal: AbortSignal;
  /** Milliseconds left before the step's limit; pass as timeoutMs to hardware calls. */
  remainingMs(): number;
  progress(done: number, total: number): void;
}

export interface StepFailure {
  readonly step: PipelineStep;
  readonly code: ErrorCode;
  readonly reason: string;
  readonly cancelled: boolean;
}

export class StepRunner {
  private seq = 0;
  private attemptId: number;

  constructor(
    private readonly ledger: DeviceLedger,
    attemptId: number,
    private readonly probe: string,
    private deviceId: number,
    private readonly emit: (event: PipelineEvent) => void,
    private readonly jobSignal: AbortSignal,
    private readonly timeouts: Partial<Record<PipelineStep, number>> = {},
  ) {
    this.attemptId = attemptId;
  }

  /** After a resume the steps are recorded on the recognised device's new attempt. */
  switchAttempt(attemptId: number, deviceId: number): void {
    this.attemptId = attemptId;
    this.deviceId = deviceId;
  }

  async skip(step: PipelineStep, why: string): Promise<void> {
    this.seq += 1;
    const seq = this.seq;
    await this.ledger.stepStarted(this.attemptId, seq, step);
    await this.ledger.stepFinished(this.attemptId, seq, step, 'skipped', why);
    this.emit({ type: 'step', probe: this.probe, deviceId: this.deviceId, step, state: 'skipped', ms: 0, detail: why });
  }

  /** Runs `body`; its success detail (a short sentence) is recorded with the step. */
  async run<T>(step: PipelineStep, body: (context: StepContext) => Promise<Result<T>>, describe: (value: T) => string): Promise<Result<T> & { failureInfo?: StepFailure }> {
    this.seq += 1;
    const seq = this.seq;
    const limit = this.timeouts[step] ?? DEFAULT_STEP_TIMEOUTS_MS[step];
    const started = Date.now();
    const recorded = await this.ledger.stepStarted(this.attemptId, seq, step);
    if (!recorded.ok) return recorded;
    this.emit({ type: 'step', probe: this.probe, deviceId: this.deviceId, step, state: 'running', ms: 0, detail: '' });

    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), limit);
    const signal = AbortSignal.any([this.jobSignal, timer.signal]);
    const context: StepContext = {
      signal,
      remainingMs: () => Math.max(1, limit - (Date.now() - started)),
      progress: (done, total) => this.emit({ type: 'progress', probe: this.probe, deviceId: this.deviceId, step, done, total }),
    };
    let result: Result<T>;
    try {
      // The race makes a body that ignores its signal still give up at the limit.
      const stopped = new Promise<Result<T>>((resolve) => {
        const stop = (): void => resolve(this.jobSignal.aborted ? failure('STATION_CANCELLED', `${step}: cancelled`) : failure('STATION_STEP_TIMEOUT', `${step}: no result within ${limit} ms`));
        if (signal.aborted) stop();
        else signal.addEventListener('abort', stop, { once: true });
      });
      result = await Promise.race([body(context), stopped]);
      if (!result.ok && signal.aborted) {
        result = this.jobSignal.aborted ? failure('STATION_CANCELLED', `${step}: cancelled`) : failure('STATION_STEP_TIMEOUT', `${step}: no result within ${limit} ms (${result.error.detail ?? result.error.code})`);
      }
    } catch (error) {
      result = failure('STATION_STEP_CRASHED', `${step}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timeout);
    }
    const ms = Date.now() - started;
    const detail = result.ok ? describe(result.value) : `${result.error.code}: ${result.error.detail ?? result.error.message}`;
    await this.ledger.stepFinished(this.attemptId, seq, step, result.ok ? 'pass' : 'fail', detail);
    this.emit({ type: 'step', probe: this.probe, deviceId: this.deviceId, step, state: result.ok ? 'pass' : 'fail', ms, detail });
    if (result.ok) return result;
    return Object.assign(result, {
      failureInfo: { step, code: result.error.code, reason: result.error.detail ?? result.error.message, cancelled: result.error.code === 'STATION_CANCELLED' },
    });
  }
}
