/**
 * The editor's inputs, each bound to one field path of the draft: a label, an optional hint, the
 * value, and under it main's problems for that path (room always kept, so sentences arriving do
 * not move the fields below). Numbers the engineer reads in hex (VID, PID, addresses) are typed
 * and shown in hex and kept as numbers in the draft.
 */
import { useId, useState, type ReactNode } from 'react';
import type { ConfigProblemView } from '../../../preload/contract';
import { useEditor } from './editorContext';
import { asString, fieldTestId, formatHex, getAt, parseDecimal, parseHex } from './draftModel';

const severityWord = (problem: ConfigProblemView): string =>
  problem.severity === 'error' ? 'Error' : problem.acknowledged === true ? 'Accepted warning' : 'Warning';

const severityClass = (problem: ConfigProblemView): string =>
  problem.severity === 'error' ? 'config-problem-error' : problem.acknowledged === true ? 'config-problem-accepted' : 'config-problem-warning';

export function ProblemLine({ problem }: { readonly problem: ConfigProblemView }) {
  return (
    <p className={`config-problem ${severityClass(problem)}`} data-severity={problem.severity} data-code={problem.code}>
      <span className="config-problem-word">{severityWord(problem)}: </span>
      {problem.message}
    </p>
  );
}

export function ProblemLines({ id, problems, testId }: { readonly id: string; readonly problems: readonly ConfigProblemView[]; readonly testId: string }) {
  return (
    <div className="config-problems" id={id} data-testid={`${testId}-problem`}>
      {problems.map((problem, index) => (
        <ProblemLine key={`${problem.code}-${index}`} problem={problem} />
      ))}
    </div>
  );
}

interface FieldFrameProps {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
  readonly children: (control: { id: string; describedBy: string; invalid: boolean; locked: string | null }) => ReactNode;
}

/** Label, hint, the control, the PAI's lock note and the problems: the same frame for every kind of input. */
export function FieldFrame({ path, label, hint, children }: FieldFrameProps) {
  const { problemsFor, locked } = useEditor();
  const id = useId();
  const problems = problemsFor(path);
  const lock = locked.get(path) ?? null;
  const describedBy = [hint !== undefined ? `${id}-hint` : null, lock !== null ? `${id}-lock` : null, `${id}-problem`].filter((part) => part !== null).join(' ');
  const testId = fieldTestId(path);
  return (
    <div className="field config-field" data-field={path}>
      <FieldHeading id={id} label={label} hint={hint} />
      {children({ id, describedBy, invalid: problems.some((problem) => problem.severity === 'error' || problem.acknowledged === false), locked: lock })}
      {lock !== null && (
        <p className="config-lock-note" id={`${id}-lock`} data-testid={`${testId}-lock`}>
          {lock}
        </p>
      )}
      <ProblemLines id={`${id}-problem`} problems={problems} testId={testId} />
    </div>
  );
}

interface TextInputProps {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
  /** An optional field left empty is removed from the draft. */
  readonly optional?: boolean;
  readonly maxLength?: number;
}

