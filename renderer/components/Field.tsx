/**
 * One labelled text input with its hint and its problem sentence. The problem line always keeps its
 * room, so a message appearing under a field does not move the fields below it.
 */
import { useId, type HTMLAttributes, type Ref } from 'react';

interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** One sentence saying what is wrong with the value; null when nothing is. */
  readonly problem: string | null;
  readonly hint?: string;
  readonly type?: 'text' | 'password';
  readonly inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  readonly autoComplete?: string;
  readonly autoFocus?: boolean;
  readonly maxLength?: number;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly testId: string;
}

export function Field({ label, value, onChange, problem, hint, type = 'text', inputMode, autoComplete, autoFocus, maxLength, inputRef, testId }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [hint !== undefined ? hintId : null, problem !== null ? problemId : null].filter((part) => part !== null).join(' ');
  return (
    <div className="field">
      <span className="field-heading">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {hint !== undefined && (
          <span className="field-hint" id={hintId}>
            {hint}
          </span>
        )}
      </span>
      <input
        id={id}
        ref={inputRef}
        className="field-input"
        data-testid={testId}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        autoCapitalize="off"
        spellCheck={false}
        maxLength={maxLength}
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      <p className="field-problem" id={problemId} data-testid={`${testId}-problem`}>
        {problem}
      </p>
    </div>
  );
}
