/**
 * Sign-in: operator name and PIN, big enough for gloves, numeric keypad for the PIN, Enter submits.
 * A refused PIN clears the PIN field and puts the cursor back in it; the name stays.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { AppErrorInfo, SignedInOperator } from '../../../preload/contract';
import { Field } from '../../components/Field';
import { settle, station } from '../../station';
import { checkCredentials, hasProblems, NAME_MAX_LENGTH, noProblems, PIN_HINT, PIN_MAX_LENGTH, type CredentialProblems } from './credentials';
import { SessionCard, SubmitButton } from './SessionCard';

interface SignInProps {
  readonly onSignedIn: (operator: SignedInOperator) => void;
}

export function SignIn({ onSignedIn }: SignInProps) {
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [problems, setProblems] = useState<CredentialProblems>(noProblems);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = checkCredentials(name, pin);
    setProblems(found);
    if (hasProblems(found)) {
      (found.name !== null ? nameRef : pinRef).current?.focus();
      return;
    }
    setBusy(true);
    const result = await settle(() => station().session.signIn({ name: name.trim(), pin }));
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setBusy(false);
    setError(result.error);
    setPin('');
    pinRef.current?.focus();
  };

  return (
    <SessionCard id="sign-in" title="Sign in" intro="Enter your operator name and PIN to use this station." error={error}>
      <form className="session-form" data-testid="sign-in-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field
          label="Operator name"
          testId="sign-in-name"
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
          testId="sign-in-pin"
          type="password"
          inputMode="numeric"
          autoComplete="current-password"
          hint={PIN_HINT}
          value={pin}
          onChange={setPin}
          problem={problems.pin}
          maxLength={PIN_MAX_LENGTH}
          inputRef={pinRef}
        />
        <SubmitButton busy={busy} testId="sign-in-submit" label="Sign in" busyLabel="Signing in…" />
      </form>
    </SessionCard>
  );
}
