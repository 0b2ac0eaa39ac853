/**
 * Allocation of every per-device value before a board is touched (docs/records.md, "Allocation").
 * One IMMEDIATE transaction takes the lot's next sequence number, renders the serial number, draws
 * the DAC serial, passcode, discriminator, salt and rotating-ID unique id, inserts the device
 * ('in_progress'), starts its attempt and appends the audit event. It commits all of it or nothing,
 * so a crash can never hand a value out twice: a committed value belongs to a device row for ever
 * (UNIQUE columns and indexes refuse a repeat), and an uncommitted one was never handed out.
 *
 * The clear unique id is returned to the caller (it goes to the board) but only its SHA-256 is kept.
 * Randomness is injected (`random(n)`), so tests can replay draws and force collisions.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { failure, success, type ErrorCode, type Result } from '../../../preload/contract/errors';
import {
  generateDiscriminator,
  generatePasscode,
  generateRotatingIdUniqueId,
  generateSalt,
  ROTATING_ID_UNIQUE_ID_LENGTH,
  type RandomBytes,
} from '../../matter/commissioningIds';
import { SPAKE2P_MAX_ITERATIONS, SPAKE2P_MIN_ITERATIONS } from '../../matter/spake2p';
import { notFound, type Clock, type Connection } from '../shared';
import { runTransaction } from '../transaction';
import type { AttemptRepository, DeviceAttempt } from './attempts';
import type { EventRepository } from './events';
import type { StationRepository } from './station';

/** Bytes of a drawn DAC serial: 128 bits, positive, first byte non-zero (so its DER is exactly 16 bytes). */
export const DAC_SERIAL_LENGTH = 16;
/** Draws of one value before giving up: a repeat is already a one-in-10^8 event for passcodes. */
const MAX_DRAWS = 16;

export type DiscriminatorPolicy = { readonly mode: 'random' } | { readonly mode: 'fixed'; readonly value: number };

export interface AllocationRequest {
  readonly lotId: number;
  /** e.g. "sim:0", "jlink:000440123456". */
  readonly probe: string;
  readonly operatorId: number | null;
  /** Audit actor; default the operator's name, or "system". */
  readonly actor?: string;
  /** The configuration's serial-number pattern applied to the lot's next sequence number (1, 2, 3 …). */
  renderSerial(sequence: number): string;
  readonly discriminator: DiscriminatorPolicy;
  readonly spake2pIterations: number;
  /** SPAKE2+ salt length, 16..32. */
  readonly saltLength: number;
  /** Rotating-ID unique id length; 16 unless the firmware was built for more. */
  readonly uniqueIdLength?: number;
}

export interface Allocation {
  readonly deviceId: number;
  readonly attemptId: number;
  readonly lotId: number;
  readonly stationId: string;
  readonly sequence: number;
  readonly serialNumber: string;
  /** Upper-case hex, 32 digits. */
  readonly dacSerial: string;
  readonly dacSerialBytes: Uint8Array;
  readonly passcode: number;
  readonly discriminator: number;
  readonly salt: Uint8Array;
  readonly spake2pIterations: number;
  /** The clear unique id: give it to the board; the station keeps only its SHA-256. */
  readonly uniqueId: Uint8Array;
}

export interface IssuedDacRecord {
  readonly dacDer: Uint8Array;
  /** Subject key identifier, 20 bytes as hex. */
  readonly skid: string;
  /** The chip's EUI-64, when known. */
  readonly eui64?: string;
  readonly actor?: string;
}

export interface AttemptEnd {
  readonly result: 'pass' | 'fail' | 'cancelled';
  /** Required for 'fail'. */
  readonly errorCode?: ErrorCode;
  readonly errorDetail?: string;
  /** Label data, recorded with a pass. */
  readonly qrPayload?: string;
  readonly manualCode?: string;
  readonly actor?: string;
}

