/**
 * Strict Matter TLV decoder (Matter Core Specification, appendix A). Exactly one top-level element;
 * truncated input, a length past the end, a reserved element type, a missing end-of-container,
 * a misplaced tag (anonymous in a structure, tagged in an array, context tag outside a structure or
 * list), a duplicate tag in a structure, invalid UTF-8, trailing bytes and nesting deeper than
 * TLV_MAX_DEPTH are all TLV_MALFORMED with the byte offset in the detail.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { TLV_MAX_DEPTH, describeTag, sameTag, type TlvContainerType, type TlvElement, type TlvTag } from './types';

class Malformed {
  constructor(readonly offset: number, readonly what: string) {}
}

const END_OF_CONTAINER = 0x18;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes exactly one TLV element spanning all of `bytes`. */
export function decodeTlv(bytes: Uint8Array): Result<TlvElement> {
  const reader = new Reader(bytes);
  try {
    if (bytes.length === 0) throw new Malformed(0, 'no data');
    const element = reader.element(null, 0);
    if (element === null) throw new Malformed(0, 'end-of-container outside any container');
    if (reader.offset !== bytes.length) throw new Malformed(reader.offset, `${bytes.length - reader.offset} trailing byte(s) after the top-level element`);
    return success(element);
  } catch (error) {
    if (error instanceof Malformed) return failure('TLV_MALFORMED', `at byte ${error.offset}: ${error.what}`);
    throw error;
  }
}

class Reader {
  offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** One element, or null for an end-of-container marker. `container` is the enclosing type (null at top level). */
  element(container: TlvContainerType | null, depth: number): TlvElement | null {
    const start = this.offset;
    const control = this.uint(1, 'control byte');
    const type = control & 0x1f;
    const tagControl = control >> 5;
    if (type === END_OF_CONTAINER) {
      if (tagControl !== 0) throw new Malformed(start, `end-of-container with a tag (control byte 0x${hex(control)})`);
      if (container === null) throw new Malformed(start, 'end-of-container outside any container');
      return null;
    }
    if (type > END_OF_CONTAINER) throw new Malformed(start, `reserved element type 0x${hex(type)}`);
    const tag = this.tag(tagControl, start);
    if (container === 'structure' && tag.kind === 'anonymous') throw new Malformed(start, 'anonymous element inside a structure');
    if (container === 'array' && tag.kind !== 'anonymous') throw new Malformed(start, `${describeTag(tag)} inside an array (array members are anonymous)`);
    if (tag.kind === 'context' && container !== 'structure' && container !== 'list') {
      throw new Malformed(start, `${describeTag(tag)} outside a structure or list`);
    }
    switch (type) {
      case 0x00:
      case 0x01:
      case 0x02:
      case 0x03:
        return { tag, type: 'signed', value: this.integer(1 << type, true) };
      case 0x04:
      case 0x05:
      case 0x06:
      case 0x07:
        return { tag, type: 'unsigned', value: this.integer(1 << (type - 4), false) };
      case 0x08:
        return { tag, type: 'boolean', value: false };
      case 0x09:
        return { tag, type: 'boolean', value: true };
      case 0x0a:
        this.need(4, 'float32 value');
        this.offset += 4;
        return { tag, type: 'float32', value: this.view.getFloat32(this.offset - 4, true) };
      case 0x0b:
        this.need(8, 'float64 value');
        this.offset += 8;
        return { tag, type: 'float64', value: this.view.getFloat64(this.offset - 8, true) };
      case 0x0c:
      case 0x0d:
      case 0x0e:
      case 0x0f: {
        const at = this.offset;
        const data = this.data(1 << (type - 0x0c), 'UTF-8 string');
        try {
          return { tag, type: 'utf8', value: utf8.decode(data) };
        } catch {
          throw new Malformed(at, 'UTF-8 string is not valid UTF-8');
        }
      }
      case 0x10:
      case 0x11:
      case 0x12:
      case 0x13:
        return { tag, type: 'bytes', value: this.data(1 << (type - 0x10), 'octet string').slice() };
      case 0x14:
        return { tag, type: 'null', value: null };
      default: {
        const containerType: TlvContainerType = type === 0x15 ? 'structure' : type === 0x16 ? 'array' : 'list';
        if (depth >= TLV_MAX_DEPTH) throw new Malformed(start, `containers nested deeper than ${TLV_MAX_DEPTH} levels`);
        const members: TlvElement[] = [];
        for (;;) {
          if (this.offset >= this.bytes.length) throw new Malformed(this.offset, `missing end-of-container for the ${containerType} that starts at byte ${start}`);
          const memberStart = this.offset;
          const member = this.element(containerType, depth + 1);
          if (member === null) break;
          if (containerType === 'structure' && members.some((other) => sameTag(other.tag, member.tag))) {
            throw new Malformed(memberStart, `duplicate ${describeTag(member.tag)} in a structure`);
          }
          members.push(member);
        }
        return { tag, type: containerType, value: members };
      }
    }
  }

