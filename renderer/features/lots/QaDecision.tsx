/**
 * QA's decision on one sample lot that finished running: notes, then Approve or Reject. A rejection
 * needs a reason, said on the field before anything is sent; approving freezes the configuration.
 */
import { useRef, useState } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import type { LotSummary } from '../../../preload/contract/lots';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { settle, station } from '../../station';
import { configurationName, NOTES_MAX_LENGTH, progressText, REJECT_REASON_PROBLEM, yieldText } from './lotsModel';

interface QaDecisionProps {
  readonly lot: LotSummary;
  readonly onDecided: (lot: LotSummary) => void;
}

export function QaDecision({ lot, onDecided }: QaDecisionProps) {
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const notesRef = useRef<HTMLInputElement>(null);
  const titleId = `lot-decision-${lot.id}-title`;

  const decide = async (decision: 'approved' | 'rejected') => {
    if (busy) return;
    const reason = notes.trim();
    if (decision === 'rejected' && reason === '') {
      setProblem(REJECT_REASON_PROBLEM);
      notesRef.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    const result = await settle(() => station().lots.decide({ lotId: lot.id, decision, ...(reason === '' ? {} : { reason }) }));
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    onDecided(result.value);
  };

  return (
    <section className="panel lot-decision" data-testid={`lot-decision-${lot.name}`} aria-labelledby={titleId}>
      <h3 id={titleId} className="lot-decision-title">
        {`Sample lot ${lot.name}`}
      </h3>
      <p className="lot-decision-facts">
        {`${progressText(lot)} passed · ${lot.failed} failed · yield ${yieldText(lot.yield)} · ${configurationName(lot.configuration)}`}
      </p>
      {/* A form so Enter in the notes approves; Reject is its own button. */}
      <form
        className="lot-decision-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void decide('approved');
        }}
      >
        <Field
          label="QA notes"
          hint="Required to reject."
          testId="lot-decision-notes"
          value={notes}
          onChange={setNotes}
          problem={problem}
          maxLength={NOTES_MAX_LENGTH}
          inputRef={notesRef}
        />
        <div className="toolbar">
          <button type="submit" className="button button-approve" data-testid="lot-approve" aria-disabled={busy}>
            Approve
          </button>
          <button type="button" className="button button-reject" data-testid="lot-reject" aria-disabled={busy} onClick={() => void decide('rejected')}>
            Reject
          </button>
        </div>
      </form>
      <div className="lot-decision-error">{error !== null && <ErrorPanel error={error} />}</div>
    </section>
  );
}
