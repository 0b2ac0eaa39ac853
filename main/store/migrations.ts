/**
 * Schema migrations. The `schema_migrations` table is the one record of the schema version (PRAGMA
 * user_version is not used): one row per applied migration, the version is the highest row.
 *
 * All pending migrations run inside one IMMEDIATE transaction, each in its own nested transaction
 * (a savepoint). IMMEDIATE takes the write lock before the version is read, so the window and the
 * command line starting together cannot both apply a migration. If any migration throws, everything
 * from this run is rolled back — the catalogue promises "nothing was changed" — and the failure names
 * the migration.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import { initialSchema } from './migrations/0001_initial';
import { stationSchema } from './migrations/0002_station';
import { settingsSchema } from './migrations/0003_settings';
import { errorText, sqliteErrorCode, systemClock, type Clock, type Connection } from './shared';

export interface Migration {
  /** 1, 2, 3 … in the order they must run; never reused or renumbered once released. */
  readonly version: number;
  /** Short snake_case name, recorded beside the version. */
  readonly name: string;
  /** Runs inside a transaction; throw to refuse. Must not change PRAGMA foreign_keys (no effect in a transaction). */
  up(db: Connection): void;
}

/** Every migration this Matterline knows, one file each under migrations/. */
export const migrations: readonly Migration[] = [initialSchema, stationSchema, settingsSchema];

export const LATEST_SCHEMA_VERSION = latestVersion(migrations);

/** The version recorded in the database; 0 for a new (or foreign) database. */
export function readSchemaVersion(db: Connection): number {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

class MigrationFailed extends Error {
  constructor(migration: Migration, error: unknown) {
    super(`migration ${migration.version} (${migration.name}) failed: ${errorText(error)}`);
  }
}

/** Brings the database up to the newest version in `list`; returns the schema version afterwards. */
export function runMigrations(db: Connection, list: readonly Migration[] = migrations, now: Clock = systemClock): Result<number> {
  const ordered = checkedOrder(list);
  const latest = latestVersion(ordered);
  const run = db.transaction((): Result<number> => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version     INTEGER PRIMARY KEY,
      name        TEXT NOT NULL,
      applied_at  TEXT NOT NULL
    ) STRICT`);
    const current = readSchemaVersion(db);
    if (current > latest) {
      return failure('DB_NEWER_THAN_APP', `${db.name} has schema version ${current}; this Matterline knows up to ${latest}.`);
    }
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]));
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of ordered) {
      if (applied.has(migration.version)) continue;
      try {
        db.transaction(() => {
          migration.up(db);
          // A migration that rebuilds a table must leave every foreign key pointing somewhere.
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`${broken.length} foreign key(s) left dangling: ${JSON.stringify(broken[0])}`);
          record.run(migration.version, migration.name, now().toISOString());
        })();
      } catch (error) {
        throw new MigrationFailed(migration, error);
      }
    }
    return success(readSchemaVersion(db));
  });
  try {
    return run.immediate();
  } catch (error) {
    if (error instanceof MigrationFailed) return failure('DB_MIGRATION_FAILED', error.message);
    // Could not take the write lock or create the version table: usually a read-only file or folder.
    const code = sqliteErrorCode(error) === 'DB_NOT_WRITABLE' ? 'DB_NOT_WRITABLE' : 'DB_MIGRATION_FAILED';
    return failure(code, `${db.name}: ${errorText(error)}`);
  }
}

function checkedOrder(list: readonly Migration[]): Migration[] {
  const ordered = [...list].sort((a, b) => a.version - b.version);
  ordered.forEach((migration, index) => {
    // A broken list is a programming error in this build, not a problem with the user's database.
    if (!Number.isInteger(migration.version) || migration.version !== index + 1) {
      throw new Error(`Migration versions must be 1, 2, 3 … without gaps; found ${migration.version} (${migration.name}) at position ${index + 1}.`);
    }
  });
  return ordered;
}

export function latestVersion(list: readonly Migration[]): number {
  return list.reduce((max, migration) => Math.max(max, migration.version), 0);
}
