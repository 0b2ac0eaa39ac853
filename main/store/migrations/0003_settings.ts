/**
 * Station settings the window changes (docs/settings.md): one row per setting, its value as JSON.
 * Each change is also an audit event, written by the service that makes it.
 */
import type { Migration } from '../migrations';

export const settingsSchema: Migration = {
  version: 3,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE station_settings (
        key TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
        value_json TEXT NOT NULL CHECK (json_valid(value_json)),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
