/** Operators and their roles. Names are unique regardless of case; operators are deactivated, never deleted. */
import { success, type Result } from '../../../preload/contract/errors';
import { guard, notFound, type Clock, type Connection } from '../shared';

export type OperatorRole = 'technician' | 'qa' | 'engineer';

export interface Operator {
  readonly id: number;
  readonly name: string;
  readonly role: OperatorRole;
  readonly active: boolean;
  readonly createdAt: string;
}

/** With the PIN hash and salt, for sign-in only: never send this over IPC or print it. */
export interface OperatorCredentials extends Operator {
  readonly pinHash: string;
  readonly pinSalt: string;
}

export interface NewOperator {
  readonly name: string;
  readonly role: OperatorRole;
  /** Output of the sign-in code's key derivation, and its salt; the store never sees the PIN. */
  readonly pinHash: string;
  readonly pinSalt: string;
}

export interface OperatorRepository {
  create(operator: NewOperator): Result<Operator>;
  /** Case-insensitive. */
  findByName(name: string): Result<OperatorCredentials>;
  list(): Operator[];
  setActive(id: number, active: boolean): Result<Operator>;
  setPin(id: number, credentials: { readonly pinHash: string; readonly pinSalt: string }): Result<Operator>;
}

interface OperatorRow {
  id: number;
  name: string;
  role: OperatorRole;
  pin_hash: string;
  pin_salt: string;
  active: number;
  created_at: string;
}

export function operatorRepository(db: Connection, now: Clock): OperatorRepository {
  const insert = db.prepare(
    'INSERT INTO operators (name, role, pin_hash, pin_salt, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  );
  const byName = db.prepare('SELECT * FROM operators WHERE name = ?');
  const all = db.prepare('SELECT * FROM operators ORDER BY name');
  const updateActive = db.prepare('UPDATE operators SET active = ? WHERE id = ? RETURNING *');
  const updatePin = db.prepare('UPDATE operators SET pin_hash = ?, pin_salt = ? WHERE id = ? RETURNING *');
  const updated = (row: OperatorRow | undefined, id: number): Result<Operator> => (row === undefined ? notFound(`operator ${id}`) : success(toOperator(row)));

  return {
    create: (operator) =>
      guard(`operator "${operator.name}"`, () => {
        const row = insert.get(operator.name.trim(), operator.role, operator.pinHash, operator.pinSalt, now().toISOString()) as OperatorRow;
        return success(toOperator(row));
      }),
    findByName: (name) => {
      const row = byName.get(name.trim()) as OperatorRow | undefined;
      return row === undefined ? notFound(`operator "${name}"`) : success({ ...toOperator(row), pinHash: row.pin_hash, pinSalt: row.pin_salt });
    },
    list: () => (all.all() as OperatorRow[]).map(toOperator),
    setActive: (id, active) => guard(`operator ${id}`, () => updated(updateActive.get(active ? 1 : 0, id) as OperatorRow | undefined, id)),
    setPin: (id, credentials) => guard(`operator ${id}`, () => updated(updatePin.get(credentials.pinHash, credentials.pinSalt, id) as OperatorRow | undefined, id)),
  };
}

function toOperator(row: OperatorRow): Operator {
  return { id: row.id, name: row.name, role: row.role, active: row.active === 1, createdAt: row.created_at };
}
