/**
 * A simulated bench: the part of a real line where a technician puts a board on the probe's fixture
 * and takes it off again. The bench is a folder; `board.json` there names the board on it (its EUI-64)
 * and the board's flash lives beside it in `<EUI-64>.sim`. Placing a board writes a fresh EUI-64;
 * removing it moves its state file to a shelf folder (where QA can read it back later) or drops it.
 *
 * Hands-free mode waits on this (boards.ts): a board that appears is provisioned, then the station
 * waits for it to be taken off and the next one to arrive, as it would with a real fixture.
 */
import fs from 'node:fs';
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';
import { randomSimulatedEui64 } from './boards';

const MARKER = 'board.json';

export interface BenchBoard {
  /** 16 lower-case hex digits. */
  readonly eui64: string;
  /** The board's state file (exists once the board has been worked on). */
  readonly stateFile: string;
  /** The station has written this board's state: it was run on the bench already. */
  readonly worked: boolean;
}

/** The board on the bench now, or null when the bench is empty (or its marker unreadable). */
export function boardOnBench(folder: string): BenchBoard | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(folder, MARKER), 'utf8');
  } catch {
    return null;
  }
  const eui64 = /"eui64"\s*:\s*"([0-9a-f]{16})"/.exec(text)?.[1];
  if (eui64 === undefined) return null;
  const stateFile = path.join(folder, `${eui64}.sim`);
  return { eui64, stateFile, worked: fs.existsSync(stateFile) };
}

/** Puts a fresh board on an empty bench. */
export function placeBoard(folder: string, eui64: string = randomSimulatedEui64()): Result<BenchBoard> {
  if (boardOnBench(folder) !== null) return failure('STATION_BENCH_OCCUPIED', `${folder}: a board is on the bench; remove it first`);
  try {
    fs.mkdirSync(folder, { recursive: true });
    const temporary = path.join(folder, `.${MARKER}.${process.pid}.tmp`);
    fs.writeFileSync(temporary, `${JSON.stringify({ eui64 })}\n`);
    fs.renameSync(temporary, path.join(folder, MARKER));
  } catch (error) {
    return failure('FILE_NOT_WRITABLE', `bench ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const placed = boardOnBench(folder);
  return placed === null ? failure('FILE_NOT_WRITABLE', `bench ${folder}: the board marker did not stick`) : success(placed);
}

/** Takes the board off; its state file goes to `shelf` (kept for QA) when given and the board was worked on. */
export function removeBoard(folder: string, shelf: string | null): Result<BenchBoard> {
  const board = boardOnBench(folder);
  if (board === null) return failure('STATION_NO_BOARD', `the bench ${folder} is empty`);
  try {
    if (board.worked) {
      if (shelf === null) fs.rmSync(board.stateFile, { force: true });
      else {
        fs.mkdirSync(shelf, { recursive: true });
        fs.renameSync(board.stateFile, path.join(shelf, path.basename(board.stateFile)));
      }
    }
    fs.rmSync(path.join(folder, MARKER), { force: true });
  } catch (error) {
    return failure('FILE_NOT_WRITABLE', `bench ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return success(board);
}
