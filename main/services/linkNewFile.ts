/**
 * Writing a file that must never replace another: the bytes go to a scratch file first, then are
 * linked under the final name, and link() refuses a name that exists. A crash leaves at most a
 * scratch file, never half a file under the real name. Used by the file library and the Settings
 * certificate folders.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Tries each name `candidates` gives (1, 2, …) until one is free; 'exists' when `candidates` gives
 * no more names (null). Other file-system errors are thrown for the caller to report.
 */
export function linkNewFile(scratchFolder: string, bytes: Uint8Array, mode: number, candidates: (attempt: number) => string | null): { readonly file: string } | 'exists' {
  const scratch = path.join(scratchFolder, `.partial-${process.pid}-${randomBytes(6).toString('hex')}`);
  fs.mkdirSync(scratchFolder, { recursive: true, mode: 0o700 });
  fs.writeFileSync(scratch, bytes, { mode, flag: 'wx' });
  try {
    for (let attempt = 1; ; attempt += 1) {
      const file = candidates(attempt);
      if (file === null) return 'exists';
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      try {
        fs.linkSync(scratch, file);
        return { file };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  } finally {
    fs.rmSync(scratch, { force: true });
  }
}
