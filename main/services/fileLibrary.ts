/**
 * The station's file library: files picked in the window, kept by content under
 * `<user-data>/files/<sha256>/<name>` (stationFolders.ts) and named from then on by their SHA-256.
 * A file is written once, atomically (a scratch file linked into place), and never overwritten: the
 * same bytes picked again are the same file; picked under another name they gain a second name in the
 * same folder, and the id stays the SHA-256. Saved configurations name these paths, so the bytes an
 * approval covers stay on disk exactly as they were.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';
import type { StoredFile } from '../../preload/contract/files';
import { linkNewFile } from './linkNewFile';
import { fileLibraryFolder } from './stationFolders';

/** 16 MiB: larger than any PAI, CD, key, JSON or EFR32 firmware image (files.ts allows this much base64). */
export const MAX_STORED_FILE_BYTES = 16 * 1024 * 1024;

const STORED_FILE_ID = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Scratch files are written here, then linked into their sha256 folder. */
const SCRATCH_FOLDER = '.partial';

export function isStoredFileId(value: string): boolean {
  return STORED_FILE_ID.test(value);
}

/**
 * The bytes of a file the window sent (files.ts upload): strict padded base64, checked and sized
 * before decoding (a huge string should not become a huge buffer first). Every upload goes through it.
 */
export function decodeUpload(upload: { readonly name: string; readonly contentBase64: string }, maxBytes: number = MAX_STORED_FILE_BYTES): Result<Uint8Array> {
  const text = upload.contentBase64;
  if (text.length % 4 !== 0 || !BASE64.test(text)) return failure('FILE_UPLOAD_NOT_BASE64', `${upload.name}: the content is not standard padded base64`);
  if ((text.length / 4) * 3 > maxBytes + 2) return failure('FILE_UPLOAD_TOO_LARGE', `${upload.name}: larger than ${maxBytes} bytes`);
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  if (bytes.length > maxBytes) return failure('FILE_UPLOAD_TOO_LARGE', `${upload.name}: ${bytes.length} bytes is larger than ${maxBytes} bytes`);
  return success(bytes);
}

/** Keeps a picked file sent as base64 (configs.upload). */
export function storeUpload(userDataDir: string, upload: { readonly name: string; readonly contentBase64: string }): Result<StoredFile> {
  const bytes = decodeUpload(upload);
  return bytes.ok ? storeFile(userDataDir, upload.name, bytes.value) : bytes;
}

/** Keeps `bytes` under `name`; the same bytes under the same name are the file already kept. */
export function storeFile(userDataDir: string, name: string, bytes: Uint8Array): Result<StoredFile> {
  const named = checkName(name);
  if (!named.ok) return named;
  if (bytes.length === 0) return failure('FILE_UPLOAD_EMPTY', name);
  if (bytes.length > MAX_STORED_FILE_BYTES) return failure('FILE_UPLOAD_TOO_LARGE', `${name}: ${bytes.length} bytes is larger than ${MAX_STORED_FILE_BYTES}`);
  const id = crypto.createHash('sha256').update(bytes).digest('hex');
  const library = fileLibraryFolder(userDataDir);
  const target = path.join(library, id, name);
  if (fs.existsSync(target)) return success({ id, name, size: bytes.length });
  try {
    // PAI keys are among these files: readable by the station's user only. A file kept meanwhile
    // under the same name by another call holds the same bytes (same id), so it is the answer too.
    linkNewFile(path.join(library, SCRATCH_FOLDER), bytes, 0o600, (attempt) => (attempt === 1 ? target : null));
  } catch (error) {
    return failure('FILE_NOT_WRITABLE', `file library ${target}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return success({ id, name, size: bytes.length });
}

/** Copies an existing file into the library by content (a saved configuration's file, a Settings certificate). */
export function registerFile(userDataDir: string, absolutePath: string): Result<StoredFile> {
  let bytes: Uint8Array;
  try {
    const stat = fs.statSync(absolutePath);
    if (!stat.isFile()) return failure('FILE_UNREADABLE', `${absolutePath} is not a file`);
    if (stat.size > MAX_STORED_FILE_BYTES) return failure('FILE_UPLOAD_TOO_LARGE', `${absolutePath}: ${stat.size} bytes is larger than ${MAX_STORED_FILE_BYTES}`);
    bytes = new Uint8Array(fs.readFileSync(absolutePath));
  } catch (error) {
    return failure('FILE_UNREADABLE', `${absolutePath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return storeFile(userDataDir, path.basename(absolutePath), bytes);
}

/** The kept file `id`: its first name (the oldest, so a later second name never changes it) and size. */
export function storedFile(userDataDir: string, id: string): Result<StoredFile & { readonly path: string }> {
  if (!isStoredFileId(id)) return failure('FILE_NOT_IN_LIBRARY', `"${id}" is not a stored file id (64 lower-case hex digits)`);
  const folder = path.join(fileLibraryFolder(userDataDir), id);
  let names: Array<{ name: string; size: number; time: number }>;
  try {
    names = fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const stat = fs.statSync(path.join(folder, entry.name));
        return { name: entry.name, size: stat.size, time: stat.mtimeMs };
      });
  } catch {
    names = [];
  }
  names.sort((a, b) => a.time - b.time || a.name.localeCompare(b.name));
  const first = names[0];
  if (first === undefined) return failure('FILE_NOT_IN_LIBRARY', `stored file ${id}`);
  return success({ id, name: first.name, size: first.size, path: path.join(folder, first.name) });
}

/** The absolute path of the kept file `id`. */
export function storedFilePath(userDataDir: string, id: string): Result<string> {
  const found = storedFile(userDataDir, id);
  return found.ok ? success(found.value.path) : found;
}

function checkName(name: string): Result<string> {
  if (name.trim() === '' || name === '.' || name === '..' || /[/\\\0]/.test(name) || name.length > 200) {
    return failure('FILE_NAME_INVALID', JSON.stringify(name));
  }
  return success(name);
}
