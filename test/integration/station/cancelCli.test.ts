// Ctrl+C during `matterline lot run` (SIGINT to the whole process group, as a terminal sends it):
// the devices in progress end cancelled with their state recorded, nothing is left in progress, the
// lot goes back to open, and the next run finishes it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDemoConfiguration } from '../../../main/services/demoConfiguration';

const root = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(root, 'bin', 'matterline.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-cancel-'));
const db = path.join(work, 'station.db');
const PROBES = ['--probe', 'sim:EFR32MG24B210F1536IM48', '--probe', 'sim:EFR32MG24B210F1536IM48'];

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('Ctrl+C during a lot run', () => {
  it('cancels the devices in progress cleanly and the lot can be finished later', async () => {
    const demo = await ensureDemoConfiguration(work);
    if (!demo.ok) throw new Error(demo.error.message);
    const created = spawnSync(process.execPath, [bin, 'lot', 'create', '--config', demo.value.configFile, '--name', 'cancel-lot', '--quantity', '60', '--db', db, '--user-data-dir', work], { encoding: 'utf8' });
    expect(created.status).toBe(0);

    const child = spawn(process.execPath, [bin, 'lot', 'run', 'cancel-lot', ...PROBES, '--db', db, '--user-data-dir', work, '--json'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Wait until devices are passing, then press Ctrl+C: the signal goes to the group (station and workers).
    const started = Date.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (fs.existsSync(db)) {
        const station = new Database(db, { readonly: true, fileMustExist: true });
        const passed = (station.prepare("SELECT count(*) AS n FROM devices WHERE status = 'passed'").get() as { n: number }).n;
        station.close();
        if (passed >= 3) break;
      }
      if (Date.now() - started > 60_000) throw new Error('no device passed within a minute');
    }
    process.kill(-child.pid!, 'SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(stderr).toMatch(/cancelling/);
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as { lot: { status: string }; probes: { error: unknown }[] };
    expect(out.lot.status).toBe('open');
    expect(out.probes.map((probe) => probe.error)).toEqual([null, null]);

    const station = new Database(db, { readonly: true });
    const rows = station.prepare('SELECT result, count(*) AS n FROM device_attempts GROUP BY result').all() as { result: string; n: number }[];
    expect(rows.find((row) => row.result === 'in_progress')).toBeUndefined();
    expect(rows.find((row) => row.result === 'fail')).toBeUndefined();
    expect(station.prepare("SELECT count(*) AS n FROM attempt_steps WHERE result = 'running'").get()).toEqual({ n: 0 });
    station.close();

    const finish = spawnSync(process.execPath, [bin, 'lot', 'run', 'cancel-lot', ...PROBES, '--db', db, '--user-data-dir', work, '--json'], { encoding: 'utf8', timeout: 240_000 });
    expect(finish.status).toBe(0);
    expect((JSON.parse(finish.stdout) as { lot: { status: string } }).lot.status).toBe('awaiting_qa');
  }, 300_000);
});
