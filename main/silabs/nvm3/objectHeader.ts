/**
 * Object headers (nvm3-and-peers.md A.2; nvm3_object.c).
 *
 * Small header, one word:  type-or-(7 + length) (bits 0-6) | key (7-26) | Berger code of bits 0-26 (27-31)
 * Large header, two words: OH1 = type 0/1 | key | fragment type (27-28) | unused bits 29-31, written as 1
 *                          OH2 = fragment length (bits 0-25) | Berger code of all of OH1 and OH2 bits 0-25 (26-31)
 * The payload follows the header, padded with 0xFF to a whole word. Nothing crosses a page end.
 */
import {
  alignToWord,
  bergerCode,
  COUNTER_SIZE,
  ERASED_WORD,
  FragmentType,
  type FragmentTypeValue,
  LARGE_HEADER_SIZE,
  LARGE_LENGTH_MASK,
  MAX_KEY,
  ObjectTypeField,
  readWord,
  SMALL_HEADER_SIZE,
} from './format';

const KEY_SHIFT = 7;
const TYPE_MASK = 0x7f;
const SMALL_CODE_SHIFT = 27;
const LARGE_CODE_SHIFT = 26;
const FRAGMENT_SHIFT = 27;
const UNUSED_BITS = 0b111 << 29; // Silabs sets them; Z-Wave JS leaves them 0. Both pass the Berger check.

export type ObjectKind = 'data' | 'counter' | 'deleted';

/** A small header: data of 0..120 bytes, a small counter, or a deleted marker. */
export function encodeSmallHeader(key: number, kind: ObjectKind, length: number): number {
  const typeField =
    kind === 'deleted' ? ObjectTypeField.Deleted : kind === 'counter' ? ObjectTypeField.CounterSmall : ObjectTypeField.DataSmall + length;
  const oh1 = ((key & MAX_KEY) << KEY_SHIFT) | (typeField & TYPE_MASK);
  return ((bergerCode(oh1, SMALL_CODE_SHIFT) << SMALL_CODE_SHIFT) | oh1) >>> 0;
}

/** A large header for data or a counter, whole (FragmentType.None) or one fragment of it. */
export function encodeLargeHeader(key: number, kind: 'data' | 'counter', fragment: FragmentTypeValue, length: number): [number, number] {
  const type = kind === 'counter' ? ObjectTypeField.CounterLarge : ObjectTypeField.DataLarge;
  const oh1 = (UNUSED_BITS | (fragment << FRAGMENT_SHIFT) | ((key & MAX_KEY) << KEY_SHIFT) | type) >>> 0;
  const lengthField = length & LARGE_LENGTH_MASK;
  const code = bergerCode(oh1, 32) + bergerCode(lengthField, LARGE_CODE_SHIFT);
  return [oh1, ((code << LARGE_CODE_SHIFT) | lengthField) >>> 0];
}

export interface ObjectHeader {
  readonly key: number;
  readonly kind: ObjectKind;
  readonly large: boolean;
  readonly fragment: FragmentTypeValue;
  readonly headerSize: number;
  /** Payload bytes of this header (this fragment only); 204 for a small counter, 0 for a deleted marker. */
  readonly length: number;
  /** The 7-bit OH1 type field, for comparing fragments of one object. */
  readonly typeField: number;
}

export type DecodedObjectHeader =
  | { readonly status: 'object'; readonly header: ObjectHeader }
  | { readonly status: 'erased' } // 0xFFFFFFFF: no more objects in this page
  | { readonly status: 'invalid'; readonly reason: string; readonly key: number };

/**
 * Decodes the header at `offset` of the page that ends at `pageEnd` (both absolute in `bytes`),
 * with the firmware's validity rules (validateObjFragments): a failing Berger code, a reserved
 * type (4-6), or a payload that would run past the page end make the object invalid.
 */
export function decodeObjectHeader(bytes: Uint8Array, offset: number, pageEnd: number): DecodedObjectHeader {
  if (offset + SMALL_HEADER_SIZE > pageEnd) return { status: 'erased' };
  const oh1 = readWord(bytes, offset);
  if (oh1 === ERASED_WORD) return { status: 'erased' };
  const typeField = oh1 & TYPE_MASK;
  const key = (oh1 >>> KEY_SHIFT) & MAX_KEY;
  const large = typeField === ObjectTypeField.DataLarge || typeField === ObjectTypeField.CounterLarge;
  let length: number;
  let headerSize: number;
  let fragment: FragmentTypeValue = FragmentType.None;
  if (large) {
    headerSize = LARGE_HEADER_SIZE;
    if (offset + LARGE_HEADER_SIZE > pageEnd) return { status: 'invalid', reason: 'large header cut by the page end', key };
    const oh2 = readWord(bytes, offset + 4);
    const expected = bergerCode(oh1, 32) + bergerCode(oh2, LARGE_CODE_SHIFT);
    if (expected !== oh2 >>> LARGE_CODE_SHIFT) return { status: 'invalid', reason: 'Berger code of the large header does not match', key };
    length = oh2 & LARGE_LENGTH_MASK;
    fragment = ((oh1 >>> FRAGMENT_SHIFT) & 0b11) as FragmentTypeValue;
  } else {
    headerSize = SMALL_HEADER_SIZE;
    if (bergerCode(oh1, SMALL_CODE_SHIFT) !== oh1 >>> SMALL_CODE_SHIFT) {
      return { status: 'invalid', reason: 'Berger code of the small header does not match', key };
    }
    if (typeField > ObjectTypeField.Deleted && typeField < ObjectTypeField.DataSmall) {
      return { status: 'invalid', reason: `reserved object type ${typeField}`, key };
    }
    length =
      typeField === ObjectTypeField.CounterSmall ? COUNTER_SIZE : typeField === ObjectTypeField.Deleted ? 0 : typeField - ObjectTypeField.DataSmall;
  }
  if (offset + headerSize + length > pageEnd) {
    return { status: 'invalid', reason: `payload of ${length} bytes runs past the page end`, key };
  }
  const kind: ObjectKind =
    typeField === ObjectTypeField.Deleted
      ? 'deleted'
      : typeField === ObjectTypeField.CounterLarge || typeField === ObjectTypeField.CounterSmall
        ? 'counter'
        : 'data';
  return { status: 'object', header: { key, kind, large, fragment, headerSize, length, typeField } };
}

/** Bytes an object or fragment occupies: header plus payload padded to a word. */
export function occupiedSize(header: Pick<ObjectHeader, 'headerSize' | 'length'>): number {
  return header.headerSize + alignToWord(header.length);
}
