/**
 * Preflight: can the station record what it does? Opens the database (creating it and bringing the
 * schema up to date, as the station itself would) and makes one real committed write to a scratch
 * row — a write that is rolled back may never reach the disk, so it would not prove much.
 */
import { openStationDatabase } from '../store/database';
import type { PreflightCheck } from '../../preload/contract/preflight';
import { crashed, failed, passed } from './host';

const CHECK = { name: 'database', title: 'Database writable', required: true } as const;

export async function checkDatabase(path: string): Promise<PreflightCheck> {
  try {
    const opened = openStationDatabase(path);
    if (!opened.ok) return failed(CHECK, opened.error.code, opened.error.detail);
    const db = opened.value;
    try {
      const written = db.probeWrite();
      if (!written.ok) return failed(CHECK, written.error.code, written.error.detail);
      const version = db.schemaVersion();
      return passed(CHECK, `The database at ${path} is writable (schema version ${version}).`, `${path}\nschema version ${version}`);
    } finally {
      db.close();
    }
  } catch (error) {
    return crashed(CHECK, error);
  }
}
