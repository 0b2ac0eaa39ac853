/** A new PIN for one operator, typed twice; opened from their row in the operators table. */
import { useState, type FormEvent } from 'react';
import type { OperatorRow } from '../../../preload/contract/settings';
import { Field } from '../../components/Field';
import { station } from '../../station';
import { pinProblem } from './settingsModel';
import type { SettingsChange } from './useSettingsChange';

interface SetPinFormProps {
  readonly operator: OperatorRow;
  readonly change: SettingsChange;
  readonly onDone: () => void;
}

export function SetPinForm({ operator, change, onDone }: SetPinFormProps) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problems, setProblems] = useState<{ pin: string | null; again: string | null }>({ pin: null, again: null });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = { pin: pinProblem(pin), again: again === pin ? null : 'Type the same PIN again.' };
    setProblems(found);
    if (found.pin !== null || found.again !== null) return;
    const saved = await change.run(() => station().settings.setOperatorPin({ id: operator.id, pin }), () => `New PIN set for ${operator.name}.`);
    if (saved) onDone();
  };

  return (
    <form className="settings-pin-form" data-testid="operator-pin-form" noValidate onSubmit={(event) => void submit(event)}>
      <Field label={`New PIN for ${operator.name}`} testId="operator-pin" type="password" inputMode="numeric" autoComplete="new-password" autoFocus maxLength={12} value={pin} onChange={setPin} problem={problems.pin} />
      <Field label="New PIN again" testId="operator-pin-again" type="password" inputMode="numeric" autoComplete="new-password" maxLength={12} value={again} onChange={setAgain} problem={problems.again} />
      <button type="submit" className="button button-primary" data-testid="operator-pin-save" aria-disabled={change.busy}>
        Save PIN
      </button>
    </form>
  );
}
