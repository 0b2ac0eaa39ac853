/**
 * What the Station screen shows, kept pure: the pipeline's steps in order with their names, and the
 * fold of a run's pushed events (device started, step, flash progress, device finished, run
 * finished) into one panel per probe. Events of another run are ignored, except that a window
 * which has no live run adopts the run an event names (it opened mid-run, or its start is still
 * being answered).
 */
import { pipelineStepSchema, type DeviceOutcomeView, type PipelineStepName, type RunState } from '../../../preload/contract/station';

/** The pipeline's steps in order, from the contract (the one list main validates events against). */
export const pipelineSteps: readonly PipelineStepName[] = pipelineStepSchema.options;

export const stepLabel: Record<PipelineStepName, string> = {
  connect: 'Connect to the probe',
  'lock-status': 'Check the debug lock',
  identify: 'Identify the chip',
  recognise: 'Recognise the part',
  agent: 'Load the flash agent',
  key: 'Generate the device key',
  issue: 'Issue the DAC',
  write: 'Write the credentials',
  verify: 'Verify the credentials',
  firmware: 'Flash the firmware',
  lock: 'Lock debug access',
  reset: 'Reset the device',
  label: 'Make the label',
  record: 'Record the device',
};

export type StepState = 'waiting' | 'running' | 'pass' | 'fail' | 'skipped';

export interface StepView {
  readonly name: PipelineStepName;
  readonly state: StepState;
  readonly ms: number | null;
  readonly detail: string;
}

export interface LastResult {
  /** The device the result is for: its label preview (after a PASS) is asked for by id. */
  readonly deviceId: number;
  readonly serialNumber: string;
  readonly ms: number;
  readonly outcome: DeviceOutcomeView;
}

export interface ProbeRunView {
  readonly probeId: string;
  readonly deviceId: number | null;
  readonly serialNumber: string | null;
  readonly steps: readonly StepView[];
  readonly progress: { readonly step: PipelineStepName; readonly done: number; readonly total: number } | null;
  readonly last: LastResult | null;
  readonly passed: number;
  readonly failed: number;
}

export interface RunFinishedView {
  readonly runId: number;
  readonly lotId: number;
  readonly complete: boolean;
  readonly passed: number;
  readonly failed: number;
  readonly lotStatus: string;
  readonly error: { readonly code: string; readonly message: string; readonly fix: string; readonly detail?: string } | null;
}

export interface RunView {
  readonly runId: number;
  /** What `start` or `current` answered; null while only events have named the run. */
  readonly run: RunState | null;
  readonly probes: Readonly<Record<string, ProbeRunView>>;
  readonly finished: RunFinishedView | null;
}

export type StationEvent =
  | { readonly kind: 'deviceStarted'; readonly runId: number; readonly probeId: string; readonly deviceId: number; readonly serialNumber: string }
  | {
      readonly kind: 'step';
      readonly runId: number;
      readonly probeId: string;
      readonly deviceId: number;
      readonly step: PipelineStepName;
      readonly state: 'running' | 'pass' | 'fail' | 'skipped';
      readonly ms: number;
      readonly detail: string;
    }
  | { readonly kind: 'progress'; readonly runId: number; readonly probeId: string; readonly deviceId: number; readonly step: PipelineStepName; readonly done: number; readonly total: number }
  | {
      readonly kind: 'deviceFinished';
      readonly runId: number;
      readonly probeId: string;
      readonly deviceId: number;
      readonly serialNumber: string;
      readonly ms: number;
      readonly outcome: DeviceOutcomeView;
    }
  | ({ readonly kind: 'runFinished' } & RunFinishedView);

export function waitingSteps(): StepView[] {
  return pipelineSteps.map((name) => ({ name, state: 'waiting', ms: null, detail: '' }));
}

export function emptyProbe(probeId: string): ProbeRunView {
  return { probeId, deviceId: null, serialNumber: null, steps: waitingSteps(), progress: null, last: null, passed: 0, failed: 0 };
}

export function runViewFor(run: RunState): RunView {
  return { runId: run.runId, run, probes: Object.fromEntries(run.probeIds.map((id) => [id, emptyProbe(id)])), finished: null };
}

/** `start` or `current` answered: keep what events already told about the same run. */
export function withRun(view: RunView | null, run: RunState): RunView {
  if (view === null || view.runId !== run.runId) return runViewFor(run);
  const probes = { ...view.probes };
  for (const id of run.probeIds) probes[id] ??= emptyProbe(id);
  // A run that finished before its start was answered stays finished.
  return { ...view, run: view.finished !== null ? { ...run, state: 'finished' } : run, probes };
}

export function isLive(view: RunView | null): boolean {
  return view !== null && view.finished === null && view.run?.state !== 'finished';
}

function updateProbe(view: RunView, probeId: string, change: (probe: ProbeRunView) => ProbeRunView): RunView {
  const probe = view.probes[probeId] ?? emptyProbe(probeId);
  return { ...view, probes: { ...view.probes, [probeId]: change(probe) } };
}

function setStep(steps: readonly StepView[], name: PipelineStepName, state: StepState, ms: number, detail: string): StepView[] {
  return steps.map((step) => (step.name === name ? { name, state, ms: state === 'running' ? null : ms, detail } : step));
}

export function applyEvent(view: RunView | null, event: StationEvent): RunView | null {
  let current = view;
  if (current === null || current.runId !== event.runId) {
    if (isLive(current)) return current;
    current = { runId: event.runId, run: null, probes: {}, finished: null };
  }
  switch (event.kind) {
    case 'deviceStarted':
      return updateProbe(current, event.probeId, (probe) => ({
        ...probe,
        deviceId: event.deviceId,
        serialNumber: event.serialNumber,
        steps: waitingSteps(),
        progress: null,
      }));
    case 'step':
      return updateProbe(current, event.probeId, (probe) => ({
        ...probe,
        deviceId: event.deviceId,
        steps: setStep(probe.steps, event.step, event.state, event.ms, event.detail),
      }));
    case 'progress':
      return updateProbe(current, event.probeId, (probe) => ({ ...probe, progress: { step: event.step, done: event.done, total: event.total } }));
    case 'deviceFinished':
      return updateProbe(current, event.probeId, (probe) => ({
        ...probe,
        serialNumber: event.serialNumber,
        last: { deviceId: event.deviceId, serialNumber: event.serialNumber, ms: event.ms, outcome: event.outcome },
        passed: probe.passed + (event.outcome.result === 'pass' ? 1 : 0),
        failed: probe.failed + (event.outcome.result === 'fail' ? 1 : 0),
      }));
    case 'runFinished': {
      const { kind: _kind, ...finished } = event;
      return { ...current, finished, run: current.run === null ? null : { ...current.run, state: 'finished' } };
    }
  }
}

/** "1.2 s" or "340 ms": timings read at a glance. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}

export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return `${Math.round(bytes / 1024)} KiB`;
}
