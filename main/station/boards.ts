/**
 * Where a probe's boards come from. A real probe (J-Link, serial) has one board at a time, replaced
 * by the technician. A simulated probe `sim:PART` without a state file stands for a feeder of fresh
 * boards: each device gets a new simulated chip with its own random EUI-64 (unless the address fixes
 * one). `sim:PART@STATE` is one particular board, kept in its file: it is provisioned once per run.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';
import { parseProbeAddress } from '../probes/address';
import { openProbe, type OpenedProbe } from '../probes/open';
import { boardOnBench } from './bench';
import type { BoardWait } from './pipeline/types';

export interface BoardSource {
  readonly probe: string;
  /** Opens the board now on the probe. */
  connect(signal: AbortSignal, timeoutMs: number): Promise<Result<OpenedProbe>>;
  /** Whether another board can follow the current one without the technician. */
  hasMore(): boolean;
  /**
   * Sources whose boards a technician places (a bench): resolves when the next board is there,
   * saying what it waits for meanwhile. Absent for sources that always have a board ready.
   */
  waitForBoard?(signal: AbortSignal, onWaiting: (waitingFor: BoardWait) => void): Promise<Result<void>>;
}

/** Silicon Labs' OUI, then FFFE-free random bits: distinct chips for a simulated feeder. */
export function randomSimulatedEui64(random: (size: number) => Uint8Array = (size) => new Uint8Array(randomBytes(size))): string {
  return `14b457${Buffer.from(random(5)).toString('hex')}`;
}

function withQuery(address: string, key: string, value: string): string {
  return `${address}${address.includes('?') ? '&' : '?'}${key}=${value}`;
}

export interface BoardSourceOptions {
  /** How the probe is named in records; default its address. */
  readonly label?: string;
  /** Feeder boards keep their state in this folder (`<EUI-64>.sim`), so each can be read back later. */
  readonly keepBoardsIn?: string;
  readonly random?: (size: number) => Uint8Array;
  /** SEGGER's library for `jlink:` probes (the station settings' path); default the search. */
  readonly jlinkLibraryPath?: string | null;
}

export function boardSourceFor(probe: string, options: BoardSourceOptions = {}): Result<BoardSource> {
  const parsed = parseProbeAddress(probe);
  if (!parsed.ok) return parsed;
  const address = parsed.value;
  if (address.kind === 'jlink') return success(jlinkSource(probe, options.label ?? probe, options.jlinkLibraryPath ?? null));
  if (address.kind !== 'sim') return failure('PROBE_ADDRESS_UNAVAILABLE', `${probe}: serial-port probes are not available in this version yet`);
  if (address.options.bench !== undefined && address.stateFile !== null) {
    return success(benchSource(probe, address.stateFile, address.options.bench, options.label ?? probe));
  }
  const feeder = address.stateFile === null;
  let used = false;
  const [head = probe, query] = probe.split('?', 2);
  return success({
    probe: options.label ?? probe,
    hasMore: () => feeder || !used,
    async connect(signal) {
      if (signal.aborted) return failure('STATION_CANCELLED', 'connect');
      if (!feeder && used) return failure('STATION_NO_BOARD', `${probe}: this simulated board was already run; give its state file again to run it once more`);
      used = true;
      if (!feeder) return openProbe(probe);
      const eui = address.options.eui64 ?? randomSimulatedEui64(options.random);
      const board = options.keepBoardsIn === undefined ? head : `${head}@${path.join(options.keepBoardsIn, `${eui}.sim`)}`;
      return openProbe(withQuery(query === undefined ? board : `${board}?${query}`, 'eui', eui));
    },
  });
}

/**
 * A J-Link: the board on it now, one device per run (like a state-file board). The probe is opened
 * when the device starts; the probe worker process that runs this source is the one process that
 * loads SEGGER's library for this probe.
 */
function jlinkSource(probe: string, label: string, jlinkLibraryPath: string | null): BoardSource {
  let used = false;
  return {
    probe: label,
    hasMore: () => !used,
    async connect(signal) {
      if (signal.aborted) return failure('STATION_CANCELLED', 'connect');
      if (used) return failure('STATION_NO_BOARD', `${label}: the board on this J-Link was already run; start the run again for the next board`);
      used = true;
      return openProbe(probe, { jlinkLibraryPath });
    },
  };
}

/** How often a waiting bench is looked at: quick enough to feel immediate to the technician. */
export const BENCH_POLL_MS = 200;

/**
 * The boards a technician places on a bench (bench.ts). `once`: the board on it now, one device.
 * `wait` (hands-free): each board placed, until the lot is done; a board already run here must be
 * taken off before the next counts.
 */
function benchSource(probe: string, folder: string, mode: 'once' | 'wait', label: string): BoardSource {
  const [head = probe, query = ''] = probe.split('?', 2);
  const simHead = head.slice(0, head.indexOf('@'));
  const passOn = query.split('&').filter((pair) => pair !== '' && !pair.startsWith('bench='));
  const ranHere = new Set<string>();
  let used = false;
  const ready = () => {
    const board = boardOnBench(folder);
    return board !== null && !ranHere.has(board.eui64) ? board : null;
  };
  return {
    probe: label,
    hasMore: () => mode === 'wait' || !used,
    async waitForBoard(signal, onWaiting) {
      let told: BoardWait | null = null;
      for (;;) {
        if (signal.aborted) return failure('STATION_CANCELLED', `${label}: stopped waiting for a board`);
        if (ready() !== null) return success(undefined);
        if (mode === 'once') return failure('STATION_NO_BOARD', `${label}: the bench is empty; place a board, then start`);
        const waitingFor: BoardWait = boardOnBench(folder) === null ? 'board' : 'removal';
        if (waitingFor !== told) onWaiting(waitingFor);
        told = waitingFor;
        await new Promise((resolve) => setTimeout(resolve, BENCH_POLL_MS));
      }
    },
    async connect(signal) {
      if (signal.aborted) return failure('STATION_CANCELLED', 'connect');
      const board = ready();
      if (board === null) return failure('STATION_NO_BOARD', `${label}: no new board on the bench`);
      used = true;
      ranHere.add(board.eui64);
      return openProbe(`${simHead}@${board.stateFile}?${[...passOn, `eui=${board.eui64}`].join('&')}`);
    },
  };
}
