/** A new operator: name, role and PIN (typed twice). Enter submits; main refuses a name already used. */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { OperatorRole } from '../../../preload/contract';
import type { StationSettings } from '../../../preload/contract/settings';
import { Field } from '../../components/Field';
import { station } from '../../station';
import { ChangeOutcome } from './ChangeOutcome';
import { nameProblem, NAME_MAX_LENGTH, pinProblem, ROLES, roleLabel } from './settingsModel';
import { useSettingsChange } from './useSettingsChange';

const roleHints: Record<OperatorRole, string> = {
  technician: 'runs lots',
  qa: 'reads devices back, approves sample lots',
  engineer: 'configurations, lots and settings',
};

interface Problems {
  readonly name: string | null;
  readonly pin: string | null;
  readonly again: string | null;
}

const noProblems: Problems = { name: null, pin: null, again: null };

export function AddOperatorForm({ onChanged }: { readonly onChanged: (settings: StationSettings) => void }) {
  const change = useSettingsChange(onChanged);
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorRole>('technician');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problems, setProblems] = useState<Problems>(noProblems);
  const nameRef = useRef<HTMLInputElement>(null);
  const ids = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Problems = { name: nameProblem(name), pin: pinProblem(pin), again: again === pin ? null : 'Type the same PIN again.' };
    setProblems(found);
    if (found.name !== null || found.pin !== null || found.again !== null) return;
    const added = await change.run(() => station().settings.addOperator({ name: name.trim(), role, pin }), () => `${name.trim()} added as ${roleLabel[role]}.`);
    if (!added) return;
    setName('');
    setPin('');
    setAgain('');
    nameRef.current?.focus();
  };

  return (
    <div className="settings-form-row">
      <form className="panel settings-form" data-testid="operator-add-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field label="Name" testId="operator-add-name" value={name} onChange={setName} problem={problems.name} maxLength={NAME_MAX_LENGTH} inputRef={nameRef} autoComplete="off" hint="Unique on this station." />
        <fieldset className="choice-group">
          <legend className="field-label">Role</legend>
          <div className="choice-options">
            {ROLES.map((option) => (
              <label key={option} className="choice" data-testid={`operator-add-role-${option}`}>
                <input type="radio" name={`${ids}-role`} value={option} checked={role === option} onChange={() => setRole(option)} />
                <span className="choice-text">
                  <span className="choice-label">{roleLabel[option]}</span>
                  <span className="choice-hint">{roleHints[option]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field label="PIN" testId="operator-add-pin" type="password" inputMode="numeric" autoComplete="new-password" maxLength={12} value={pin} onChange={setPin} problem={problems.pin} hint="4 to 12 digits." />
        <Field label="PIN again" testId="operator-add-pin-again" type="password" inputMode="numeric" autoComplete="new-password" maxLength={12} value={again} onChange={setAgain} problem={problems.again} />
        <button type="submit" className="button button-primary" data-testid="operator-add-submit" aria-disabled={change.busy}>
          {change.busy ? 'Adding…' : 'Add operator'}
        </button>
      </form>
      <ChangeOutcome change={change} testId="operator-add" />
    </div>
  );
}
