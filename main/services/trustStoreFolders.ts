/**
 * Builds the PAA trust store from folders the user points to: an export of the DCL's PAAs, or the
 * Matter SDK's credentials/development/paa-root-certs for test devices. This is the file-reading
 * half; TrustStore (main/matter/certificates/trustStore.ts) decides what is a usable PAA.
 *
 * Only the top level of each folder is read, and only files named like certificates (.pem, .der,
 * .crt, .cer); other files are listed as ignored rather than rejected, so a README or a key next to
 * the roots does not look like a problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';
import { TrustStore, type RejectedTrustSource, type TrustSource } from '../matter/certificates/trustStore';

export const CERTIFICATE_FILE_EXTENSIONS = ['.pem', '.der', '.crt', '.cer'];
/** A PAA file is a few hundred bytes; a bundle of every DCL PAA is well under this. */
export const MAX_TRUST_FILE_BYTES = 4 * 1024 * 1024;

export interface LoadedTrustStore {
  readonly store: TrustStore;
  /** Certificate files (or certificates in a bundle) that are not usable PAAs, with the reason. */
  readonly rejected: readonly RejectedTrustSource[];
  /** Files skipped because their names do not look like certificates. */
  readonly ignored: readonly string[];
}

export function loadTrustStoreFolders(folders: readonly string[]): Result<LoadedTrustStore> {
  const sources: TrustSource[] = [];
  const rejected: RejectedTrustSource[] = [];
  const ignored: string[] = [];
  for (const folder of folders) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      return failure('TRUST_FOLDER_UNREADABLE', `${folder}: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(folder, entry.name);
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      if (!CERTIFICATE_FILE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
        ignored.push(file);
        continue;
      }
      try {
        const size = fs.statSync(file).size;
        if (size > MAX_TRUST_FILE_BYTES) {
          rejected.push({ source: file, reason: `${size} bytes is larger than the ${MAX_TRUST_FILE_BYTES}-byte limit` });
          continue;
        }
        sources.push({ name: file, bytes: new Uint8Array(fs.readFileSync(file)) });
      } catch (error) {
        rejected.push({ source: file, reason: `cannot be read: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  }
  const store = TrustStore.fromCertificates(sources);
  const allRejected = [...rejected, ...store.rejected];
  if (store.size === 0) {
    const why = allRejected.length === 0 ? 'no certificate files were found' : allRejected.map((item) => `${item.source}: ${item.reason}`).join('; ');
    return failure('TRUST_STORE_EMPTY', `${folders.join(', ')}: ${why}`);
  }
  return success({ store, rejected: allRejected, ignored });
}
