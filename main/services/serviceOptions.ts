/** What every window service gets from createHandlers: the one database connection, the sessions, the event bus and where the station keeps its files. */
import type { Result } from '../../preload/contract/errors';
import type { StationDatabase } from '../store/database';
import type { Clock } from '../store/shared';
import type { EventBus } from './eventBus';
import type { SessionRegistry } from './sessions';

export interface ServiceOptions {
  readonly database: () => Result<StationDatabase>;
  readonly sessions: SessionRegistry;
  readonly events: EventBus;
  /** The station's user-data folder: demo files, the file library, trust store, simulated boards, logs. */
  readonly userDataDir: string;
  readonly databasePath: string;
  readonly jlinkLibraryPath?: string | undefined;
  readonly now?: Clock | undefined;
}
