/**
 * How every command reports: human text by default, one JSON document with --json. Exit codes are
 * the product's contract: 0 success, 1 a check or device failed, 2 bad input.
 */
import type { AppErrorInfo } from '../../preload/contract/errors';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export interface Output {
  readonly json: boolean;
  write(text: string): void;
  writeError(text: string): void;
}

export function consoleOutput(json: boolean): Output {
  return {
    json,
    write: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    writeError: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}

export function printJson(output: Output, value: unknown): void {
  output.write(JSON.stringify(value, null, 2));
}

/** An error as the catalogue words it: what happened, what to do, and the detail. */
export function printError(output: Output, error: AppErrorInfo): void {
  if (output.json) {
    printJson(output, { ok: false, error });
    return;
  }
  output.writeError(`error ${error.code}: ${error.message}`);
  if (error.detail !== undefined) output.writeError(`  detail: ${error.detail}`);
  output.writeError(`  fix: ${error.fix}`);
}
