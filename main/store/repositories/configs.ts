/**
 * Product configurations. A row's content never changes (a trigger refuses it): saving a change makes
 * the next version of the same name. The content hash is taken when the row is made, so a sample lot
 * run on a draft records exactly what it ran; approval by QA then freezes that version for production.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { canonicalJson, sha256Hex, type JsonValue } from '../canonicalJson';
import { errorText, guard, notFound, type Clock, type Connection } from '../shared';

export type ConfigStatus = 'draft' | 'approved' | 'retired';

export interface ProductConfigRecord {
  readonly id: number;
  readonly name: string;
  readonly version: number;
  readonly content: JsonValue;
  /** SHA-256 hex of the canonical JSON of content. */
  readonly contentHash: string;
  readonly status: ConfigStatus;
  readonly approvedBy: number | null;
  readonly approvedAt: string | null;
  readonly createdBy: number | null;
  readonly createdAt: string;
}

export interface NewConfigDraft {
  readonly name: string;
  readonly content: JsonValue;
  /** Operator id; null or left out for automation. */
  readonly createdBy?: number | null;
}

export interface ConfigRepository {
  /** Saves the next version of `name` as a draft. */
  createDraft(draft: NewConfigDraft): Result<ProductConfigRecord>;
  get(id: number): Result<ProductConfigRecord>;
  /** Newest version first within each name. */
  list(filter?: { readonly name?: string; readonly status?: ConfigStatus }): ProductConfigRecord[];
  /** Draft → approved, recording who and when. */
  approve(id: number, approvedBy: number): Result<ProductConfigRecord>;
}

interface ConfigRow {
  id: number;
  name: string;
  version: number;
  content: string;
  content_hash: string;
  status: ConfigStatus;
  approved_by: number | null;
  approved_at: string | null;
  created_by: number | null;
  created_at: string;
}

export function configRepository(db: Connection, now: Clock): ConfigRepository {
  const insert = db.prepare(`
    INSERT INTO product_configs (name, version, content, content_hash, created_by, created_at)
    VALUES (?, (SELECT coalesce(max(version), 0) + 1 FROM product_configs WHERE name = ?), ?, ?, ?, ?)
    RETURNING *`);
  const byId = db.prepare('SELECT * FROM product_configs WHERE id = ?');
  const filtered = db.prepare(`
    SELECT * FROM product_configs
    WHERE (@name IS NULL OR name = @name) AND (@status IS NULL OR status = @status)
    ORDER BY name, version DESC`);
  const approve = db.prepare(
    "UPDATE product_configs SET status = 'approved', approved_by = ?, approved_at = ? WHERE id = ? AND status = 'draft' RETURNING *",
  );

  const get = (id: number): Result<ProductConfigRecord> => {
    const row = byId.get(id) as ConfigRow | undefined;
    return row === undefined ? notFound(`product configuration ${id}`) : success(toConfig(row));
  };

  return {
    createDraft: (draft) => {
      let content: string;
      try {
        content = canonicalJson(draft.content);
      } catch (error) {
        return failure('DB_INVALID_RECORD', `product configuration "${draft.name}": ${errorText(error)}`);
      }
      return guard(`product configuration "${draft.name}"`, () => {
        const row = insert.get(draft.name, draft.name, content, sha256Hex(content), draft.createdBy ?? null, now().toISOString()) as ConfigRow;
        return success(toConfig(row));
      });
    },
    get,
    list: (filter = {}) => (filtered.all({ name: filter.name ?? null, status: filter.status ?? null }) as ConfigRow[]).map(toConfig),
    approve: (id, approvedBy) =>
      guard(`approving product configuration ${id}`, () => {
        const row = approve.get(approvedBy, now().toISOString(), id) as ConfigRow | undefined;
        if (row !== undefined) return success(toConfig(row));
        const existing = get(id);
        if (!existing.ok) return existing;
        return failure('DB_INVALID_RECORD', `product configuration ${id} is ${existing.value.status}; only a draft can be approved`);
      }),
  };
}

function toConfig(row: ConfigRow): ProductConfigRecord {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    content: JSON.parse(row.content) as JsonValue,
    contentHash: row.content_hash,
    status: row.status,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
