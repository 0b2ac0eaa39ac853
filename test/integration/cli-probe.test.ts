// `matterline probe …` in process (the binary's own code path) against simulated boards; a state file
// in a temp dir makes lock → lock-status → erase → lock-status act on the same board.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMatterline } from '../support/cliHarness';

const MG24 = 'EFR32MG24B210F1536IM48';
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-cli-probe-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('matterline probe', () => {
  it('identify --json gives the part number, series, EUI-64, flash and page size', async () => {
    const run = await runMatterline('probe', 'identify', '--probe', `sim:${MG24}?eui=14b457fffe045a8e`, '--json');
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ partNumber: MG24, series: 2, eui64: '14b457fffe045a8e', flashSize: 1536 * 1024, pageSize: 8192 });
  });

  it('identify in text names the part', async () => {
    const run = await runMatterline('probe', 'identify', '--probe', 'sim:EFR32MG12P332F1024GL125');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/part number: EFR32MG12P332F1024GL125/);
  });

  it('lock → lock-status → erase → lock-status on one board through its state file', async () => {
    const probe = `sim:${MG24}@${path.join(dir, 'board.sim')}`;
    const creds = '0x0817E000';

    const before = await runMatterline('probe', 'read', '--probe', probe, '--address', creds, '--length', '16', '--out', path.join(dir, 'before.bin'), '--json');
    expect(before.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'before.bin'))).toEqual(Buffer.alloc(16, 0xff));

    const lock = await runMatterline('probe', 'lock', '--mode', 'standard', '--probe', probe, '--json');
    expect(lock.code).toBe(0);
    expect(lock.json()).toMatchObject({ mode: 'standard', locked: true });

    const status = await runMatterline('probe', 'lock-status', '--probe', probe, '--json');
    expect(status.code).toBe(0);
    expect(status.json()).toEqual({ locked: true, debugLockConfigured: true, deviceEraseEnabled: true, secureDebugEnabled: false });

    const refused = await runMatterline('probe', 'read', '--probe', probe, '--address', creds, '--length', '16', '--out', path.join(dir, 'locked.bin'), '--json');
    expect(refused.code).toBe(1);
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'TARGET_LOCKED' } });
    expect(fs.existsSync(path.join(dir, 'locked.bin'))).toBe(false);

    const unconfirmed = await runMatterline('probe', 'erase', '--probe', probe);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/TARGET_ERASE_NOT_CONFIRMED/);
    expect(unconfirmed.stderr).toMatch(/attestation/);

    const erase = await runMatterline('probe', 'erase', '--confirm', '--probe', probe, '--json');
    expect(erase.code).toBe(0);
    expect(erase.json()).toMatchObject({ erased: true, locked: false });

    const after = await runMatterline('probe', 'lock-status', '--probe', probe, '--json');
    expect(after.json()).toEqual({ locked: false, debugLockConfigured: false, deviceEraseEnabled: true, secureDebugEnabled: false });
    const read = await runMatterline('probe', 'read', '--probe', probe, '--address', creds, '--length', '8192', '--out', path.join(dir, 'after.bin'));
    expect(read.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'after.bin'))).toEqual(Buffer.alloc(8192, 0xff));
  });

  it('permanent lock needs --confirm; then erase is refused by the SE with exit 1', async () => {
    const probe = `sim:${MG24}@${path.join(dir, 'board.sim')}`;
    const unconfirmed = await runMatterline('probe', 'lock', '--mode', 'permanent', '--probe', probe, '--json');
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.json()).toMatchObject({ ok: false, error: { code: 'CLI_BAD_ARGUMENT' } });
    expect(fs.existsSync(path.join(dir, 'board.sim'))).toBe(false);

    const lock = await runMatterline('probe', 'lock', '--mode', 'permanent', '--confirm', '--probe', probe, '--json');
    expect(lock.code).toBe(0);
    expect(lock.json()).toMatchObject({ locked: true, deviceEraseEnabled: false });
    const erase = await runMatterline('probe', 'erase', '--confirm', '--probe', probe, '--json');
    expect(erase.code).toBe(1);
    const error = (erase.json() as { error: { code: string; detail: string } }).error;
    expect(error.code).toBe('TARGET_SE_ERROR');
    expect(error.detail).toMatch(/DEVICE_ERASE: SE response 0x0002 \(authorization error\)/);
  });

  it('secure lock without a command key fails with exit 1 and leaves the board unlocked', async () => {
    const probe = `sim:${MG24}@${path.join(dir, 'board.sim')}`;
    const lock = await runMatterline('probe', 'lock', '--mode', 'secure', '--confirm', '--probe', probe, '--json');
    expect(lock.code).toBe(1);
    expect(lock.json()).toMatchObject({ ok: false, error: { code: 'TARGET_SECURE_LOCK_UNAVAILABLE' } });
    const status = await runMatterline('probe', 'lock-status', '--probe', probe, '--json');
    expect(status.json()).toMatchObject({ locked: false, debugLockConfigured: false });
  });

  it('secure lock with a command key installed (key=installed) locks with secure debug on', async () => {
    const probe = `sim:${MG24}@${path.join(dir, 'board.sim')}?key=installed`;
    const lock = await runMatterline('probe', 'lock', '--mode', 'secure', '--confirm', '--probe', probe, '--json');
    expect(lock.code).toBe(0);
    expect(lock.json()).toEqual({ mode: 'secure', locked: true, debugLockConfigured: true, deviceEraseEnabled: false, secureDebugEnabled: true });
  });

  it('a Series 1 board delivered locked reads locked through the AAP and erases back open', async () => {
    const probe = `sim:EFR32MG12P332F1024GL125@${path.join(dir, 'mg12.sim')}?locked=standard`;
    expect((await runMatterline('probe', 'lock-status', '--probe', probe, '--json')).json()).toMatchObject({ locked: true });
    expect((await runMatterline('probe', 'erase', '--confirm', '--probe', probe, '--json')).code).toBe(0);
    const identity = await runMatterline('probe', 'identify', '--probe', probe, '--json');
    expect(identity.json()).toMatchObject({ partNumber: 'EFR32MG12P332F1024GL125', series: 1, pageSize: 2048 });
  });

  it.each([
    [['probe', 'identify', '--probe', 'sim:NOPE'], 'PROBE_ADDRESS_INVALID'],
    [['probe', 'identify', '--probe', 'serial:/dev/ttyACM0'], 'PROBE_ADDRESS_UNAVAILABLE'],
    [['probe', 'identify'], 'CLI_BAD_ARGUMENT'],
    [['probe', 'lock', '--mode', 'sometimes', '--probe', `sim:${MG24}`], 'CLI_BAD_ARGUMENT'],
    [['probe', 'read', '--probe', `sim:${MG24}`, '--address', 'x', '--length', '4', '--out', '/dev/null'], 'CLI_BAD_ARGUMENT'],
  ])('%j is bad input (exit 2, %s)', async (argv, code) => {
    const run = await runMatterline(...argv, '--json');
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({ ok: false, error: { code } });
  });

  it('a state file that cannot be written is reported once, naming the file (exit 2)', async () => {
    const file = path.join(dir, 'missing-folder', 'board.sim');
    const run = await runMatterline('probe', 'lock-status', '--probe', `sim:${MG24}@${file}`, '--json');
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'FILE_NOT_WRITABLE' } });
    expect(run.stdout).toContain('missing-folder');
  });

  it('a probe fault is exit 1 naming the step', async () => {
    const run = await runMatterline('probe', 'lock-status', '--probe', `sim:${MG24}?fault=disconnect:readAp`, '--json');
    expect(run.code).toBe(1);
    const error = (run.json() as { error: { code: string; detail: string } }).error;
    expect(error.code).toBe('PROBE_DISCONNECTED');
    expect(error.detail).toMatch(/^DCI connect: read DCI ID/);
  });
});
