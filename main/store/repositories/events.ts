/**
 * The audit log: append-only (triggers refuse UPDATE and DELETE) and hash-chained, so an edit made
 * with the triggers dropped still shows.
 *
 *   hash(n) = SHA-256 hex of ( prev_hash(n) + canonicalJson({ seq, at, kind, actor, lotId, deviceId, payload }) )
 *   prev_hash(1) = 64 zeros; prev_hash(n) = hash(n - 1)
 *
 * canonicalJson is sorted-key compact JSON (canonicalJson.ts); lotId and deviceId are null when
 * absent; payload is stored as its canonical JSON text. A chain cannot show that its newest events
 * were cut off: export or countersign the head hash to cover that.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { canonicalJson, sha256Hex, type JsonValue } from '../canonicalJson';
import { errorText, guard, type Clock, type Connection } from '../shared';

export const GENESIS_HASH = '0'.repeat(64);

export interface StationEvent {
  readonly seq: number;
  readonly at: string;
  /** Dotted name, e.g. "lot.created", "device.passed", "config.approved". */
  readonly kind: string;
  /** Operator name, or "system" / "cli" for automation. */
  readonly actor: string;
  readonly lotId: number | null;
  readonly deviceId: number | null;
  readonly payload: JsonValue;
  readonly prevHash: string;
  readonly hash: string;
}

export interface EventRefs {
  readonly lotId?: number | null;
  readonly deviceId?: number | null;
}

export interface EventFilter extends EventRefs {
  /** Only events after this seq (for paging and tailing). */
  readonly afterSeq?: number;
  readonly limit?: number;
}

export type ChainVerification =
  | { readonly ok: true; readonly count: number; readonly headHash: string }
  | { readonly ok: false; readonly brokenSeq: number; readonly reason: string };

export interface EventRepository {
  append(kind: string, actor: string, payload: JsonValue, refs?: EventRefs): Result<StationEvent>;
  /** Oldest first. */
  list(filter?: EventFilter): StationEvent[];
  /** Walks the whole chain; reports the first event whose seq, link or hash is wrong. */
  verifyChain(): ChainVerification;
}

interface EventRow {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  lot_id: number | null;
  device_id: number | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

type HashedFields = Pick<StationEvent, 'seq' | 'at' | 'kind' | 'actor' | 'lotId' | 'deviceId' | 'payload'>;

export function eventHash(prevHash: string, fields: HashedFields): string {
  const { seq, at, kind, actor, lotId, deviceId, payload } = fields;
  return sha256Hex(prevHash + canonicalJson({ seq, at, kind, actor, lotId, deviceId, payload }));
}

export function eventRepository(db: Connection, now: Clock): EventRepository {
  const head = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(`
    INSERT INTO events (seq, at, kind, actor, lot_id, device_id, payload, prev_hash, hash)
    VALUES (@seq, @at, @kind, @actor, @lotId, @deviceId, @payload, @prevHash, @hash)`);
  const filtered = db.prepare(`
    SELECT * FROM events
    WHERE (@lotId IS NULL OR lot_id = @lotId) AND (@deviceId IS NULL OR device_id = @deviceId) AND seq > @afterSeq
    ORDER BY seq LIMIT @limit`);
  const all = db.prepare('SELECT * FROM events ORDER BY seq');

  // IMMEDIATE: read the head and write the next link under one write lock, so the chain cannot fork.
  const appendLink = db.transaction((fields: Omit<HashedFields, 'seq'>, payloadText: string): StationEvent => {
    const last = head.get() as { seq: number; hash: string } | undefined;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const event = { ...fields, seq: (last?.seq ?? 0) + 1 };
    const hash = eventHash(prevHash, event);
    insert.run({ ...event, payload: payloadText, prevHash, hash });
    return { ...event, prevHash, hash };
  });

  return {
    append: (kind, actor, payload, refs = {}) => {
      let payloadText: string;
      try {
        payloadText = canonicalJson(payload);
      } catch (error) {
        return failure('DB_INVALID_RECORD', `event "${kind}" payload: ${errorText(error)}`);
      }
      const fields = { at: now().toISOString(), kind, actor, lotId: refs.lotId ?? null, deviceId: refs.deviceId ?? null, payload: JSON.parse(payloadText) as JsonValue };
      return guard(`event "${kind}"`, () => success(appendLink.immediate(fields, payloadText)));
    },
    list: (filter = {}) =>
      (filtered.all({ lotId: filter.lotId ?? null, deviceId: filter.deviceId ?? null, afterSeq: filter.afterSeq ?? 0, limit: filter.limit ?? -1 }) as EventRow[]).map(
        toEvent,
      ),
    verifyChain: () => {
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      for (const row of all.iterate() as IterableIterator<EventRow>) {
        const broken = checkLink(row, expectedSeq, prevHash);
        if (broken !== undefined) return { ok: false, brokenSeq: row.seq, reason: broken };
        expectedSeq += 1;
        prevHash = row.hash;
      }
      return { ok: true, count: expectedSeq - 1, headHash: prevHash };
    },
  };
}

/** Why this row breaks the chain, or undefined when it is intact. */
function checkLink(row: EventRow, expectedSeq: number, prevHash: string): string | undefined {
  if (row.seq !== expectedSeq) return `expected event ${expectedSeq} next, found ${row.seq}: events are missing`;
  if (row.prev_hash !== prevHash) return 'prev_hash does not match the previous event';
  let payload: JsonValue;
  try {
    payload = JSON.parse(row.payload) as JsonValue;
  } catch (error) {
    return `payload is not JSON: ${errorText(error)}`;
  }
  if (canonicalJson(payload) !== row.payload) return 'payload text was rewritten';
  if (eventHash(prevHash, { ...toEvent(row), payload }) !== row.hash) return 'hash does not match the recorded fields';
  return undefined;
}

function toEvent(row: EventRow): StationEvent {
  return {
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    actor: row.actor,
    lotId: row.lot_id,
    deviceId: row.device_id,
    payload: JSON.parse(row.payload) as JsonValue,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
