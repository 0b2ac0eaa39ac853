/**
 * A small, strict DER reader and writer for the few places where the exact bytes matter: slicing the
 * signed part (TBSCertificate) out of a certificate, telling a truncated file from a file with
 * trailing bytes, and building certificates whose every byte follows the Matter profile (subject
 * names copied byte for byte from the issuer, UTF8String VID/PID, GeneralizedTime 9999 expiry).
 * Everything else is parsed with the @peculiar/asn1-* schemas.
 */

export interface DerElement {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Offset just past the element. */
  readonly end: number;
}

export type DerReadResult = { readonly ok: true; readonly element: DerElement } | { readonly ok: false; readonly reason: string };

/**
 * Reads one element at `offset`. Only single-byte tags and definite, minimally encoded lengths are
 * DER; anything else is reported with its offset, so the user learns where the file is damaged.
 */
export function readDerElement(bytes: Uint8Array, offset: number): DerReadResult {
  if (offset >= bytes.length) return { ok: false, reason: `no element at byte ${offset}: the data ends there` };
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) return { ok: false, reason: `multi-byte tag at byte ${offset} is not used in certificates` };
  if (offset + 1 >= bytes.length) return { ok: false, reason: `truncated at byte ${offset + 1}: the length is missing` };
  const first = bytes[offset + 1] as number;
  let length: number;
  let contentStart: number;
  if (first < 0x80) {
    length = first;
    contentStart = offset + 2;
  } else {
    const count = first & 0x7f;
    if (count === 0) return { ok: false, reason: `indefinite length at byte ${offset + 1} is not DER` };
    if (count > 4) return { ok: false, reason: `length of ${count} bytes at byte ${offset + 1} is implausibly large` };
    if (offset + 2 + count > bytes.length) return { ok: false, reason: `truncated at byte ${offset + 2}: the length field is cut off` };
    length = 0;
    for (let index = 0; index < count; index += 1) length = length * 256 + (bytes[offset + 2 + index] as number);
    if (bytes[offset + 2] === 0 || length < 0x80) return { ok: false, reason: `length at byte ${offset + 1} is not minimally encoded (not DER)` };
    contentStart = offset + 2 + count;
  }
  const end = contentStart + length;
  if (end > bytes.length) {
    return { ok: false, reason: `truncated: the element at byte ${offset} declares ${length} content bytes but only ${bytes.length - contentStart} follow` };
  }
  return { ok: true, element: { tag, start: offset, contentStart, end } };
}

/** The elements directly inside a constructed element (a SEQUENCE or SET). */
export function readDerChildren(bytes: Uint8Array, parent: DerElement): { ok: true; children: DerElement[] } | { ok: false; reason: string } {
  const children: DerElement[] = [];
  let offset = parent.contentStart;
  while (offset < parent.end) {
    const read = readDerElement(bytes.subarray(0, parent.end), offset);
    if (!read.ok) return read;
    children.push(read.element);
    offset = read.element.end;
  }
  return { ok: true, children };
}

/** "3 unexpected bytes follow the certificate" — for files with something after the DER element. */
export function trailingBytes(count: number, what: string): string {
  return count === 1 ? `1 unexpected byte follows ${what}` : `${count} unexpected bytes follow ${what}`;
}

export function derSlice(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.slice(element.start, element.end);
}

export function derContent(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.slice(element.contentStart, element.end);
}

// ---- writer -------------------------------------------------------------------------------------

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) out.unshift(rest % 256);
  return [0x80 | out.length, ...out];
}

/** One TLV from a tag and its content. */
export function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const header = [tag, ...encodeLength(content.length)];
  const out = new Uint8Array(header.length + content.length);
  out.set(header, 0);
  out.set(content, header.length);
  return out;
}

export function derConcat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const derSequence = (...parts: Uint8Array[]): Uint8Array => derTlv(0x30, derConcat(parts));
export const derSet = (...parts: Uint8Array[]): Uint8Array => derTlv(0x31, derConcat(parts));
export const derOctetString = (content: Uint8Array): Uint8Array => derTlv(0x04, content);
export const derUtf8String = (text: string): Uint8Array => derTlv(0x0c, new TextEncoder().encode(text));
export const derBoolean = (value: boolean): Uint8Array => derTlv(0x01, Uint8Array.of(value ? 0xff : 0x00));
/** [n] EXPLICIT (constructed, context-specific). */
export const derExplicit = (tagNumber: number, inner: Uint8Array): Uint8Array => derTlv(0xa0 | tagNumber, inner);
/** [n] IMPLICIT primitive (context-specific), e.g. the AKID keyIdentifier [0]. */
export const derImplicitPrimitive = (tagNumber: number, content: Uint8Array): Uint8Array => derTlv(0x80 | tagNumber, content);

/** BIT STRING with no unused bits (keys, signatures). */
export function derBitString(content: Uint8Array, unusedBits = 0): Uint8Array {
  return derTlv(0x03, derConcat([Uint8Array.of(unusedBits), content]));
}

/** INTEGER from a small non-negative number. */
export function derSmallInteger(value: number): Uint8Array {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  if (bytes.length === 0 || ((bytes[0] as number) & 0x80) !== 0) bytes.unshift(0);
  return derTlv(0x02, Uint8Array.from(bytes));
}

/** INTEGER whose content bytes are given as they must appear (already minimal, sign included). */
export function derIntegerBytes(content: Uint8Array): Uint8Array {
  return derTlv(0x02, content);
}

export function derObjectIdentifier(oid: string): Uint8Array {
  const arcs = oid.split('.').map((arc) => BigInt(arc));
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined) throw new RangeError(`OID ${oid} needs at least two arcs`);
  const out: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let value = arc >> 7n; value > 0n; value >>= 7n) chunk.unshift(Number(value & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return derTlv(0x06, Uint8Array.from(out));
}

/**
 * RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (so "no expiry",
 * 9999-12-31T23:59:59Z, is GeneralizedTime as in the SDK's certificates). Whole seconds only.
 */
export function derTime(date: Date): Uint8Array {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return derTlv(0x17, new TextEncoder().encode(digits.slice(2)));
  return derTlv(0x18, new TextEncoder().encode(digits));
}

/** Dotted text of an OBJECT IDENTIFIER's content bytes. */
export function decodeObjectIdentifier(content: Uint8Array): string | null {
  if (content.length === 0) return null;
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of content) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
    }
  }
  if ((content[content.length - 1] as number) & 0x80) return null;
  const [first = 0n, ...rest] = arcs;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...rest].map(String).join('.');
}