  private tag(tagControl: number, start: number): TlvTag {
    switch (tagControl) {
      case 0:
        return { kind: 'anonymous' };
      case 1:
        return { kind: 'context', tagNumber: this.uint(1, 'context tag') };
      case 2:
        return { kind: 'commonProfile', tagNumber: this.uint(2, 'common-profile tag') };
      case 3:
        return { kind: 'commonProfile', tagNumber: this.uint(4, 'common-profile tag') };
      case 4:
        return { kind: 'implicitProfile', tagNumber: this.uint(2, 'implicit-profile tag') };
      case 5:
        return { kind: 'implicitProfile', tagNumber: this.uint(4, 'implicit-profile tag') };
      case 6:
      case 7: {
        const vendorId = this.uint(2, 'fully-qualified tag vendor id');
        const profileNumber = this.uint(2, 'fully-qualified tag profile number');
        const tagNumber = this.uint(tagControl === 6 ? 2 : 4, 'fully-qualified tag number');
        return { kind: 'fullyQualified', vendorId, profileNumber, tagNumber };
      }
      default:
        throw new Malformed(start, `unknown tag control ${tagControl}`);
    }
  }

  private need(count: number, what: string): void {
    const left = this.bytes.length - this.offset;
    if (count > left) throw new Malformed(this.offset, `${what} needs ${count} byte(s) but only ${left} remain`);
  }

  /** Little-endian unsigned integer of 1, 2 or 4 bytes, as a number. */
  private uint(size: 1 | 2 | 4, what: string): number {
    this.need(size, what);
    const at = this.offset;
    this.offset += size;
    return size === 1 ? this.view.getUint8(at) : size === 2 ? this.view.getUint16(at, true) : this.view.getUint32(at, true);
  }

  private integer(size: number, signed: boolean): number | bigint {
    this.need(size, `${size}-byte ${signed ? 'signed' : 'unsigned'} integer`);
    const at = this.offset;
    this.offset += size;
    switch (size) {
      case 1:
        return signed ? this.view.getInt8(at) : this.view.getUint8(at);
      case 2:
        return signed ? this.view.getInt16(at, true) : this.view.getUint16(at, true);
      case 4:
        return signed ? this.view.getInt32(at, true) : this.view.getUint32(at, true);
      default: {
        const value = signed ? this.view.getBigInt64(at, true) : this.view.getBigUint64(at, true);
        return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
      }
    }
  }

  /** A length field of `lengthSize` bytes followed by that many bytes. */
  private data(lengthSize: number, what: string): Uint8Array {
    const lengthAt = this.offset;
    this.need(lengthSize, `${what} length`);
    const length = lengthSize === 8 ? this.view.getBigUint64(lengthAt, true) : BigInt(lengthSize === 1 ? this.view.getUint8(lengthAt) : lengthSize === 2 ? this.view.getUint16(lengthAt, true) : this.view.getUint32(lengthAt, true));
    this.offset += lengthSize;
    const left = this.bytes.length - this.offset;
    if (length > BigInt(left)) throw new Malformed(lengthAt, `${what} of ${length} byte(s) runs past the end of the data (${left} byte(s) remain)`);
    const start = this.offset;
    this.offset += Number(length);
    return this.bytes.subarray(start, this.offset);
  }
}

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}
