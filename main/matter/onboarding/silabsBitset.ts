/**
 * The setup-payload bitset Silicon Labs firmware stores in NVM3 object 0x087205
 * (silabs-provisioning.md §2.4): exactly the 11 bytes the QR code base-38 encodes, and from which the
 * firmware prints `SetupQRCode: [MT:…]` at boot. It is the only place the device keeps the
 * passcode (in clear), the commissioning flow and the discovery flags; treat it as a secret.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { PAYLOAD_BYTES, packPayloadBits, payloadFromBits, unpackPayloadBits } from './bits';
import type { SetupPayload } from './payload';
import { decodeQrCode, QR_PREFIX } from './qrCode';
import { checkSetupPayload, type ValidationOptions } from './rules';

export const SETUP_PAYLOAD_BITSET_LENGTH = PAYLOAD_BYTES;

export function encodeSetupPayloadBitset(payload: SetupPayload, options: ValidationOptions = {}): Result<Uint8Array> {
  const checked = checkSetupPayload(payload, { mode: 'produce', ...options });
  if (!checked.ok) return checked;
  return success(packPayloadBits(payload));
}

export function decodeSetupPayloadBitset(bytes: Uint8Array, options: ValidationOptions = {}): Result<SetupPayload> {
  if (bytes.length !== SETUP_PAYLOAD_BITSET_LENGTH) {
    return failure('ONBOARDING_BITSET_LENGTH', `the bitset has ${bytes.length} bytes instead of ${SETUP_PAYLOAD_BITSET_LENGTH}`);
  }
  const bits = unpackPayloadBits(bytes);
  if (bits.padding !== 0) return failure('ONBOARDING_PADDING_NOT_ZERO', `the 4 padding bits are 0x${bits.padding.toString(16)}`);
  return checkSetupPayload(payloadFromBits(bits), { mode: 'consume', ...options });
}

/**
 * A setup payload read back from a device. The fact sheet is unsure whether the provisioning
 * protocol's read-back `setup_payload` is the 11-byte bitset or the "MT:" text, so both are
 * accepted: they cannot be confused (the text is at least 22 bytes).
 */
export function decodeStoredSetupPayload(bytes: Uint8Array, options: ValidationOptions = {}): Result<SetupPayload> {
  const prefix = new TextEncoder().encode(QR_PREFIX);
  if (bytes.length > PAYLOAD_BYTES && prefix.every((byte, index) => bytes[index] === byte)) {
    const decoded = decodeQrCode(new TextDecoder().decode(bytes).replace(/\0+$/, ''), options);
    if (!decoded.ok) return decoded;
    const { optionalData: _optionalData, ...payload } = decoded.value;
    return success(payload);
  }
  return decodeSetupPayloadBitset(bytes, options);
}
