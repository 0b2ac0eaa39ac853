/** Byte codecs for factory values: little-endian integers of exact width, UTF-8 text, strict base64. */

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lossyDecoder = new TextDecoder('utf-8');

export function u16le(value: number): Uint8Array {
  return new Uint8Array([value & 0xff, (value >>> 8) & 0xff]);
}

export function u32le(value: number): Uint8Array {
  return new Uint8Array([value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff]);
}

export function readU16le(bytes: Uint8Array): number {
  return (bytes[0] ?? 0) | ((bytes[1] ?? 0) << 8);
}

export function readU32le(bytes: Uint8Array): number {
  return ((bytes[0] ?? 0) | ((bytes[1] ?? 0) << 8) | ((bytes[2] ?? 0) << 16) | ((bytes[3] ?? 0) << 24)) >>> 0;
}

/** UTF-8 without NUL; the empty string is stored as one 0x00 byte (SilabsConfig.cpp WriteConfigValueStr). */
export function encodeText(text: string): Uint8Array {
  return text.length === 0 ? new Uint8Array([0]) : encoder.encode(text);
}

export function textByteLength(text: string): number {
  return encoder.encode(text).length;
}

/** The stored bytes back to text; `valid` is false for bytes that are not UTF-8 (then decoded with U+FFFD). */
export function decodeText(bytes: Uint8Array): { text: string; valid: boolean } {
  if (bytes.length === 1 && bytes[0] === 0) return { text: '', valid: true };
  // The firmware appends the NUL itself; a stored trailing NUL would end the string there.
  const end = bytes.indexOf(0);
  const body = end >= 0 ? bytes.subarray(0, end) : bytes;
  try {
    return { text: strictDecoder.decode(body), valid: end < 0 };
  } catch {
    return { text: lossyDecoder.decode(body), valid: false };
  }
}

/** Standard alphabet, padded, no white space: the form the provision tool and `matterline spake2p` write. */
export function decodeBase64Strict(text: string): Uint8Array | null {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  // Non-zero pad bits would decode but not round-trip: refuse them too.
  return Buffer.from(bytes).toString('base64') === text ? bytes : null;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function hexBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}
