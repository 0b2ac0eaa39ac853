import { describe, expect, it } from 'vitest';
import type { LotSummary } from '../../../preload/contract/lots';
import { errorCatalogue } from '../../../preload/contract/errors';
import { probeInfoSchema } from '../../../preload/contract/station';
import type { StationEvents } from '../../../main/services/eventBus';
import { unwrap } from '../store/helpers';
import { engineer, errorCode, nobody, qa, technician, useStationWithRoles, type RoleStation } from './stationWithRoles';

/** Probe workers fork from TypeScript sources (≈4 s each to start), so a run takes seconds. */
const RUN_TIMEOUT_MS = 90_000;

const stationWithRoles = useStationWithRoles();

type Pushed = { [E in keyof StationEvents]: { channel: E; payload: StationEvents[E] } }[keyof StationEvents];

interface Station extends RoleStation {
  /** Every event pushed so far, in order. */
  readonly pushed: Pushed[];
  /** Resolves with the `station.runFinished` of this run. */
  finished(runId: number): Promise<StationEvents['station.runFinished']>;
  /** Resolves when the first event matching `match` has been pushed. */
  waitFor(match: (event: Pushed) => boolean): Promise<Pushed>;
}

async function station(): Promise<Station> {
  const s = await stationWithRoles();
  const pushed: Pushed[] = [];
  const waiters: { match: (event: Pushed) => boolean; resolve: (event: Pushed) => void }[] = [];
  s.events.forwardTo((channel, payload) => {
    const event = { channel, payload } as Pushed;
    pushed.push(event);
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(event)) waiter.resolve(event);
      else waiters.push(waiter);
    }
  });
  const waitFor = (match: (event: Pushed) => boolean): Promise<Pushed> => {
    const already = pushed.find(match);
    return already !== undefined ? Promise.resolve(already) : new Promise((resolve) => waiters.push({ match, resolve }));
  };
  return {
    ...s,
    pushed,
    waitFor,
    finished: async (runId) => {
      const event = await waitFor((e) => e.channel === 'station.runFinished' && e.payload.runId === runId);
      return event.payload as StationEvents['station.runFinished'];
    },
  };
}

async function sampleLot(s: Station, name: string, quantity: number): Promise<number> {
  return unwrap(await s.handlers.lots.create({ name, kind: 'sample', configurationId: s.demoConfigId, quantity }, engineer)).id;
}

function payloadsOf<E extends keyof StationEvents>(pushed: readonly Pushed[], channel: E, runId: number): StationEvents[E][] {
  return pushed.filter((event) => event.channel === channel).map((event) => event.payload as StationEvents[E]).filter((payload) => (payload as { runId?: number }).runId === runId);
}

describe('station: probes and roles', () => {
  it('lists the simulated probes, idle, to any signed-in operator and to nobody else', async () => {
    const s = await station();
    const probes = unwrap(await s.handlers.station.probes(undefined, qa));
    expect(probes.map((probe) => probe.id)).toEqual(['sim-1', 'sim-2', 'sim-locked', 'sim-unplug', 'sim-bench']);
    for (const probe of probes) expect(probeInfoSchema.parse(probe)).toMatchObject({ kind: 'simulated', state: 'idle' });
    expect(await errorCode(s.handlers.station.probes(undefined, nobody))).toBe('SESSION_REQUIRED');
    expect(unwrap(await s.handlers.station.current(undefined, technician))).toBeNull();
  });

  it('lets a technician or an engineer start and cancel, not QA, and refuses unknown probes and lots', async () => {
    const s = await station();
    const lotId = await sampleLot(s, 'roles', 1);
    expect(await errorCode(s.handlers.station.start({ lotId, probeIds: ['sim-1'] }, qa))).toBe('SESSION_ROLE_FORBIDDEN');
    expect(await errorCode(s.handlers.station.start({ lotId, probeIds: ['sim-1'] }, nobody))).toBe('SESSION_REQUIRED');
    expect(await errorCode(s.handlers.station.cancel({ runId: 1 }, qa))).toBe('SESSION_ROLE_FORBIDDEN');
    expect(await errorCode(s.handlers.station.start({ lotId, probeIds: ['jlink-9'] }, technician))).toBe('STATION_PROBE_UNKNOWN');
    expect(await errorCode(s.handlers.station.start({ lotId: lotId + 100, probeIds: ['sim-1'] }, engineer))).not.toBeUndefined();
    expect(unwrap(await s.handlers.station.probes(undefined, technician)).every((probe) => probe.state === 'idle')).toBe(true);
  });
});

