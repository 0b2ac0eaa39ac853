// `matterline demo` as a user runs it on a fresh machine: the real binary (bin/matterline.js →
// out/main/cli.js, built by `npm test` first), real probe worker processes, simulated boards.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(root, 'bin', 'matterline.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-demo-'));
const db = path.join(work, 'station.db');

function matterline(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args, '--db', db, '--user-data-dir', work], { encoding: 'utf8', timeout: 240_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface DemoDevice {
  serialNumber: string;
  eui64: string;
  dacSerial: string;
  probe: string;
  result: string;
  reason: string | null;
  ms: number;
  board: string;
}

describe('matterline demo', () => {
  let devices: DemoDevice[] = [];

  it('provisions 20 devices on 4 simulated probes, every one verified, and writes the report', () => {
    const run = matterline('demo', '--devices', '20', '--probes', '4', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { lot: { name: string; status: string }; devices: DemoDevice[]; summary: { passed: number; failed: number }; report: string };
    devices = out.devices;
    expect(out.summary).toMatchObject({ passed: 20, failed: 0 });
    expect(out.lot.status).toBe('awaiting_qa');
    expect(devices).toHaveLength(20);
    expect(devices.every((d) => d.result === 'passed' && d.reason === null)).toBe(true);
    for (const key of ['serialNumber', 'eui64', 'dacSerial'] as const) expect(new Set(devices.map((d) => d[key])).size).toBe(20);
    expect(new Set(devices.map((d) => d.probe)).size).toBe(4);

    const station = new Database(db, { readonly: true });
    const distinct = station.prepare('SELECT count(DISTINCT passcode) AS passcodes, count(DISTINCT unique_id_sha256) AS uniqueIds, count(DISTINCT salt) AS salts, count(*) AS total FROM devices').get();
    expect(distinct).toEqual({ passcodes: 20, uniqueIds: 20, salts: 20, total: 20 });
    // Every device went through the verify step, and it passed.
    expect(station.prepare("SELECT count(*) AS n FROM attempt_steps WHERE name = 'verify' AND result = 'pass'").get()).toEqual({ n: 20 });
    station.close();

    const report = fs.readFileSync(out.report, 'utf8').trim().split('\n');
    expect(report).toHaveLength(21);
    expect(report.slice(1).every((line) => line.includes(',passed,'))).toBe(true);
  });

  it('reads one of them back: every check passes and the record matches', () => {
    const board = devices[7]!;
    const run = matterline('readback', '--probe', board.board, '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { passed: boolean; checks: { name: string; status: string }[]; record: { serialNumber: string; matches: boolean }; dacSerial: string };
    expect(out.passed).toBe(true);
    expect(out.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(out.record).toMatchObject({ serialNumber: board.serialNumber, matches: true });
    expect(out.dacSerial).toBe(board.dacSerial);
  });

  it('keeps an intact audit trail', () => {
    expect(matterline('audit', 'verify').code).toBe(0);
  });
});
