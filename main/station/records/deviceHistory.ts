/**
 * History (docs/history.md): read-only questions about what the station recorded — which devices
 * carry a serial number, EUI-64, DAC serial or QR payload; one device with its attempts, steps and
 * inspections; devices finished per hour and yield per lot. Nothing here writes.
 *
 * Search is an exact value or its start. The typed text is a LIKE pattern only after escaping, so
 * `%` and `_` stand for themselves; hex identifiers are stored upper-case without separators, so the
 * text is normalised the same way before it is compared with them.
 */
import { success, type Result } from '../../../preload/contract/errors';
import type { DeviceDetail, DeviceRow, LotCharts } from '../../../preload/contract/history';
import type { StationDatabase } from '../../store/database';
import { notFound } from '../../store/shared';

export const SEARCH_LIMIT = 100;

interface DeviceRowQuery {
  id: number;
  serial_number: string;
  unique_chip_id: string | null;
  dac_serial: string | null;
  qr_payload: string | null;
  lot_id: number;
  lot_name: string;
  status: string;
  updated_at: string;
}

interface DeviceDetailQuery extends DeviceRowQuery {
  manual_code: string | null;
  discriminator: number | null;
  vendor_id: number | null;
  product_id: number | null;
  created_at: string;
}

const ROW_COLUMNS = `d.id, d.serial_number, d.unique_chip_id, d.dac_serial, d.qr_payload, d.lot_id, l.name AS lot_name, d.status, d.updated_at`;

// A parameter left NULL matches nothing (NULL LIKE … is NULL), so one statement serves every kind of text.
const SEARCH_QUERY = `
  SELECT ${ROW_COLUMNS}
  FROM devices d JOIN lots l ON l.id = d.lot_id
  WHERE d.serial_number LIKE @text ESCAPE '\\'
     OR d.qr_payload LIKE @qr ESCAPE '\\'
     OR d.unique_chip_id LIKE @eui ESCAPE '\\'
     OR d.dac_serial LIKE @dac ESCAPE '\\'
  ORDER BY d.id DESC
  LIMIT ${SEARCH_LIMIT}`;

// VID/PID are not device columns: they come from the configuration the lot was made on.
const DETAIL_QUERY = `
  SELECT ${ROW_COLUMNS}, d.manual_code, d.discriminator, d.created_at,
         CASE json_type(c.content, '$.config.matter.vendorId') WHEN 'integer' THEN json_extract(c.content, '$.config.matter.vendorId') END AS vendor_id,
         CASE json_type(c.content, '$.config.matter.productId') WHEN 'integer' THEN json_extract(c.content, '$.config.matter.productId') END AS product_id
  FROM devices d JOIN lots l ON l.id = d.lot_id JOIN product_configs c ON c.id = l.config_id
  WHERE d.id = ?`;

// Finished attempts by the UTC hour of their end ("2025-01-02T03" of an ISO 8601 UTC timestamp).
// With one lot, its condition is added to the statement (not `? IS NULL OR …`) so the lot index serves it.
const throughputQuery = (oneLot: boolean) => `
  SELECT substr(a.finished_at, 1, 13) AS hour, sum(a.result = 'pass') AS passed, sum(a.result = 'fail') AS failed
  FROM device_attempts a JOIN devices d ON d.id = a.device_id
  WHERE a.result IN ('pass', 'fail')${oneLot ? ' AND d.lot_id = ?' : ''}
  GROUP BY hour ORDER BY hour`;

const yieldQuery = (oneLot: boolean) => `
  SELECT l.id AS lot_id, l.name AS lot_name, coalesce(sum(d.status = 'passed'), 0) AS passed, coalesce(sum(d.status = 'failed'), 0) AS failed
  FROM lots l LEFT JOIN devices d ON d.lot_id = l.id
  ${oneLot ? 'WHERE l.id = ?' : ''}
  GROUP BY l.id ORDER BY l.id`;

/** `%`, `_` and the escape character itself stand for themselves; the pattern matches the text or anything starting with it. */
export function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** "0c:43:14-ff fe" → "0C4314FFFE"; null when what is left is not hex of a usable length. */
export function hexSearchText(text: string, maxLength: number): string | null {
  const hex = text.replace(/[\s:-]/g, '').toUpperCase();
  return hex.length >= 3 && hex.length <= maxLength && /^[0-9A-F]+$/.test(hex) ? hex : null;
}

