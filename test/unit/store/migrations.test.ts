import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStationDatabase } from '../../../main/store/database';
import { LATEST_SCHEMA_VERSION, migrations, readSchemaVersion, runMigrations, type Migration } from '../../../main/store/migrations';
import { steppingClock, unwrap, useTempDirs } from './helpers';

const TABLES = ['attempt_steps', 'device_attempts', 'devices', 'events', 'inspections', 'lot_decisions', 'lot_sequences', 'lots', 'operators', 'preflight_probe', 'product_configs', 'schema_migrations', 'station', 'station_settings'];

function tableNames(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

const failing: Migration = {
  version: LATEST_SCHEMA_VERSION + 1,
  name: 'half_done',
  up(db) {
    db.exec('CREATE TABLE half_done (x INTEGER)');
    db.exec("INSERT INTO operators (name, role, pin_hash, pin_salt, created_at) VALUES ('ghost', 'qa', 'h', 's', 'now')");
    throw new Error('boom');
  },
};

describe('migrations', () => {
  const tempDir = useTempDirs();

  it('creates every table on an empty database file and records the version', () => {
    const path = join(tempDir(), 'station.sqlite');
    const db = new Database(path);
    expect(unwrap(runMigrations(db, migrations, steppingClock()))).toBe(LATEST_SCHEMA_VERSION);
    expect(tableNames(db)).toEqual(TABLES);
    expect(db.prepare('SELECT version, name, applied_at FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'initial', applied_at: '2025-01-02T03:04:05.000Z' },
      { version: 2, name: 'station', applied_at: '2025-01-02T03:04:06.000Z' },
      { version: 3, name: 'settings', applied_at: '2025-01-02T03:04:07.000Z' },
    ]);
    db.close();
  });

  it('is idempotent: running again changes nothing and keeps the data', () => {
    const path = join(tempDir(), 'station.sqlite');
    const first = unwrap(openStationDatabase(path));
    unwrap(first.operators.create({ name: 'Ada', role: 'engineer', pinHash: 'aa', pinSalt: 'bb' }));
    first.close();

    const again = unwrap(openStationDatabase(path));
    expect(unwrap(runMigrations(again.connection))).toBe(LATEST_SCHEMA_VERSION);
    expect(again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(again.connection.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(migrations.length);
    expect(again.operators.list().map((o) => o.name)).toEqual(['Ada']);
    again.close();
  });

  it('refuses a database written by a newer Matterline, without touching it', () => {
    const path = join(tempDir(), 'station.sqlite');
    unwrap(openStationDatabase(path)).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations VALUES (?, 'from_the_future', 'later')").run(LATEST_SCHEMA_VERSION + 1);
    raw.close();

    const opened = openStationDatabase(path);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('DB_NEWER_THAN_APP');
    expect(opened.error.detail).toContain(`schema version ${LATEST_SCHEMA_VERSION + 1}`);
    expect(openStationDatabase(path, { readonly: true })).toMatchObject({ ok: false, error: { code: 'DB_NEWER_THAN_APP' } });
  });

  it('rolls a failing migration back entirely and names it', () => {
    const db = new Database(':memory:');
    unwrap(runMigrations(db));
    const result = runMigrations(db, [...migrations, failing]);
    expect(result).toMatchObject({ ok: false, error: { code: 'DB_MIGRATION_FAILED' } });
    if (result.ok) return;
    expect(result.error.detail).toContain(`migration ${failing.version} (half_done) failed: boom`);
    expect(tableNames(db)).toEqual(TABLES);
    expect(db.prepare('SELECT count(*) FROM operators').pluck().get()).toBe(0);
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('rolls back every migration of the run, so a fresh database stays empty', () => {
    const db = new Database(':memory:');
    const result = runMigrations(db, [...migrations, failing]);
    expect(result.ok).toBe(false);
    expect(tableNames(db)).toEqual([]);
    expect(readSchemaVersion(db)).toBe(0);
  });

  it('reports a failing migration from openStationDatabase and closes the file', () => {
    const path = join(tempDir(), 'station.sqlite');
    const opened = openStationDatabase(path, { migrations: [...migrations, failing] });
    expect(opened).toMatchObject({ ok: false, error: { code: 'DB_MIGRATION_FAILED' } });
    // Nothing was applied: a normal open afterwards starts from scratch and succeeds.
    const db = unwrap(openStationDatabase(path));
    expect(db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(tableNames(db.connection)).not.toContain('half_done');
    db.close();
  });

  it('refuses a migration list with gaps as a programming error', () => {
    const db = new Database(':memory:');
    expect(() => runMigrations(db, [{ ...failing, version: 5 }])).toThrow(/without gaps/);
  });
});
