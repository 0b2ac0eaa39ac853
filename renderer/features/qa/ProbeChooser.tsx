/**
 * Choosing the board to read back: one radio per probe (label and note), Refresh to look again, and
 * Read back. Enter anywhere in the panel reads the chosen board, so an inspector works from the
 * keyboard alone; arrow keys move between the boards as in any radio group.
 */
import { useId, type FormEvent, type KeyboardEvent } from 'react';
import type { ReadbackProbe } from '../../../preload/contract/qa';

interface ProbeChooserProps {
  readonly probes: readonly ReadbackProbe[] | null;
  readonly probeId: string | null;
  readonly onProbe: (probeId: string) => void;
  readonly onRefresh: () => void;
  readonly onReadBack: () => void;
  /** A read-back is going on. */
  readonly busy: boolean;
}

export function ProbeChooser({ probes, probeId, onProbe, onRefresh, onReadBack, busy }: ProbeChooserProps) {
  const problemId = useId();
  const problem = probes === null ? 'Looking for boards…' : probes.length === 0 ? 'No board to read back: boards a lot run provisions on the Station screen appear here.' : probeId === null ? 'Choose a board to read back.' : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && problem === null) onReadBack();
  };
  // Browsers submit a form on Enter only from a text field; here Enter on a board reads it back too.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || target.tagName === 'BUTTON') return;
    submit(event);
  };

  return (
    <form className="panel qa-chooser" data-testid="qa-chooser" onSubmit={submit} onKeyDown={onKeyDown} aria-label="Read back a board">
      <fieldset className="choice-group qa-probes" disabled={busy}>
        <legend className="field-label">Board to read back</legend>
        <div className="choice-options qa-probe-options">
          {(probes ?? []).map((probe) => (
            <label key={probe.id} className="choice" data-testid={`qa-probe-${probe.id}`}>
              <input type="radio" name="qa-probe" value={probe.id} checked={probeId === probe.id} onChange={() => onProbe(probe.id)} />
              <span className="choice-text">
                <span className="choice-label">{probe.label}</span>
                <span className="choice-hint">{probe.note}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="qa-chooser-actions">
        <button type="submit" className="button button-primary qa-read-button" data-testid="qa-read" aria-disabled={busy || problem !== null} aria-describedby={problem !== null ? problemId : undefined}>
          {busy ? 'Reading back…' : 'Read back'}
        </button>
        <button type="button" className="button button-quiet" data-testid="qa-refresh" onClick={busy ? undefined : onRefresh} aria-disabled={busy}>
          Refresh
        </button>
        <p className="field-problem" id={problemId} data-testid="qa-read-problem">
          {busy ? null : problem}
        </p>
      </div>
    </form>
  );
}
