/**
 * Who is signed in in which window, and what their role may do. Main keeps one session per caller
 * (a WebContents, a bridge connection); the window only learns the result. Every role-gated handler
 * asks `requireRole` first, so hiding a button in the renderer is a convenience, never the guard.
 *
 * Sign-in answers a wrong PIN, an unknown name and an inactive operator with the same error and
 * (roughly) the same time, so it does not reveal which names exist. Five wrong PINs in a row for a
 * name pause sign-in with that name for 30 s, whether or not the name exists.
 */
import type { Caller } from '../../preload/contract/define';
import { failure, success, type Result } from '../../preload/contract/errors';
import type { OperatorRole, SessionStatus, SignedInOperator } from '../../preload/contract/session';
import type { StationDatabase } from '../store/database';
import { hashPin, signIn, verifyPin } from '../store/repositories/operatorPins';
import type { Operator } from '../store/repositories/operators';
import { systemClock, type Clock } from '../store/shared';

export const MAX_WRONG_PINS = 5;
/** The catalogue sentence for SESSION_LOCKED_OUT names this duration: change both together. */
export const LOCKOUT_MS = 30_000;

/** The actor of the audit event that records the engineer created on first run. */
export const FIRST_RUN_ACTOR = 'first-run';

export interface Credentials {
  readonly name: string;
  readonly pin: string;
}

export interface SessionRegistryOptions {
  /** The station database (the main process's one connection); a failure to open it is returned to the caller. */
  readonly database: () => Result<StationDatabase>;
  readonly now?: Clock;
}

export interface SessionRegistry {
  status(caller: Caller): Result<SessionStatus>;
  /** Only while no active operator exists; the new engineer is signed in on this caller. */
  createFirstEngineer(caller: Caller, credentials: Credentials): Result<SignedInOperator>;
  signIn(caller: Caller, credentials: Credentials): Result<SignedInOperator>;
  /** Ends this caller's session (a no-op when nobody is signed in). */
  signOut(caller: Caller): Result<null>;
  /** The caller's window is gone: its session ends. */
  callerGone(caller: Caller): void;
  /** Signs the operator out of every window (deactivated, or a new PIN set): their sessions end now, not at their next sign-out. */
  endSessionsOf(operatorId: number, reason: 'operatorDeactivated' | 'pinChanged'): void;
  /** The signed-in operator when their role is one of `roles` (no role implies another: list each one allowed). */
  requireRole(caller: Caller, roles: readonly OperatorRole[], action?: string): Result<SignedInOperator>;
}

interface WrongPins {
  count: number;
  lockedUntil: number;
}

/** Stands in for an unknown name so that a refusal costs one scrypt either way. */
const NO_SUCH_OPERATOR = { pinHash: '0'.repeat(64), pinSalt: '0'.repeat(32) };

