/**
 * Making a lot (engineers): name, kind, the saved configuration it is made on, quantity and notes.
 * Enter submits. Typing slips get their sentence on the field; what main refuses (a production lot
 * on a configuration QA has not approved, a name already used) arrives as the catalogue's sentence
 * into room kept beside the form, so nothing moves.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import type { ConfigurationSummary, LotSummary } from '../../../preload/contract/lots';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { settle, station } from '../../station';
import {
  checkDraft,
  configurationOption,
  hasDraftProblems,
  hex16,
  NAME_MAX_LENGTH,
  noDraftProblems,
  NOTES_MAX_LENGTH,
  shortHash,
  type LotDraft,
  type LotDraftProblems,
} from './lotsModel';

interface CreateLotFormProps {
  readonly configurations: readonly ConfigurationSummary[];
  readonly onCreated: (lot: LotSummary) => void;
}

const kinds = [
  { value: 'sample', label: 'Sample', hint: 'a few devices for QA to approve the configuration' },
  { value: 'production', label: 'Production', hint: 'needs an approved configuration' },
] as const;

export function CreateLotForm({ configurations, onCreated }: CreateLotFormProps) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<LotDraft['kind']>('sample');
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [quantity, setQuantity] = useState('');
  const [notes, setNotes] = useState('');
  const [problems, setProblems] = useState<LotDraftProblems>(noDraftProblems);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const configurationRef = useRef<HTMLSelectElement>(null);
  const quantityRef = useRef<HTMLInputElement>(null);
  const ids = useId();

  // Until the engineer picks one, the newest configuration is the one offered.
  const configurationId = configurations.some((c) => c.id === chosenId) ? chosenId : (configurations[0]?.id ?? null);
  const chosen = configurations.find((c) => c.id === configurationId) ?? null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const draft: LotDraft = { name, kind, configurationId, quantity, notes };
    const found = checkDraft(draft);
    setProblems(found);
    setCreated(null);
    if (hasDraftProblems(found) || configurationId === null) {
      (found.name !== null ? nameRef : found.configuration !== null ? configurationRef : quantityRef).current?.focus();
      return;
    }
    setBusy(true);
    const trimmedNotes = notes.trim();
    const result = await settle(() =>
      station().lots.create({
        name: name.trim(),
        kind,
        configurationId,
        quantity: Number(quantity.trim()),
        ...(trimmedNotes === '' ? {} : { notes: trimmedNotes }),
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setCreated(`Lot ${result.value.name} created: ${result.value.quantity} ${result.value.kind} ${result.value.quantity === 1 ? "device" : "devices"}.`);
    setName('');
    setNotes('');
    onCreated(result.value);
    nameRef.current?.focus();
  };

  return (
    <div className="create-lot">
      <form className="panel create-lot-form" data-testid="lot-create-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field label="Lot name" testId="lot-create-name" value={name} onChange={setName} problem={problems.name} maxLength={NAME_MAX_LENGTH} inputRef={nameRef} hint="Unique, e.g. S-1." />
        <fieldset className="choice-group">
          <legend className="field-label">Kind</legend>
          <div className="choice-options">
            {kinds.map((option) => (
              <label key={option.value} className="choice" data-testid={`lot-kind-${option.value}`}>
                <input type="radio" name={`${ids}-kind`} value={option.value} checked={kind === option.value} onChange={() => setKind(option.value)} />
                <span className="choice-text">
                  <span className="choice-label">{option.label}</span>
                  <span className="choice-hint">{option.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-configuration`}>
            Configuration
          </label>
          <select
            id={`${ids}-configuration`}
            ref={configurationRef}
            className="field-input field-select"
            data-testid="lot-configuration-select"
            value={configurationId ?? ''}
            aria-invalid={problems.configuration !== null}
            aria-describedby={`${ids}-configuration-facts ${ids}-configuration-problem`}
            onChange={(event) => setChosenId(event.target.value === '' ? null : Number(event.target.value))}
          >
            {configurations.length === 0 && <option value="">No saved configuration yet</option>}
            {configurations.map((configuration) => (
              <option key={configuration.id} value={configuration.id}>
                {configurationOption(configuration)}
              </option>
            ))}
          </select>
          <p className="field-facts" id={`${ids}-configuration-facts`} data-testid="lot-configuration-facts">
            {chosen === null
              ? 'Save a product configuration first.'
              : `Part ${chosen.partNumber} · VID ${hex16(chosen.vendorId)} · PID ${hex16(chosen.productId)}`}
            {chosen !== null && chosen.status === 'approved' && (
              <>
                {' · frozen '}
                <code>{shortHash(chosen.contentHash)}</code>
              </>
            )}
          </p>
          <p className="field-problem" id={`${ids}-configuration-problem`} data-testid="lot-configuration-problem">
            {problems.configuration}
          </p>
        </div>
        <Field label="Quantity" testId="lot-create-quantity" value={quantity} onChange={setQuantity} problem={problems.quantity} inputMode="numeric" maxLength={7} inputRef={quantityRef} hint="Devices in the lot." />
        <Field label="Notes" testId="lot-create-notes" value={notes} onChange={setNotes} problem={null} maxLength={NOTES_MAX_LENGTH} hint="Optional." />
        <button type="submit" className="button button-primary" data-testid="lot-create-submit" aria-disabled={busy}>
          {busy ? 'Creating…' : 'Create lot'}
        </button>
      </form>
      <div className="create-lot-outcome">
        <p className="outcome-line" role="status" data-testid="lot-create-done">
          {created}
        </p>
        {error !== null && <ErrorPanel error={error} />}
      </div>
    </div>
  );
}
