/**
 * Where QA can read a board. In simulation each board a simulated feeder provisioned is kept as
 * `<boardsDir>/provisioned/<eui-64>.sim` (stationHandlers.ts), so QA's probes are those kept boards:
 * the window names one by a stable id (`board-<eui-64>`), and only main turns that id into a probe
 * address with the file's path. The id is checked against a strict pattern, so nothing the window
 * sends can name a file outside the kept boards' folder.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';
import type { ReadbackProbe } from '../../preload/contract/qa';
import type { StationDatabase } from '../store/database';
import { DEMO_PART } from './demoConfiguration';

/** The file names runs keep boards under: the EUI-64 as 16 lower-case hex digits (boards.ts). */
const KEPT_BOARD_FILE = /^([0-9a-f]{16})\.sim$/;
const KEPT_BOARD_ID = /^board-([0-9a-f]{16})$/;

export interface KeptBoard {
  /** 16 lower-case hex digits. */
  readonly eui64: string;
  readonly file: string;
  readonly modifiedMs: number;
}

/** The kept boards, the most recently provisioned (or read) first. */
export function keptBoards(dir: string): KeptBoard[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    // No run has kept a board yet: the folder is made by the first run.
    return [];
  }
  const boards: KeptBoard[] = [];
  for (const name of names) {
    const match = KEPT_BOARD_FILE.exec(name);
    if (match === null) continue;
    const file = path.join(dir, name);
    try {
      const stat = statSync(file);
      if (stat.isFile()) boards.push({ eui64: match[1] as string, file, modifiedMs: stat.mtimeMs });
    } catch {
      // Removed while listing: it is simply not there.
    }
  }
  return boards.sort((a, b) => b.modifiedMs - a.modifiedMs || a.eui64.localeCompare(b.eui64));
}

/** One probe per kept board, with the device and lot the station recorded for it, if any. */
export function keptBoardProbes(dir: string, db: StationDatabase): ReadbackProbe[] {
  return keptBoards(dir).map((board) => {
    const eui = board.eui64.toUpperCase();
    return { id: `board-${board.eui64}`, label: `Simulated board ${eui}`, kind: 'simulated', note: recordNote(db, eui) };
  });
}

function recordNote(db: StationDatabase, eui: string): string {
  const device = db.devices.findByUniqueChipId(eui);
  if (!device.ok) return 'No record of this board on this station.';
  const lot = db.lots.get(device.value.lotId);
  return `Device ${device.value.serialNumber} in lot ${lot.ok ? lot.value.name : `#${device.value.lotId}`} (${device.value.status}).`;
}

/** The probe address of a kept board named by its id; QA_PROBE_UNKNOWN for any other id or a board no longer kept. */
export function keptBoardAddress(dir: string, probeId: string): Result<string> {
  const match = KEPT_BOARD_ID.exec(probeId);
  if (match === null) return failure('QA_PROBE_UNKNOWN', `"${probeId.slice(0, 80)}" is not a probe or board of this station`);
  const file = path.join(dir, `${match[1] as string}.sim`);
  try {
    // openProbe would make a fresh board for a missing file; a board that is gone must say so instead.
    if (!statSync(file).isFile()) return failure('QA_PROBE_UNKNOWN', `board ${probeId} is not kept on this station`);
  } catch {
    return failure('QA_PROBE_UNKNOWN', `board ${probeId} is no longer kept on this station`);
  }
  return success(`sim:${DEMO_PART}@${file}`);
}

// Issue 8: the station's J-Link and serial probes are listed here too (kind 'jlink' / 'serial'),
// ahead of the kept simulated boards, each id mapped to its address the same way.
