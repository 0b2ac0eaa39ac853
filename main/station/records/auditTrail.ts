/**
 * Verification of the audit trail (docs/records.md "Audit chain"): walks the hash chain of events
 * (events.verifyChain) and summarises it for the CLI and the window — intact with its head hash, or
 * broken at the first event that does not verify, as RECORD_AUDIT_CHAIN_BROKEN.
 */
import { appError, type AppErrorInfo } from '../../../preload/contract/errors';
import type { StationDatabase } from '../../store/database';

export type AuditVerification =
  | {
      readonly ok: true;
      readonly events: number;
      readonly headHash: string;
      readonly firstAt: string | null;
      readonly lastAt: string | null;
    }
  | {
      readonly ok: false;
      readonly events: number;
      readonly brokenSeq: number;
      readonly reason: string;
      readonly error: AppErrorInfo;
    };

export function verifyAuditTrail(db: StationDatabase): AuditVerification {
  const result = db.events.verifyChain();
  const total = db.connection.prepare('SELECT count(*) AS n, min(at) AS firstAt, max(at) AS lastAt FROM events').get() as {
    n: number;
    firstAt: string | null;
    lastAt: string | null;
  };
  if (result.ok) return { ok: true, events: result.count, headHash: result.headHash, firstAt: total.firstAt, lastAt: total.lastAt };
  return {
    ok: false,
    events: total.n,
    brokenSeq: result.brokenSeq,
    reason: result.reason,
    error: appError('RECORD_AUDIT_CHAIN_BROKEN', `event ${result.brokenSeq}: ${result.reason}`),
  };
}
