import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabase } from '../../../main/preflight/databaseCheck';
import { openStationDatabase } from '../../../main/store/database';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations';
import { errorCatalogue } from '../../../preload/contract/errors';
import { preflightCheckSchema } from '../../../preload/contract/preflight';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'matterline-preflight-'));
  dirs.push(dir);
  return dir;
}

describe('checkDatabase', () => {
  it('passes on a new database in a temp folder, leaving it migrated and the event log empty', async () => {
    const path = join(tempDir(), 'station', 'matterline.sqlite');
    const check = await checkDatabase(path);
    expect(preflightCheckSchema.parse(check)).toEqual(check);
    expect(check).toEqual({
      name: 'database',
      title: 'Database writable',
      required: true,
      ok: true,
      message: `The database at ${path} is writable (schema version ${LATEST_SCHEMA_VERSION}).`,
      fix: null,
      detail: expect.stringContaining(path),
    });
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM preflight_probe').pluck().get()).toBe(1);
    db.close();
  });

  it('passes again on the same database', async () => {
    const path = join(tempDir(), 'matterline.sqlite');
    expect((await checkDatabase(path)).ok).toBe(true);
    expect((await checkDatabase(path)).ok).toBe(true);
  });

  // Tests run as root, so folder permissions cannot make a path unwritable: put it under a regular file.
  it('fails with the catalogue sentence, a fix and the OS error when the path cannot be written', async () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, 'x');
    const check = await checkDatabase(join(file, 'matterline.sqlite'));
    expect(check).toMatchObject({
      name: 'database',
      ok: false,
      required: true,
      message: errorCatalogue.DB_NOT_WRITABLE.message,
      fix: errorCatalogue.DB_NOT_WRITABLE.fix,
    });
    expect(check.detail).toMatch(/plain-file\/matterline\.sqlite: .*(EEXIST|ENOTDIR)/);
  });

  it('fails on a path under /dev/null', async () => {
    expect(await checkDatabase('/dev/null/x.sqlite')).toMatchObject({ ok: false, fix: errorCatalogue.DB_NOT_WRITABLE.fix });
  });

  it('reports a database from a newer Matterline', async () => {
    const path = join(tempDir(), 'matterline.sqlite');
    const opened = openStationDatabase(path);
    if (!opened.ok) throw new Error(opened.error.detail);
    opened.value.connection.prepare("INSERT INTO schema_migrations VALUES (?, 'future', 'later')").run(LATEST_SCHEMA_VERSION + 1);
    opened.value.close();
    expect(await checkDatabase(path)).toMatchObject({ ok: false, message: errorCatalogue.DB_NEWER_THAN_APP.message, fix: errorCatalogue.DB_NEWER_THAN_APP.fix });
  });

  it('never throws, and refuses an empty path or one with a NUL character (SQLite would open a different file)', async () => {
    for (const path of ['', 'a\0b']) {
      const check = await checkDatabase(path);
      expect(check).toMatchObject({ ok: false, fix: errorCatalogue.DB_NOT_WRITABLE.fix, detail: expect.stringContaining('not a usable file path') });
    }
  });
});
