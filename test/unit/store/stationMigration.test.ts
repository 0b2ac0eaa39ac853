import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStationDatabase } from '../../../main/store/database';
import { LATEST_SCHEMA_VERSION, migrations, readSchemaVersion, runMigrations, type Migration } from '../../../main/store/migrations';
import { initialSchema } from '../../../main/store/migrations/0001_initial';
import { unwrap, useTempDirs } from './helpers';

const boom: Migration = { version: migrations.length + 1, name: 'boom', up: () => { throw new Error('boom'); } };

describe('migration 2 (station records)', () => {
  const tempDir = useTempDirs();

  it('upgrades a version-1 database with data in place', () => {
    const path = join(tempDir(), 'station.sqlite');
    const v1 = new Database(path);
    unwrap(runMigrations(v1, [initialSchema]));
    v1.exec(`
      INSERT INTO product_configs (name, version, content, content_hash, created_at) VALUES ('c', 1, '{}', '${'a'.repeat(64)}', 'then');
      INSERT INTO lots (name, kind, config_id, config_hash, quantity, station_id, created_at) VALUES ('L', 'sample', 1, '${'a'.repeat(64)}', 3, 'old', 'then');
      INSERT INTO devices (lot_id, serial_number, dac_serial, created_at, updated_at) VALUES (1, 'SN-OLD', 'AB', 'then', 'then');`);
    v1.close();

    const db = unwrap(openStationDatabase(path));
    expect(db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(unwrap(db.devices.findBySerial('SN-OLD'))).toMatchObject({ dacSerial: 'AB', passcode: null, uniqueIdSha256: null, hasDac: false });
    expect(db.station.stationId()).toMatch(/^ST-[0-9A-F]{6}$/);
    db.close();
  });

  it('is all or nothing: a later failure in the same run leaves version 1 untouched', () => {
    const raw = new Database(':memory:');
    unwrap(runMigrations(raw, [initialSchema]));
    expect(runMigrations(raw, [...migrations, boom])).toMatchObject({ ok: false, error: { code: 'DB_MIGRATION_FAILED' } });
    expect(readSchemaVersion(raw)).toBe(1);
    expect(raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('station', 'inspections', 'lot_decisions', 'lot_sequences')").pluck().get()).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM pragma_table_info('devices') WHERE name = 'passcode'").pluck().get()).toBe(0);
  });

  it('keeps passcodes and unique-id hashes unique in the schema itself', () => {
    const db = unwrap(openStationDatabase(':memory:'));
    const config = unwrap(db.configs.createDraft({ name: 'c', content: {} }));
    const lot = unwrap(db.lots.create({ name: 'L', kind: 'sample', configId: config.id, quantity: 3, stationId: 'x' }));
    const insert = db.connection.prepare("INSERT INTO devices (lot_id, serial_number, passcode, unique_id_sha256, created_at, updated_at) VALUES (?, ?, ?, ?, 'now', 'now')");
    insert.run(lot.id, 'A', 20202021, 'A'.repeat(64));
    expect(() => insert.run(lot.id, 'B', 20202021, 'B'.repeat(64))).toThrow(/UNIQUE constraint failed: devices.passcode/);
    expect(() => insert.run(lot.id, 'C', 20202022, 'A'.repeat(64))).toThrow(/UNIQUE constraint failed: devices.unique_id_sha256/);
    expect(() => insert.run(lot.id, 'D', 99999999, 'D'.repeat(64))).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
