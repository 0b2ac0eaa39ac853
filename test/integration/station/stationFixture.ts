/**
 * A station for integration tests: a fresh database in a temporary folder, the demo product
 * configuration saved in it (optionally with a debug lock), and a lot made from it. `cleanup()`
 * closes the database and removes the folder; call it from afterEach.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoConfiguration } from '../../../main/services/demoConfiguration';
import { saveConfigurationFile } from '../../../main/station/productConfigs';
import { openStationDatabase, type StationDatabase } from '../../../main/store/database';

export const MG24 = 'EFR32MG24B210F1536IM48';

export interface StationFixture {
  readonly dir: string;
  readonly db: StationDatabase;
  readonly lotId: number;
  cleanup(): void;
}

export interface DemoLotOptions {
  readonly quantity: number;
  readonly name?: string;
  /** The demo configuration applies no lock; a lock exercises the lock step. */
  readonly debugLock?: 'none' | 'standard';
}

export async function demoLot(options: DemoLotOptions): Promise<StationFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lot-'));
  const opened = openStationDatabase(path.join(dir, 'station.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const cleanup = (): void => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const demo = await ensureDemoConfiguration(dir);
    if (!demo.ok) throw new Error(JSON.stringify(demo.error));
    let configFile = demo.value.configFile;
    if ((options.debugLock ?? 'none') !== 'none') {
      // Next to the demo file, so its relative file references still resolve.
      const content = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { name: string; security: { debugLock: string } };
      content.name = `${content.name} (locked)`;
      content.security.debugLock = options.debugLock!;
      configFile = path.join(path.dirname(configFile), 'demo-product-locked.json');
      fs.writeFileSync(configFile, JSON.stringify(content, null, 2));
    }
    const saved = await saveConfigurationFile(db, configFile, { now: new Date() });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const lot = db.lots.create({ name: options.name ?? 'sample-1', kind: 'sample', configId: saved.value.record.id, quantity: options.quantity, stationId: db.station.stationId() });
    if (!lot.ok) throw new Error(JSON.stringify(lot.error));
    return { dir, db, lotId: lot.value.id, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
