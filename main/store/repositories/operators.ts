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
  };
}

function toOperator(row: OperatorRow): Operator {
  return { id: row.id, name: row.name, role: row.role, active: row.active === 1, createdAt: row.created_at };
}
