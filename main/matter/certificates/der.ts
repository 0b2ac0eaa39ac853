/**
 * A small, strict DER reader for the outer frame of a file: telling a truncated file (with the byte
 * counts) from one with trailing bytes, and slicing the issuer/subject Names and the public key
 * exactly as encoded. Own code because @peculiar/x509 (asn1js underneath) silently ignores bytes
 * after the certificate and reports truncation without offsets. Everything else is parsed with
 * @peculiar/x509 and the @peculiar/asn1-* schemas.
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
