/**
 * `matterline web` (behind `npm run web`): the built renderer plus the loopback bridge, so the
 * station can be used in a browser where no Electron runtime is installed. Runs until interrupted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startBridgeServer } from '../bridge/server';
import { createDispatcher } from '../ipc/dispatcher';
import { EventBus } from '../services/eventBus';
import { createHandlers } from '../services/handlers';
import { failure, type Result } from '../../preload/contract/errors';
import { printJson, type Output } from './output';

export interface WebOptions {
  readonly databasePath: string;
  readonly port: number;
  readonly jlinkLib?: string | undefined;
  /** The folder holding the build: out/ (renderer/ and bridge/ inside). */
  readonly buildDir: string;
}

export async function webCommand(output: Output, options: WebOptions): Promise<Result<() => Promise<void>>> {
  const staticDir = path.join(options.buildDir, 'renderer');
  const bridgeClientFile = path.join(options.buildDir, 'bridge', 'matterline-bridge.js');
  if (!fs.existsSync(path.join(staticDir, 'index.html')) || !fs.existsSync(bridgeClientFile)) {
    return failure('NOT_FOUND', `the built window is missing under ${options.buildDir}: run npm run build first`);
  }
  const events = new EventBus();
  const handlers = createHandlers({ host: 'web', databasePath: options.databasePath, jlinkLibraryPath: options.jlinkLib, events });
  const log = (line: string) => output.writeError(`[bridge] ${line}`);
  const bridge = await startBridgeServer({ dispatcher: createDispatcher(handlers, log), events, staticDir, bridgeClientFile, port: options.port, log });
  if (output.json) printJson(output, { ok: true, url: bridge.url, port: bridge.port, databasePath: options.databasePath });
  else {
    output.write(`Matterline is serving the station window at:\n\n  ${bridge.url}\n`);
    output.write(`Database: ${options.databasePath}\nOnly this machine can connect (127.0.0.1). Press Ctrl+C to stop.`);
  }
  return { ok: true, value: () => bridge.close() };
}
