/**
 * `matterline`: the station's command line, over the same services as the window. Every command
 * takes --json and --db PATH; exit codes are 0 ok, 1 check failed, 2 bad input.
 */
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { appError, CatalogueError } from '../../preload/contract/errors';
import { defaultUserDataDir, resolveDatabasePath } from '../config/paths';
import { STATION_VERSION } from '../config/version';
import { InvalidArgument } from './arguments';
import { commands } from './commands';
import type { CliContext, CliRuntime } from './context';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, consoleOutput, printError, printJson } from './output';

export type { CliRuntime } from './context';

interface GlobalOptions {
  json?: boolean;
  db?: string;
  userDataDir?: string;
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

  const context: CliContext = {
    output,
    runtime,
    databasePath: (command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      return resolveDatabasePath({ db: options.db, userDataDir: options.userDataDir });
    },
    userDataDir: (command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      return options.userDataDir === undefined ? defaultUserDataDir() : path.resolve(options.userDataDir);
    },
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  for (const register of commands) register(program, context);
  // Subcommands report their own usage errors through the catalogue, like the program does.
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: (text) => output.write(text.trimEnd()), writeErr: () => {} });

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
    if (error instanceof CatalogueError) {
      printError(output, error.info);
      return EXIT_FAILED;
    }
    printError(output, appError('INTERNAL', error instanceof Error ? error.message : String(error)));
    return EXIT_FAILED;
  }
}

/** The bundled entry point: out/main/cli.js, next to out/renderer and out/bridge. */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), { buildDir: path.join(import.meta.dirname, '..') });
}
