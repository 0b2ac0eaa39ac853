/**
 * Lots: N devices provisioned on one configuration. A lot copies the configuration's content hash
 * when it is made; a production lot needs an approved configuration (PRODUCT.md, workflow step 3).
 * Which status may follow which is the lot service's rule; the store only records it.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { guard, notFound, type Clock, type Connection } from '../shared';
import type { ConfigRepository } from './configs';

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

export interface NewLot {
  readonly name: string;
  readonly kind: LotKind;
  readonly configId: number;
  readonly quantity: number;
  readonly stationId: string;
  readonly createdBy?: number | null;
  readonly notes?: string | null;
}

export interface LotRepository {
  create(lot: NewLot): Result<Lot>;
  get(id: number): Result<Lot>;
  /** Newest first. */
  list(filter?: { readonly status?: LotStatus }): Lot[];
  /** Closing stamps closed_at; any other status clears it. */
  setStatus(id: number, status: LotStatus): Result<Lot>;
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

export function lotRepository(db: Connection, now: Clock, configs: ConfigRepository): LotRepository {
  const insert = db.prepare(`
    INSERT INTO lots (name, kind, config_id, config_hash, quantity, station_id, created_by, created_at, notes)
    VALUES (@name, @kind, @configId, @configHash, @quantity, @stationId, @createdBy, @createdAt, @notes)
    RETURNING *`);
  const byId = db.prepare('SELECT * FROM lots WHERE id = ?');
  const filtered = db.prepare('SELECT * FROM lots WHERE (@status IS NULL OR status = @status) ORDER BY id DESC');
  const updateStatus = db.prepare(`
    UPDATE lots SET status = @status, closed_at = CASE WHEN @status = 'closed' THEN coalesce(closed_at, @at) END
    WHERE id = @id RETURNING *`);

  return {
    create: (lot) => {
      const config = configs.get(lot.configId);
      if (!config.ok) return config;
      const { status } = config.value;
      if (status === 'retired' || (lot.kind === 'production' && status !== 'approved')) {
        return failure('DB_INVALID_RECORD', `lot "${lot.name}": a ${lot.kind} lot cannot use product configuration ${lot.configId}, which is ${status}`);
      }
      return guard(`lot "${lot.name}"`, () => {
        const row = insert.get({
          name: lot.name,
          kind: lot.kind,
          configId: lot.configId,
          configHash: config.value.contentHash,
          quantity: lot.quantity,
          stationId: lot.stationId,
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
    setStatus: (id, status) =>
      guard(`lot ${id} status ${status}`, () => {
        const row = updateStatus.get({ id, status, at: now().toISOString() }) as LotRow | undefined;
        return row === undefined ? notFound(`lot ${id}`) : success(toLot(row));
      }),
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
