// Adds an operator straight into the database and signs it in through the session handlers, so a
// test can act as any role in its own window (caller).
import type { OperatorRole } from '../../../preload/contract/session';
import type { StationHandlers } from '../../../main/services/handlers';
import type { StationDatabase } from '../../../main/store/database';
import { hashPin } from '../../../main/store/repositories/operatorPins';
import { unwrap } from '../store/helpers';

export async function addAndSignIn(handlers: StationHandlers, db: StationDatabase, caller: { id: string }, name: string, role: OperatorRole): Promise<void> {
  unwrap(db.operators.create({ name, role, ...unwrap(hashPin('1234')) }));
  unwrap(await handlers.session.signIn({ name, pin: '1234' }, caller));
}
