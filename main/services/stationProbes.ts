/**
 * The station's probes as the run screen lists them. Main owns their addresses (a simulated board's
 * state file is a path); the window names a probe by id only. For now only simulated probes: J-Link
 * and serial probes arrive with issue 8.
 *
 * `sim-unplug` stands for a probe whose cable is pulled during the write: its first run is one
 * simulated board (kept in a state file) that disconnects part-way through the credential write,
 * so that run ends after that one device with FAIL at `write`. The technician "plugs it back in":
 * every later run on it is a healthy feeder, so Retry continues the lot.
 *
 * `sim-bench` is a fixture a technician puts boards on (main/station/bench.ts): the window's Place and
 * Remove buttons stand in for their hands. Hands-free mode waits on it for each next board.
 */
import path from 'node:path';
import type { ProbeInfo } from '../../preload/contract/station';
import { boardOnBench } from '../station/bench';
import { DEMO_PART } from './demoConfiguration';

const FEEDER = `sim:${DEMO_PART}`;

/**
 * Bytes on the wire after which the unplugging board drops off. With the demo configuration the
 * connect … key steps move about 58 000 bytes and the write step starts after them; 59 000 lands in
 * the write (measured: 58 500–59 500 fail at `write`; the station test checks the step).
 */
export const UNPLUG_AFTER_BYTES = 59_000;

interface ProbeEntry {
  readonly id: string;
  readonly label: string;
  readonly note: string;
  /** The address of the probe's next run; `runs` is how many runs it has had. */
  readonly address: (runs: number, handsFree: boolean) => string;
  /** A bench probe's folder (boards placed by hand). */
  readonly bench?: string;
}

export interface StationProbes {
  /** Every probe with its state now. */
  list(): ProbeInfo[];
  /** Whether the station has a probe with this id. */
  has(id: string): boolean;
  isBusy(id: string): boolean;
  /** Marks the probes busy and returns their addresses for this run, in the order given. */
  claim(ids: readonly string[], options?: { readonly handsFree?: boolean }): string[];
  /** A simulated bench probe's folder, or null for any other probe. */
  benchFolder(id: string): string | null;
  /** One probe with its state now. */
  info(id: string): ProbeInfo | null;
  release(ids: readonly string[]): void;
}

export function createStationProbes(options: { readonly boardsDir: string }): StationProbes {
  const benchFolder = path.join(options.boardsDir, 'bench');
  const entries: readonly ProbeEntry[] = [
    { id: 'sim-1', label: 'Simulated MG24 #1', note: 'A fresh board for each device.', address: () => FEEDER },
    { id: 'sim-2', label: 'Simulated MG24 #2', note: 'A fresh board for each device.', address: () => FEEDER },
    { id: 'sim-locked', label: 'Simulated MG24, delivered locked', note: 'Each board arrives debug-locked.', address: () => `${FEEDER}?locked=standard` },
    {
      id: 'sim-unplug',
      label: 'Simulated MG24, unplugs during write',
      note: 'The first board is unplugged during the credential write; after that, a fresh board for each device.',
      address: (runs) => (runs === 0 ? `${FEEDER}@${path.join(options.boardsDir, `unplugged-${Date.now()}.sim`)}?fault=disconnect-after:${UNPLUG_AFTER_BYTES}` : FEEDER),
    },
    {
      id: 'sim-bench',
      label: 'Simulated bench MG24',
      note: 'Boards are placed and removed by hand (the Place and Remove buttons); hands-free mode starts on each board placed.',
      address: (_runs, handsFree) => `${FEEDER}@${benchFolder}?bench=${handsFree ? 'wait' : 'once'}`,
      bench: benchFolder,
    },
  ];
  const busy = new Set<string>();
  const runs = new Map<string, number>();
  const entry = (id: string): ProbeEntry | undefined => entries.find((candidate) => candidate.id === id);

  const infoOf = (probe: ProbeEntry): ProbeInfo => {
    const board = probe.bench === undefined ? null : boardOnBench(probe.bench);
    return {
      id: probe.id,
      label: probe.label,
      kind: 'simulated',
      note: probe.note,
      state: busy.has(probe.id) ? 'busy' : 'idle',
      bench: probe.bench === undefined ? null : { board: board?.eui64.toUpperCase() ?? null, worked: board?.worked ?? false, simulated: true },
    };
  };

  return {
    list: () => entries.map(infoOf),
    info: (id) => {
      const probe = entry(id);
      return probe === undefined ? null : infoOf(probe);
    },
    benchFolder: (id) => entry(id)?.bench ?? null,
    has: (id) => entry(id) !== undefined,
    isBusy: (id) => busy.has(id),
    claim(ids, claimOptions) {
      return ids.map((id) => {
        const probe = entry(id);
        if (probe === undefined) throw new Error(`claim of unknown probe ${id}: check has() first`);
        busy.add(id);
        const count = runs.get(id) ?? 0;
        runs.set(id, count + 1);
        return probe.address(count, claimOptions?.handsFree === true);
      });
    },
    release(ids) {
      for (const id of ids) busy.delete(id);
    },
  };
}