export function TextInput({ path, label, hint, optional = false, maxLength }: TextInputProps) {
  const { draft, set } = useEditor();
  const value = asString(getAt(draft, path));
  return (
    <FieldFrame path={path} label={label} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="field-input config-input"
          data-testid={fieldTestId(path)}
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={maxLength}
          value={value}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => set(path, optional && event.target.value === '' ? undefined : event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

interface NumberInputProps {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
  readonly radix: 'hex' | 'decimal';
  /** Hex digits shown (4 for VID/PID, 8 for addresses). */
  readonly width?: number;
  readonly optional?: boolean;
}

/**
 * Typed text stays as typed while it means the number in the draft; a value set from elsewhere
 * (the PAI, an import) is shown formatted. Text that is no number goes into the draft as it is,
 * so main's schema names the field and the range.
 */
export function NumberInput({ path, label, hint, radix, width = 4, optional = false }: NumberInputProps) {
  const { draft, set } = useEditor();
  const value = getAt(draft, path);
  const format = (number: unknown): string =>
    typeof number === 'number' ? (radix === 'hex' ? formatHex(number, width) : String(number)) : typeof number === 'string' ? number : '';
  const parse = radix === 'hex' ? parseHex : parseDecimal;
  const [text, setText] = useState(() => format(value));
  const [shownValue, setShownValue] = useState(value);
  // The draft's value changed from elsewhere (the PAI, an import): show it, unless the typed text already means it.
  if (shownValue !== value) {
    setShownValue(value);
    if (!(parse(text) === value || text === value || (text.trim() === '' && value === undefined))) setText(format(value));
  }
  return (
    <FieldFrame path={path} label={label} hint={hint}>
      {({ id, describedBy, invalid, locked }) => (
        <input
          id={id}
          className="field-input config-input config-input-number"
          data-testid={fieldTestId(path)}
          type="text"
          inputMode={radix === 'hex' ? 'text' : 'numeric'}
          autoComplete="off"
          spellCheck={false}
          value={locked !== null ? format(value) : text}
          readOnly={locked !== null}
          aria-readonly={locked !== null}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => {
            const typed = event.target.value;
            setText(typed);
            if (optional && typed.trim() === '') set(path, undefined);
            else set(path, parse(typed) ?? typed);
          }}
        />
      )}
    </FieldFrame>
  );
}

export interface Choice {
  readonly value: string | number;
  readonly label: string;
}

interface SelectInputProps {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
  readonly choices: readonly Choice[];
  /** Instead of writing the chosen value: e.g. replace a whole union object when its kind changes. */
  readonly onChoose?: (value: string | number) => void;
}

export function SelectInput({ path, label, hint, choices, onChoose }: SelectInputProps) {
  const { draft, set } = useEditor();
  const value = getAt(draft, path);
  const known = choices.some((choice) => choice.value === value);
  return (
    <FieldFrame path={path} label={label} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          className="field-input field-select config-input"
          data-testid={fieldTestId(path)}
          value={known ? String(value) : ''}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => {
            const chosen = choices.find((choice) => String(choice.value) === event.target.value);
            if (chosen === undefined) return;
            if (onChoose !== undefined) onChoose(chosen.value);
            else set(path, chosen.value);
          }}
        >
          {!known && <option value="">Choose…</option>}
          {choices.map((choice) => (
            <option key={String(choice.value)} value={String(choice.value)}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

interface CheckboxInputProps {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
  readonly checked?: boolean;
  readonly onToggle?: (checked: boolean) => void;
}

export function CheckboxInput({ path, label, hint, checked, onToggle }: CheckboxInputProps) {
  const { draft, set, problemsFor } = useEditor();
  const id = useId();
  const isChecked = checked ?? getAt(draft, path) === true;
  const testId = fieldTestId(path);
  return (
    <div className="config-checkbox" data-field={path}>
      <label className="choice config-choice" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          data-testid={testId}
          checked={isChecked}
          aria-describedby={`${id}-problem`}
          onChange={(event) => (onToggle !== undefined ? onToggle(event.target.checked) : set(path, event.target.checked))}
        />
        <span className="choice-text">
          <span className="choice-label">{label}</span>
          {hint !== undefined && <span className="choice-hint">{hint}</span>}
        </span>
      </label>
      <ProblemLines id={`${id}-problem`} problems={problemsFor(path)} testId={testId} />
    </div>
  );
}


/** A field's label and its hint (the hint's id is `<id>-hint`, for aria-describedby). */
export function FieldHeading({ id, label, hint }: { readonly id: string; readonly label: string; readonly hint?: string | undefined }) {
  return (
    <span className="field-heading">
      <label className="field-label" htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      {hint !== undefined && (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </span>
  );
}
