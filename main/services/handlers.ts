/**
 * The station's answers to the contract, independent of the host: the Electron IPC hub and the
 * loopback bridge serve exactly these handlers, so a window behaves the same in both.
 */
import type { MatterlineHandlers } from '../../preload/contract';
import { success } from '../../preload/contract/errors';
import { STATION_VERSION } from '../config/version';
import { runPreflight } from '../preflight/runPreflight';
import type { EventBus } from './eventBus';

export interface StationContext {
  readonly host: 'electron' | 'web';
  readonly databasePath: string;
  readonly jlinkLibraryPath?: string | undefined;
  readonly events: EventBus;
}

export function createHandlers(context: StationContext): MatterlineHandlers {
  return {
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
    preflight: {
      run: async () =>
        success(
          await runPreflight({
            databasePath: context.databasePath,
            jlinkLibraryPath: context.jlinkLibraryPath,
            onCheck: (check) => context.events.emit('preflight.checkDone', check),
          }),
        ),
    },
  };
}
