/** What every command module gets: where to print, the database path, and the exit code to set. */
import type { Command } from 'commander';
import type { Output } from './output';

export interface CliRuntime {
  /** Where the build lives (out/); the web command serves renderer/ and bridge/ from it. */
  readonly buildDir: string;
  readonly makeOutput?: (json: boolean) => Output;
  /** Resolves when a long-running command (web) should stop; defaults to SIGINT/SIGTERM. */
  readonly untilStopped?: () => Promise<void>;
}

export interface CliContext {
  readonly output: Output;
  readonly runtime: CliRuntime;
  /** `--db PATH`, or the user-data folder's database. */
  databasePath(command: Command): string;
  /** `--user-data-dir`, `MATTERLINE_USER_DATA`, or the desktop app's own user-data folder. */
  userDataDir(command: Command): string;
  /** 0 ok, 1 the check or device failed, 2 bad input (see output.ts). */
  setExitCode(code: number): void;
}

/** A command module adds its command(s) to the program. */
export type RegisterCommand = (program: Command, context: CliContext) => void;
