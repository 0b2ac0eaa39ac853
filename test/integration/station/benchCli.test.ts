// A simulated bench from the command line: place a board, run the lot on the board on the bench
// (`bench=once`), take it off to a shelf, and read it back from there; an empty bench is refused.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDemoConfiguration } from '../../../main/services/demoConfiguration';

const root = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(root, 'bin', 'matterline.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-bench-'));
const db = path.join(work, 'station.db');
const bench = path.join(work, 'bench');
const shelf = path.join(work, 'shelf');
const PART = 'EFR32MG24B210F1536IM48';

const matterline = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--db', db, '--user-data-dir', work], { encoding: 'utf8', timeout: 120_000 });

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('sim bench', () => {
  it('places a board, runs the lot on it, keeps it on a shelf for read-back, and refuses an empty bench', async () => {
    const demo = await ensureDemoConfiguration(work);
    if (!demo.ok) throw new Error(demo.error.message);
    expect(matterline('lot', 'create', '--config', demo.value.configFile, '--name', 'bench-lot', '--quantity', '2').status).toBe(0);
    const probe = `sim:${PART}@${bench}?bench=once`;

    const empty = matterline('lot', 'run', 'bench-lot', '--probe', probe, '--json');
    expect(empty.status).not.toBe(0);
    expect(empty.stdout + empty.stderr).toContain('STATION_NO_BOARD');

    const placed = matterline('sim', 'bench', 'place', '--bench', bench, '--json');
    expect(placed.status).toBe(0);
    const eui = (JSON.parse(placed.stdout) as { placed: string }).placed;
    expect(matterline('sim', 'bench', 'place', '--bench', bench).status).toBe(1);

    const run = matterline('lot', 'run', 'bench-lot', '--probe', probe, '--json');
    const ran = JSON.parse(run.stdout) as { devices: { result: string; eui64: string }[] };
    expect(ran.devices.map((device) => [device.result, device.eui64.toUpperCase()])).toEqual([['passed', eui]]);

    const removed = matterline('sim', 'bench', 'remove', '--bench', bench, '--shelf', shelf, '--json');
    expect(JSON.parse(removed.stdout)).toEqual({ ok: true, removed: eui, worked: true });
    expect(matterline('sim', 'bench', 'remove', '--bench', bench).status).toBe(1);
    const readback = matterline('readback', '--probe', `sim:${PART}@${path.join(shelf, `${eui.toLowerCase()}.sim`)}`, '--json');
    expect(readback.status).toBe(0);
  }, 240_000);
});
