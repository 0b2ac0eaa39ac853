// npm run bench: is the run screen's model cheap enough to stay responsive while four probes run?
//
// The window folds every pushed pipeline event into its view with `applyEvent` (the Station screen's
// model) and React re-renders from that. This measures the model alone on the event stream of four
// probes provisioning 25 devices each: per device a start, 14 steps (running + result), 20 flash
// progress events and the end — about 50 events per device, 5 000 in all. The real pipeline emits
// them over ~12 s (four probes at about 8 devices/s together), so the budget per event is about 2 ms;
// the printed figure is how much of that the model uses. Nothing is asserted.
import { bench, describe } from 'vitest';
import { pipelineStepSchema, type RunState } from '../../preload/contract/station';
import { applyEvent, withRun, type RunView, type StationEvent } from '../../renderer/features/station/stationModel';

const PROBES = ['sim-1', 'sim-2', 'sim-locked', 'sim-unplug'];
const DEVICES_PER_PROBE = 25;
const STEPS = pipelineStepSchema.options;

function eventStream(): StationEvent[] {
  const events: StationEvent[] = [];
  let deviceId = 0;
  for (let round = 0; round < DEVICES_PER_PROBE; round += 1) {
    for (const probeId of PROBES) {
      deviceId += 1;
      const serialNumber = `ML-ST-1-${String(deviceId).padStart(5, '0')}`;
      events.push({ kind: 'deviceStarted', runId: 1, probeId, deviceId, serialNumber });
      for (const step of STEPS) {
        events.push({ kind: 'step', runId: 1, probeId, deviceId, step, state: 'running', ms: 0, detail: '' });
        if (step === 'agent' || step === 'firmware') {
          for (let done = 1; done <= 10; done += 1) events.push({ kind: 'progress', runId: 1, probeId, deviceId, step, done: done * 4096, total: 40_960 });
        }
        events.push({ kind: 'step', runId: 1, probeId, deviceId, step, state: 'pass', ms: 12, detail: `${step} done` });
      }
      events.push({ kind: 'deviceFinished', runId: 1, probeId, deviceId, serialNumber, ms: 400, outcome: { result: 'pass', qrPayload: 'MT:Y.K9042C00KA0648G00', manualCode: '34970112332' } });
    }
  }
  return events;
}

const run: RunState = { runId: 1, lotId: 1, lotName: 'L-1', probeIds: PROBES, state: 'running', startedAt: '2026-11-25T00:00:00Z', handsFree: false };
const stream = eventStream();

describe(`run screen model: ${stream.length} events from ${PROBES.length} probes × ${DEVICES_PER_PROBE} devices`, () => {
  bench('applyEvent over the whole stream', () => {
    let view: RunView | null = withRun(null, run);
    for (const event of stream) view = applyEvent(view, event);
    if (view?.probes['sim-1']?.passed !== DEVICES_PER_PROBE) throw new Error('the model lost devices');
  });
});
