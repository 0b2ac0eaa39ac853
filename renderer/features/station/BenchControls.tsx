/**
 * The bench probes: which board is on each fixture, and — for the simulated bench — Place and Remove
 * buttons standing in for the technician's hands. In hands-free mode the line above them says what
 * the station waits for, in words and colour, so the technician knows when to swap the board.
 */
import { useState } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import type { ProbeInfo } from '../../../preload/contract/station';
import { ErrorPanel } from '../../components/ErrorPanel';
import { settle, station } from '../../station';
import type { BenchWait } from './useBenchWaiting';

interface BenchControlsProps {
  readonly probes: readonly ProbeInfo[];
  readonly waiting: Readonly<Record<string, BenchWait>>;
  /** A probe changed (a board placed or removed): the screen reads the probes again. */
  readonly onChanged: (probe: ProbeInfo) => void;
}

const waitText: Record<BenchWait, string> = {
  board: 'Waiting for the next board: place it on the bench.',
  removal: 'Done: take the finished board off the bench.',
};

export function BenchControls({ probes, waiting, onChanged }: BenchControlsProps) {
  const benches = probes.filter((probe) => probe.bench !== null);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [acting, setActing] = useState<string | null>(null);
  if (benches.length === 0) return null;

  const act = (probeId: string, action: 'placeBoard' | 'removeBoard') => {
    if (acting !== null) return;
    setActing(probeId);
    void settle(() => station().station[action]({ probeId })).then((result) => {
      setActing(null);
      if (result.ok) {
        setError(null);
        onChanged(result.value);
      } else setError(result.error);
    });
  };

  return (
    <section className="panel bench-controls" aria-labelledby="bench-controls-title" data-testid="bench-controls">
      <h2 id="bench-controls-title" className="section-heading">
        Bench
      </h2>
      {benches.map((probe) => {
        const bench = probe.bench;
        if (bench === null) return null;
        const wait = waiting[probe.id];
        const boardText = bench.board === null ? 'No board on the bench.' : `Board ${bench.board} on the bench${bench.worked ? ' (worked on)' : ' (new)'}.`;
        return (
          <div key={probe.id} className="bench-probe" data-testid={`bench-${probe.id}`}>
            <p className="bench-probe-label">{probe.label}</p>
            <p className={`bench-wait${wait === undefined ? '' : ` bench-wait-${wait}`}`} role="status" data-testid="bench-wait">
              {wait === undefined ? '\u00a0' : waitText[wait]}
            </p>
            <p className="bench-board" data-testid="bench-board">
              {boardText}
            </p>
            {bench.simulated && (
              <div className="bench-actions">
                <button
                  type="button"
                  className="button button-primary"
                  data-testid="bench-place"
                  aria-disabled={bench.board !== null || acting !== null}
                  onClick={() => (bench.board === null ? act(probe.id, 'placeBoard') : undefined)}
                >
                  Place a fresh board
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  data-testid="bench-remove"
                  aria-disabled={bench.board === null || acting !== null}
                  onClick={() => (bench.board !== null ? act(probe.id, 'removeBoard') : undefined)}
                >
                  Remove the board
                </button>
              </div>
            )}
          </div>
        );
      })}
      {error !== null && <ErrorPanel error={error} />}
    </section>
  );
}
