/**
 * Station settings as JSON values by key. Callers own each value's shape: they parse what they read
 * (with their schema) and fall back to their default when a key was never set or no longer parses.
 */
import { success, type Result } from '../../../preload/contract/errors';
import { guard, type Clock, type Connection } from '../shared';

export interface SettingsRepository {
  /** The stored value, or undefined when the key was never set. */
  read(key: string): unknown;
  write(key: string, value: unknown): Result<null>;
}

export function settingsRepository(db: Connection, now: Clock): SettingsRepository {
  const select = db.prepare('SELECT value_json FROM station_settings WHERE key = ?').pluck();
  const upsert = db.prepare(
    'INSERT INTO station_settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
  );
  return {
    read(key) {
      const text = select.get(key) as string | undefined;
      return text === undefined ? undefined : (JSON.parse(text) as unknown);
    },
    write(key, value) {
      return guard(`setting ${key}`, () => {
        upsert.run(key, JSON.stringify(value), now().toISOString());
        return success(null);
      });
    },
  };
}
