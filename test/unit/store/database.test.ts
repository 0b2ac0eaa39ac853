import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure, success } from '../../../preload/contract/errors';
import { openStationDatabase } from '../../../main/store/database';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations';
import { openMemory, unwrap, useTempDirs } from './helpers';

describe('openStationDatabase', () => {
  const tempDir = useTempDirs();

  it('creates the parent folder and opens a file database in WAL mode with foreign keys on', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'station.sqlite');
    const db = unwrap(openStationDatabase(path));
    expect(existsSync(path)).toBe(true);
    expect(db.path).toBe(path);
    expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.connection.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.connection.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.connection.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    db.close();
    db.close(); // closing twice is harmless
  });

  it('works in memory', () => {
    const db = openMemory();
    expect(db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(db.probeWrite()).toEqual(success(undefined));
    db.close();
  });

  // Tests run as root, where permissions stop nothing: a path under a regular file cannot exist for anyone.
  it('reports DB_NOT_WRITABLE with the path and the OS error when the folder cannot exist', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    const path = join(file, 'station.sqlite');
    const opened = openStationDatabase(path);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('DB_NOT_WRITABLE');
    expect(opened.error.detail).toContain(path);
    expect(opened.error.detail).toMatch(/(EEXIST|ENOTDIR).*a file is in the way/);
  });

  it('reports DB_NOT_WRITABLE for a file that is not a database', () => {
    const path = join(tempDir(), 'station.sqlite');
    writeFileSync(path, 'this is not SQLite, just some text that is long enough to fill a header'.repeat(20));
    expect(openStationDatabase(path)).toMatchObject({ ok: false, error: { code: 'DB_NOT_WRITABLE', detail: expect.stringContaining('not a database') } });
  });

  it('opens an up-to-date database read-only and refuses writes to it', () => {
    const path = join(tempDir(), 'station.sqlite');
    unwrap(openStationDatabase(path)).close();
    const db = unwrap(openStationDatabase(path, { readonly: true }));
    expect(db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(db.probeWrite()).toMatchObject({ ok: false, error: { code: 'DB_NOT_WRITABLE' } });
    expect(db.operators.create({ name: 'Ada', role: 'qa', pinHash: 'h', pinSalt: 's' })).toMatchObject({ ok: false, error: { code: 'DB_NOT_WRITABLE' } });
    db.close();
  });

  it('does not create a missing database when opened read-only', () => {
    const path = join(tempDir(), 'missing.sqlite');
    expect(openStationDatabase(path, { readonly: true })).toMatchObject({ ok: false, error: { code: 'DB_NOT_WRITABLE' } });
    expect(existsSync(path)).toBe(false);
  });
});

describe('StationDatabase.transaction', () => {
  it('commits when the function succeeds', () => {
    const db = openMemory();
    const result = db.transaction(() => db.operators.create({ name: 'Ada', role: 'qa', pinHash: 'h', pinSalt: 's' }));
    expect(result.ok).toBe(true);
    expect(db.operators.list()).toHaveLength(1);
  });

  it('rolls everything back when the function returns a failure', () => {
    const db = openMemory();
    const result = db.transaction(() => {
      unwrap(db.operators.create({ name: 'Ada', role: 'qa', pinHash: 'h', pinSalt: 's' }));
      unwrap(db.events.append('operator.created', 'system', { name: 'Ada' }));
      return db.operators.create({ name: 'ADA', role: 'engineer', pinHash: 'h', pinSalt: 's' });
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'DB_DUPLICATE' } });
    expect(db.operators.list()).toEqual([]);
    expect(db.events.list()).toEqual([]);
  });

  it('rolls back and rethrows an unexpected exception', () => {
    const db = openMemory();
    expect(() =>
      db.transaction(() => {
        unwrap(db.operators.create({ name: 'Ada', role: 'qa', pinHash: 'h', pinSalt: 's' }));
        throw new Error('bug');
      }),
    ).toThrow('bug');
    expect(db.operators.list()).toEqual([]);
  });

  it('turns a SQLite error a caller can cause into a catalogue failure', () => {
    const db = openMemory();
    const result = db.transaction(() => {
      db.connection.prepare("INSERT INTO lots (name, kind, config_id, config_hash, quantity, station_id, created_at) VALUES ('x', 'sample', 99, ?, 1, 's', 't')").run('0'.repeat(64));
      return failure('INTERNAL');
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
  });

  it('nests: an inner failure rolls back only the inner part when the outer goes on', () => {
    const db = openMemory();
    const result = db.transaction(() => {
      unwrap(db.operators.create({ name: 'Ada', role: 'qa', pinHash: 'h', pinSalt: 's' }));
      const inner = db.transaction(() => {
        unwrap(db.operators.create({ name: 'Bob', role: 'qa', pinHash: 'h', pinSalt: 's' }));
        return failure('NOT_FOUND');
      });
      expect(inner.ok).toBe(false);
      return success('done');
    });
    expect(result).toEqual(success('done'));
    expect(db.operators.list().map((o) => o.name)).toEqual(['Ada']);
  });
});
