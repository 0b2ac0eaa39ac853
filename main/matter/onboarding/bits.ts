/**
 * The 88-bit fixed part of every onboarding payload. The QR code's base-38 text and the 11-byte
 * bitset Silicon Labs firmware keeps in NVM3 (object 0x087205) are the same bits: fields packed
 * LSB-first, bit i of the payload in byte i/8 at bit i%8 (matter-credentials.md §4.1,
 * silabs-provisioning.md §2.4). One table, so the two can never drift apart.
 */
import type { SetupPayload } from './payload';

export const PAYLOAD_BYTES = 11;

/** Field order and widths; offsets follow from the order (version at 0 … padding at 84). */
export const PAYLOAD_FIELDS = [
  { name: 'version', bits: 3 },
  { name: 'vendorId', bits: 16 },
  { name: 'productId', bits: 16 },
  { name: 'flow', bits: 2 },
  { name: 'capabilities', bits: 8 },
  { name: 'discriminator', bits: 12 },
  { name: 'passcode', bits: 27 },
  { name: 'padding', bits: 4 },
] as const;

export type PayloadFieldName = (typeof PAYLOAD_FIELDS)[number]['name'];
export type PayloadBits = Record<PayloadFieldName, number>;

/**
 * Packs the fields; each must already fit its width (the rules check that first). Bits are written
 * one at a time: 88 of them cost nothing and avoid 32-bit shift pitfalls with the 27-bit passcode.
 */
export function packPayloadBits(payload: SetupPayload, padding = 0): Uint8Array {
  const bytes = new Uint8Array(PAYLOAD_BYTES);
  const values: PayloadBits = { ...payload, padding };
  let offset = 0;
  for (const field of PAYLOAD_FIELDS) {
    const value = values[field.name];
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** field.bits) {
      throw new RangeError(`${field.name} ${value} does not fit in ${field.bits} bits`); // a bug: callers validate first
    }
    for (let bit = 0; bit < field.bits; bit++, offset++) {
      if (Math.floor(value / 2 ** bit) % 2 === 1) bytes[offset >> 3]! |= 1 << (offset & 7);
    }
  }
  return bytes;
}

/** Reads the fields back from the first 11 bytes, padding included, without judging them. */
export function unpackPayloadBits(bytes: Uint8Array): PayloadBits {
  if (bytes.length < PAYLOAD_BYTES) throw new RangeError(`payload has ${bytes.length} bytes, needs ${PAYLOAD_BYTES}`);
  const values = {} as PayloadBits;
  let offset = 0;
  for (const field of PAYLOAD_FIELDS) {
    let value = 0;
    for (let bit = 0; bit < field.bits; bit++, offset++) {
      if ((bytes[offset >> 3]! >> (offset & 7)) & 1) value += 2 ** bit;
    }
    values[field.name] = value;
  }
  return values;
}

/** The SetupPayload part of unpacked bits (everything but the padding). */
export function payloadFromBits(bits: PayloadBits): SetupPayload {
  const { version, vendorId, productId, flow, capabilities, discriminator, passcode } = bits;
  return { version, vendorId, productId, flow, capabilities, discriminator, passcode };
}
