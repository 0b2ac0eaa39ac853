/**
 * The DeviceLedger inside a probe worker: each call is a `request` to the main process, answered by
 * a `reply` with the same id. If main goes away the pending calls fail (and the worker exits).
 */
import { failure, type Result } from '../../../preload/contract/errors';
import type { DeviceLedger } from '../pipeline/types';
import type { LedgerMethod, WorkerToMain } from './protocol';

export class LedgerClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();

  constructor(private readonly send: (message: WorkerToMain) => boolean) {}

  reply(id: number, result: Result<unknown>): void {
    const resolve = this.pending.get(id);
    if (resolve === undefined) return;
    this.pending.delete(id);
    resolve(result);
  }

  /** Main is gone: fail every call still waiting. */
  abandon(): void {
    for (const resolve of this.pending.values()) resolve(failure('STATION_WORKER_DIED', 'the station process went away'));
    this.pending.clear();
  }

  private call<T>(method: LedgerMethod, args: readonly unknown[]): Promise<Result<T>> {
    const id = this.nextId++;
    return new Promise<Result<T>>((resolve) => {
      this.pending.set(id, resolve as (result: Result<unknown>) => void);
      if (!this.send({ type: 'request', id, method, args })) this.reply(id, failure('STATION_WORKER_DIED', 'the station process went away'));
    });
  }

  get ledger(): DeviceLedger {
    return {
      allocate: (...args) => this.call('allocate', args),
      needsMore: () => this.call('needsMore', []),
      stepStarted: (...args) => this.call('stepStarted', args),
      stepFinished: (...args) => this.call('stepFinished', args),
      chipIdentified: (...args) => this.call('chipIdentified', args),
      findIssuedDac: (...args) => this.call('findIssuedDac', args),
      dacIssued: (...args) => this.call('dacIssued', args),
      resumeDevice: (...args) => this.call('resumeDevice', args),
      finish: (...args) => this.call('finish', args),
    };
  }
}
