import { describe, expect, it } from 'vitest';
import { success } from '../../../preload/contract/errors';
import type { OperatorRole } from '../../../preload/contract/session';
import { LOCKOUT_MS, MAX_WRONG_PINS, createSessionRegistry } from '../../../main/services/sessions';
import type { StationDatabase } from '../../../main/store/database';
import { hashPin } from '../../../main/store/repositories/operatorPins';
import { openMemory, unwrap } from '../store/helpers';

const windowA = { id: 'bridge:1' };
const windowB = { id: 'bridge:2' };

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-01-01T08:00:00.000Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

function station() {
  const clock = manualClock();
  const db = openMemory({ now: clock.now });
  const sessions = createSessionRegistry({ database: () => success(db), now: clock.now });
  return { db, clock, sessions };
}

function addOperator(db: StationDatabase, name: string, role: OperatorRole, pin: string) {
  return unwrap(db.operators.create({ name, role, ...unwrap(hashPin(pin)) }));
}

function kinds(db: StationDatabase): string[] {
  return db.events.list().map((event) => event.kind);
}

describe('first run', () => {
  it('reports first run until the first engineer exists, and signs that engineer in', () => {
    const { db, sessions } = station();
    expect(unwrap(sessions.status(windowA))).toEqual({ firstRun: true, operator: null });
    const engineer = unwrap(sessions.createFirstEngineer(windowA, { name: 'Erin', pin: '4821' }));
    expect(engineer).toEqual({ id: expect.any(Number), name: 'Erin', role: 'engineer' });
    expect(unwrap(sessions.status(windowA))).toEqual({ firstRun: false, operator: engineer });
    expect(db.operators.list()).toMatchObject([{ name: 'Erin', role: 'engineer', active: true }]);
    const [added, signedIn] = db.events.list();
    expect(added).toMatchObject({ kind: 'operator.added', actor: 'first-run', payload: { operatorId: engineer.id, name: 'Erin', role: 'engineer' } });
    expect(signedIn).toMatchObject({ kind: 'session.signedIn', actor: 'Erin', payload: { operatorId: engineer.id, role: 'engineer', window: 'bridge:1' } });
  });

  it('creates an engineer only once', () => {
    const { db, sessions } = station();
    unwrap(sessions.createFirstEngineer(windowA, { name: 'Erin', pin: '4821' }));
    const second = sessions.createFirstEngineer(windowB, { name: 'Mallory', pin: '1111' });
    expect(!second.ok && second.error.code).toBe('SESSION_FIRST_RUN_DONE');
    expect(db.operators.list().map((operator) => operator.name)).toEqual(['Erin']);
    expect(unwrap(sessions.status(windowB)).operator).toBeNull();
  });

  it('is over as soon as any operator exists, even one added on the command line', () => {
    const { db, sessions } = station();
    addOperator(db, 'Tess', 'technician', '1234');
    expect(unwrap(sessions.status(windowA)).firstRun).toBe(false);
    const refused = sessions.createFirstEngineer(windowA, { name: 'Erin', pin: '4821' });
    expect(!refused.ok && refused.error.code).toBe('SESSION_FIRST_RUN_DONE');
  });
});

