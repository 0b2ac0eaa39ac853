/**
 * `matterline`: the station's command line, over the same services as the window. Every command
 * takes --json and --db PATH; exit codes are 0 ok, 1 check failed, 2 bad input.
 */
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { appError } from '../../preload/contract/errors';
import { resolveDatabasePath } from '../config/paths';
import { STATION_VERSION } from '../config/version';
import { doctorCommand } from './doctorCommand';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, consoleOutput, printError, printJson, type Output } from './output';
import { webCommand } from './webCommand';

interface GlobalOptions {
  json?: boolean;
  db?: string;
  userDataDir?: string;
}

export interface CliRuntime {
  /** Where the build lives (out/); the web command serves renderer/ and bridge/ from it. */
  readonly buildDir: string;
  readonly makeOutput?: (json: boolean) => Output;
  /** Resolves when a long-running command (web) should stop; defaults to SIGINT/SIGTERM. */
  readonly untilStopped?: () => Promise<void>;
}

export async function runCli(argv: readonly string[], runtime: CliRuntime): Promise<number> {
  const json = argv.includes('--json');
  const output = (runtime.makeOutput ?? consoleOutput)(json);
  let exitCode = EXIT_OK;

  const program = new Command('matterline')
    .description('Matterline: provision Matter device-attestation credentials onto Silicon Labs EFR32 chips.')
    .option('--json', 'print one machine-readable JSON document')
    .option('--db <path>', 'station database file (default: matterline.sqlite in the user-data folder)')
    .option('--user-data-dir <path>', 'user-data folder (default: the same folder as the desktop app)')
    .option('-V, --version', 'print the version')
    .argument('[command]')
    .usage('[options] [command]')
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.write(text.trimEnd()), writeErr: () => {} })
    .action((command: string | undefined, options: GlobalOptions & { version?: boolean }) => {
      if (command !== undefined) throw new InvalidArgument(`unknown command '${command}'; run matterline --help for the list`);
      if (options.version) {
        if (json) printJson(output, { name: 'matterline', version: STATION_VERSION });
        else output.write(STATION_VERSION);
        return;
      }
      program.outputHelp();
    });

  const databasePath = (command: Command) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    return resolveDatabasePath({ db: options.db, userDataDir: options.userDataDir });
  };

  program
    .command('doctor')
    .description('preflight checks: database, J-Link library, serial ports, udev rules, versions')
    .option('--jlink-lib <path>', 'the J-Link library to check instead of searching for it')
    .action(async (options: { jlinkLib?: string }, command: Command) => {
      exitCode = await doctorCommand(output, { databasePath: databasePath(command), jlinkLib: options.jlinkLib });
    });

  program
    .command('web')
    .description('serve the station window to a browser on this machine (127.0.0.1) with a one-time token')
    .addOption(new Option('--port <port>', 'TCP port; 0 picks a free one').default('0').argParser(parsePort))
    .option('--jlink-lib <path>', 'the J-Link library to use instead of searching for it')
    .action(async (options: { port: number | string; jlinkLib?: string }, command: Command) => {
      const started = await webCommand(output, {
        databasePath: databasePath(command),
        port: Number(options.port),
        jlinkLib: options.jlinkLib,
        buildDir: runtime.buildDir,
      });
      if (!started.ok) {
        printError(output, started.error);
        exitCode = EXIT_FAILED;
        return;
      }
      await (runtime.untilStopped ?? untilSignal)();
      await started.value();
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK; // --help
      printError(output, appError('CLI_BAD_ARGUMENT', error.message.replace(/^error: /, '')));
      return EXIT_BAD_INPUT;
    }
    if (error instanceof InvalidArgument) {
      printError(output, appError('CLI_BAD_ARGUMENT', error.message));
      return EXIT_BAD_INPUT;
    }
    printError(output, appError('INTERNAL', error instanceof Error ? error.message : String(error)));
    return EXIT_FAILED;
  }
}

class InvalidArgument extends Error {}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgument(`--port ${value}: expected a whole number from 0 to 65535`);
  return port;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** The bundled entry point: out/main/cli.js, next to out/renderer and out/bridge. */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), { buildDir: path.join(import.meta.dirname, '..') });
}
