/**
 * Operators: who may sign in at this station and as what. Engineers add one (name, role, PIN),
 * deactivate or reactivate one, and set a new PIN; the operator signed in here cannot be
 * deactivated from this window, and main also keeps the last active engineer. Everyone else sees
 * the list only.
 */
import { useState } from 'react';
import type { OperatorRow, StationSettings } from '../../../preload/contract/settings';
import { station } from '../../station';
import { AddOperatorForm } from './AddOperatorForm';
import { ChangeOutcome, ReadOnlyNote } from './ChangeOutcome';
import { SetPinForm } from './SetPinForm';
import { roleLabel } from './settingsModel';
import { useSettingsChange } from './useSettingsChange';

interface OperatorsSectionProps {
  readonly operators: readonly OperatorRow[];
  /** The operator signed in in this window. */
  readonly selfId: number | null;
  readonly canChange: boolean;
  readonly onChanged: (settings: StationSettings) => void;
}

export function OperatorsSection({ operators, selfId, canChange, onChanged }: OperatorsSectionProps) {
  const change = useSettingsChange(onChanged);
  const [pinFor, setPinFor] = useState<number | null>(null);

  const setActive = (operator: OperatorRow, active: boolean) =>
    void change.run(() => station().settings.setOperatorActive({ id: operator.id, active }), () => `${operator.name} ${active ? 'reactivated' : 'deactivated'}.`);

  return (
    <section aria-labelledby="settings-operators-title" data-testid="settings-operators">
      <h2 id="settings-operators-title" className="section-heading">
        Operators
      </h2>
      <div className="table-scroll" role="region" aria-labelledby="settings-operators-caption" tabIndex={0}>
        <table className="data-table settings-table" data-testid="operator-table">
          <caption id="settings-operators-caption" className="visually-hidden">
            Operators of this station
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              {canChange && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {operators.map((operator) => (
              <tr key={operator.id} data-testid={`operator-row-${operator.name}`} data-active={operator.active}>
                <th scope="row">
                  {operator.name}
                  {operator.id === selfId && <span className="cell-note">signed in here</span>}
                </th>
                <td data-testid="operator-role">{roleLabel[operator.role]}</td>
                <td>
                  <span className={`operator-state operator-state-${operator.active ? 'active' : 'inactive'}`} data-testid="operator-state">
                    {operator.active ? 'Active' : 'Inactive'}
                  </span>
                </td>
                {canChange && (
                  <td>
                    <div className="operator-actions">
                      {operator.id === selfId ? (
                        <span className="cell-note">Another engineer can deactivate you.</span>
                      ) : (
                        <button
                          type="button"
                          className="button button-quiet"
                          data-testid="operator-toggle-active"
                          aria-disabled={change.busy}
                          onClick={() => setActive(operator, !operator.active)}
                        >
                          {operator.active ? `Deactivate ${operator.name}` : `Reactivate ${operator.name}`}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button-quiet"
                        data-testid="operator-set-pin"
                        aria-expanded={pinFor === operator.id}
                        onClick={() => setPinFor(pinFor === operator.id ? null : operator.id)}
                      >
                        {`Set PIN for ${operator.name}`}
                      </button>
                    </div>
                    {pinFor === operator.id && <SetPinForm operator={operator} change={change} onDone={() => setPinFor(null)} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canChange ? (
        <>
          <ChangeOutcome change={change} testId="operator-change" />
          <h3 className="settings-subheading">Add an operator</h3>
          <AddOperatorForm onChanged={onChanged} />
        </>
      ) : (
        <ReadOnlyNote>Only an engineer can add operators, deactivate them or set their PINs.</ReadOnlyNote>
      )}
    </section>
  );
}
