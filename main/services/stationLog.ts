/**
 * The station's own log: what the window's services did (settings changed, runs started and
 * finished, calls that failed), one JSON object per line in `<logs>/matterline.log`. It is for
 * people diagnosing a station, and Settings → Export logs zips it; the audit trail is the
 * database's hash-chained events, not this file.
 *
 * When the file passes ~5 MB it is rotated (matterline.log → .1 → .2, the oldest dropped), so the
 * station keeps at most three files. Writing never fails the caller: a log that cannot be written
 * must not stop a run, so `write` answers false instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { logsFolder } from './stationFolders';

export const STATION_LOG_FILE = 'matterline.log';
export const STATION_LOG_ROTATE_BYTES = 5 * 1024 * 1024;
/** The current file and two rotated ones. */
export const STATION_LOG_FILES = 3;

export type StationLogLevel = 'info' | 'warn' | 'error';

/** Values a log line may carry (never PINs, keys or passcodes). */
export type StationLogFields = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export interface StationLog {
  /** The log file being written. */
  readonly file: string;
  /** Appends one line; false when it could not be written. */
  write(level: StationLogLevel, event: string, fields?: StationLogFields): boolean;
}

export interface StationLogOptions {
  readonly now?: () => Date;
  /** Tests only: a smaller rotation size. */
  readonly rotateBytes?: number;
}

export function createStationLog(userDataDir: string, options: StationLogOptions = {}): StationLog {
  const folder = logsFolder(userDataDir);
  const file = path.join(folder, STATION_LOG_FILE);
  const now = options.now ?? (() => new Date());
  const rotateBytes = options.rotateBytes ?? STATION_LOG_ROTATE_BYTES;
  return {
    file,
    write(level, event, fields = {}) {
      const line = `${JSON.stringify({ at: now().toISOString(), level, event, ...fields })}\n`;
      try {
        fs.mkdirSync(folder, { recursive: true });
        if (sizeOf(file) + Buffer.byteLength(line) > rotateBytes) rotate(file);
        fs.appendFileSync(file, line, { mode: 0o644 });
        return true;
      } catch {
        return false;
      }
    },
  };
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** matterline.log.1 → .2 (replacing the oldest), matterline.log → .1; the next write starts a new file. */
function rotate(file: string): void {
  for (let index = STATION_LOG_FILES - 1; index >= 1; index -= 1) {
    const from = index === 1 ? file : `${file}.${index - 1}`;
    if (fs.existsSync(from)) fs.renameSync(from, `${file}.${index}`);
  }
}
