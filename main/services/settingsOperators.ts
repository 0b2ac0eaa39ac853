/**
 * Operator changes an engineer makes in Settings: add one (with a role and a PIN), deactivate or
 * reactivate one, set a new PIN. Each change is one transaction with its audit event, so the
 * operators table and the audit trail never disagree. Operators are never deleted: attempts and
 * decisions keep pointing at them.
 *
 * Two rules keep the station manageable: an engineer cannot deactivate the operator they are
 * signed in as, and the last active engineer cannot be deactivated at all.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import type { OperatorRole, SignedInOperator } from '../../preload/contract/session';
import type { StationDatabase } from '../store/database';
import { hashPin } from '../store/repositories/operatorPins';
import type { Operator } from '../store/repositories/operators';

export function addOperator(db: StationDatabase, actor: SignedInOperator, input: { name: string; role: OperatorRole; pin: string }): Result<Operator> {
  const name = input.name.trim();
  // Hash outside the transaction: scrypt takes tens of milliseconds and the write lock should not.
  const hashed = hashPin(input.pin);
  if (!hashed.ok) return hashed;
  return db.transaction((): Result<Operator> => {
    const taken = db.operators.findByName(name);
    if (taken.ok) return failure('SETTINGS_OPERATOR_NAME_TAKEN', `"${name}" is taken by ${taken.value.role} "${taken.value.name}"${taken.value.active ? '' : ' (inactive)'}`);
    const operator = db.operators.create({ name, role: input.role, ...hashed.value });
    if (!operator.ok) return operator;
    const event = db.events.append('operator.added', actor.name, { operatorId: operator.value.id, name: operator.value.name, role: operator.value.role });
    return event.ok ? operator : event;
  });
}

export function setOperatorActive(db: StationDatabase, actor: SignedInOperator, id: number, active: boolean): Result<Operator> {
  return db.transaction((): Result<Operator> => {
    const operators = db.operators.list();
    const target = operators.find((operator) => operator.id === id);
    if (target === undefined) return failure('NOT_FOUND', `operator ${id}`);
    if (target.active === active) return success(target);
    if (!active) {
      if (target.id === actor.id) return failure('SETTINGS_OWN_ACCOUNT', `"${actor.name}" is signed in as operator ${actor.id}`);
      const otherEngineers = operators.filter((operator) => operator.role === 'engineer' && operator.active && operator.id !== id);
      if (target.role === 'engineer' && otherEngineers.length === 0) return failure('SETTINGS_LAST_ENGINEER', `engineer "${target.name}"`);
    }
    const changed = db.operators.setActive(id, active);
    if (!changed.ok) return changed;
    const event = db.events.append(active ? 'operator.activated' : 'operator.deactivated', actor.name, { operatorId: id, name: target.name, role: target.role });
    return event.ok ? success({ ...target, active }) : event;
  });
}

export function setOperatorPin(db: StationDatabase, actor: SignedInOperator, id: number, pin: string): Result<Operator> {
  const hashed = hashPin(pin);
  if (!hashed.ok) return hashed;
  return db.transaction((): Result<Operator> => {
    const target = db.operators.list().find((operator) => operator.id === id);
    if (target === undefined) return failure('NOT_FOUND', `operator ${id}`);
    const changed = db.operators.setPin(id, hashed.value);
    if (!changed.ok) return changed;
    // The event never carries the PIN or its hash.
    const event = db.events.append('operator.pinSet', actor.name, { operatorId: id, name: target.name });
    return event.ok ? success(target) : event;
  });
}
