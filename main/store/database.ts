/**
 * The station database: one SQLite file (WAL, foreign keys on) shared by the window and the command
 * line. Opening it brings the schema up to date; every failure a user can cause (a folder that cannot
 * be written, a database from a newer Matterline, a migration that fails) comes back as a Result.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { failure, success, type Result } from '../../preload/contract/errors';
import { latestVersion, migrations, readSchemaVersion, runMigrations, type Migration } from './migrations';
import type { RandomBytes } from '../matter/commissioningIds';
import { allocationRepository, type AllocationRepository } from './repositories/allocations';
import { attemptRepository, type AttemptRepository } from './repositories/attempts';
import { configRepository, type ConfigRepository } from './repositories/configs';
import { deviceRepository, type DeviceRepository } from './repositories/devices';
import { eventRepository, type EventRepository } from './repositories/events';
import { inspectionRepository, type InspectionRepository } from './repositories/inspections';
import { lotDecisionRepository, type LotDecisionRepository } from './repositories/lotDecisions';
import { lotRepository, lotStatusChange, type LotRepository } from './repositories/lots';
import { operatorRepository, type OperatorRepository } from './repositories/operators';
import { settingsRepository, type SettingsRepository } from './repositories/settings';
import { stationRepository, type StationRepository } from './repositories/station';
import { errorText, guardValue, sqliteErrorCode, systemClock, type Clock, type Connection } from './shared';
import { runTransaction } from './transaction';

export interface OpenStationDatabaseOptions {
  /** Open an existing database without writing to it (no migrations, no WAL switch). */
  readonly readonly?: boolean;
  readonly now?: Clock;
  /** How long to wait for another process's write lock before failing; default 5 s. */
  readonly busyTimeoutMs?: number;
  /** Tests only: a different migration list. */
  readonly migrations?: readonly Migration[];
  /** Where allocation draws its random values; node:crypto's CSPRNG by default (tests replay or force collisions). */
  readonly randomBytes?: RandomBytes;
}

export interface StationDatabase {
  /** The path it was opened with (":memory:" for an in-memory database). */
  readonly path: string;
  readonly operators: OperatorRepository;
  readonly configs: ConfigRepository;
  readonly lots: LotRepository;
  readonly devices: DeviceRepository;
  readonly attempts: AttemptRepository;
  readonly events: EventRepository;
  readonly station: StationRepository;
  readonly allocations: AllocationRepository;
  readonly inspections: InspectionRepository;
  readonly lotDecisions: LotDecisionRepository;
  readonly settings: SettingsRepository;
  /**
   * The better-sqlite3 handle, for read-only reports and tests. Write through the repositories or
   * inside `transaction` so that errors become catalogue errors.
   */
  readonly connection: Connection;
  schemaVersion(): number;
  /**
   * Runs `fn` in one IMMEDIATE transaction (nested calls become savepoints). It commits when `fn`
   * returns ok, and rolls back when it returns a failure or throws; a SQLite error a caller can cause
   * (append-only, duplicate, read-only) comes back as a failure, anything else is rethrown. `fn` must
   * be synchronous: never hold a transaction across hardware I/O.
   */
  transaction<T>(fn: () => Result<T>): Result<T>;
  /** A real committed write (the preflight check's proof that the file is writable). */
  probeWrite(): Result<void>;
  close(): void;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

export function openStationDatabase(path: string, options: OpenStationDatabaseOptions = {}): Result<StationDatabase> {
  const readonly = options.readonly ?? false;
  const now = options.now ?? systemClock;
  // SQLite reads the path as a C string: "a\0b" would open "a", and "" a throw-away temporary database.
  if (path === '' || path.includes('\0')) return failure('DB_NOT_WRITABLE', `${JSON.stringify(path)}: not a usable file path`);
  let db: Connection | undefined;
  try {
    if (!readonly && isFilePath(path)) createFolder(dirname(resolve(path)));
    db = new Database(path, { readonly, fileMustExist: readonly });
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    db.pragma('foreign_keys = ON');
    if (!readonly) {
      // WAL lets QA read while a lot is running; NORMAL is durable in WAL except for the last commit on power loss.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
  } catch (error) {
    db?.close();
    return failure('DB_NOT_WRITABLE', `${path}: ${errorText(error)}`);
  }

  const ready = readonly ? checkReadonlyVersion(db, options.migrations ?? migrations) : runMigrations(db, options.migrations, now);
  if (!ready.ok) {
    db.close();
    return ready;
  }
  return success(stationDatabase(db, path, now, options.randomBytes ?? randomBytes));
}

function stationDatabase(db: Connection, path: string, now: Clock, random: RandomBytes): StationDatabase {
  const configs = configRepository(db, now);
  const events = eventRepository(db, now);
  const station = stationRepository(db);
  const attempts = attemptRepository(db, now, events);
  const probe = db.prepare('INSERT INTO preflight_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at');
  return {
    path,
    operators: operatorRepository(db, now),
    configs,
    lots: lotRepository(db, now, configs, events, station),
    devices: deviceRepository(db, now),
    attempts,
    events,
    station,
    allocations: allocationRepository(db, now, random, { station, attempts, events }),
    inspections: inspectionRepository(db, now, events),
    lotDecisions: lotDecisionRepository(db, now, { configs, events, changeLotStatus: lotStatusChange(db, now, configs, events) }),
    settings: settingsRepository(db, now),
    connection: db,
    schemaVersion: () => readSchemaVersion(db),
    transaction: (fn) => runTransaction(db, fn),
    probeWrite: () => guardValue(`writing to ${path}`, () => void probe.run(now().toISOString())),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** A read-only database cannot be migrated, so it must already be exactly this version. */
function checkReadonlyVersion(db: Connection, list: readonly Migration[]): Result<number> {
  let version: number;
  try {
    version = readSchemaVersion(db);
  } catch (error) {
    return failure(sqliteErrorCode(error) ?? 'DB_NOT_WRITABLE', `${db.name}: ${errorText(error)}`);
  }
  const latest = latestVersion(list);
  if (version > latest) return failure('DB_NEWER_THAN_APP', `${db.name} has schema version ${version}; this Matterline knows up to ${latest}.`);
  if (version < latest) {
    return failure('DB_MIGRATION_FAILED', `${db.name} has schema version ${version} and was opened read-only; open it once for writing to update it to ${latest}.`);
  }
  return success(version);
}

function createFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    // Node reports a file in the way as "EEXIST: file already exists", which reads like success.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new Error(`${errorText(error)} (a file is in the way of folder ${folder})`, { cause: error });
    throw error;
  }
}

/** ":memory:" has no folder to create. */
function isFilePath(path: string): boolean {
  return path !== ':memory:';
}
