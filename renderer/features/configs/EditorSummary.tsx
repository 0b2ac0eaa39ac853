/**
 * The editor's summary (how many problems block saving, and the problems no field shows) and its
 * save bar (the Save button with, beside it, why it cannot save yet). Both keep their room, so
 * a check's answer does not move the form.
 */
import type { RefObject } from 'react';
import type { ConfigProblemView } from '../../../preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProblemLine } from './DraftInputs';
import type { DraftCheckState } from './useDraftCheck';

export function blockingText(blocking: number): string {
  return blocking === 1 ? '1 problem blocks saving' : `${blocking} problems block saving`;
}

interface EditorSummaryProps {
  readonly state: DraftCheckState;
  readonly blocking: number;
  readonly unplaced: readonly ConfigProblemView[];
  readonly summaryRef: RefObject<HTMLDivElement | null>;
}

export function EditorSummary({ state, blocking, unplaced, summaryRef }: EditorSummaryProps) {
  const { check, error } = state;
  const tone = check === null ? 'pending' : blocking > 0 ? 'fail' : 'pass';
  return (
    <div className={`panel config-summary config-summary-${tone}`} tabIndex={-1} ref={summaryRef} data-testid="config-summary" aria-labelledby="config-summary-count">
      <p className="config-summary-count" id="config-summary-count" role="status" data-testid="config-summary-count" data-blocking={check === null ? undefined : blocking}>
        {check === null ? 'Checking the configuration…' : blocking > 0 ? `${blockingText(blocking)}.` : 'Nothing blocks saving.'}
        {check !== null && !state.current && <span className="config-summary-rechecking"> Checking the latest change…</span>}
      </p>
      {unplaced.length > 0 && (
        <div className="config-summary-problems" data-testid="config-summary-problems">
          {unplaced.map((problem, index) => (
            <ProblemLine key={`${problem.code}-${index}`} problem={problem} />
          ))}
        </div>
      )}
      {error !== null && <ErrorPanel error={error} />}
    </div>
  );
}

interface SaveBarProps {
  readonly state: DraftCheckState;
  readonly blocking: number;
  readonly canSave: boolean;
  readonly saving: boolean;
  readonly onSave: () => void;
}

function whyNot({ state, blocking, saving }: SaveBarProps): string {
  if (saving) return 'Saving…';
  if (state.error !== null) return 'The configuration could not be checked; see the message above.';
  if (state.check === null || !state.current) return 'Waiting for the check of the latest change.';
  if (blocking > 0) return `${blockingText(blocking)}: each message is next to its field.`;
  return 'Saves a new draft version; QA approves it with a sample lot.';
}

export function SaveBar(props: SaveBarProps) {
  const { canSave, saving, onSave } = props;
  return (
    <div className="panel config-save-bar">
      <button
        type="button"
        className="button button-primary config-save"
        data-testid="config-save"
        aria-disabled={!canSave}
        aria-describedby="config-save-why"
        onClick={onSave}
      >
        {saving ? 'Saving…' : 'Save configuration'}
      </button>
      <p className="config-save-why" id="config-save-why" data-testid="config-save-why">
        {whyNot(props)}
      </p>
    </div>
  );
}
