/**
 * QA's decision on a sample lot (PRODUCT.md workflow step 3): approve or reject, once, by an active
 * QA operator, with the configuration hash the lot ran with. Approving also approves the product
 * configuration (draft → approved by the same operator), which is what lets production lots use it:
 * the content behind that hash can never change (a trigger refuses it), so approval freezes it.
 * The decision row, the lot status, the configuration approval and the audit event are one transaction.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { notFound, type Clock, type Connection } from '../shared';
import { runTransaction } from '../transaction';
import type { ConfigRepository } from './configs';
import type { EventRepository } from './events';
import { describeConfig, type LotStatusChange } from './lots';

export type LotDecisionKind = 'approved' | 'rejected';

export interface NewLotDecision {
  readonly lotId: number;
  readonly decision: LotDecisionKind;
  /** The QA operator, already signed in (PIN checked by the caller, see operatorPins.ts). */
  readonly operatorId: number;
  /** Required for a rejection. */
  readonly reason?: string | null;
}

export interface LotDecision {
  readonly id: number;
  readonly lotId: number;
  readonly decision: LotDecisionKind;
  readonly operatorId: number;
  readonly configId: number;
  readonly configHash: string;
  readonly reason: string | null;
  readonly at: string;
}

export interface LotDecisionRepository {
  decide(decision: NewLotDecision): Result<LotDecision>;
  /** NOT_FOUND while the lot is undecided. */
  get(lotId: number): Result<LotDecision>;
}

interface DecisionRow {
  id: number;
  lot_id: number;
  decision: LotDecisionKind;
  operator_id: number;
  config_id: number;
  config_hash: string;
  reason: string | null;
  at: string;
}

export function lotDecisionRepository(
  db: Connection,
  now: Clock,
  deps: { readonly configs: ConfigRepository; readonly events: EventRepository; readonly changeLotStatus: LotStatusChange },
): LotDecisionRepository {
  const operatorById = db.prepare('SELECT name, role, active FROM operators WHERE id = ?');
  const lotById = db.prepare('SELECT name, config_id, config_hash FROM lots WHERE id = ?');
  const insert = db.prepare(`
    INSERT INTO lot_decisions (lot_id, decision, operator_id, config_id, config_hash, reason, at)
    VALUES (@lotId, @decision, @operatorId, @configId, @configHash, @reason, @at) RETURNING *`);
  const byLot = db.prepare('SELECT * FROM lot_decisions WHERE lot_id = ?');

  const decideInside = (request: NewLotDecision): Result<LotDecision> => {
    const operator = operatorById.get(request.operatorId) as { name: string; role: string; active: number } | undefined;
    if (operator === undefined) return notFound(`operator ${request.operatorId}`);
    if (operator.role !== 'qa' || operator.active !== 1) {
      return failure('RECORD_QA_ROLE_REQUIRED', `operator "${operator.name}" is ${operator.active === 1 ? 'an active' : 'an inactive'} ${operator.role}`);
    }
    const reason = request.reason?.trim() ?? '';
    if (request.decision === 'rejected' && reason === '') return failure('RECORD_REASON_REQUIRED', `rejecting lot ${request.lotId}`);
    const lot = lotById.get(request.lotId) as { name: string; config_id: number; config_hash: string } | undefined;
    if (lot === undefined) return notFound(`lot ${request.lotId}`);

    const moved = deps.changeLotStatus(request.lotId, request.decision, operator.name, { decision: true });
    if (!moved.ok) return moved;
    if (request.decision === 'approved') {
      const config = deps.configs.get(lot.config_id);
      if (!config.ok) return config;
      if (config.value.contentHash !== lot.config_hash) {
        return failure('RECORD_CONFIG_NOT_APPROVED', `lot "${lot.name}" ran with hash ${lot.config_hash}, configuration ${describeConfig(config.value)} has ${config.value.contentHash}`);
      }
      if (config.value.status === 'retired') return failure('RECORD_CONFIG_NOT_APPROVED', `configuration ${describeConfig(config.value)} is retired`);
      if (config.value.status === 'draft') {
        const approved = deps.configs.approve(lot.config_id, request.operatorId);
        if (!approved.ok) return approved;
      }
    }
    const row = insert.get({
      lotId: request.lotId,
      decision: request.decision,
      operatorId: request.operatorId,
      configId: lot.config_id,
      configHash: lot.config_hash,
      reason: reason === '' ? null : reason,
      at: now().toISOString(),
    }) as DecisionRow;
    const event = deps.events.append(
      request.decision === 'approved' ? 'lot.approved' : 'lot.rejected',
      operator.name,
      { configId: row.config_id, configHash: row.config_hash, reason: row.reason },
      { lotId: request.lotId },
    );
    return event.ok ? success(toDecision(row)) : event;
  };

  return {
    decide: (request) => runTransaction(db, () => decideInside(request), `QA decision on lot ${request.lotId}`),
    get: (lotId) => {
      const row = byLot.get(lotId) as DecisionRow | undefined;
      return row === undefined ? notFound(`QA decision on lot ${lotId}`) : success(toDecision(row));
    },
  };
}

function toDecision(row: DecisionRow): LotDecision {
  return {
    id: row.id,
    lotId: row.lot_id,
    decision: row.decision,
    operatorId: row.operator_id,
    configId: row.config_id,
    configHash: row.config_hash,
    reason: row.reason,
    at: row.at,
  };
}
