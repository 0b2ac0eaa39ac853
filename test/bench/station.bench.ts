// npm run bench: the station end to end on simulated probes (issue 6).
//
// 1. Devices per second on the zero-latency simulator with 1 and 4 probes, each probe a real worker
//    process (runLot's default mode). Workers are forked and load the TypeScript sources through jiti
//    for every run (seconds each), so vitest's time per iteration includes that; the devices-per-second
//    table printed at the end is computed from the pipeline's events instead: devices finished between
//    the first 'device-started' and the last 'device-finished'.
// 2. Host overhead with the timing model on (`?timing=1`): the simulator charges modelled time for
//    every probe call (SWD transfers, page erases, word programs) and adds it up per board
//    (SimulatedDebugPort.modelledTimeMs), which is "probe time". Host overhead is everything else the
//    run took (wall − probe time: crypto, database, the pipeline, timer slack), as a percentage of probe
//    time. That case runs the probe job in process, because the boards' counters must be readable here.
//
// Nothing is asserted, but a run whose devices do not all pass throws, so a broken station cannot
// produce a number.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { DEMO_PART, ensureDemoConfiguration } from '../../main/services/demoConfiguration';
import { boardSourceFor, type BoardSource } from '../../main/station/boards';
import { StationLedger } from '../../main/station/ledger/stationLedger';
import { runProbeJob } from '../../main/station/pipeline/probeJob';
import { jobSpecFor, loadSavedConfiguration, saveConfigurationFile } from '../../main/station/productConfigs';
import { runLot } from '../../main/station/runLot';
import { SimulatedDebugPort } from '../../main/sim';
import { openStationDatabase, type StationDatabase } from '../../main/store/database';
import { EventClock, fixed, median, type RunWindow } from './stationThroughput';

const ZERO_LATENCY = `sim:${DEMO_PART}`;
const TIMED = `sim:${DEMO_PART}?timing=1`;
const LOT_SIZE = 40;
const TIMED_LOT_SIZE = 8;

interface Station {
  readonly dir: string;
  readonly db: StationDatabase;
  readonly configId: number;
  lots: number;
}

let station: Station | null = null;

async function openStation(): Promise<Station> {
  if (station !== null) return station;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-bench-station-'));
  const opened = openStationDatabase(path.join(dir, 'station.db'));
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  const demo = await ensureDemoConfiguration(dir);
  if (!demo.ok) throw new Error(JSON.stringify(demo.error));
  const saved = await saveConfigurationFile(opened.value, demo.value.configFile, { now: new Date() });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  station = { dir, db: opened.value, configId: saved.value.record.id, lots: 0 };
  return station;
}

async function newLot(quantity: number): Promise<{ db: StationDatabase; lotId: number }> {
  const s = await openStation();
  s.lots += 1;
  const lot = s.db.lots.create({ name: `bench-${s.lots}`, kind: 'sample', configId: s.configId, quantity, stationId: s.db.station.stationId() });
  if (!lot.ok) throw new Error(JSON.stringify(lot.error));
  return { db: s.db, lotId: lot.value.id };
}

function checkAllPassed(window: RunWindow, quantity: number, what: string): void {
  if (window.devices !== quantity || window.failed !== 0) throw new Error(`${what}: ${window.devices} devices finished, ${window.failed} failed, of ${quantity}`);
}

// ---- 1. devices per second, worker processes, zero-latency simulator ----

const throughput = new Map<number, RunWindow[]>();

async function runOnWorkers(probeCount: number): Promise<void> {
  const { db, lotId } = await newLot(LOT_SIZE);
  const clock = new EventClock();
  const run = await runLot({ db, lotId, probes: Array.from({ length: probeCount }, () => ZERO_LATENCY), onEvent: clock.onEvent });
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  const window = clock.window();
  checkAllPassed(window, LOT_SIZE, `${probeCount} probe(s)`);
  throughput.set(probeCount, [...(throughput.get(probeCount) ?? []), window]);
}

// ---- 2. host overhead, timing model on, in process ----

interface TimedRun {
  readonly wallMs: number;
  readonly probeMs: number;
  readonly devices: number;
}
const timedRuns: TimedRun[] = [];

/** The probe's boards, each one remembered so its modelled time can be read after the run. */
function countingBoards(inner: BoardSource, ports: SimulatedDebugPort[]): BoardSource {
  return {
    probe: inner.probe,
    hasMore: () => inner.hasMore(),
    async connect(signal, timeoutMs) {
      const opened = await inner.connect(signal, timeoutMs);
      if (opened.ok && opened.value.port instanceof SimulatedDebugPort) ports.push(opened.value.port);
      return opened;
    },
  };
}

