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

export interface BoardSource {
  readonly probe: string;
  /** Opens the board now on the probe. */
  connect(signal: AbortSignal, timeoutMs: number): Promise<Result<OpenedProbe>>;
  /** Whether another board can follow the current one without the technician. */
  hasMore(): boolean;
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
}

export function boardSourceFor(probe: string, options: BoardSourceOptions = {}): Result<BoardSource> {
  const parsed = parseProbeAddress(probe);
  if (!parsed.ok) return parsed;
  const address = parsed.value;
  if (address.kind !== 'sim') {
    return failure('PROBE_ADDRESS_UNAVAILABLE', `${probe}: ${address.kind === 'jlink' ? 'J-Link probes are' : 'serial-port probes are'} not available in this version yet`);
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
