/**
 * A labelled file picker and the button that sends the picked certificate to main, which checks it
 * and keeps it. Picking does nothing by itself: the button says what will happen.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Result } from '../../../preload/contract';
import type { StationSettings } from '../../../preload/contract/settings';
import { fileForUpload } from '../../files';
import { ChangeOutcome } from './ChangeOutcome';
import { useSettingsChange } from './useSettingsChange';

interface CertificatePickerProps {
  readonly label: string;
  readonly hint: string;
  readonly buttonText: string;
  readonly testId: string;
  readonly send: (upload: { name: string; contentBase64: string }) => Promise<Result<StationSettings>>;
  readonly onChanged: (settings: StationSettings) => void;
}

export function CertificatePicker({ label, hint, buttonText, testId, send, onChanged }: CertificatePickerProps) {
  const change = useSettingsChange(onChanged);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (file === undefined) {
      setProblem('Choose a certificate file first.');
      input.current?.focus();
      return;
    }
    setProblem(null);
    const upload = await fileForUpload(file);
    const added = await change.run(() => send(upload), () => `${file.name} added.`);
    if (added && input.current !== null) input.current.value = '';
  };

  return (
    <div className="settings-form-row">
      <form className="panel settings-form" data-testid={`${testId}-form`} noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <span className="field-heading">
            <label className="field-label" htmlFor={id}>
              {label}
            </label>
            <span className="field-hint" id={`${id}-hint`}>
              {hint}
            </span>
          </span>
          <input
            id={id}
            ref={input}
            type="file"
            className="field-input settings-file"
            accept=".pem,.der,.crt,.cer"
            data-testid={`${testId}-file`}
            aria-invalid={problem !== null}
            aria-describedby={`${id}-hint ${id}-problem`}
            onChange={() => {
              setProblem(null);
              change.clear();
            }}
          />
          <p className="field-problem" id={`${id}-problem`} data-testid={`${testId}-problem`}>
            {problem}
          </p>
        </div>
        <button type="submit" className="button button-primary" data-testid={`${testId}-submit`} aria-disabled={change.busy}>
          {change.busy ? 'Checking…' : buttonText}
        </button>
      </form>
      <ChangeOutcome change={change} testId={testId} />
    </div>
  );
}
