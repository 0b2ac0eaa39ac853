// `--pin -` takes the PIN from standard input, so it never appears in the process list or shell history.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'matterline.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-pin-'));
const db = path.join(work, 'station.db');

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function matterline(input: string, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args, '--db', db, '--user-data-dir', work], { encoding: 'utf8', input, timeout: 30_000 });
}

describe('--pin -', () => {
  it('reads the PIN from standard input', () => {
    expect(matterline('583920\n', 'operator', 'add', 'Quinn', '--role', 'qa', '--pin', '-').status).toBe(0);
    // The hash of what came from stdin is the one stored: a PIN of the wrong format would have been refused.
    expect(matterline('12\n', 'operator', 'add', 'Rae', '--role', 'qa', '--pin', '-').status).toBe(2);
    const listed = JSON.parse(matterline('', 'operator', 'list', '--json').stdout) as { operators: { name: string }[] };
    expect(listed.operators.map((operator) => operator.name)).toEqual(['Quinn']);
  });
});
