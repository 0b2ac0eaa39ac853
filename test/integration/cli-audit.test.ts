// `matterline operator add|list` and `matterline audit verify`, in process through runCli: JSON,
// exit codes 0/1/2, catalogue errors, and a tampered trail named by its first bad event.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStationDatabase } from '../../main/store/database';
import { verifyPin } from '../../main/store/repositories/operatorPins';
import { runMatterline as matterline } from '../support/cliHarness';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-audit-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let counter = 0;
const freshDb = () => path.join(work, `station-${++counter}.sqlite`);

describe('matterline operator', () => {
  it('adds operators with a hashed PIN and lists them without it', async () => {
    const db = freshDb();
    const added = await matterline('--db', db, '--json', 'operator', 'add', 'Quinn', '--role', 'qa', '--pin', '482916');
    expect(added.code).toBe(0);
    expect(added.json()).toMatchObject({ ok: true, operator: { name: 'Quinn', role: 'qa', active: true } });
    const text = await matterline('--db', db, 'operator', 'add', 'Ada', '--role', 'engineer', '--pin', '1234');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('added engineer "Ada"');

    const list = await matterline('--db', db, '--json', 'operator', 'list');
    expect(list.json()).toEqual({ operators: [expect.objectContaining({ name: 'Ada' }), expect.objectContaining({ name: 'Quinn' })] });
    expect(list.stdout).not.toContain('pin');

    const station = openStationDatabase(db);
    if (!station.ok) throw new Error(station.error.code);
    const quinn = station.value.operators.findByName('Quinn');
    expect(quinn.ok && verifyPin(quinn.value, '482916')).toBe(true);
    expect(station.value.events.list().map((e) => e.kind)).toEqual(['operator.added', 'operator.added']);
    station.value.close();
  });

  it('refuses a bad PIN, an unknown role and a taken name with exit 2', async () => {
    const db = freshDb();
    const pin = await matterline('--db', db, 'operator', 'add', 'Quinn', '--role', 'qa', '--pin', '12');
    expect(pin.code).toBe(2);
    expect(pin.stderr).toContain('RECORD_PIN_FORMAT');
    const role = await matterline('--db', db, 'operator', 'add', 'Quinn', '--role', 'admin', '--pin', '1234');
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('CLI_BAD_ARGUMENT');
    expect((await matterline('--db', db, 'operator', 'add', 'Quinn', '--role', 'qa', '--pin', '1234')).code).toBe(0);
    const again = await matterline('--db', db, '--json', 'operator', 'add', 'quinn', '--role', 'qa', '--pin', '1234');
    expect(again.code).toBe(2);
    expect(again.json()).toMatchObject({ ok: false, error: { code: 'DB_DUPLICATE' } });
  });
});

describe('matterline audit verify', () => {
  async function populated(): Promise<string> {
    const db = freshDb();
    for (const name of ['A', 'B', 'C']) expect((await matterline('--db', db, 'operator', 'add', name, '--role', 'technician', '--pin', '1234')).code).toBe(0);
    return db;
  }

  it('exits 0 on an intact chain and reports its length and head', async () => {
    const db = await populated();
    const json = await matterline('--db', db, '--json', 'audit', 'verify');
    expect(json.code).toBe(0);
    expect(json.json()).toMatchObject({ ok: true, events: 3, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const text = await matterline('--db', db, 'audit', 'verify');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('audit trail intact: 3 event(s)');
  });

  it('exits 1 and names the first bad event when the trail was edited', async () => {
    const db = await populated();
    const raw = new Database(db);
    raw.exec("DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, '\"B\"', '\"Eve\"') WHERE seq = 2;");
    raw.close();
    const json = await matterline('--db', db, '--json', 'audit', 'verify');
    expect(json.code).toBe(1);
    expect(json.json()).toMatchObject({ ok: false, brokenSeq: 2, error: { code: 'RECORD_AUDIT_CHAIN_BROKEN' } });
    const text = await matterline('--db', db, 'audit', 'verify');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('BROKEN at event 2 of 3');
    expect(text.stderr).toContain('RECORD_AUDIT_CHAIN_BROKEN');
  });

  it('exits 2 when there is no database to verify, without creating one', async () => {
    const db = path.join(work, 'missing.sqlite');
    const run = await matterline('--db', db, '--json', 'audit', 'verify');
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
    expect(fs.existsSync(db)).toBe(false);
  });
});