async function runTimedInProcess(): Promise<void> {
  const { db, lotId } = await newLot(TIMED_LOT_SIZE);
  const lot = db.lots.get(lotId);
  if (!lot.ok) throw new Error(JSON.stringify(lot.error));
  const record = db.configs.get(lot.value.configId);
  if (!record.ok) throw new Error(JSON.stringify(record.error));
  const runnable = await loadSavedConfiguration(record.value, new Date());
  if (!runnable.ok) throw new Error(JSON.stringify(runnable.error));
  const spec = jobSpecFor(lotId, lot.value.stationId, runnable.value);
  if (!spec.ok) throw new Error(JSON.stringify(spec.error));
  const running = db.lots.setStatus(lotId, 'running', 'bench');
  if (!running.ok) throw new Error(JSON.stringify(running.error));
  const ledger = new StationLedger({ db, lotId, config: runnable.value.config, operatorId: null, actor: 'bench' });
  const boards = boardSourceFor(TIMED);
  if (!boards.ok) throw new Error(JSON.stringify(boards.error));
  const ports: SimulatedDebugPort[] = [];
  const clock = new EventClock();
  const started = performance.now();
  const ran = await runProbeJob({ spec: spec.value, boards: countingBoards(boards.value, ports), ledger, emit: clock.onEvent, signal: new AbortController().signal });
  const wallMs = performance.now() - started;
  if (!ran.ok) throw new Error(JSON.stringify(ran.error));
  checkAllPassed(clock.window(), TIMED_LOT_SIZE, 'timing model on');
  const probeMs = ports.reduce((sum, port) => sum + port.modelledTimeMs, 0);
  if (probeMs <= 0) throw new Error('timing model on, yet the boards charged no modelled time');
  timedRuns.push({ wallMs, probeMs, devices: ran.value.length });
}

// ---- the benchmarks and the printed report ----

describe(`station, zero-latency simulator, ${LOT_SIZE}-device lot, one worker process per probe`, () => {
  bench('1 probe', async () => { await runOnWorkers(1); }, { iterations: 2, time: 0, warmupIterations: 0, warmupTime: 0 });
  bench('4 probes', async () => { await runOnWorkers(4); }, { iterations: 2, time: 0, warmupIterations: 0, warmupTime: 0 });
});

describe(`station, timing model on (${TIMED}), ${TIMED_LOT_SIZE}-device lot, in process`, () => {
  bench('1 probe', async () => { await runTimedInProcess(); }, { iterations: 2, time: 0, warmupIterations: 0, warmupTime: 0 });
});

afterAll(() => {
  const lines: string[] = ['', 'Station throughput, zero-latency simulator (worker start-up excluded: devices finished ÷ time from the first device-started to the last device-finished event)'];
  lines.push('| probes | runs | devices | span s | devices/s | devices/s, all probes busy | median ms/device | devices per probe |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const [probes, windows] of [...throughput.entries()].sort(([a], [b]) => a - b)) {
    const devices = windows.reduce((sum, w) => sum + w.devices, 0);
    const spanMs = windows.reduce((sum, w) => sum + w.spanMs, 0);
    const busyDevices = windows.reduce((sum, w) => sum + w.allBusyDevices, 0);
    const busyMs = windows.reduce((sum, w) => sum + w.allBusyMs, 0);
    const share = windows.map((w) => [...w.perProbe.values()].join('/')).join(', ');
    lines.push(`| ${probes} | ${windows.length} | ${devices} | ${fixed(spanMs / 1000, 2)} | ${fixed(devices / (spanMs / 1000), 2)} | ${fixed(busyDevices / (busyMs / 1000), 2)} | ${fixed(median(windows.flatMap((w) => w.deviceMs)), 0)} | ${share} |`);
  }
  const steps = [...new Set([...throughput.values()].flatMap((windows) => windows.flatMap((w) => [...w.stepMs.keys()])))];
  if (steps.length > 0) {
    const cases = [...throughput.keys()].sort((a, b) => a - b);
    lines.push('', 'Median ms per pipeline step (zero-latency simulator)');
    lines.push(`| step | ${cases.map((c) => `${c} probe${c === 1 ? '' : 's'}`).join(' | ')} |`);
    lines.push(`|---|${cases.map(() => '---|').join('')}`);
    for (const step of steps) lines.push(`| ${step} | ${cases.map((c) => fixed(median(throughput.get(c)!.flatMap((w) => w.stepMs.get(step) ?? [])), 0)).join(' | ')} |`);
  }
  if (timedRuns.length > 0) {
    const devices = timedRuns.reduce((sum, r) => sum + r.devices, 0);
    const wallMs = timedRuns.reduce((sum, r) => sum + r.wallMs, 0);
    const probeMs = timedRuns.reduce((sum, r) => sum + r.probeMs, 0);
    const hostMs = wallMs - probeMs;
    lines.push('', `Host overhead, timing model on (${TIMED}, in process; probe time = the simulator's modelled time, host = wall − probe time)`);
    lines.push('| devices | wall ms/device | probe ms/device | host ms/device | host overhead, % of probe time | host, % of wall |');
    lines.push('|---|---|---|---|---|---|');
    lines.push(`| ${devices} | ${fixed(wallMs / devices)} | ${fixed(probeMs / devices)} | ${fixed(hostMs / devices)} | ${fixed((hostMs / probeMs) * 100)} % | ${fixed((hostMs / wallMs) * 100)} % |`);
  }
  console.log(lines.join('\n'));
  if (station !== null) {
    station.db.close();
    fs.rmSync(station.dir, { recursive: true, force: true });
    station = null;
  }
});
