/**
 * Devices: one row per serial number issued in a lot, filled in as provisioning learns the chip's
 * EUI-64 and issues the DAC. Hex identifiers are stored upper-case so look-ups match however they
 * were typed or read.
 */
import { success, type Result } from '../../../preload/contract/errors';
import { guard, notFound, type Clock, type Connection } from '../shared';

export type DeviceStatus = 'allocated' | 'in_progress' | 'passed' | 'failed';

/** What provisioning learns or issues; each may be unknown (null) until its step has run. */
export interface DeviceCredentials {
  /** EUI-64 from DEVINFO, 16 hex digits. */
  readonly uniqueChipId?: string | null;
  /** DAC certificate serial number, hex. */
  readonly dacSerial?: string | null;
  /** DAC subject key identifier, 40 hex digits. */
  readonly dacSkid?: string | null;
  /** 12-bit discriminator. */
  readonly discriminator?: number | null;
  /** Onboarding QR payload ("MT:…"). */
  readonly qrPayload?: string | null;
  /** 11- or 21-digit manual pairing code. */
  readonly manualCode?: string | null;
}

export interface Device {
  readonly id: number;
  readonly lotId: number;
  readonly serialNumber: string;
  readonly uniqueChipId: string | null;
  readonly dacSerial: string | null;
  readonly dacSkid: string | null;
  readonly discriminator: number | null;
  readonly qrPayload: string | null;
  readonly manualCode: string | null;
  readonly status: DeviceStatus;
  /** Allocated commissioning values (allocations.ts); null on a device made without allocation. */
  readonly passcode: number | null;
  /** SHA-256 (upper-case hex) of the rotating-ID unique id; the clear value is never stored. */
  readonly uniqueIdSha256: string | null;
  /** SPAKE2+ salt, base64. */
  readonly salt: string | null;
  readonly spake2pIterations: number | null;
  /** Whether the issued DAC's DER is recorded (read it with issuedDac). */
  readonly hasDac: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The DAC as issued to a device, for the DAC bundle and the read-back byte comparison. */
export interface IssuedDac {
  readonly deviceId: number;
  readonly serialNumber: string;
  readonly dacSerial: string;
  readonly dacSkid: string | null;
  readonly der: Uint8Array;
}

export interface NewDevice extends DeviceCredentials {
  readonly lotId: number;
  readonly serialNumber: string;
}

export interface DeviceRepository {
  /** A duplicate serial number or DAC serial gives DB_DUPLICATE; an unknown lot, DB_INVALID_RECORD. */
  create(device: NewDevice): Result<Device>;
  get(id: number): Result<Device>;
  /** Sets the fields given (null clears one); fields left out keep their value. */
  recordCredentials(id: number, credentials: DeviceCredentials): Result<Device>;
  setStatus(id: number, status: DeviceStatus): Result<Device>;
  findBySerial(serialNumber: string): Result<Device>;
  /** The newest device record for the chip: a reworked chip has several. */
  findByUniqueChipId(uniqueChipId: string): Result<Device>;
  findByDacSerial(dacSerial: string): Result<Device>;
  /** In the order they were made. */
  listByLot(lotId: number): Device[];
  /** NOT_FOUND when the device has no recorded DAC yet. */
  issuedDac(id: number): Result<IssuedDac>;
  /** Every recorded DAC of the lot, in device order. */
  listIssuedDacs(lotId: number): IssuedDac[];
}

interface DeviceRow {
  id: number;
  lot_id: number;
  serial_number: string;
  unique_chip_id: string | null;
  dac_serial: string | null;
  dac_skid: string | null;
  discriminator: number | null;
  qr_payload: string | null;
  manual_code: string | null;
  status: DeviceStatus;
  passcode: number | null;
  unique_id_sha256: string | null;
  salt: string | null;
  spake2p_iterations: number | null;
  has_dac: number;
  created_at: string;
  updated_at: string;
}

interface IssuedDacRow {
  id: number;
  serial_number: string;
  dac_serial: string;
  dac_skid: string | null;
  dac_der: Uint8Array;
}

/** Every column but the DER itself, which only issuedDac reads. */
const DEVICE_COLUMNS = `id, lot_id, serial_number, unique_chip_id, dac_serial, dac_skid, discriminator, qr_payload, manual_code,
  status, passcode, unique_id_sha256, salt, spake2p_iterations, dac_der IS NOT NULL AS has_dac, created_at, updated_at`;

const CREDENTIAL_COLUMNS = {
  uniqueChipId: 'unique_chip_id',
  dacSerial: 'dac_serial',
  dacSkid: 'dac_skid',
  discriminator: 'discriminator',
  qrPayload: 'qr_payload',
  manualCode: 'manual_code',
} as const satisfies Record<keyof DeviceCredentials, keyof DeviceRow>;

export function deviceRepository(db: Connection, now: Clock): DeviceRepository {
  const insert = db.prepare(`
    INSERT INTO devices (lot_id, serial_number, unique_chip_id, dac_serial, dac_skid, discriminator,
                         qr_payload, manual_code, created_at, updated_at)
    VALUES (@lotId, @serialNumber, @uniqueChipId, @dacSerial, @dacSkid, @discriminator,
            @qrPayload, @manualCode, @at, @at)
    RETURNING ${DEVICE_COLUMNS}`);
  // Only the fields present in the call are changed: each has a "given" flag beside its value.
  const update = db.prepare(`
    UPDATE devices SET
      ${Object.entries(CREDENTIAL_COLUMNS)
        .map(([key, column]) => `${column} = CASE WHEN @has_${key} THEN @${key} ELSE ${column} END`)
        .join(',\n      ')},
      updated_at = @at
    WHERE id = @id RETURNING ${DEVICE_COLUMNS}`);
  const updateStatus = db.prepare(`UPDATE devices SET status = ?, updated_at = ? WHERE id = ? RETURNING ${DEVICE_COLUMNS}`);
  const byId = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = ?`);
  const bySerial = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE serial_number = ?`);
  const byChip = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE unique_chip_id = ? ORDER BY id DESC LIMIT 1`);
  const byDac = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE dac_serial = ?`);
  const byLot = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE lot_id = ? ORDER BY id`);
  const dacOf = db.prepare('SELECT id, serial_number, dac_serial, dac_skid, dac_der FROM devices WHERE id = ? AND dac_der IS NOT NULL');
  const dacsOfLot = db.prepare('SELECT id, serial_number, dac_serial, dac_skid, dac_der FROM devices WHERE lot_id = ? AND dac_der IS NOT NULL ORDER BY id');

  const one = (row: unknown, what: string): Result<Device> =>
    row === undefined ? notFound(what) : success(toDevice(row as DeviceRow));

  return {
    create: (device) =>
      guard(`device serial number "${device.serialNumber}"`, () =>
        success(toDevice(insert.get({ ...credentialValues(device), lotId: device.lotId, serialNumber: device.serialNumber, at: now().toISOString() }) as DeviceRow)),
      ),
    get: (id) => one(byId.get(id), `device ${id}`),
    recordCredentials: (id, credentials) =>
      guard(`device ${id} credentials`, () => {
        const given = Object.fromEntries(
          (Object.keys(CREDENTIAL_COLUMNS) as (keyof DeviceCredentials)[]).map((key) => [`has_${key}`, credentials[key] === undefined ? 0 : 1]),
        );
        return one(update.get({ ...credentialValues(credentials), ...given, id, at: now().toISOString() }), `device ${id}`);
      }),
    setStatus: (id, status) =>
      guard(`device ${id} status ${status}`, () => one(updateStatus.get(status, now().toISOString(), id), `device ${id}`)),
    findBySerial: (serialNumber) => one(bySerial.get(serialNumber), `device with serial number "${serialNumber}"`),
    findByUniqueChipId: (uniqueChipId) => one(byChip.get(hex(uniqueChipId)), `device with unique chip id ${uniqueChipId}`),
    findByDacSerial: (dacSerial) => one(byDac.get(hex(dacSerial)), `device with DAC serial ${dacSerial}`),
    listByLot: (lotId) => (byLot.all(lotId) as DeviceRow[]).map(toDevice),
    issuedDac: (id) => {
      const row = dacOf.get(id) as IssuedDacRow | undefined;
      return row === undefined ? notFound(`issued DAC of device ${id}`) : success(toIssuedDac(row));
    },
    listIssuedDacs: (lotId) => (dacsOfLot.all(lotId) as IssuedDacRow[]).map(toIssuedDac),
  };
}

/** Upper-case hex without separators ("0b:1a" and "0B1A" are the same serial). */
function hex(value: string): string {
  return value.replace(/[\s:-]/g, '').toUpperCase();
}

function optionalHex(value: string | null | undefined): string | null {
  return value === undefined || value === null ? null : hex(value);
}

function credentialValues(credentials: DeviceCredentials): Record<keyof DeviceCredentials, string | number | null> {
  return {
    uniqueChipId: optionalHex(credentials.uniqueChipId),
    dacSerial: optionalHex(credentials.dacSerial),
    dacSkid: optionalHex(credentials.dacSkid),
    discriminator: credentials.discriminator ?? null,
    qrPayload: credentials.qrPayload ?? null,
    manualCode: credentials.manualCode ?? null,
  };
}

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    lotId: row.lot_id,
    serialNumber: row.serial_number,
    uniqueChipId: row.unique_chip_id,
    dacSerial: row.dac_serial,
    dacSkid: row.dac_skid,
    discriminator: row.discriminator,
    qrPayload: row.qr_payload,
    manualCode: row.manual_code,
    status: row.status,
    passcode: row.passcode,
    uniqueIdSha256: row.unique_id_sha256,
    salt: row.salt,
    spake2pIterations: row.spake2p_iterations,
    hasDac: row.has_dac === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toIssuedDac(row: IssuedDacRow): IssuedDac {
  return { deviceId: row.id, serialNumber: row.serial_number, dacSerial: row.dac_serial, dacSkid: row.dac_skid, der: new Uint8Array(row.dac_der) };
}
