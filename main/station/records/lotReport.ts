/**
 * The per-lot report (PRODUCT.md "Records"): one row per device record of the lot, with its newest
 * attempt, as CSV (RFC 4180) or JSON. Columns are listed in REPORT_COLUMNS and docs/records.md; the
 * order is the contract. Neither the passcode nor the unique id appears (the QR and manual code do
 * encode the passcode; they are label data and belong to the report).
 */
import { success, type Result } from '../../../preload/contract/errors';
import type { StationDatabase } from '../../store/database';
import type { Lot } from '../../store/repositories/lots';

export interface LotReportRow {
  readonly serialNumber: string;
  readonly eui64: string | null;
  readonly dacSerial: string | null;
  readonly dacSkid: string | null;
  readonly discriminator: number | null;
  readonly qrPayload: string | null;
  readonly manualCode: string | null;
  /** The device status: passed, failed, in_progress or allocated. */
  readonly result: string;
  readonly errorCode: string | null;
  readonly errorReason: string | null;
  readonly operator: string | null;
  readonly station: string | null;
  readonly probe: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Duration of the newest attempt in milliseconds; null while it runs. */
  readonly ms: number | null;
  /** How many attempts the device record had. */
  readonly attempts: number;
}

export const REPORT_COLUMNS = [
  'serialNumber',
  'eui64',
  'dacSerial',
  'dacSkid',
  'discriminator',
  'qrPayload',
  'manualCode',
  'result',
  'errorCode',
  'errorReason',
  'operator',
  'station',
  'probe',
  'startedAt',
  'finishedAt',
  'ms',
  'attempts',
] as const satisfies readonly (keyof LotReportRow)[];

export interface LotReport {
  readonly lot: { readonly id: number; readonly name: string; readonly kind: string; readonly status: string; readonly configHash: string; readonly quantity: number };
  readonly generatedAt: string;
  readonly summary: { readonly devices: number; readonly passed: number; readonly failed: number; readonly inProgress: number };
  readonly rows: readonly LotReportRow[];
}

interface ReportQueryRow {
  serial_number: string;
  unique_chip_id: string | null;
  dac_serial: string | null;
  dac_skid: string | null;
  discriminator: number | null;
  qr_payload: string | null;
  manual_code: string | null;
  status: string;
  error_code: string | null;
  error_detail: string | null;
  operator: string | null;
  station_id: string | null;
  probe: string | null;
  started_at: string | null;
  finished_at: string | null;
  attempts: number;
  attempt_chip: string | null;
}

// The newest attempt per device (highest id), joined with its operator's name.
const REPORT_QUERY = `
  SELECT d.serial_number, d.unique_chip_id, d.dac_serial, d.dac_skid, d.discriminator, d.qr_payload, d.manual_code, d.status,
         a.error_code, a.error_detail, o.name AS operator, a.station_id, a.probe, a.started_at, a.finished_at,
         a.unique_chip_id AS attempt_chip,
         (SELECT count(*) FROM device_attempts c WHERE c.device_id = d.id) AS attempts
  FROM devices d
  LEFT JOIN device_attempts a ON a.id = (SELECT max(id) FROM device_attempts WHERE device_id = d.id)
  LEFT JOIN operators o ON o.id = a.operator_id
  WHERE d.lot_id = ?
  ORDER BY d.id`;

export function buildLotReport(db: StationDatabase, lotId: number, now: () => Date = () => new Date()): Result<LotReport> {
  const lot = db.lots.get(lotId);
  if (!lot.ok) return lot;
  const rows = (db.connection.prepare(REPORT_QUERY).all(lotId) as ReportQueryRow[]).map(toReportRow);
  const count = (result: string) => rows.filter((row) => row.result === result).length;
  return success({
    lot: lotSummary(lot.value),
    generatedAt: now().toISOString(),
    summary: { devices: rows.length, passed: count('passed'), failed: count('failed'), inProgress: count('in_progress') },
    rows,
  });
}

function lotSummary(lot: Lot): LotReport['lot'] {
  return { id: lot.id, name: lot.name, kind: lot.kind, status: lot.status, configHash: lot.configHash, quantity: lot.quantity };
}

function toReportRow(row: ReportQueryRow): LotReportRow {
  const ms = row.started_at !== null && row.finished_at !== null ? Date.parse(row.finished_at) - Date.parse(row.started_at) : null;
  return {
    serialNumber: row.serial_number,
    eui64: row.unique_chip_id ?? row.attempt_chip,
    dacSerial: row.dac_serial,
    dacSkid: row.dac_skid,
    discriminator: row.discriminator,
    qrPayload: row.qr_payload,
    manualCode: row.manual_code,
    result: row.status,
    errorCode: row.error_code,
    errorReason: row.error_detail,
    operator: row.operator,
    station: row.station_id,
    probe: row.probe,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    ms,
    attempts: row.attempts,
  };
}

/** RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes doubled. Null is empty. */
export function reportCsv(rows: readonly LotReportRow[]): string {
  const lines = [REPORT_COLUMNS.join(','), ...rows.map((row) => REPORT_COLUMNS.map((column) => csvField(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A text cell starting with = + - @ or a tab would be run as a formula by spreadsheet programs
 * (CSV injection): serial-number patterns and failure reasons are text the station did not choose
 * alone, so such a cell gets a leading apostrophe, which spreadsheets show as text. Numbers stay as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && /^[=+\-@\t]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportJson(report: LotReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