export interface AllocationRepository {
  allocate(request: AllocationRequest): Result<Allocation>;
  /** Records the issued DAC (DER, SKID) and the chip; the DER's serial must be the one allocated. */
  recordIssuedDac(deviceId: number, dac: IssuedDacRecord): Result<void>;
  /** Ends the attempt and sets the device passed / failed in one transaction, with an audit event. */
  finishAttempt(attemptId: number, end: AttemptEnd): Result<DeviceAttempt>;
}

interface LotRow {
  name: string;
  kind: string;
  status: string;
  quantity: number;
}

export function allocationRepository(
  db: Connection,
  now: Clock,
  random: RandomBytes,
  deps: { readonly station: StationRepository; readonly attempts: AttemptRepository; readonly events: EventRepository },
): AllocationRepository {
  const lotById = db.prepare('SELECT name, kind, status, quantity FROM lots WHERE id = ?');
  const busy = db.prepare("SELECT count(*) FROM devices WHERE lot_id = ? AND status IN ('in_progress', 'passed')").pluck();
  const nextSequence = db
    .prepare('INSERT INTO lot_sequences (lot_id, last_seq) VALUES (?, 1) ON CONFLICT (lot_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq')
    .pluck();
  const dacSerialTaken = db.prepare('SELECT 1 FROM devices WHERE dac_serial = ?').pluck();
  const passcodeTaken = db.prepare('SELECT 1 FROM devices WHERE passcode = ?').pluck();
  const uniqueIdTaken = db.prepare('SELECT 1 FROM devices WHERE unique_id_sha256 = ?').pluck();
  const insertDevice = db.prepare(`
    INSERT INTO devices (lot_id, serial_number, dac_serial, discriminator, passcode, unique_id_sha256, salt, spake2p_iterations,
                         status, created_at, updated_at)
    VALUES (@lotId, @serialNumber, @dacSerial, @discriminator, @passcode, @uniqueIdSha256, @salt, @iterations, 'in_progress', @at, @at)
    RETURNING id`).pluck();
  const operatorName = db.prepare('SELECT name FROM operators WHERE id = ?').pluck();
  const deviceDac = db.prepare('SELECT dac_serial, dac_der, lot_id FROM devices WHERE id = ?');
  const storeDac = db.prepare('UPDATE devices SET dac_der = ?, dac_skid = ?, unique_chip_id = coalesce(?, unique_chip_id), updated_at = ? WHERE id = ?');
  const closeSteps = db.prepare("UPDATE attempt_steps SET result = 'fail', detail = 'attempt ended', finished_at = ? WHERE attempt_id = ? AND result = 'running'");
  // A pass is recorded from inside the pipeline's last step ('record'): that step ends with it, in the
  // same transaction, so a crash right after can never leave it running under a passed attempt.
  const closeRecordingStep = db.prepare("UPDATE attempt_steps SET result = 'pass', detail = 'recorded with the attempt', finished_at = ? WHERE attempt_id = ? AND result = 'running'");
  const deviceEnd = db.prepare(`
    UPDATE devices SET status = @status, qr_payload = coalesce(@qrPayload, qr_payload), manual_code = coalesce(@manualCode, manual_code),
                       updated_at = @at
    WHERE id = @id RETURNING lot_id`).pluck();

  const actorFor = (operatorId: number | null, actor: string | undefined): string =>
    actor ?? (operatorId === null ? undefined : (operatorName.get(operatorId) as string | undefined)) ?? 'system';

  const allocateInside = (request: AllocationRequest): Result<Allocation> => {
    const lot = lotById.get(request.lotId) as LotRow | undefined;
    if (lot === undefined) return notFound(`lot ${request.lotId}`);
    if (lot.status !== 'running') return failure('RECORD_LOT_NOT_RUNNING', `lot "${lot.name}" is ${lot.status}`);
    const inUse = busy.get(request.lotId) as number;
    if (inUse >= lot.quantity) return failure('RECORD_LOT_FULL', `lot "${lot.name}": ${inUse} of ${lot.quantity} devices passed or in progress`);

    const sequence = nextSequence.get(request.lotId) as number;
    const serialNumber = request.renderSerial(sequence);
    const options = { randomBytes: random };

    const dacSerialBytes = drawUnique('DAC serial', () => drawDacSerial(random), (bytes) => dacSerialTaken.get(hex(bytes)) !== undefined);
    if (!dacSerialBytes.ok) return dacSerialBytes;
    const passcode = drawUnique('passcode', () => generatePasscode(options), (value) => passcodeTaken.get(value) !== undefined);
    if (!passcode.ok) return passcode;
    const uniqueIdLength = request.uniqueIdLength ?? ROTATING_ID_UNIQUE_ID_LENGTH;
    const uniqueId = drawUnique(
      'unique id',
      () => generateRotatingIdUniqueId({ ...options, length: uniqueIdLength, firmwareLength: uniqueIdLength }),
      (bytes) => uniqueIdTaken.get(sha256Hex(bytes)) !== undefined,
    );
    if (!uniqueId.ok) return uniqueId;
    const salt = generateSalt(request.saltLength, options);
    if (!salt.ok) return salt;
    const discriminator = request.discriminator.mode === 'fixed' ? request.discriminator.value : generateDiscriminator(options);

    const at = now().toISOString();
    const dacSerial = hex(dacSerialBytes.value);
    const deviceId = insertDevice.get({
      lotId: request.lotId,
      serialNumber,
      dacSerial,
      discriminator,
      passcode: passcode.value,
      uniqueIdSha256: sha256Hex(uniqueId.value),
      salt: Buffer.from(salt.value).toString('base64'),
      iterations: request.spake2pIterations,
      at,
    }) as number;
    const stationId = deps.station.stationId();
    const attempt = deps.attempts.start({ deviceId, probe: request.probe, operatorId: request.operatorId, stationId });
    if (!attempt.ok) return attempt;
    const event = deps.events.append(
      'device.allocated',
      actorFor(request.operatorId, request.actor),
      { serialNumber, dacSerial, discriminator, sequence, probe: request.probe, attemptId: attempt.value.id },
      { lotId: request.lotId, deviceId },
    );
    if (!event.ok) return event;
    return success({
      deviceId,
      attemptId: attempt.value.id,
      lotId: request.lotId,
      stationId,
      sequence,
      serialNumber,
      dacSerial,
      dacSerialBytes: dacSerialBytes.value,
      passcode: passcode.value,
      discriminator,
      salt: salt.value,
      spake2pIterations: request.spake2pIterations,
      uniqueId: uniqueId.value,
    });
  };

  return {
    allocate: (request) => {
      const checked = checkRequest(request);
      if (!checked.ok) return checked;
      return runTransaction(db, () => allocateInside(request), `allocating a device in lot ${request.lotId}`);
    },

    recordIssuedDac: (deviceId, dac) => {
      const serial = certificateSerial(dac.dacDer);
      if (!serial.ok) return serial;
      return runTransaction(
        db,
        () => {
          const row = deviceDac.get(deviceId) as { dac_serial: string | null; dac_der: Uint8Array | null; lot_id: number } | undefined;
          if (row === undefined) return notFound(`device ${deviceId}`);
          if (row.dac_serial !== serial.value) {
            return failure('RECORD_DAC_SERIAL_MISMATCH', `device ${deviceId} was allocated DAC serial ${row.dac_serial ?? '(none)'}; the certificate has ${serial.value}`);
          }
          if (row.dac_der !== null) {
            // Recording the same DAC again (a resumed step) is harmless; a different one would be a second issuance.
            return Buffer.from(row.dac_der).equals(Buffer.from(dac.dacDer))
              ? success(undefined)
              : failure('RECORD_DAC_SERIAL_MISMATCH', `device ${deviceId} already has a different DAC with serial ${serial.value}`);
          }
          const skid = normalHex(dac.skid);
          storeDac.run(dac.dacDer, skid, dac.eui64 === undefined ? null : normalHex(dac.eui64), now().toISOString(), deviceId);
          const event = deps.events.append('device.dac_issued', dac.actor ?? 'system', { dacSerial: serial.value, dacSkid: skid }, { lotId: row.lot_id, deviceId });
          return event.ok ? success(undefined) : event;
        },
        `recording the DAC of device ${deviceId}`,
      );
    },

    finishAttempt: (attemptId, end) =>
      runTransaction(
        db,
        () => {
          const at = now().toISOString();
          const finished = deps.attempts.finish(attemptId, { result: end.result, errorCode: end.errorCode, errorDetail: end.errorDetail });
          if (!finished.ok) return finished;
          (end.result === 'pass' ? closeRecordingStep : closeSteps).run(at, attemptId);
          const status = end.result === 'pass' ? 'passed' : 'failed';
          const lotId = deviceEnd.get({ status, qrPayload: end.qrPayload ?? null, manualCode: end.manualCode ?? null, at, id: finished.value.deviceId }) as number;
          const event = deps.events.append(
            end.result === 'pass' ? 'device.passed' : end.result === 'fail' ? 'device.failed' : 'device.cancelled',
            actorFor(finished.value.operatorId, end.actor),
            { attemptId, errorCode: end.errorCode ?? null, errorDetail: end.errorDetail ?? null },
            { lotId, deviceId: finished.value.deviceId },
          );
          return event.ok ? finished : event;
        },
        `finishing attempt ${attemptId}`,
      ),
  };
}

