/**
 * One IMMEDIATE transaction around a function that returns a Result (nested calls become
 * savepoints): it commits when the function returns ok, and rolls back when it returns a failure or
 * throws. A SQLite error a caller can cause comes back as a failure; anything else is rethrown.
 * Shared by StationDatabase.transaction and the repositories that write several rows at once.
 */
import type { Result } from '../../preload/contract/errors';
import { guard, type Connection } from './shared';

/** Thrown inside better-sqlite3's transaction to make it roll back, carrying the failure out. */
class Rollback {
  constructor(readonly result: Result<never>) {}
}

export function runTransaction<T>(db: Connection, fn: () => Result<T>, context = 'transaction'): Result<T> {
  const run = db.transaction((): Result<T> => {
    const result = fn();
    if (!result.ok) throw new Rollback(result);
    return result;
  });
  try {
    return guard(context, () => run.immediate());
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}
