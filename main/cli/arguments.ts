/**
 * Parsing helpers shared by every command. A value the user typed wrong is bad input (exit code 2),
 * reported through the catalogue with the option named in the detail.
 */
import fs from 'node:fs';
import { failure, success, type Result } from '../../preload/contract/errors';

/** Thrown by option parsers; runCli turns it into CLI_BAD_ARGUMENT and exit code 2. */
export class InvalidArgument extends Error {}

/** Decimal or 0x-hex, within [min, max]: `--vid 0xFFF1`, `--passcode 20202021`. */
export function parseInteger(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const text = value.trim();
    const parsed = /^0x[0-9a-f]+$/i.test(text) ? Number.parseInt(text.slice(2), 16) : /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgument(`${option} ${value}: expected a whole number from ${min} to ${max} (decimal or 0x-hex)`);
    }
    return parsed;
  };
}

/** An ISO 8601 instant: `--at 2030-01-01T00:00:00Z`. */
export function parseInstant(option: string): (value: string) => Date {
  return (value) => {
    const date = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new InvalidArgument(`${option} ${value}: expected an ISO 8601 date and time, e.g. 2030-01-01T00:00:00Z`);
    return date;
  };
}

/** Reads a file the user named; a missing or unreadable one is bad input naming the file. */
export function readInputFile(path: string, what: string, maxBytes = 16 * 1024 * 1024): Result<Uint8Array> {
  try {
    const size = fs.statSync(path).size;
    if (size > maxBytes) return failure('FILE_UNREADABLE', `${what} ${path}: ${size} bytes is larger than the ${maxBytes}-byte limit`);
    return success(new Uint8Array(fs.readFileSync(path)));
  } catch (error) {
    return failure('FILE_UNREADABLE', `${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Writes an output file; failure names the file. */
export function writeOutputFile(path: string, what: string, bytes: Uint8Array | string, mode = 0o644): Result<void> {
  try {
    fs.writeFileSync(path, bytes, { mode });
    return success(undefined);
  } catch (error) {
    return failure('FILE_NOT_WRITABLE', `${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
