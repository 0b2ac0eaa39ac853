// What station.bench.ts measures from a lot run's pipeline events, so worker start-up (fork + loading the
// TypeScript sources, seconds per worker from the source tree) never counts as provisioning time.
import type { PipelineEvent } from '../../main/station/pipeline/types';

/** Devices and the window they were provisioned in, from one run's events. */
export interface RunWindow {
  readonly devices: number;
  readonly failed: number;
  /** First 'device-started' to last 'device-finished', any probe. */
  readonly spanMs: number;
  /** The part of the span in which every probe had started its first device and none had finished its last. */
  readonly allBusyMs: number;
  /** Devices finished inside that window. */
  readonly allBusyDevices: number;
  /** The 'device-finished' events' own ms (connect to record, one device). */
  readonly deviceMs: readonly number[];
  readonly perProbe: ReadonlyMap<string, number>;
  /** Each finished step's own ms ('step' events), by step. */
  readonly stepMs: ReadonlyMap<string, readonly number[]>;
}

/** Records pipeline events with the time they arrived in this process. */
export class EventClock {
  private readonly seen: { readonly at: number; readonly event: PipelineEvent }[] = [];
  private readonly steps = new Map<string, number[]>();
  readonly onEvent = (event: PipelineEvent): void => {
    if (event.type === 'step' && event.state === 'pass') this.steps.set(event.step, [...(this.steps.get(event.step) ?? []), event.ms]);
    if (event.type === 'device-started' || event.type === 'device-finished') this.seen.push({ at: performance.now(), event });
  };

  window(): RunWindow {
    const started = this.seen.filter((s) => s.event.type === 'device-started');
    const finished = this.seen.filter((s) => s.event.type === 'device-finished');
    const probes = [...new Set(started.map((s) => s.event.probe))];
    const firstStart = Math.min(...started.map((s) => s.at));
    const lastFinish = Math.max(...finished.map((s) => s.at));
    const allStarted = Math.max(...probes.map((p) => Math.min(...started.filter((s) => s.event.probe === p).map((s) => s.at))));
    const firstDone = Math.min(...probes.map((p) => Math.max(...finished.filter((s) => s.event.probe === p).map((s) => s.at))));
    const perProbe = new Map<string, number>();
    const deviceMs: number[] = [];
    let failed = 0;
    for (const { event } of finished) {
      if (event.type !== 'device-finished') continue;
      perProbe.set(event.probe, (perProbe.get(event.probe) ?? 0) + 1);
      deviceMs.push(event.ms);
      if (event.outcome.result !== 'pass') failed += 1;
    }
    return {
      devices: finished.length,
      failed,
      spanMs: lastFinish - firstStart,
      allBusyMs: Math.max(0, firstDone - allStarted),
      allBusyDevices: finished.filter((s) => s.at > allStarted && s.at <= firstDone).length,
      deviceMs,
      perProbe,
      stepMs: this.steps,
    };
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}
