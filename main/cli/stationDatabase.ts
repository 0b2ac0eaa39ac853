/** Opening the station database for a command: a failure is printed and sets exit code 1; it is always closed. */
import type { Command } from 'commander';
import { openStationDatabase, type StationDatabase } from '../store/database';
import type { CliContext } from './context';
import { EXIT_FAILED, printError } from './output';

export async function withStationDatabase(context: CliContext, command: Command, use: (db: StationDatabase) => void | Promise<void>): Promise<void> {
  const opened = openStationDatabase(context.databasePath(command));
  if (!opened.ok) {
    printError(context.output, opened.error);
    context.setExitCode(EXIT_FAILED);
    return;
  }
  try {
    await use(opened.value);
  } finally {
    opened.value.close();
  }
}
