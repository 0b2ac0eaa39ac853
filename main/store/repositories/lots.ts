/**
 * Lots: N devices provisioned on one configuration. A lot copies the configuration's content hash
 * when it is made; a production lot needs an approved configuration (PRODUCT.md, workflow step 3),
 * checked again each time it starts running, since a configuration can be retired meanwhile.
 *
 * Status changes follow LOT_TRANSITIONS and each is an audit event ("lot.status") written in the
 * same transaction. approved / rejected are reached only through a QA decision (lotDecisions.ts).
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { guard, notFound, type Clock, type Connection } from '../shared';
import { runTransaction } from '../transaction';
import type { ConfigRepository, ProductConfigRecord } from './configs';
import type { EventRepository } from './events';
import type { StationRepository } from './station';

export type LotKind = 'sample' | 'production';
export type LotStatus = 'open' | 'running' | 'awaiting_qa' | 'approved' | 'rejected' | 'closed';

export interface Lot {
  readonly id: number;
  readonly name: string;
  readonly kind: LotKind;
  readonly configId: number;
  readonly configHash: string;
  readonly quantity: number;
  readonly status: LotStatus;
  readonly stationId: string;
  readonly createdBy: number | null;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly notes: string | null;
}

/**
 * Which status may follow which. running → open is a pause; running → awaiting_qa ends a sample run;
 * running → closed ends a production run (or abandons a sample lot, leaving its configuration a draft).
 */
export const LOT_TRANSITIONS: Readonly<Record<LotStatus, readonly LotStatus[]>> = {
  open: ['running', 'closed'],
  running: ['open', 'awaiting_qa', 'closed'],
  awaiting_qa: ['approved', 'rejected'],
  approved: ['closed'],
  rejected: ['closed'],
  closed: [],
};

/** Devices of a lot by status; `total` counts every device record, failed ones included. */
export interface LotCounts {
  readonly allocated: number;
  readonly inProgress: number;
  readonly passed: number;
  readonly failed: number;
  readonly total: number;
}

export interface NewLot {
  readonly name: string;
  readonly kind: LotKind;
  readonly configId: number;
  readonly quantity: number;
  /** Default: this station's id (station table). */
  readonly stationId?: string;
  readonly createdBy?: number | null;
  readonly notes?: string | null;
}

export interface LotRepository {
  create(lot: NewLot): Result<Lot>;
  get(id: number): Result<Lot>;
  /** Newest first. */
  list(filter?: { readonly status?: LotStatus }): Lot[];
  /**
   * Moves the lot along LOT_TRANSITIONS (RECORD_LOT_TRANSITION_REFUSED otherwise) and records a
   * "lot.status" event by `actor` (default "system"). Closing stamps closed_at. approved / rejected
   * need a QA decision (RECORD_LOT_DECISION_REQUIRED).
   */
  setStatus(id: number, status: LotStatus, actor?: string): Result<Lot>;
  counts(id: number): LotCounts;
}

interface LotRow {
  id: number;
  name: string;
  kind: LotKind;
  config_id: number;
  config_hash: string;
  quantity: number;
  status: LotStatus;
  station_id: string;
  created_by: number | null;
  created_at: string;
  closed_at: string | null;
  notes: string | null;
}

/** The status change itself, shared with the QA decision (which alone may approve or reject). */
export type LotStatusChange = (id: number, to: LotStatus, actor: string, options?: { readonly decision?: boolean }) => Result<Lot>;

export function lotStatusChange(db: Connection, now: Clock, configs: ConfigRepository, events: EventRepository): LotStatusChange {
  const byId = db.prepare('SELECT * FROM lots WHERE id = ?');
  const updateStatus = db.prepare(`
    UPDATE lots SET status = @status, closed_at = CASE WHEN @status = 'closed' THEN coalesce(closed_at, @at) END
    WHERE id = @id RETURNING *`);
  return (id, to, actor, options = {}) =>
    runTransaction(
      db,
      () => {
        const row = byId.get(id) as LotRow | undefined;
        if (row === undefined) return notFound(`lot ${id}`);
        const refused = refusal(toLot(row), to, options.decision ?? false, configs);
        if (refused !== undefined) return refused;
        const updated = toLot(updateStatus.get({ id, status: to, at: now().toISOString() }) as LotRow);
        const event = events.append('lot.status', actor, { from: row.status, to }, { lotId: id });
        return event.ok ? success(updated) : event;
      },
      `lot ${id} status ${to}`,
    );
}