/** At most SEARCH_LIMIT devices, newest first, whose serial, QR payload, EUI-64 or DAC serial is `text` or starts with it. */
export function searchDevices(db: StationDatabase, text: string): DeviceRow[] {
  const typed = text.trim();
  const hexPattern = (maxLength: number) => {
    const hex = hexSearchText(typed, maxLength);
    return hex === null ? null : prefixPattern(hex);
  };
  const rows = db.connection.prepare(SEARCH_QUERY).all({
    text: prefixPattern(typed),
    qr: /^MT:/i.test(typed) ? prefixPattern(typed) : null,
    eui: hexPattern(16),
    dac: hexPattern(40),
  }) as DeviceRowQuery[];
  return rows.map(toDeviceRow);
}

export function deviceDetail(db: StationDatabase, id: number): Result<DeviceDetail> {
  const row = db.connection.prepare(DETAIL_QUERY).get(id) as DeviceDetailQuery | undefined;
  if (row === undefined) return notFound(`device ${id}`);
  const names = new Map(db.operators.list().map((operator) => [operator.id, operator.name]));
  const nameOf = (operatorId: number | null) => (operatorId === null ? null : (names.get(operatorId) ?? `operator ${operatorId}`));
  return success({
    device: {
      ...toDeviceRow(row),
      manualCode: row.manual_code,
      discriminator: row.discriminator,
      vendorId: row.vendor_id,
      productId: row.product_id,
      createdAt: row.created_at,
    },
    attempts: db.attempts.listForDevice(id).map((attempt) => ({
      id: attempt.id,
      probe: attempt.probe,
      operator: nameOf(attempt.operatorId),
      startedAt: attempt.startedAt,
      endedAt: attempt.finishedAt,
      result: attempt.result,
      reason: attemptReason(attempt.errorCode, attempt.errorDetail),
      steps: db.attempts.listSteps(attempt.id).map((step) => ({
        step: step.name,
        result: step.result,
        ms: step.finishedAt === null ? null : Date.parse(step.finishedAt) - Date.parse(step.startedAt),
        detail: step.detail,
      })),
    })),
    inspections: db.inspections.listForDevice(id).map((inspection) => ({
      id: inspection.id,
      at: inspection.at,
      result: inspection.result,
      operator: nameOf(inspection.operatorId),
      probe: inspection.probe,
    })),
  });
}

/** Throughput per UTC hour and yield per lot: of every lot, or of the one given (NOT_FOUND when it does not exist). */
export function lotCharts(db: StationDatabase, lotId: number | undefined): Result<LotCharts> {
  if (lotId !== undefined) {
    const lot = db.lots.get(lotId);
    if (!lot.ok) return lot;
  }
  const oneLot = lotId !== undefined;
  const parameters = oneLot ? [lotId] : [];
  const hours = db.connection.prepare(throughputQuery(oneLot)).all(...parameters) as { hour: string; passed: number; failed: number }[];
  const lots = db.connection.prepare(yieldQuery(oneLot)).all(...parameters) as { lot_id: number; lot_name: string; passed: number; failed: number }[];
  return success({
    throughput: hours.map((row) => ({ hour: `${row.hour}:00:00Z`, passed: row.passed, failed: row.failed })),
    yieldByLot: lots.map((row) => ({
      lotId: row.lot_id,
      lotName: row.lot_name,
      passed: row.passed,
      failed: row.failed,
      yield: row.passed + row.failed === 0 ? null : row.passed / (row.passed + row.failed),
    })),
  });
}

function attemptReason(code: string | null, detail: string | null): string | null {
  if (code === null) return detail;
  return detail === null || detail === '' ? code : `${code}: ${detail}`;
}

function toDeviceRow(row: DeviceRowQuery): DeviceRow {
  return {
    id: row.id,
    serialNumber: row.serial_number,
    eui64: row.unique_chip_id,
    dacSerial: row.dac_serial,
    qrPayload: row.qr_payload,
    lotId: row.lot_id,
    lotName: row.lot_name,
    status: row.status,
    updatedAt: row.updated_at,
  };
}
