/**
 * The Matter TLV model (Matter Core Specification, appendix A): one element = a tag, a type and a
 * value. The model holds values, not encodings: integers, string lengths and tags are written in
 * their shortest form, as the Matter SDK's TLVWriter does, so decode→encode is byte-identical for
 * any input already in that form (every SDK-made Certification Declaration is).
 */

/** Tag forms (A.7). Context-specific tags are 8-bit; profile tags are 16- or 32-bit. */
export type TlvTag =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'context'; readonly tagNumber: number }
  | { readonly kind: 'commonProfile'; readonly tagNumber: number }
  | { readonly kind: 'implicitProfile'; readonly tagNumber: number }
  | { readonly kind: 'fullyQualified'; readonly vendorId: number; readonly profileNumber: number; readonly tagNumber: number };

/** Integers are numbers when they are safe integers, bigints otherwise (64-bit values). */
export type TlvInteger = number | bigint;

interface Tagged {
  readonly tag: TlvTag;
}

export type TlvElement =
  | (Tagged & { readonly type: 'signed'; readonly value: TlvInteger })
  | (Tagged & { readonly type: 'unsigned'; readonly value: TlvInteger })
  | (Tagged & { readonly type: 'boolean'; readonly value: boolean })
  | (Tagged & { readonly type: 'float32'; readonly value: number })
  | (Tagged & { readonly type: 'float64'; readonly value: number })
  | (Tagged & { readonly type: 'utf8'; readonly value: string })
  | (Tagged & { readonly type: 'bytes'; readonly value: Uint8Array })
  | (Tagged & { readonly type: 'null'; readonly value: null })
  | (Tagged & { readonly type: TlvContainerType; readonly value: readonly TlvElement[] });

export type TlvContainerType = 'structure' | 'array' | 'list';
export type TlvType = TlvElement['type'];

/** Deeper nesting than this is refused when decoding and encoding (a CD uses 2 levels). */
export const TLV_MAX_DEPTH = 32;

export const anonymousTag: TlvTag = { kind: 'anonymous' };

export function contextTag(tagNumber: number): TlvTag {
  return { kind: 'context', tagNumber };
}

export function isContainer(element: TlvElement): element is Extract<TlvElement, { type: TlvContainerType }> {
  return element.type === 'structure' || element.type === 'array' || element.type === 'list';
}

/** Same tag? (for duplicate detection and lookups) */
export function sameTag(a: TlvTag, b: TlvTag): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'anonymous':
      return true;
    case 'fullyQualified': {
      const other = b as Extract<TlvTag, { kind: 'fullyQualified' }>;
      return a.vendorId === other.vendorId && a.profileNumber === other.profileNumber && a.tagNumber === other.tagNumber;
    }
    default:
      return a.tagNumber === (b as { tagNumber: number }).tagNumber;
  }
}

export function describeTag(tag: TlvTag): string {
  switch (tag.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'context':
      return `context tag ${tag.tagNumber}`;
    case 'commonProfile':
      return `common-profile tag ${tag.tagNumber}`;
    case 'implicitProfile':
      return `implicit-profile tag ${tag.tagNumber}`;
    case 'fullyQualified':
      return `fully-qualified tag ${tag.vendorId}:${tag.profileNumber}:${tag.tagNumber}`;
  }
}

const typeNames: Record<TlvType, string> = {
  signed: 'a signed integer',
  unsigned: 'an unsigned integer',
  boolean: 'a boolean',
  float32: 'a 32-bit float',
  float64: 'a 64-bit float',
  utf8: 'a UTF-8 string',
  bytes: 'an octet string',
  null: 'a null',
  structure: 'a structure',
  array: 'an array',
  list: 'a list',
};

/** "an unsigned integer", "a UTF-8 string", … for messages. */
export function describeType(type: TlvType): string {
  return typeNames[type];
}
