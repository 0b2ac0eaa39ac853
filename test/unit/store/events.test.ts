import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStationDatabase } from '../../../main/store/database';
import { success } from '../../../preload/contract/errors';
import { canonicalJson, sha256Hex } from '../../../main/store/canonicalJson';
import { GENESIS_HASH, eventHash } from '../../../main/store/repositories/events';
import { openMemory, unwrap, useTempDirs } from './helpers';

function withEvents(count: number) {
  const db = openMemory();
  for (let i = 1; i <= count; i += 1) unwrap(db.events.append('test.event', 'ada', { i, note: `event ${i}` }));
  return db;
}

describe('events: the append-only audit log', () => {
  const tempDir = useTempDirs();

  it('keeps one chain when the window and the command line append to the same file', () => {
    const path = join(tempDir(), 'station.sqlite');
    const window = unwrap(openStationDatabase(path));
    const cli = unwrap(openStationDatabase(path));
    for (let i = 0; i < 3; i += 1) {
      unwrap(window.events.append('window', 'ada', { i }));
      unwrap(cli.events.append('cli', 'cli', { i }));
    }
    expect(cli.events.list().map((e) => `${e.seq}:${e.kind}`)).toEqual(['1:window', '2:cli', '3:window', '4:cli', '5:window', '6:cli']);
    expect(window.events.verifyChain()).toMatchObject({ ok: true, count: 6 });
    window.close();
    cli.close();
  });

  it('chains each event to the one before it', () => {
    const db = withEvents(3);
    const events = db.events.list();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect(db.events.verifyChain()).toEqual({ ok: true, count: 3, headHash: events[2]?.hash });
  });

  it('hashes exactly what the documented formula says, so an outside verifier can reproduce it', () => {
    const db = openMemory();
    const event = unwrap(db.events.append('lot.created', 'ada', { b: [1, 'x'], a: null }));
    expect(event.at).toMatch(/^2025-01-02T03:04:0\d\.000Z$/);
    const record = `{"actor":"ada","at":"${event.at}","deviceId":null,"kind":"lot.created","lotId":null,"payload":{"a":null,"b":[1,"x"]},"seq":1}`;
    expect(canonicalJson({ ...event, prevHash: undefined, hash: undefined })).toBe(record);
    expect(event.hash).toBe(sha256Hex(GENESIS_HASH + record));
    expect(eventHash(GENESIS_HASH, event)).toBe(event.hash);
    expect(db.connection.prepare('SELECT payload FROM events').pluck().get()).toBe('{"a":null,"b":[1,"x"]}');
  });

  it('refuses UPDATE and DELETE in the database itself, even from raw SQL', () => {
    const db = withEvents(2);
    expect(() => db.connection.prepare("UPDATE events SET actor = 'mallory' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.connection.prepare('DELETE FROM events WHERE seq = 2').run()).toThrow(/append-only/);
    expect(db.events.list()).toHaveLength(2);
  });

  it('maps a refused change to DB_APPEND_ONLY', () => {
    const db = withEvents(2);
    const update = db.transaction(() => {
      db.connection.prepare("UPDATE events SET payload = '{}' WHERE seq = 1").run();
      return success('unreachable');
    });
    expect(update).toMatchObject({ ok: false, error: { code: 'DB_APPEND_ONLY' } });
    const remove = db.transaction(() => {
      db.connection.prepare('DELETE FROM events').run();
      return success('unreachable');
    });
    expect(remove).toMatchObject({ ok: false, error: { code: 'DB_APPEND_ONLY', detail: expect.stringContaining('cannot be deleted') } });
    expect(db.events.verifyChain()).toMatchObject({ ok: true, count: 2 });
  });

  it('verifyChain finds the first tampered event once the triggers are dropped', () => {
    const db = withEvents(4);
    db.connection.exec('DROP TRIGGER events_no_update');
    db.connection.prepare(`UPDATE events SET payload = json_set(payload, '$.note', 'forged') WHERE seq = 3`).run();
    expect(db.events.verifyChain()).toMatchObject({ ok: false, brokenSeq: 3 });
  });

  it('verifyChain notices a rewritten hash (the next link no longer matches)', () => {
    const db = withEvents(3);
    db.connection.exec('DROP TRIGGER events_no_update');
    db.connection.prepare("UPDATE events SET actor = 'mallory' WHERE seq = 2").run();
    const forged = db.connection.prepare('SELECT * FROM events WHERE seq = 2').get() as { prev_hash: string; at: string; kind: string; payload: string };
    const hash = eventHash(forged.prev_hash, { seq: 2, at: forged.at, kind: forged.kind, actor: 'mallory', lotId: null, deviceId: null, payload: JSON.parse(forged.payload) as never });
    db.connection.prepare('UPDATE events SET hash = ? WHERE seq = 2').run(hash);
    expect(db.events.verifyChain()).toMatchObject({ ok: false, brokenSeq: 3, reason: expect.stringContaining('prev_hash') });
  });

  it('verifyChain notices a deleted event in the middle', () => {
    const db = withEvents(3);
    db.connection.exec('DROP TRIGGER events_no_delete');
    db.connection.prepare('DELETE FROM events WHERE seq = 2').run();
    expect(db.events.verifyChain()).toMatchObject({ ok: false, brokenSeq: 3, reason: expect.stringContaining('missing') });
  });

  it('verifyChain notices a payload re-serialised without changing its meaning', () => {
    const db = withEvents(1);
    db.connection.exec('DROP TRIGGER events_no_update');
    db.connection.prepare(`UPDATE events SET payload = '{"note": "event 1", "i": 1}'`).run();
    expect(db.events.verifyChain()).toMatchObject({ ok: false, brokenSeq: 1, reason: 'payload text was rewritten' });
  });

  it('an empty log verifies', () => {
    expect(openMemory().events.verifyChain()).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it('filters by lot, device and seq, oldest first', () => {
    const db = openMemory();
    const config = unwrap(db.configs.createDraft({ name: 'MG24 plug', content: {} }));
    const lot = unwrap(db.lots.create({ name: 'S-1', kind: 'sample', configId: config.id, quantity: 2, stationId: 'st' }));
    const device = unwrap(db.devices.create({ lotId: lot.id, serialNumber: 'SN-1' }));
    unwrap(db.events.append('config.created', 'ada', {}));
    unwrap(db.events.append('lot.created', 'ada', {}, { lotId: lot.id }));
    unwrap(db.events.append('device.passed', 'tom', {}, { lotId: lot.id, deviceId: device.id }));
    expect(db.events.list({ lotId: lot.id }).map((e) => e.kind)).toEqual(['lot.created', 'device.passed']);
    expect(db.events.list({ deviceId: device.id }).map((e) => e.seq)).toEqual([3]);
    expect(db.events.list({ afterSeq: 1, limit: 1 }).map((e) => e.seq)).toEqual([2]);
  });

  it('refuses a payload JSON cannot hold, and a reference to a missing lot', () => {
    const db = openMemory();
    expect(db.events.append('x', 'ada', { n: Number.NaN })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
    expect(db.events.append('x', 'ada', {}, { lotId: 42 })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
    expect(db.events.list()).toEqual([]);
  });
});