function checkRequest(request: AllocationRequest): Result<void> {
  const { spake2pIterations: iterations, discriminator } = request;
  if (!Number.isInteger(iterations) || iterations < SPAKE2P_MIN_ITERATIONS || iterations > SPAKE2P_MAX_ITERATIONS) {
    return failure('SPAKE2P_ITERATIONS_OUT_OF_RANGE', `iterations ${iterations} is outside ${SPAKE2P_MIN_ITERATIONS}..${SPAKE2P_MAX_ITERATIONS}`);
  }
  if (discriminator.mode === 'fixed' && !(Number.isInteger(discriminator.value) && discriminator.value >= 0 && discriminator.value <= 0xfff)) {
    return failure('DB_INVALID_RECORD', `fixed discriminator ${discriminator.value} is outside 0..4095`);
  }
  return success(undefined);
}

/** Draws until `taken` says no; every draw that repeats a stored value is thrown away. */
function drawUnique<T>(what: string, draw: () => Result<T>, taken: (value: T) => boolean): Result<T> {
  for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
    const value = draw();
    if (!value.ok || !taken(value.value)) return value;
  }
  return failure('RECORD_ALLOCATION_EXHAUSTED', `${MAX_DRAWS} ${what} draws in a row were already in use`);
}

/** 16 random bytes with the top bit cleared (a positive INTEGER); a zero first byte is drawn again. */
function drawDacSerial(random: RandomBytes): Result<Uint8Array> {
  for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
    const bytes = Uint8Array.from(random(DAC_SERIAL_LENGTH));
    if (bytes.length !== DAC_SERIAL_LENGTH) throw new RangeError(`random(${DAC_SERIAL_LENGTH}) returned ${bytes.length} bytes`); // a broken source is a bug
    bytes[0] = bytes[0]! & 0x7f;
    if (bytes[0] !== 0) return success(bytes);
  }
  return failure('RECORD_ALLOCATION_EXHAUSTED', `${MAX_DRAWS} DAC serial draws in a row started with a zero byte`);
}

function certificateSerial(der: Uint8Array): Result<string> {
  try {
    return success(normalHex(new X509Certificate(der).serialNumber));
  } catch (error) {
    return failure('RECORD_DAC_UNREADABLE', error instanceof Error ? error.message : String(error));
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

function normalHex(value: string): string {
  return value.replace(/[\s:-]/g, '').toUpperCase();
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').toUpperCase();
}