function refusal(lot: Lot, to: LotStatus, decision: boolean, configs: ConfigRepository): Result<never> | undefined {
  const name = `lot "${lot.name}"`;
  if (!LOT_TRANSITIONS[lot.status].includes(to)) return failure('RECORD_LOT_TRANSITION_REFUSED', `${name} (${lot.kind}): ${lot.status} → ${to}`);
  if ((to === 'approved' || to === 'rejected') && !decision) return failure('RECORD_LOT_DECISION_REQUIRED', `${name}: ${lot.status} → ${to}`);
  if (to === 'awaiting_qa' && lot.kind !== 'sample') return failure('RECORD_LOT_TRANSITION_REFUSED', `${name} is a production lot: ${lot.status} → ${to} is for sample lots`);
  if (to === 'running') {
    const config = configs.get(lot.configId);
    if (!config.ok) return config;
    if (config.value.status === 'retired' || (lot.kind === 'production' && config.value.status !== 'approved')) {
      return failure('RECORD_CONFIG_NOT_APPROVED', `${name}: product configuration ${describeConfig(config.value)} is ${config.value.status}`);
    }
  }
  return undefined;
}

export function describeConfig(config: ProductConfigRecord): string {
  return `"${config.name}" v${config.version} (id ${config.id})`;
}

export function lotRepository(db: Connection, now: Clock, configs: ConfigRepository, events: EventRepository, station: StationRepository): LotRepository {
  const insert = db.prepare(`
    INSERT INTO lots (name, kind, config_id, config_hash, quantity, station_id, created_by, created_at, notes)
    VALUES (@name, @kind, @configId, @configHash, @quantity, @stationId, @createdBy, @createdAt, @notes)
    RETURNING *`);
  const byId = db.prepare('SELECT * FROM lots WHERE id = ?');
  const filtered = db.prepare('SELECT * FROM lots WHERE (@status IS NULL OR status = @status) ORDER BY id DESC');
  const countByStatus = db.prepare('SELECT status, count(*) AS n FROM devices WHERE lot_id = ? GROUP BY status');
  const change = lotStatusChange(db, now, configs, events);

  return {
    create: (lot) => {
      const config = configs.get(lot.configId);
      if (!config.ok) return config;
      const { status } = config.value;
      if (status === 'retired' || (lot.kind === 'production' && status !== 'approved')) {
        return failure('RECORD_CONFIG_NOT_APPROVED', `lot "${lot.name}": a ${lot.kind} lot cannot use product configuration ${describeConfig(config.value)}, which is ${status}`);
      }
      return guard(`lot "${lot.name}"`, () => {
        const row = insert.get({
          name: lot.name,
          kind: lot.kind,
          configId: lot.configId,
          configHash: config.value.contentHash,
          quantity: lot.quantity,
          stationId: lot.stationId ?? station.stationId(),
          createdBy: lot.createdBy ?? null,
          createdAt: now().toISOString(),
          notes: lot.notes ?? null,
        }) as LotRow;
        return success(toLot(row));
      });
    },
    get: (id) => {
      const row = byId.get(id) as LotRow | undefined;
      return row === undefined ? notFound(`lot ${id}`) : success(toLot(row));
    },
    list: (filter = {}) => (filtered.all({ status: filter.status ?? null }) as LotRow[]).map(toLot),
    setStatus: (id, status, actor = 'system') => change(id, status, actor),
    counts: (id) => {
      const rows = countByStatus.all(id) as { status: string; n: number }[];
      const of = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
      return {
        allocated: of('allocated'),
        inProgress: of('in_progress'),
        passed: of('passed'),
        failed: of('failed'),
        total: rows.reduce((sum, row) => sum + row.n, 0),
      };
    },
  };
}

function toLot(row: LotRow): Lot {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    configId: row.config_id,
    configHash: row.config_hash,
    quantity: row.quantity,
    status: row.status,
    stationId: row.station_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    notes: row.notes,
  };
}
