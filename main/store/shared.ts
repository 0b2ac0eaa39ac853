/**
 * Small pieces every repository uses: the clock, the connection type, and the one place where a
 * SQLite error becomes a catalogue error. Repositories return Results for what a caller can cause
 * (a duplicate serial, a missing lot, a refused event change); anything else is a bug and is thrown.
 */
import Database from 'better-sqlite3';
import { failure, success, type ErrorCode, type Result } from '../../preload/contract/errors';

export type Connection = Database.Database;

/** Injected so tests get fixed timestamps. Timestamps are stored as ISO 8601 UTC text. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** The marker every append-only trigger puts in its RAISE message (see migrations/0001_initial.ts). */
export const APPEND_ONLY_MARKER = 'append-only';

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The catalogue code for a SQLite error, or undefined when it is not one a caller can cause. */
export function sqliteErrorCode(error: unknown): ErrorCode | undefined {
  if (!(error instanceof Database.SqliteError)) return undefined;
  const code = error.code;
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' && error.message.includes(APPEND_ONLY_MARKER)) return 'DB_APPEND_ONLY';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'DB_DUPLICATE';
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'DB_INVALID_RECORD';
  // A read-only file or folder, a full disk, a lock held too long by another process.
  if (/^SQLITE_(READONLY|CANTOPEN|IOERR|FULL|PERM|BUSY|LOCKED|NOTADB)/.test(code)) return 'DB_NOT_WRITABLE';
  return undefined;
}

/**
 * Runs a database operation and turns expected SQLite errors into a catalogue failure whose detail
 * starts with `context` (what was being done, e.g. "device serial SN-1"). Unexpected errors are rethrown.
 */
export function guard<T>(context: string, operation: () => Result<T>): Result<T> {
  try {
    return operation();
  } catch (error) {
    const code = sqliteErrorCode(error);
    if (code === undefined) throw error;
    return failure(code, `${context}: ${errorText(error)}`);
  }
}

/** `guard` for an operation that cannot itself fail with a Result. */
export function guardValue<T>(context: string, operation: () => T): Result<T> {
  return guard(context, () => success(operation()));
}

export function notFound<T = never>(what: string): Result<T> {
  return failure('NOT_FOUND', what);
}

/** SQLite stores booleans as 0/1. */
export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}