describe('sign-in', () => {
  it('signs in per caller: another window stays signed out', () => {
    const { db, sessions } = station();
    const tess = addOperator(db, 'Tess', 'technician', '1234');
    expect(unwrap(sessions.signIn(windowA, { name: 'tess', pin: '1234' }))).toEqual({ id: tess.id, name: 'Tess', role: 'technician' });
    expect(unwrap(sessions.status(windowA)).operator?.name).toBe('Tess');
    expect(unwrap(sessions.status(windowB)).operator).toBeNull();
  });

  it('gives the same error for a wrong PIN and an unknown name', () => {
    const { db, sessions } = station();
    addOperator(db, 'Tess', 'technician', '1234');
    const wrongPin = sessions.signIn(windowA, { name: 'Tess', pin: '9999' });
    const unknown = sessions.signIn(windowA, { name: 'Nobody', pin: '9999' });
    expect(wrongPin.ok || unknown.ok).toBe(false);
    if (wrongPin.ok || unknown.ok) return;
    expect(wrongPin.error.code).toBe('RECORD_PIN_WRONG');
    expect(unknown.error.code).toBe('RECORD_PIN_WRONG');
    expect(unknown.error.message).toBe(wrongPin.error.message);
    // The detail echoes only what was typed.
    expect(wrongPin.error.detail).toBe('operator "Tess"');
    expect(unknown.error.detail).toBe('operator "Nobody"');
    expect(unwrap(sessions.status(windowA)).operator).toBeNull();
  });

  it(`pauses a name for ${LOCKOUT_MS / 1000} s after ${MAX_WRONG_PINS} wrong PINs in a row, then lets it in again`, () => {
    const { db, clock, sessions } = station();
    addOperator(db, 'Tess', 'technician', '1234');
    addOperator(db, 'Quinn', 'qa', '5678');
    const codes = Array.from({ length: MAX_WRONG_PINS }, () => {
      const result = sessions.signIn(windowA, { name: 'Tess', pin: '0000' });
      return result.ok ? 'ok' : result.error.code;
    });
    expect(codes).toEqual([...Array<string>(MAX_WRONG_PINS - 1).fill('RECORD_PIN_WRONG'), 'SESSION_LOCKED_OUT']);
    // Even the right PIN is refused while paused, from any window and in any letter case.
    const locked = sessions.signIn(windowB, { name: 'TESS', pin: '1234' });
    expect(!locked.ok && locked.error).toMatchObject({ code: 'SESSION_LOCKED_OUT', detail: 'operator "TESS": try again in 30 s' });
    // Other names are not affected.
    expect(sessions.signIn(windowB, { name: 'Quinn', pin: '5678' }).ok).toBe(true);
    clock.advance(LOCKOUT_MS - 1);
    expect(sessions.signIn(windowA, { name: 'Tess', pin: '1234' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED_OUT' } });
    clock.advance(1);
    expect(unwrap(sessions.signIn(windowA, { name: 'Tess', pin: '1234' })).name).toBe('Tess');
    expect(db.events.list().find((event) => event.kind === 'session.lockedOut')).toMatchObject({ actor: 'system', payload: { name: 'Tess', wrongPins: MAX_WRONG_PINS } });
  });

  it('locks out unknown names the same way, so the lockout reveals nothing either', () => {
    const { sessions } = station();
    for (let i = 0; i < MAX_WRONG_PINS - 1; i += 1) expect(sessions.signIn(windowA, { name: 'Ghost', pin: '0000' })).toMatchObject({ ok: false, error: { code: 'RECORD_PIN_WRONG' } });
    expect(sessions.signIn(windowA, { name: 'Ghost', pin: '0000' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED_OUT' } });
  });

  it('starts counting again after a correct PIN', () => {
    const { db, sessions } = station();
    addOperator(db, 'Tess', 'technician', '1234');
    for (let i = 0; i < MAX_WRONG_PINS - 1; i += 1) sessions.signIn(windowA, { name: 'Tess', pin: '0000' });
    unwrap(sessions.signIn(windowA, { name: 'Tess', pin: '1234' }));
    for (let i = 0; i < MAX_WRONG_PINS - 1; i += 1) expect(sessions.signIn(windowA, { name: 'Tess', pin: '0000' })).toMatchObject({ error: { code: 'RECORD_PIN_WRONG' } });
  });

  it('records sign-in, sign-out and the end of a window in the audit trail', () => {
    const { db, sessions } = station();
    const tess = addOperator(db, 'Tess', 'technician', '1234');
    addOperator(db, 'Quinn', 'qa', '5678');
    unwrap(sessions.signIn(windowA, { name: 'Tess', pin: '1234' }));
    expect(unwrap(sessions.signOut(windowA))).toBeNull();
    expect(unwrap(sessions.status(windowA)).operator).toBeNull();
    expect(unwrap(sessions.signOut(windowA))).toBeNull(); // nobody signed in: nothing to record
    unwrap(sessions.signIn(windowB, { name: 'Quinn', pin: '5678' }));
    unwrap(sessions.signIn(windowB, { name: 'Tess', pin: '1234' })); // replaces Quinn in that window
    sessions.callerGone(windowB);
    expect(unwrap(sessions.status(windowB)).operator).toBeNull();
    expect(kinds(db)).toEqual(['session.signedIn', 'session.signedOut', 'session.signedIn', 'session.signedOut', 'session.signedIn', 'session.signedOut']);
    const reasons = db.events.list().filter((event) => event.kind === 'session.signedOut').map((event) => [event.actor, (event.payload as { reason: string }).reason]);
    expect(reasons).toEqual([['Tess', 'signedOut'], ['Quinn', 'signedInAgain'], ['Tess', 'windowClosed']]);
    expect(db.events.list()[0]).toMatchObject({ actor: 'Tess', payload: { operatorId: tess.id, role: 'technician', window: 'bridge:1' } });
    expect(db.events.verifyChain().ok).toBe(true);
  });

  it('returns the database failure when the database cannot be opened', () => {
    const sessions = createSessionRegistry({ database: () => ({ ok: false, error: { code: 'DB_NOT_WRITABLE', message: 'm', fix: 'f' } }) });
    expect(sessions.status(windowA)).toMatchObject({ ok: false, error: { code: 'DB_NOT_WRITABLE' } });
    expect(sessions.signIn(windowA, { name: 'Tess', pin: '1234' })).toMatchObject({ ok: false, error: { code: 'DB_NOT_WRITABLE' } });
  });
});

describe('requireRole', () => {
  const roles: readonly OperatorRole[] = ['technician', 'qa', 'engineer'];

  it('refuses with SESSION_REQUIRED when nobody is signed in', () => {
    const { sessions } = station();
    const refused = sessions.requireRole(windowA, ['engineer'], 'editing a configuration');
    expect(!refused.ok && refused.error).toMatchObject({ code: 'SESSION_REQUIRED', detail: 'editing a configuration: needs an engineer' });
  });

  it.each(roles)('lets a %s do exactly what their role is listed for', (role) => {
    const { db, sessions } = station();
    addOperator(db, 'Op', role, '2468');
    unwrap(sessions.signIn(windowA, { name: 'Op', pin: '2468' }));
    for (const needed of roles) {
      const result = sessions.requireRole(windowA, [needed]);
      if (needed === role) {
        expect(unwrap(result)).toMatchObject({ name: 'Op', role });
      } else {
        expect(!result.ok && result.error.code).toBe('SESSION_ROLE_FORBIDDEN');
        expect(!result.ok && result.error.detail).toMatch(new RegExp(`needs an? ${needed === 'qa' ? 'QA operator' : needed}; "Op" is signed in as ${role}$`));
      }
    }
    expect(sessions.requireRole(windowA, roles).ok).toBe(true);
    // Another window is not signed in at all.
    expect(sessions.requireRole(windowB, roles)).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
  });
});
