/**
 * `--pin -` reads the PIN from standard input (first line), so it does not show in the process list
 * or the shell history; any other value is the PIN itself (convenient on a test bench).
 */
import fs from 'node:fs';

export function resolvePin(value: string): string {
  if (value !== '-') return value;
  try {
    return fs.readFileSync(0, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
  } catch {
    return '';
  }
}
