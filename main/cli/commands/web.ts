/**
 * `matterline web` (behind `npm run web`): the built renderer plus the loopback bridge, so the
 * station can be used in a browser where no Electron runtime is installed. Runs until interrupted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { appError } from '../../../preload/contract/errors';
import { startBridgeServer } from '../../bridge/server';
import { createDispatcher } from '../../ipc/dispatcher';
import { EventBus } from '../../services/eventBus';
import { prepareStation } from '../../services/stationStartup';
import { createHandlers } from '../../services/handlers';
import { parseInteger } from '../arguments';
import type { RegisterCommand } from '../context';
import { EXIT_FAILED, printError, printJson } from '../output';

export const registerWebCommand: RegisterCommand = (program, context) => {
  program
    .command('web')
    .description('serve the station window to a browser on this machine (127.0.0.1) with a one-time token')
    .addOption(new Option('--port <port>', 'TCP port; 0 picks a free one').default(0).argParser(parseInteger('--port', 0, 65535)))
    .option('--jlink-lib <path>', 'the J-Link library to use instead of searching for it')
    .action(async (options: { port: number; jlinkLib?: string }, command) => {
      const { output, runtime } = context;
      const databasePath = context.databasePath(command);
      const staticDir = path.join(runtime.buildDir, 'renderer');
      const bridgeClientFile = path.join(runtime.buildDir, 'bridge', 'matterline-bridge.js');
      if (!fs.existsSync(path.join(staticDir, 'index.html')) || !fs.existsSync(bridgeClientFile)) {
        printError(output, appError('NOT_FOUND', `the built window is missing under ${runtime.buildDir}: run npm run build first`));
        context.setExitCode(EXIT_FAILED);
        return;
      }
      // The embedded default (the simulated probe with the demo configuration) needs the demo product;
      // without it the window still opens and Preflight says what is wrong.
      const startup = await prepareStation({ userDataDir: context.userDataDir(command), databasePath });
      for (const problem of startup.problems) printError(output, problem);
      for (const message of startup.messages) output.writeError(`[station] ${message}`);
      const events = new EventBus();
      const handlers = createHandlers({ host: 'web', databasePath, userDataDir: context.userDataDir(command), jlinkLibraryPath: options.jlinkLib, events });
      const log = (line: string) => {
        output.writeError(`[bridge] ${line}`);
        handlers.stationLog.write('warn', 'bridge', { line });
      };
      const bridge = await startBridgeServer({ dispatcher: createDispatcher(handlers, log), events, staticDir, bridgeClientFile, port: options.port, log });
      if (output.json) printJson(output, { ok: true, url: bridge.url, port: bridge.port, databasePath });
      else {
        output.write(`Matterline is serving the station window at:\n\n  ${bridge.url}\n`);
        output.write(`Database: ${databasePath}\nOnly this machine can connect (127.0.0.1). Press Ctrl+C to stop.`);
      }
      await (runtime.untilStopped ?? untilSignal)();
      await bridge.close();
    });
};

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
