import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDemoConfiguration } from '../../../main/services/demoConfiguration';
import { saveConfigurationFile } from '../../../main/station/productConfigs';
import { runLot } from '../../../main/station/runLot';
import { openStationDatabase, type StationDatabase } from '../../../main/store/database';

const MG24 = 'EFR32MG24B210F1536IM48';
let dir = '';
let db: StationDatabase | null = null;

afterEach(() => {
  db?.close();
  db = null;
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

async function demoLot(quantity: number): Promise<{ db: StationDatabase; lotId: number }> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lot-'));
  const opened = openStationDatabase(path.join(dir, 'station.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  const demo = await ensureDemoConfiguration(dir);
  if (!demo.ok) throw new Error(JSON.stringify(demo.error));
  const saved = await saveConfigurationFile(db, demo.value.configFile, { now: new Date() });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  const lot = db.lots.create({ name: 'sample-1', kind: 'sample', configId: saved.value.record.id, quantity, stationId: db.station.stationId() });
  if (!lot.ok) throw new Error(JSON.stringify(lot.error));
  return { db, lotId: lot.value.id };
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
