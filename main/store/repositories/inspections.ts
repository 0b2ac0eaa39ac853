/**
 * QA inspections: one append-only row per read-back of a board, with every check's result and the
 * station's record it matched (device_id NULL: the board matched no record of this station). The
 * read-back service runs the checks; this records them and an "inspection.recorded" audit event.
 */
import { success, type Result } from '../../../preload/contract/errors';
import { canonicalJson } from '../canonicalJson';
import { guard, notFound, type Clock, type Connection } from '../shared';
import { runTransaction } from '../transaction';
import type { EventRepository } from './events';

export interface InspectionCheck {
  readonly name: string;
  readonly result: 'pass' | 'fail' | 'skipped';
  readonly detail?: string;
}

export interface NewInspection {
  readonly deviceId: number | null;
  /** EUI-64 read from the chip. */
  readonly uniqueChipId: string | null;
  /** Serial of the DAC read back, hex. */
  readonly dacSerial: string | null;
  readonly result: 'pass' | 'fail';
  readonly checks: readonly InspectionCheck[];
  readonly operatorId: number | null;
  readonly stationId: string;
  readonly probe: string;
  /** Audit actor; default "system". */
  readonly actor?: string;
}

export interface Inspection extends Omit<NewInspection, 'actor'> {
  readonly id: number;
  readonly at: string;
}

export interface InspectionRepository {
  record(inspection: NewInspection): Result<Inspection>;
  get(id: number): Result<Inspection>;
  /** Oldest first. */
  listForDevice(deviceId: number): Inspection[];
  /** Every inspection of a lot's devices, oldest first. */
  listForLot(lotId: number): Inspection[];
}

interface InspectionRow {
  id: number;
  device_id: number | null;
  unique_chip_id: string | null;
  dac_serial: string | null;
  result: 'pass' | 'fail';
  checks: string;
  operator_id: number | null;
  station_id: string;
  probe: string;
  at: string;
}

export function inspectionRepository(db: Connection, now: Clock, events: EventRepository): InspectionRepository {
  const insert = db.prepare(`
    INSERT INTO inspections (device_id, unique_chip_id, dac_serial, result, checks, operator_id, station_id, probe, at)
    VALUES (@deviceId, @uniqueChipId, @dacSerial, @result, @checks, @operatorId, @stationId, @probe, @at) RETURNING *`);
  const byId = db.prepare('SELECT * FROM inspections WHERE id = ?');
  const byDevice = db.prepare('SELECT * FROM inspections WHERE device_id = ? ORDER BY id');
  const byLot = db.prepare('SELECT i.* FROM inspections i JOIN devices d ON d.id = i.device_id WHERE d.lot_id = ? ORDER BY i.id');
  const lotOf = db.prepare('SELECT lot_id FROM devices WHERE id = ?').pluck();

  return {
    record: (inspection) =>
      runTransaction(
        db,
        () => {
          const row = insert.get({
            deviceId: inspection.deviceId,
            uniqueChipId: normalHex(inspection.uniqueChipId),
            dacSerial: normalHex(inspection.dacSerial),
            result: inspection.result,
            checks: canonicalJson(inspection.checks),
            operatorId: inspection.operatorId,
            stationId: inspection.stationId,
            probe: inspection.probe,
            at: now().toISOString(),
          }) as InspectionRow;
          const failed = inspection.checks.filter((check) => check.result === 'fail').map((check) => check.name);
          const lotId = inspection.deviceId === null ? null : ((lotOf.get(inspection.deviceId) as number | undefined) ?? null);
          const event = events.append(
            'inspection.recorded',
            inspection.actor ?? 'system',
            { inspectionId: row.id, result: row.result, uniqueChipId: row.unique_chip_id, dacSerial: row.dac_serial, probe: row.probe, failedChecks: failed },
            { lotId, deviceId: inspection.deviceId },
          );
          return event.ok ? success(toInspection(row)) : event;
        },
        'recording an inspection',
      ),
    get: (id) => guard(`inspection ${id}`, () => {
      const row = byId.get(id) as InspectionRow | undefined;
      return row === undefined ? notFound(`inspection ${id}`) : success(toInspection(row));
    }),
    listForDevice: (deviceId) => (byDevice.all(deviceId) as InspectionRow[]).map(toInspection),
    listForLot: (lotId) => (byLot.all(lotId) as InspectionRow[]).map(toInspection),
  };
}

function normalHex(value: string | null): string | null {
  return value === null ? null : value.replace(/[\s:-]/g, '').toUpperCase();
}

function toInspection(row: InspectionRow): Inspection {
  return {
    id: row.id,
    deviceId: row.device_id,
    uniqueChipId: row.unique_chip_id,
    dacSerial: row.dac_serial,
    result: row.result,
    checks: JSON.parse(row.checks) as InspectionCheck[],
    operatorId: row.operator_id,
    stationId: row.station_id,
    probe: row.probe,
    at: row.at,
  };
}
