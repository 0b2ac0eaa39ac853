import { afterEach, describe, expect, it } from 'vitest';
import { runLot } from '../../../main/station/runLot';
import type { StationDatabase } from '../../../main/store/database';
import { demoLot as makeDemoLot, MG24, type StationFixture } from './stationFixture';

let fixture: StationFixture | null = null;

afterEach(() => {
  fixture?.cleanup();
  fixture = null;
});

async function demoLot(quantity: number): Promise<{ db: StationDatabase; lotId: number }> {
  fixture = await makeDemoLot({ quantity });
  return fixture;
}

describe('a lot on simulated probes', () => {
  it('provisions every device in process', async () => {
    const { db, lotId } = await demoLot(3);
    const events: string[] = [];
    const run = await runLot({ db, lotId, probes: [`sim:${MG24}`], mode: 'in-process', onEvent: (e) => { if (e.type === 'step' && e.state === 'fail') events.push(`${e.step}: ${e.detail}`); } });
    expect(events).toEqual([]);
    expect(run.ok && run.value.counts).toMatchObject({ passed: 3, failed: 0 });
    expect(run.ok && run.value.lot.status).toBe('awaiting_qa');
  });

  it('provisions on two probes, each in its own worker process', async () => {
    const { db, lotId } = await demoLot(4);
    const pids = new Set<string>();
    const run = await runLot({ db, lotId, probes: [`sim:${MG24}`, `sim:${MG24}`], onEvent: (e) => { if (e.type === 'device-finished') pids.add(e.probe); } });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    expect(run.value.probes.map((p) => JSON.stringify(p.error))).toEqual(["null", "null"]);
    expect(run.value.counts).toMatchObject({ passed: 4, failed: 0 });
  }, 60_000);
});
