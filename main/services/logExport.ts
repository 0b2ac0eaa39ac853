/**
 * Settings → Export logs: one zip an engineer can attach to a report. It holds every file in the
 * station's logs folder, `versions.json` (what software this station runs, and which station it is)
 * and `audit-head.json` (the audit chain's length and head hash, checked now: whoever receives the
 * zip can later tell whether the station's events were edited or cut short since).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { failure, success, type Result } from '../../preload/contract/errors';
import type { Download } from '../../preload/contract/files';
import { STATION_VERSION } from '../config/version';
import type { StationDatabase } from '../store/database';
import { logsFolder } from './stationFolders';

export const VERSIONS_FILE = 'versions.json';
export const AUDIT_HEAD_FILE = 'audit-head.json';

export function exportLogs(db: StationDatabase, userDataDir: string, now: Date): Result<Download> {
  const folder = logsFolder(userDataDir);
  const entries: Zippable = {};
  const logs = readLogFiles(folder);
  if (!logs.ok) return logs;
  for (const [name, bytes] of logs.value) entries[`logs/${name}`] = bytes;
  const stationId = db.station.stationId();
  entries[VERSIONS_FILE] = json(versions(db, stationId, now));
  entries[AUDIT_HEAD_FILE] = json(auditHead(db, now));
  let zipped: Uint8Array;
  try {
    zipped = zipSync(entries, { level: 6, mtime: now });
  } catch (error) {
    return failure('SETTINGS_LOG_EXPORT_FAILED', `${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return success({
    fileName: `matterline-logs-${stationId}-${timestamp(now)}.zip`,
    mimeType: 'application/zip',
    contentBase64: Buffer.from(zipped).toString('base64'),
  });
}

/** Every regular file at the top of the logs folder; none yet (a fresh station) is an empty list. */
function readLogFiles(folder: string): Result<Array<[string, Uint8Array]>> {
  if (!fs.existsSync(folder)) return success([]);
  try {
    return success(
      fs
        .readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
        .sort()
        .map((name): [string, Uint8Array] => [name, new Uint8Array(fs.readFileSync(path.join(folder, name)))]),
    );
  } catch (error) {
    return failure('SETTINGS_LOG_EXPORT_FAILED', `${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function versions(db: StationDatabase, stationId: string, now: Date) {
  return {
    matterline: STATION_VERSION,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    chromium: process.versions.chrome ?? null,
    os: { platform: process.platform, release: os.release(), arch: process.arch },
    schemaVersion: db.schemaVersion(),
    stationId,
    exportedAt: now.toISOString(),
  };
}

function auditHead(db: StationDatabase, now: Date) {
  const chain = db.events.verifyChain();
  return chain.ok
    ? { checkedAt: now.toISOString(), chainIntact: true, count: chain.count, headHash: chain.headHash }
    : { checkedAt: now.toISOString(), chainIntact: false, brokenSeq: chain.brokenSeq, reason: chain.reason };
}

function json(value: unknown): Uint8Array {
  return strToU8(`${JSON.stringify(value, null, 2)}\n`);
}

/** yyyymmdd-hhmmss in UTC, so two stations' exports sort the same way. */
function timestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}
