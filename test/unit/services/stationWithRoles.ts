// A station for the window services' tests: the demo product prepared as at start, the handlers the
// window calls, a second database connection (as the command line or a run holds), and an
// engineer (Erin), a QA operator (Quinn) and a technician (Tess) signed in, each in their own window.
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { EventBus } from '../../../main/services/eventBus';
import { createHandlers, type StationHandlers } from '../../../main/services/handlers';
import { prepareStation } from '../../../main/services/stationStartup';
import { openStationDatabase, type StationDatabase } from '../../../main/store/database';
import type { Clock } from '../../../main/store/shared';
import { unwrap, useTempDirs } from '../store/helpers';
import { addAndSignIn } from './signedIn';

/** The windows (callers) of the three operators, and one nobody signed in to. */
export const engineer = { id: 'test:1' };
export const qa = { id: 'test:2' };
export const technician = { id: 'test:3' };
export const nobody = { id: 'test:4' };

export interface RoleStation {
  /** The user-data folder (the database is in it). */
  readonly dir: string;
  readonly databasePath: string;
  readonly events: EventBus;
  readonly handlers: StationHandlers;
  readonly db: StationDatabase;
  /** The demo configuration saved at start (a draft). */
  readonly demoConfigId: number;
}

/** Call at the top of a test file; each call of the returned function makes a fresh station. */
export function useStationWithRoles(): (options?: { readonly now?: Clock }) => Promise<RoleStation> {
  const tempDir = useTempDirs();
  const opened: StationDatabase[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return async (options = {}) => {
    const station = await makeStationWithRoles(tempDir(), options);
    opened.push(station.db);
    return station;
  };
}

/**
 * The same station made in `dir` (an empty folder), for a file whose tests share one station made in
 * `beforeAll`: the caller closes `db` and removes `dir`.
 */
export async function makeStationWithRoles(dir: string, options: { readonly now?: Clock } = {}): Promise<RoleStation> {
  const databasePath = join(dir, 'station.sqlite');
  expect((await prepareStation({ userDataDir: dir, databasePath })).problems).toEqual([]);
  const events = new EventBus();
  const handlers = createHandlers({ host: 'web', databasePath, userDataDir: dir, events, ...(options.now === undefined ? {} : { now: options.now }) });
  const db = unwrap(openStationDatabase(databasePath));
  try {
    unwrap(await handlers.session.createFirstEngineer({ name: 'Erin', pin: '4821' }, engineer));
    await addAndSignIn(handlers, db, qa, 'Quinn', 'qa');
    await addAndSignIn(handlers, db, technician, 'Tess', 'technician');
    const [demo] = db.configs.list();
    if (demo === undefined) expect.fail('the demo configuration was not saved');
    return { dir, databasePath, events, handlers, db, demoConfigId: demo.id };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The catalogue code of a refused call, undefined when it succeeded. */
export async function errorCode(result: Promise<{ ok: boolean; error?: { code: string } }> | { ok: boolean; error?: { code: string } }): Promise<string | undefined> {
  const settled = await result;
  return settled.ok ? undefined : settled.error?.code;
}