export function createSessionRegistry(options: SessionRegistryOptions): SessionRegistry {
  const now = options.now ?? systemClock;
  const sessions = new Map<string, SignedInOperator>();
  const wrongPins = new Map<string, WrongPins>();

  const anyActiveOperator = (db: StationDatabase) => db.operators.list().some((operator) => operator.active);

  function startSession(db: StationDatabase, caller: Caller, operator: SignedInOperator): Result<SignedInOperator> {
    const previous = sessions.get(caller.id);
    if (previous !== undefined) endSession(db, caller, 'signedInAgain');
    const event = db.events.append('session.signedIn', operator.name, { operatorId: operator.id, role: operator.role, window: caller.id });
    if (!event.ok) return event;
    sessions.set(caller.id, operator);
    return success(operator);
  }

  /** Ends the session even when the audit event cannot be written: signing out must always work. */
  function endSession(db: StationDatabase | undefined, caller: Caller, reason: 'signedOut' | 'windowClosed' | 'signedInAgain' | 'operatorDeactivated' | 'pinChanged'): Result<null> {
    const operator = sessions.get(caller.id);
    if (operator === undefined) return success(null);
    sessions.delete(caller.id);
    if (db === undefined) return success(null);
    const event = db.events.append('session.signedOut', operator.name, { operatorId: operator.id, reason, window: caller.id });
    return event.ok ? success(null) : event;
  }

  /** Counts a wrong PIN for `key`; true when this one starts a lockout. */
  function countWrongPin(key: string): boolean {
    const entry = wrongPins.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    wrongPins.set(key, entry);
    if (entry.count < MAX_WRONG_PINS) return false;
    entry.lockedUntil = now().getTime() + LOCKOUT_MS;
    return true;
  }

  function lockedOut(name: string, entry: WrongPins): Result<never> {
    const seconds = Math.max(1, Math.ceil((entry.lockedUntil - now().getTime()) / 1000));
    return failure('SESSION_LOCKED_OUT', `operator "${name}": try again in ${seconds} s`);
  }

  return {
    status(caller) {
      const db = options.database();
      if (!db.ok) return db;
      return success({ firstRun: !anyActiveOperator(db.value), operator: sessions.get(caller.id) ?? null });
    },

    createFirstEngineer(caller, { name, pin }) {
      const db = options.database();
      if (!db.ok) return db;
      // Hash outside the transaction: scrypt takes tens of milliseconds and the write lock should not.
      const hashed = hashPin(pin);
      if (!hashed.ok) return hashed;
      const created = db.value.transaction((): Result<Operator> => {
        if (anyActiveOperator(db.value)) return failure('SESSION_FIRST_RUN_DONE', `creating engineer "${name}"`);
        const operator = db.value.operators.create({ name, role: 'engineer', ...hashed.value });
        if (!operator.ok) return operator;
        const event = db.value.events.append('operator.added', FIRST_RUN_ACTOR, { operatorId: operator.value.id, name: operator.value.name, role: operator.value.role });
        return event.ok ? operator : event;
      });
      if (!created.ok) return created;
      return startSession(db.value, caller, signedInOperator(created.value));
    },

    signIn(caller, { name, pin }) {
      const key = name.trim().toLowerCase();
      const earlier = wrongPins.get(key);
      if (earlier !== undefined && earlier.lockedUntil > 0) {
        if (earlier.lockedUntil > now().getTime()) return lockedOut(name, earlier);
        wrongPins.delete(key);
      }
      const db = options.database();
      if (!db.ok) return db;
      const checked = signIn(db.value.operators, name, pin);
      if (!checked.ok) {
        const known = db.value.operators.findByName(name);
        if (!known.ok || !known.value.active) verifyPin(NO_SUCH_OPERATOR, pin);
        if (!countWrongPin(key)) return failure('RECORD_PIN_WRONG', `operator "${name}"`);
        const entry = wrongPins.get(key) as WrongPins;
        db.value.events.append('session.lockedOut', 'system', { name, wrongPins: entry.count, seconds: LOCKOUT_MS / 1000, window: caller.id });
        return lockedOut(name, entry);
      }
      wrongPins.delete(key);
      return startSession(db.value, caller, signedInOperator(checked.value));
    },

    signOut(caller) {
      if (!sessions.has(caller.id)) return success(null);
      const db = options.database();
      return endSession(db.ok ? db.value : undefined, caller, 'signedOut');
    },

    endSessionsOf(operatorId, reason) {
      const db = options.database();
      for (const [callerId, operator] of [...sessions]) {
        if (operator.id === operatorId) endSession(db.ok ? db.value : undefined, { id: callerId }, reason);
      }
    },

    callerGone(caller) {
      if (!sessions.has(caller.id)) return;
      const db = options.database();
      endSession(db.ok ? db.value : undefined, caller, 'windowClosed');
    },

    requireRole(caller, roles, action) {
      const operator = sessions.get(caller.id);
      const what = action === undefined ? '' : `${action}: `;
      if (operator === undefined) return failure('SESSION_REQUIRED', `${what}needs ${describeRoles(roles)}`);
      if (!roles.includes(operator.role)) {
        return failure('SESSION_ROLE_FORBIDDEN', `${what}needs ${describeRoles(roles)}; "${operator.name}" is signed in as ${operator.role}`);
      }
      return success(operator);
    },
  };
}

function signedInOperator(operator: Operator): SignedInOperator {
  return { id: operator.id, name: operator.name, role: operator.role };
}

/** "an engineer", "a technician or an engineer". */
function describeRoles(roles: readonly OperatorRole[]): string {
  const named = roles.map((role) => (role === 'engineer' ? 'an engineer' : role === 'qa' ? 'a QA operator' : 'a technician'));
  return named.length === 0 ? 'no role' : named.join(' or ');
}

/** Every role: calls any signed-in operator may make. */
export const ANY_ROLE: readonly OperatorRole[] = ['technician', 'qa', 'engineer'];

/** For role-gated handlers: the signed-in operator (with one of `roles`) and the station database, or why not. */
export function signedInWithDatabase(
  sessions: SessionRegistry,
  database: () => Result<StationDatabase>,
  caller: Caller,
  roles: readonly OperatorRole[],
  action: string,
): Result<{ operator: SignedInOperator; db: StationDatabase }> {
  const operator = sessions.requireRole(caller, roles, action);
  if (!operator.ok) return operator;
  const db = database();
  return db.ok ? success({ operator: operator.value, db: db.value }) : db;
}
