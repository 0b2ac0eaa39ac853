/**
 * The read-back against the station's record of the device: field by field, so the QA read-back
 * service and the commissioning check say exactly which value differs. The record never holds the
 * unique id itself, only its SHA-256, so the id read is hashed and the hashes compared.
 */
import { createHash } from 'node:crypto';
import { bytesEqual } from '../../matter/certificates';
import { decodeBase64Strict } from '../../silabs/factoryData';
import type { DeviceReadback, DeviceRecordExpectation } from './types';

export type RecordField = 'serialNumber' | 'eui64' | 'dac' | 'discriminator' | 'passcode' | 'iterations' | 'salt' | 'uniqueId';

export interface RecordMismatch {
  readonly field: RecordField;
  /** Printable: the record's value and the device's (or "missing"). */
  readonly expected: string;
  readonly actual: string;
}

/** SHA-256 of the unique id, lower-case hex: what the station records instead of the id. */
export function uniqueIdSha256(uniqueId: Uint8Array): string {
  return createHash('sha256').update(uniqueId).digest('hex');
}

/** Base64 salts compare as bytes (padding and line breaks do not matter); undecodable text compares as text. */
export function sameSalt(a: string, b: string): boolean {
  const left = decodeBase64Strict(a);
  const right = decodeBase64Strict(b);
  return left !== null && right !== null ? bytesEqual(left, right) : a === b;
}

const shown = (value: unknown): string => (value === undefined || value === null ? 'missing' : String(value));

/** Every recorded value the device disagrees with; empty when the device is the recorded one. Fields the record lacks are not compared. */
export function compareWithRecord(readback: DeviceReadback, record: DeviceRecordExpectation): RecordMismatch[] {
  const mismatches: RecordMismatch[] = [];
  const data = readback.parsed?.factoryData ?? {};
  const differ = (field: RecordField, expected: unknown, actual: unknown) => mismatches.push({ field, expected: shown(expected), actual: shown(actual) });

  if (record.eui64 !== undefined && record.eui64.toLowerCase() !== readback.eui64) differ('eui64', record.eui64.toLowerCase(), readback.eui64);
  if (data.serialNumber !== record.serialNumber) differ('serialNumber', record.serialNumber, data.serialNumber);
  if (record.dacDer !== undefined) {
    const dac = readback.parsed?.files.dac ?? null;
    if (dac === null || !bytesEqual(dac, record.dacDer)) differ('dac', `${record.dacDer.length} bytes issued`, dac === null ? 'missing' : `${dac.length} different bytes`);
  }
  if (data.discriminator !== record.discriminator) differ('discriminator', record.discriminator, data.discriminator);
  if (record.passcode !== undefined && data.passcode !== record.passcode) differ('passcode', record.passcode, data.passcode);
  if (data.spake2pIterations !== record.iterations) differ('iterations', record.iterations, data.spake2pIterations);
  if (data.spake2pSalt === undefined || !sameSalt(data.spake2pSalt, record.saltBase64)) differ('salt', record.saltBase64, data.spake2pSalt);
  if (record.uniqueIdSha256 !== undefined) {
    const actual = data.uniqueId === undefined ? undefined : uniqueIdSha256(data.uniqueId);
    if (actual !== record.uniqueIdSha256.toLowerCase()) differ('uniqueId', `SHA-256 ${record.uniqueIdSha256.toLowerCase()}`, actual === undefined ? undefined : `SHA-256 ${actual}`);
  }
  return mismatches;
}
