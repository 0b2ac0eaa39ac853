// Runs the real `matterline` command (bin/matterline.js → out/main/cli.js) as a user would.
// `npm test` builds before running these.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'matterline.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-cli-'));
const packageVersion = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

function matterline(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, MATTERLINE_USER_DATA: path.join(work, 'user-data') },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('matterline command line', () => {
  it('prints its version', () => {
    expect(matterline('--version')).toMatchObject({ code: 0, stdout: `${packageVersion}\n` });
    expect(JSON.parse(matterline('--version', '--json').stdout)).toEqual({ name: 'matterline', version: packageVersion });
  });

  it('doctor --json prints every check with name, ok, message and fix', () => {
    const db = path.join(work, 'doctor.sqlite');
    const run = matterline('doctor', '--json', '--db', db);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: Array<Record<string, unknown>> };
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.name)).toEqual(['database', 'jlink-library', 'udev-rules', 'serial-ports', 'versions']);
    for (const check of report.checks) {
      expect(check).toEqual(expect.objectContaining({ name: expect.any(String), ok: expect.any(Boolean), message: expect.any(String) }));
      expect('fix' in check).toBe(true);
      if (!check.ok) expect(check.fix).toEqual(expect.any(String));
    }
    expect(fs.existsSync(db)).toBe(true);
  });

  it('doctor fails with exit code 1 and a clear message when the database is not writable', () => {
    const blocker = path.join(work, 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const run = matterline('doctor', '--json', '--db', path.join(blocker, 'station.sqlite'));
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: Array<{ name: string; ok: boolean; message: string; fix: string | null }> };
    expect(report.ok).toBe(false);
    const database = report.checks.find((check) => check.name === 'database');
    expect(database).toMatchObject({ ok: false });
    expect(database?.message).toMatch(/database/i);
    expect(database?.fix).toMatch(/--db/);

    const human = matterline('doctor', '--db', path.join(blocker, 'station.sqlite'));
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/FAIL {2}Database writable/);
  });

  it('refuses bad input with exit code 2 and a catalogue error', () => {
    const unknownOption = matterline('doctor', '--json', '--frobnicate');
    expect(unknownOption.code).toBe(2);
    expect(JSON.parse(unknownOption.stdout)).toMatchObject({ ok: false, error: { code: 'CLI_BAD_ARGUMENT' } });
    const unknownCommand = matterline('frobnicate');
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/CLI_BAD_ARGUMENT/);
    expect(matterline('web', '--port', 'seventy').code).toBe(2);
  });

  it('uses the user-data folder for the database when --db is not given', () => {
    const run = matterline('doctor', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(fs.existsSync(path.join(work, 'user-data', 'matterline.sqlite'))).toBe(true);
  });
});
