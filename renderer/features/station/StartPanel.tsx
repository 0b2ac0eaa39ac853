/**
 * Choosing what to run: a lot that can still run (open or running, shown as "name (passed/quantity)"),
 * the probes to run it on (each with its note and state), and one big Start button. Enter anywhere
 * in the panel starts, so a technician with gloves runs a lot from the keyboard alone.
 */
import { useId, type FormEvent, type KeyboardEvent } from 'react';
import type { LotSummary } from '../../../preload/contract/lots';
import type { ProbeInfo } from '../../../preload/contract/station';

interface StartPanelProps {
  readonly lots: readonly LotSummary[];
  readonly probes: readonly ProbeInfo[];
  readonly lotId: number | null;
  readonly probeIds: readonly string[];
  readonly onLot: (lotId: number) => void;
  readonly onProbes: (probeIds: string[]) => void;
  readonly onStart: () => void;
  /** A run is going on, or a start is being answered. */
  readonly busy: boolean;
  /** One sentence on why Start would be refused now; null when it may start. */
  readonly problem: string | null;
  readonly handsFree: boolean;
  readonly onHandsFree: (on: boolean) => void;
}

export const probeStateLabel: Record<ProbeInfo['state'], string> = { idle: 'ready', busy: 'busy', unavailable: 'unavailable' };

export function runnableLots(lots: readonly LotSummary[]): LotSummary[] {
  return lots.filter((lot) => lot.status === 'open' || lot.status === 'running');
}

export function StartPanel({ lots, probes, lotId, probeIds, onLot, onProbes, onStart, busy, problem, handsFree, onHandsFree }: StartPanelProps) {
  const lotFieldId = useId();
  const problemId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && problem === null) onStart();
  };
  // Browsers submit a form on Enter only from a text field; here Enter on the lot or a probe starts too.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || target.tagName === 'BUTTON' || target.tagName === 'SUMMARY') return;
    submit(event);
  };
  const toggle = (id: string, checked: boolean) => {
    onProbes(checked ? [...probeIds.filter((p) => p !== id), id] : probeIds.filter((p) => p !== id));
  };

  return (
    <form className="panel station-start" data-testid="station-start" onSubmit={submit} onKeyDown={onKeyDown} aria-label="Start a run">
      <div className="field">
        <label className="field-label" htmlFor={lotFieldId}>
          Lot
        </label>
        <select
          id={lotFieldId}
          className="field-input field-select"
          data-testid="station-lot"
          value={lotId ?? ''}
          disabled={busy}
          onChange={(event) => onLot(Number(event.target.value))}
        >
          {lotId === null && <option value="">No lot can run now</option>}
          {lots.map((lot) => (
            <option key={lot.id} value={lot.id}>{`${lot.name} (${lot.passed}/${lot.quantity})`}</option>
          ))}
        </select>
      </div>

      <fieldset className="choice-group station-probes" disabled={busy}>
        <legend className="field-label">Probes</legend>
        <div className="choice-options">
          {probes.map((probe) => (
            <label key={probe.id} className="choice" data-testid={`station-probe-${probe.id}`}>
              <input
                type="checkbox"
                checked={probeIds.includes(probe.id)}
                disabled={probe.state === 'unavailable'}
                onChange={(event) => toggle(probe.id, event.target.checked)}
              />
              <span className="choice-text">
                <span className="choice-label">{probe.label}</span>
                <span className="choice-hint">{probe.note}</span>
                <span className={`probe-state probe-state-${probe.state}`} data-testid="station-probe-state">
                  {`${probe.id} · ${probeStateLabel[probe.state]}`}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <label className="choice station-hands-free" data-testid="station-hands-free">
        <input type="checkbox" checked={handsFree} disabled={busy} onChange={(event) => onHandsFree(event.target.checked)} />
        <span className="choice-text">
          <span className="choice-label">Hands-free</span>
          <span className="choice-hint">Bench probes start on each board as it is placed, until the lot is done or cancelled.</span>
        </span>
      </label>

      <div className="station-start-actions">
        <button
          type="submit"
          className="button button-primary station-start-button"
          data-testid="station-start-button"
          aria-disabled={busy || problem !== null}
          aria-describedby={problem !== null ? problemId : undefined}
        >
          Start
        </button>
        <p className="field-problem" id={problemId} data-testid="station-start-problem">
          {busy ? null : problem}
        </p>
      </div>
    </form>
  );
}
