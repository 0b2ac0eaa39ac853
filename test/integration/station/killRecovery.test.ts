// The kill test (issue 6): the real CLI runs a 200-device lot on two probes (each a worker process)
// and is killed with SIGKILL at random moments, 24 times, then restarted; a last run finishes the lot.
// Afterwards no serial number, DAC serial, passcode or unique id was handed out twice, every
// interrupted attempt was resolved (none left in progress), and the audit chain verifies.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDemoConfiguration } from '../../../main/services/demoConfiguration';
import { seededRandom } from '../../support/seededRandom';

const root = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(root, 'bin', 'matterline.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-kill-'));
const db = path.join(work, 'station.db');
const PROBES = ['--probe', 'sim:EFR32MG24B210F1536IM48', '--probe', 'sim:EFR32MG24B210F1536IM48'];
const KILLS = 24;
const QUANTITY = 200;

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function matterline(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args, '--db', db, '--user-data-dir', work], { encoding: 'utf8', timeout: 300_000 });
}

/** Starts `lot run`, kills it with SIGKILL after `ms`, and resolves when it is gone. */
function runAndKill(lot: string, ms: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'lot', 'run', lot, ...PROBES, '--db', db, '--user-data-dir', work], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

/** Orphaned workers (parent gone, adopted by PID 1): other test files run workers of live stations meanwhile. */
function workersAlive(): number {
  const ps = spawnSync('ps', ['-eo', 'ppid=,args='], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => /^\s*1\s/.test(line) && line.includes('probeWorker.js') && line.includes(root)).length;
}

describe('killing the station mid-lot', () => {
  it('never hands out a value twice, resolves every interrupted attempt and keeps the audit chain', async () => {
    const demo = await ensureDemoConfiguration(work);
    if (!demo.ok) throw new Error(demo.error.message);
    const created = matterline('lot', 'create', '--config', demo.value.configFile, '--name', 'kill-lot', '--kind', 'sample', '--quantity', String(QUANTITY), '--json');
    expect(created.status).toBe(0);

    const random = seededRandom(0x6b696c6c);
    let kills = 0;
    for (let round = 0; round < KILLS; round += 1) {
      // From "still starting up" to "several devices in", across every step of the pipeline.
      const outcome = await runAndKill('kill-lot', 300 + random.int(3500));
      if (outcome.killed) kills += 1;
      else expect(outcome.code).toBe(0); // it can only finish early by completing the lot
    }
    expect(kills).toBeGreaterThanOrEqual(20);

    // Workers notice their station is gone and exit on their own.
    for (let wait = 0; wait < 50 && workersAlive() > 0; wait += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(workersAlive()).toBe(0);

    const station = new Database(db, { readonly: true });
    const interruptedBefore = (station.prepare("SELECT count(*) AS n FROM device_attempts WHERE result = 'in_progress'").get() as { n: number }).n;
    station.close();

    let final = matterline('lot', 'run', 'kill-lot', ...PROBES, '--json');
    for (let retry = 0; retry < 3 && final.status !== 0; retry += 1) final = matterline('lot', 'run', 'kill-lot', ...PROBES, '--json');
    expect(final.stderr).toBe('');
    expect(final.status).toBe(0);

    const after = new Database(db, { readonly: true });
    const one = <T>(sql: string): T => after.prepare(sql).get() as T;
    const devices = one<{ total: number; serials: number; dacSerials: number; dacs: number; passcodes: number; withPasscode: number; uniqueIds: number; withUniqueId: number }>(`
      SELECT count(*) AS total, count(DISTINCT serial_number) AS serials,
             count(DISTINCT dac_serial) AS dacSerials, count(dac_serial) AS dacs,
             count(DISTINCT passcode) AS passcodes, count(passcode) AS withPasscode,
             count(DISTINCT unique_id_sha256) AS uniqueIds, count(unique_id_sha256) AS withUniqueId
      FROM devices`);
    expect(devices.serials).toBe(devices.total);
    expect(devices.dacSerials).toBe(devices.dacs);
    expect(devices.passcodes).toBe(devices.withPasscode);
    expect(devices.uniqueIds).toBe(devices.withUniqueId);
    expect(devices.withPasscode).toBe(devices.total);
    // Kills left attempts behind, and each was resolved by the next start, none still in progress.
    expect(interruptedBefore + one<{ n: number }>("SELECT count(*) AS n FROM device_attempts WHERE error_code = 'STATION_INTERRUPTED'").n).toBeGreaterThan(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM device_attempts WHERE result = 'in_progress'").n).toBe(0);
    expect(after.prepare("SELECT s.attempt_id, s.seq, s.name, a.result, a.error_code, a.error_detail FROM attempt_steps s JOIN device_attempts a ON a.id = s.attempt_id WHERE s.result = 'running'").all()).toEqual([]);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM devices WHERE status = 'passed'").n).toBe(QUANTITY);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM devices WHERE status IN ('in_progress', 'allocated')").n).toBe(0);
    // A killed device is never a passed one: a pass always has its DAC and label on record.
    expect(one<{ n: number }>("SELECT count(*) AS n FROM devices WHERE status = 'passed' AND (dac_der IS NULL OR qr_payload IS NULL)").n).toBe(0);
    expect(one<{ status: string }>("SELECT status FROM lots WHERE name = 'kill-lot'").status).toBe('awaiting_qa');
    after.close();

    expect(matterline('audit', 'verify').status).toBe(0);
  }, 600_000);
});
