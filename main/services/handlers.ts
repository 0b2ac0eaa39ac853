/**
 * The station's answers to the contract, independent of the host: the Electron IPC hub and the
 * loopback bridge serve exactly these handlers, so a window behaves the same in both.
 *
 * The handlers keep one connection to the station database, opened on first use and kept for the life
 * of the process (probe workers never open it; the command line may open the same file, which WAL
 * allows, so answers always read fresh rows). Sessions live in memory beside it: a restart signs
 * everybody out.
 */
import path from 'node:path';
import type { MatterlineHandlers } from '../../preload/contract';
import { success, type Result } from '../../preload/contract/errors';
import { STATION_VERSION } from '../config/version';
import type { CallerLifecycle } from '../ipc/dispatcher';
import { runPreflight } from '../preflight/runPreflight';
import { openStationDatabase, type StationDatabase } from '../store/database';
import type { Clock } from '../store/shared';
import type { EventBus } from './eventBus';
import { createConfigsHandlers } from './configsHandlers';
import { createHistoryHandlers } from './historyHandlers';
import { createLabelsHandlers } from './labelsHandlers';
import { createLotsHandlers } from './lotsHandlers';
import { createQaHandlers } from './qaHandlers';
import type { ServiceOptions } from './serviceOptions';
import { createSettingsHandlers } from './settingsHandlers';
import { createSessionRegistry, type SessionRegistry } from './sessions';
import { createStationHandlers } from './stationHandlers';
import { simulatedBoardsFolder } from './stationFolders';
import { createStationLog, type StationLog } from './stationLog';
import { logStationEvents } from './stationLogEvents';
import { readJlinkLibraryPath } from './stationSettings';
import { createStationProbes } from './stationProbes';

export interface StationContext {
  readonly host: 'electron' | 'web';
  readonly databasePath: string;
  /** The station's user-data folder; default the database's folder. */
  readonly userDataDir?: string | undefined;
  readonly jlinkLibraryPath?: string | undefined;
  readonly events: EventBus;
  /** Tests only: the sessions' clock (sign-in lockout) and the database's timestamps. */
  readonly now?: Clock;
}

export type StationHandlers = MatterlineHandlers & CallerLifecycle & {
  /** For role-gated handlers and tests: who is signed in where. */
  readonly sessionRegistry: SessionRegistry;
  /** The station's log file (Settings → Export logs): the hosts add their own lines (refused requests, internal errors). */
  readonly stationLog: StationLog;
};

export function createHandlers(context: StationContext): StationHandlers {
  const database = lazyDatabase(context.databasePath, context.now);
  const sessions = createSessionRegistry({ database, now: context.now });
  const userDataDir = context.userDataDir ?? path.dirname(path.resolve(context.databasePath));
  // Simulated boards that keep a state file (the unplugging probe's, and every board a run provisioned, for QA) live here.
  const boardsDir = simulatedBoardsFolder(userDataDir);
  const service: ServiceOptions = {
    database,
    sessions,
    events: context.events,
    userDataDir,
    databasePath: context.databasePath,
    jlinkLibraryPath: context.jlinkLibraryPath,
    now: context.now,
  };
  // --jlink-lib given at start wins for this run; otherwise the path an engineer set in Settings.
  const jlinkLibraryPath = (): string | undefined => {
    if (context.jlinkLibraryPath !== undefined) return context.jlinkLibraryPath;
    const db = database();
    return db.ok ? (readJlinkLibraryPath(db.value) ?? undefined) : undefined;
  };
  const stationLog = createStationLog(userDataDir);
  logStationEvents(context.events, stationLog);
  return {
    sessionRegistry: sessions,
    stationLog,
    onCallerGone: (caller) => sessions.callerGone(caller),
    app: {
      info: () =>
        success({
          name: 'Matterline' as const,
          version: STATION_VERSION,
          host: context.host,
          databasePath: context.databasePath,
          versions: {
            node: process.versions.node,
            electron: process.versions.electron ?? null,
            chromium: process.versions.chrome ?? null,
          },
        }),
    },
    configs: createConfigsHandlers(service),
    history: createHistoryHandlers(service),
    labels: createLabelsHandlers(service),
    qa: createQaHandlers(service),
    settings: createSettingsHandlers(service),
    lots: createLotsHandlers({ database, sessions, events: context.events }),
    preflight: {
      run: async () =>
        success(
          await runPreflight({
            databasePath: context.databasePath,
            jlinkLibraryPath: jlinkLibraryPath(),
            onCheck: (check) => context.events.emit('preflight.checkDone', check),
          }),
        ),
    },
    session: {
      status: (_input, caller) => sessions.status(caller),
      createFirstEngineer: (credentials, caller) => sessions.createFirstEngineer(caller, credentials),
      signIn: (credentials, caller) => sessions.signIn(caller, credentials),
      signOut: (_input, caller) => sessions.signOut(caller),
    },
    station: createStationHandlers({ ...service, probes: createStationProbes({ boardsDir }), boardsDir }),
  };
}

/** Opens the database on first use and keeps it; a failed open is retried on the next call. */
function lazyDatabase(path: string, now: Clock | undefined): () => Result<StationDatabase> {
  let open: StationDatabase | undefined;
  return () => {
    if (open !== undefined) return success(open);
    const opened = openStationDatabase(path, now === undefined ? {} : { now });
    if (opened.ok) open = opened.value;
    return opened;
  };
}
