/**
 * ECDSA signature formats. X.509 and CMS carry a DER `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER,
 * s INTEGER }`; WebCrypto signs and verifies the raw form r‖s, each a big-endian integer padded to
 * the curve size (32 bytes for P-256). These two functions are the one place that converts.
 */
import { ECDSASigValue } from '@peculiar/asn1-ecc';
import { AsnConvert, AsnParser } from '@peculiar/asn1-schema';

export const P256_SCALAR_LENGTH = 32;

/**
 * DER Ecdsa-Sig-Value → raw r‖s (2 × scalarLength bytes). Strict: the input must be exactly one DER
 * SEQUENCE of two minimal, positive, non-zero INTEGERs that fit the curve size; anything else is null.
 */
export function ecdsaDerToRaw(der: Uint8Array, scalarLength: number = P256_SCALAR_LENGTH): Uint8Array | null {
  let parsed: ECDSASigValue;
  try {
    parsed = AsnParser.parse(der, ECDSASigValue);
    // Re-encoding must give back the same bytes: no BER length forms, no trailing data.
    if (!equalBytes(new Uint8Array(AsnConvert.serialize(parsed)), der)) return null;
  } catch {
    return null;
  }
  const r = unsignedScalar(new Uint8Array(parsed.r), scalarLength);
  const s = unsignedScalar(new Uint8Array(parsed.s), scalarLength);
  if (r === null || s === null) return null;
  const raw = new Uint8Array(2 * scalarLength);
  raw.set(r, 0);
  raw.set(s, scalarLength);
  return raw;
}

/** Raw r‖s (even length) → DER Ecdsa-Sig-Value. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new RangeError(`a raw ECDSA signature has an even, non-zero length (got ${raw.length})`);
  const half = raw.length / 2;
  const value = new ECDSASigValue({ r: derInteger(raw.subarray(0, half)), s: derInteger(raw.subarray(half)) });
  return new Uint8Array(AsnConvert.serialize(value));
}

/** INTEGER content bytes → the scalar left-padded to `length`, or null if not minimal, not positive or too big. */
function unsignedScalar(content: Uint8Array, length: number): Uint8Array | null {
  if (content.length === 0) return null;
  const first = content[0] ?? 0;
  if (first & 0x80) return null; // negative
  if (first === 0 && content.length > 1 && ((content[1] ?? 0) & 0x80) === 0) return null; // not minimal
  const magnitude = first === 0 ? content.subarray(1) : content;
  if (magnitude.length === 0 || magnitude.length > length) return null; // zero, or larger than the curve
  const out = new Uint8Array(length);
  out.set(magnitude, length - magnitude.length);
  return out;
}

/** Big-endian unsigned bytes → minimal two's-complement INTEGER content. */
function derInteger(bytes: Uint8Array): ArrayBuffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const magnitude = bytes.subarray(start);
  const needsPad = ((magnitude[0] ?? 0) & 0x80) !== 0;
  const out = new Uint8Array(magnitude.length + (needsPad ? 1 : 0));
  out.set(magnitude, needsPad ? 1 : 0);
  return out.buffer;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
