/**
 * Where an injected fault lands, measured rather than guessed: a healthy device is run once with the
 * simulator's calls counted per operation (the calls still go through) and the bytes on the wire at
 * each step's start, so `disconnect:OP:N` with N = calls before the step + 1 hits exactly that step.
 */
import path from 'node:path';
import { vi } from 'vitest';
import { SimulatedDebugPort } from '../../../main/sim/simulatedDebugPort';
import type { PipelineStep } from '../../../main/station/pipeline/types';
import { runLot } from '../../../main/station/runLot';
import { demoLot, MG24 } from './stationFixture';

export type LockSetting = 'none' | 'standard';

/** Per step: the operations it calls, with the calls of each made before the step; bytes moved before it. */
export interface Calibration {
  readonly callsBefore: Partial<Record<PipelineStep, Record<string, number>>>;
  readonly usedIn: Partial<Record<PipelineStep, string[]>>;
  readonly bytesBefore: Partial<Record<PipelineStep, number>>;
}

/** A healthy device on a state-file board, with the simulator's calls counted (the calls still go through). */
export async function calibrate(debugLock: LockSetting): Promise<Calibration> {
  const station = await demoLot({ quantity: 1, debugLock, name: 'calibration' });
  const counts = new Map<string, number>();
  let port: { bytesMoved: number } | null = null;
  const prototype = SimulatedDebugPort.prototype as unknown as { begin(this: unknown, operation: string, options: unknown): unknown };
  const begin = prototype.begin;
  const spy = vi.spyOn(prototype, 'begin').mockImplementation(function (this: unknown, operation: string, options: unknown) {
    port = this as { bytesMoved: number };
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    return begin.call(this, operation, options);
  });
  const callsBefore: Calibration['callsBefore'] = {};
  const usedIn: Calibration['usedIn'] = {};
  const bytesBefore: Calibration['bytesBefore'] = {};
  try {
    const run = await runLot({
      db: station.db,
      lotId: station.lotId,
      probes: [`sim:${MG24}@${path.join(station.dir, 'board.sim')}`],
      mode: 'in-process',
      onEvent: (event) => {
        if (event.type !== 'step') return;
        if (event.state === 'running') {
          callsBefore[event.step] = Object.fromEntries(counts);
          bytesBefore[event.step] = (port as { bytesMoved: number } | null)?.bytesMoved ?? 0;
        } else {
          const before = callsBefore[event.step] ?? {};
          usedIn[event.step] = [...counts].filter(([operation, n]) => n > (before[operation] ?? 0)).map(([operation]) => operation);
        }
      },
    });
    if (!run.ok || run.value.counts.passed !== 1) throw new Error(`calibration run did not pass: ${JSON.stringify(run.ok ? run.value.counts : run.error)}`);
  } finally {
    spy.mockRestore();
    station.cleanup();
  }
  return { callsBefore, usedIn, bytesBefore };
}

/** `disconnect:OP:N` landing on the first call of OP within `step`. */
export function disconnectIn(step: PipelineStep, operation: string): (calibration: Calibration) => string {
  return (calibration) => {
    if (!(calibration.usedIn[step] ?? []).includes(operation)) throw new Error(`${step} does not call ${operation} (it calls ${(calibration.usedIn[step] ?? []).join(', ')})`);
    return `fault=disconnect:${operation}:${(calibration.callsBefore[step]?.[operation] ?? 0) + 1}`;
  };
}

/** `rtt-timeout:N`: the agent answers every package before `step`, then no more. */
export function agentSilentFrom(step: PipelineStep, extraPackages = 0): (calibration: Calibration) => string {
  return (calibration) => `fault=rtt-timeout:${(calibration.callsBefore[step]?.rttWrite ?? 0) + extraPackages}`;
}

/** `disconnect-after:BYTES`: the wire drops a few bytes into `step`. */
export function bytesInto(step: PipelineStep, bytes: number): (calibration: Calibration) => string {
  return (calibration) => `fault=disconnect-after:${(calibration.bytesBefore[step] ?? 0) + bytes}`;
}
