/**
 * The QR code text: "MT:" + base-38 of the 11 packed payload bytes (22 characters in all).
 * Optional TLV data (serial number, PBKDF parameters, vendor tags) is out of scope: it is never
 * produced, and when a scanned code carries it the bytes are returned raw in `optionalData`
 * without being interpreted.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { decodeBase38, encodeBase38 } from './base38';
import { PAYLOAD_BYTES, packPayloadBits, payloadFromBits, unpackPayloadBits } from './bits';
import type { SetupPayload } from './payload';
import { checkSetupPayload, type ValidationOptions } from './rules';

export const QR_PREFIX = 'MT:';

export interface QrCodeContents extends SetupPayload {
  /** Bytes after the 88-bit fixed part (optional TLV), uninterpreted; empty for a plain code. */
  readonly optionalData: Uint8Array;
}

/** Validates (produce mode unless told otherwise) and encodes. */
export function encodeQrCode(payload: SetupPayload, options: ValidationOptions = {}): Result<string> {
  const checked = checkSetupPayload(payload, { mode: 'produce', ...options });
  if (!checked.ok) return checked;
  return success(QR_PREFIX + encodeBase38(packPayloadBits(payload)));
}

/** Decodes "MT:…" text and checks it as a commissioner would (consume mode: any capability bits). */
export function decodeQrCode(text: string, options: ValidationOptions = {}): Result<QrCodeContents> {
  const trimmed = text.trim();
  if (!trimmed.startsWith(QR_PREFIX)) {
    return failure('QR_PREFIX_MISSING', `code ${JSON.stringify(abbreviate(trimmed))} does not start with ${QR_PREFIX}`);
  }
  const body = trimmed.slice(QR_PREFIX.length);
  if (body.includes('*')) {
    return failure('QR_BASE38_INVALID', 'the code joins several payloads with "*"; decode them one at a time');
  }
  const decoded = decodeBase38(body);
  if (!decoded.ok) return decoded;
  if (decoded.value.length < PAYLOAD_BYTES) {
    return failure('QR_LENGTH_INVALID', `${body.length} base-38 characters decode to ${decoded.value.length} bytes; at least ${PAYLOAD_BYTES} are needed`);
  }
  const bits = unpackPayloadBits(decoded.value);
  if (bits.padding !== 0) return failure('ONBOARDING_PADDING_NOT_ZERO', `the 4 padding bits are 0x${bits.padding.toString(16)}`);
  const checked = checkSetupPayload(payloadFromBits(bits), { mode: 'consume', ...options });
  if (!checked.ok) return checked;
  return success({ ...checked.value, optionalData: decoded.value.slice(PAYLOAD_BYTES) });
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
