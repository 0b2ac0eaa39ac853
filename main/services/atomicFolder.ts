/**
 * Creates a folder with all its files or not at all: written in a scratch folder beside it, then
 * renamed into place, so a crash never leaves half of it. If another process created the folder
 * meanwhile, that one wins and nothing is overwritten.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';

export interface FolderFile {
  readonly name: string;
  readonly content: string | Uint8Array;
  /** 0o600 for secrets; default 0o644. */
  readonly mode?: number;
}

/** `what` names the folder in errors ("demo credentials"). Returns false when the folder already existed. */
export function createFolderAtomically(folder: string, files: readonly FolderFile[], what: string): Result<boolean> {
  if (fs.existsSync(folder)) return success(false);
  const scratch = `${folder}.partial-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.mkdirSync(scratch, { recursive: true, mode: 0o700 });
    for (const file of files) fs.writeFileSync(path.join(scratch, file.name), file.content, { mode: file.mode ?? 0o644 });
    fs.renameSync(scratch, folder);
    return success(true);
  } catch (error) {
    try {
      fs.rmSync(scratch, { recursive: true, force: true });
    } catch {
      // Nothing was created there (its parent is not a folder); there is nothing to clean up.
    }
    if (fs.existsSync(folder)) return success(false);
    return failure('FILE_NOT_WRITABLE', `${what} ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
