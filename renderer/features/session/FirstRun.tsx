/**
 * First run: no operator exists yet, so the first person at the station becomes its engineer (who
 * can then add technicians and QA). Main refuses this once any operator exists.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { AppErrorInfo, SignedInOperator } from '../../../preload/contract';
import { Field } from '../../components/Field';
import { settle, station } from '../../station';
import { checkCredentials, hasProblems, NAME_MAX_LENGTH, noProblems, PIN_HINT, PIN_MAX_LENGTH, type CredentialProblems } from './credentials';
import { SessionCard, SubmitButton } from './SessionCard';

interface FirstRunProps {
  readonly onSignedIn: (operator: SignedInOperator) => void;
}

export function FirstRun({ onSignedIn }: FirstRunProps) {
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [problems, setProblems] = useState<CredentialProblems>(noProblems);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  const pinAgainRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = checkCredentials(name, pin, pinAgain);
    setProblems(found);
    if (hasProblems(found)) {
      (found.name !== null ? nameRef : found.pin !== null ? pinRef : pinAgainRef).current?.focus();
      return;
    }
    setBusy(true);
    const result = await settle(() => station().session.createFirstEngineer({ name: name.trim(), pin }));
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setBusy(false);
    setError(result.error);
  };

  return (
    <SessionCard
      id="first-run"
      title="Create the first engineer"
      intro="This station has no operators yet. The first one is an engineer, who can then add technicians and QA."
      error={error}
    >
      <form className="session-form" data-testid="first-run-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field
          label="Engineer name"
          testId="first-run-name"
          value={name}
          onChange={setName}
          problem={problems.name}
          autoComplete="username"
          autoFocus
          maxLength={NAME_MAX_LENGTH}
          inputRef={nameRef}
        />
        <Field
          label="PIN"
          testId="first-run-pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          hint={PIN_HINT}
          value={pin}
          onChange={setPin}
          problem={problems.pin}
          maxLength={PIN_MAX_LENGTH}
          inputRef={pinRef}
        />
        <Field
          label="PIN again"
          testId="first-run-pin-again"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={pinAgain}
          onChange={setPinAgain}
          problem={problems.pinAgain}
          maxLength={PIN_MAX_LENGTH}
          inputRef={pinAgainRef}
        />
        <SubmitButton busy={busy} testId="first-run-submit" label="Create engineer and sign in" busyLabel="Creating…" />
      </form>
    </SessionCard>
  );
}