describe('station: runs', () => {
  it(
    'runs a sample lot of 2 on sim-1, pushing each device\'s steps, and refuses a busy probe meanwhile',
    async () => {
      const s = await station();
      const lotId = await sampleLot(s, 'sample-2', 2);
      const other = await sampleLot(s, 'other', 1);
      const run = unwrap(await s.handlers.station.start({ lotId, probeIds: ['sim-1'] }, technician));
      expect(run).toMatchObject({ lotId, lotName: 'sample-2', probeIds: ['sim-1'], state: 'running' });
      expect(unwrap(await s.handlers.station.current(undefined, qa))).toEqual(run);
      expect(unwrap(await s.handlers.station.probes(undefined, qa)).find((probe) => probe.id === 'sim-1')?.state).toBe('busy');
      expect(await errorCode(s.handlers.station.start({ lotId: other, probeIds: ['sim-1'] }, engineer))).toBe('STATION_PROBE_BUSY');
      expect(await errorCode(s.handlers.station.start({ lotId, probeIds: ['sim-2'] }, engineer))).toBe('STATION_LOT_BUSY');

      const finished = await s.finished(run.runId);
      expect(finished).toEqual({ runId: run.runId, lotId, complete: true, passed: 2, failed: 0, lotStatus: 'awaiting_qa', error: null });
      const started = payloadsOf(s.pushed, 'station.deviceStarted', run.runId);
      expect(started.map((event) => event.probeId)).toEqual(['sim-1', 'sim-1']);
      const steps = payloadsOf(s.pushed, 'station.step', run.runId);
      expect(steps.filter((step) => step.state === 'pass').map((step) => step.step)).toContain('write');
      expect(steps.every((step) => step.probeId === 'sim-1')).toBe(true);
      const devices = payloadsOf(s.pushed, 'station.deviceFinished', run.runId);
      expect(devices).toHaveLength(2);
      for (const device of devices) {
        expect(device.outcome.result).toBe('pass');
        if (device.outcome.result === 'pass') expect(device.outcome.qrPayload).toMatch(/^MT:/);
        expect(device.eui64).toMatch(/^[0-9a-f]{16}$/i);
      }
      const changed = s.pushed.filter((event) => event.channel === 'lots.changed').map((event) => event.payload as LotSummary);
      expect(changed.at(-1)).toMatchObject({ id: lotId, status: 'awaiting_qa', passed: 2 });
      expect(unwrap(await s.handlers.station.current(undefined, qa))).toBeNull();
      expect(unwrap(await s.handlers.station.probes(undefined, qa)).every((probe) => probe.state === 'idle')).toBe(true);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'fails a debug-locked part at lock-status with the catalogue\'s sentence',
    async () => {
      const s = await station();
      const lotId = await sampleLot(s, 'locked', 1);
      const run = unwrap(await s.handlers.station.start({ lotId, probeIds: ['sim-locked'] }, engineer));
      const first = await s.waitFor((event) => event.channel === 'station.deviceFinished' && event.payload.runId === run.runId);
      const outcome = (first.payload as StationEvents['station.deviceFinished']).outcome;
      expect(outcome).toMatchObject({ result: 'fail', step: 'lock-status', code: 'STATION_PART_LOCKED', message: errorCatalogue.STATION_PART_LOCKED.message, fix: errorCatalogue.STATION_PART_LOCKED.fix });
      unwrap(await s.handlers.station.cancel({ runId: run.runId }, technician));
      const finished = await s.finished(run.runId);
      expect(finished).toMatchObject({ complete: false, passed: 0, lotStatus: 'open' });
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'fails the board unplugged during the write, and a retry on the same probe completes the lot',
    async () => {
      const s = await station();
      const lotId = await sampleLot(s, 'unplug', 1);
      const first = unwrap(await s.handlers.station.start({ lotId, probeIds: ['sim-unplug'] }, technician));
      const firstEnd = await s.finished(first.runId);
      expect(firstEnd).toMatchObject({ complete: false, passed: 0, failed: 1, lotStatus: 'open' });
      const [device] = payloadsOf(s.pushed, 'station.deviceFinished', first.runId);
      expect(device?.outcome).toMatchObject({ result: 'fail', step: 'write', code: 'PROBE_DISCONNECTED', message: errorCatalogue.PROBE_DISCONNECTED.message });

      const retry = unwrap(await s.handlers.station.start({ lotId, probeIds: ['sim-unplug'] }, technician));
      expect(await s.finished(retry.runId)).toMatchObject({ complete: true, passed: 1, failed: 0, lotStatus: 'awaiting_qa', error: null });
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'cancels a run: the device on the probe ends cancelled or finished, and the lot goes back to open',
    async () => {
      const s = await station();
      const lotId = await sampleLot(s, 'long', 200);
      const run = unwrap(await s.handlers.station.start({ lotId, probeIds: ['sim-1', 'sim-2'] }, technician));
      await s.waitFor((event) => event.channel === 'station.deviceStarted' && event.payload.runId === run.runId);
      expect(unwrap(await s.handlers.station.cancel({ runId: run.runId }, technician))).toBeNull();
      expect(unwrap(await s.handlers.station.current(undefined, qa))).toMatchObject({ runId: run.runId, state: 'cancelling' });
      const finished = await s.finished(run.runId);
      expect(finished).toMatchObject({ runId: run.runId, complete: false, lotStatus: 'open' });
      expect(finished.passed).toBeLessThan(200);
      const started = payloadsOf(s.pushed, 'station.deviceStarted', run.runId);
      const ended = payloadsOf(s.pushed, 'station.deviceFinished', run.runId);
      // No device is left hanging: each one started ends with an outcome, cancelled or not.
      expect(ended.map((event) => event.deviceId).sort()).toEqual(started.map((event) => event.deviceId).sort());
      expect(ended.every((event) => ['pass', 'cancelled'].includes(event.outcome.result))).toBe(true);
      const probeIds = new Set(started.map((event) => event.probeId));
      expect([...probeIds].every((id) => id === 'sim-1' || id === 'sim-2')).toBe(true);
      expect(unwrap(await s.handlers.station.current(undefined, qa))).toBeNull();
    },
    RUN_TIMEOUT_MS,
  );
});

describe('station: the bench and hands-free mode', () => {
  it(
    'waits for each board placed by hand, provisions it, waits for it to be taken off, and ends when the lot is done',
    async () => {
      const s = await station();
      const lotId = await sampleLot(s, 'hands-free', 2);
      expect(await errorCode(s.handlers.station.placeBoard({ probeId: 'sim-1' }, technician))).toBe('STATION_PROBE_NOT_BENCH');
      expect(await errorCode(s.handlers.station.placeBoard({ probeId: 'sim-bench' }, qa))).toBe('SESSION_ROLE_FORBIDDEN');
      const run = unwrap(await s.handlers.station.start({ lotId, probeIds: ['sim-bench'], handsFree: true }, technician));
      expect(run.handsFree).toBe(true);
      await s.waitFor((e) => e.channel === 'station.waiting' && e.payload.runId === run.runId && e.payload.waitingFor === 'board');
      // Nothing is allocated while the bench is empty.
      expect(unwrap(await s.handlers.lots.list(undefined, technician)).find((lot) => lot.id === lotId)?.inProgress).toBe(0);

      const first = unwrap(await s.handlers.station.placeBoard({ probeId: 'sim-bench' }, technician));
      expect(first.bench).toMatchObject({ worked: false, simulated: true });
      expect(await errorCode(s.handlers.station.placeBoard({ probeId: 'sim-bench' }, technician))).toBe('STATION_BENCH_OCCUPIED');
      const passed = (await s.waitFor((e) => e.channel === 'station.deviceFinished' && e.payload.runId === run.runId)).payload as StationEvents['station.deviceFinished'];
      expect(passed.outcome.result).toBe('pass');
      expect(passed.eui64?.toUpperCase()).toBe(first.bench?.board);
      await s.waitFor((e) => e.channel === 'station.waiting' && e.payload.runId === run.runId && e.payload.waitingFor === 'removal');

      const removed = unwrap(await s.handlers.station.removeBoard({ probeId: 'sim-bench' }, technician));
      expect(removed.bench?.board).toBeNull();
      unwrap(await s.handlers.station.placeBoard({ probeId: 'sim-bench' }, technician));
      const done = await s.finished(run.runId);
      expect(done).toMatchObject({ complete: true, passed: 2, failed: 0, lotStatus: 'awaiting_qa', error: null });
      expect(unwrap(await s.handlers.station.probes(undefined, technician)).find((probe) => probe.id === 'sim-bench')).toMatchObject({ state: 'idle', bench: { worked: true } });
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'without hands-free runs the board on the bench once, and says so when the bench is empty',
    async () => {
      const s = await station();
      const lotId = await sampleLot(s, 'bench once', 2);
      const empty = unwrap(await s.handlers.station.start({ lotId, probeIds: ['sim-bench'] }, technician));
      expect((await s.finished(empty.runId)).error?.code).toBe('STATION_NO_BOARD');
      unwrap(await s.handlers.station.placeBoard({ probeId: 'sim-bench' }, technician));
      const once = unwrap(await s.handlers.station.start({ lotId, probeIds: ['sim-bench'] }, technician));
      expect(await s.finished(once.runId)).toMatchObject({ complete: false, passed: 1, failed: 0 });
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'stops waiting when the hands-free run is cancelled, leaving nothing in progress',
    async () => {
      const s = await station();
      const lotId = await sampleLot(s, 'hands-free cancel', 3);
      const run = unwrap(await s.handlers.station.start({ lotId, probeIds: ['sim-bench'], handsFree: true }, technician));
      await s.waitFor((e) => e.channel === 'station.waiting' && e.payload.runId === run.runId);
      unwrap(await s.handlers.station.cancel({ runId: run.runId }, technician));
      expect(await s.finished(run.runId)).toMatchObject({ complete: false, passed: 0, failed: 0, error: null });
      expect(s.db.connection.prepare("SELECT count(*) FROM device_attempts WHERE result = 'in_progress'").pluck().get()).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});
