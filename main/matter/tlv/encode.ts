/**
 * Matter TLV encoder (Matter Core Specification, appendix A) writing the shortest form, as the
 * Matter SDK's TLVWriter does: integers in the fewest bytes that hold the value, string lengths in
 * the fewest bytes, profile tags in their 2-byte (or 6-byte fully-qualified) form when the tag number
 * fits in 16 bits. Values that do not fit their type or tag, misplaced tags and duplicate tags in a
 * structure are TLV_VALUE_INVALID (the same rules the decoder enforces).
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { TLV_MAX_DEPTH, describeTag, sameTag, type TlvContainerType, type TlvElement, type TlvTag } from './types';

class Invalid {
  constructor(readonly what: string) {}
}

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const utf8 = new TextEncoder();

export function encodeTlv(element: TlvElement): Result<Uint8Array> {
  const writer = new Writer();
  try {
    writer.element(element, null, 0, 'top level');
    return success(writer.finish());
  } catch (error) {
    if (error instanceof Invalid) return failure('TLV_VALUE_INVALID', error.what);
    throw error;
  }
}

class Writer {
  private buffer = new Uint8Array(256);
  private length = 0;

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  element(element: TlvElement, container: TlvContainerType | null, depth: number, path: string): void {
    const { tag } = element;
    const where = `${path}: ${describeTag(tag)}`;
    if (container === 'structure' && tag.kind === 'anonymous') throw new Invalid(`${path}: anonymous element inside a structure`);
    if (container === 'array' && tag.kind !== 'anonymous') throw new Invalid(`${where} inside an array (array members are anonymous)`);
    if (tag.kind === 'context' && container !== 'structure' && container !== 'list') throw new Invalid(`${where} outside a structure or list`);

    const { tagControl, tagBytes } = encodeTag(tag, where);
    const control = (type: number) => {
      this.byte((tagControl << 5) | type);
      for (const b of tagBytes) this.byte(b);
    };

    switch (element.type) {
      case 'unsigned': {
        const value = toBigInt(element.value, where);
        if (value < 0n || value > UINT64_MAX) throw new Invalid(`${where}: unsigned integer ${value} is out of range`);
        const size = value <= 0xffn ? 1 : value <= 0xffffn ? 2 : value <= 0xffffffffn ? 4 : 8;
        control(0x04 + Math.log2(size));
        this.littleEndian(value, size);
        return;
      }
      case 'signed': {
        const value = toBigInt(element.value, where);
        if (value < INT64_MIN || value > INT64_MAX) throw new Invalid(`${where}: signed integer ${value} is out of range`);
        const size = value >= -0x80n && value <= 0x7fn ? 1 : value >= -0x8000n && value <= 0x7fffn ? 2 : value >= -0x80000000n && value <= 0x7fffffffn ? 4 : 8;
        control(Math.log2(size));
        this.littleEndian(BigInt.asUintN(size * 8, value), size);
        return;
      }
      case 'boolean':
        control(element.value ? 0x09 : 0x08);
        return;
      case 'float32': {
        if (typeof element.value !== 'number' || (!Number.isNaN(element.value) && Math.fround(element.value) !== element.value)) {
          throw new Invalid(`${where}: ${element.value} is not exactly representable as a 32-bit float`);
        }
        control(0x0a);
        const bytes = new Uint8Array(4);
        new DataView(bytes.buffer).setFloat32(0, element.value, true);
        this.bytes(bytes);
        return;
      }
      case 'float64': {
        if (typeof element.value !== 'number') throw new Invalid(`${where}: not a number`);
        control(0x0b);
        const bytes = new Uint8Array(8);
        new DataView(bytes.buffer).setFloat64(0, element.value, true);
        this.bytes(bytes);
        return;
      }
      case 'utf8':
      case 'bytes': {
        if (element.type === 'utf8' && typeof element.value !== 'string') throw new Invalid(`${where}: not a string`);
        if (element.type === 'bytes' && !(element.value instanceof Uint8Array)) throw new Invalid(`${where}: not a byte array`);
        const data = element.type === 'utf8' ? utf8.encode(element.value) : element.value;
        const size = data.length <= 0xff ? 1 : data.length <= 0xffff ? 2 : 4;
        control((element.type === 'utf8' ? 0x0c : 0x10) + Math.log2(size));
        this.littleEndian(BigInt(data.length), size);
        this.bytes(data);
        return;
      }
      case 'null':
        control(0x14);
        return;
      case 'structure':
      case 'array':
      case 'list': {
        if (depth >= TLV_MAX_DEPTH) throw new Invalid(`${where}: containers nested deeper than ${TLV_MAX_DEPTH} levels`);
        if (!Array.isArray(element.value)) throw new Invalid(`${where}: container value is not a list of elements`);
        control(element.type === 'structure' ? 0x15 : element.type === 'array' ? 0x16 : 0x17);
        element.value.forEach((member, index) => {
          if (element.type === 'structure' && element.value.slice(0, index).some((other) => sameTag(other.tag, member.tag))) {
            throw new Invalid(`${where}: duplicate ${describeTag(member.tag)} in a structure`);
          }
          this.element(member, element.type, depth + 1, `${where} > member ${index}`);
        });
        this.byte(0x18);
        return;
      }
      default:
        throw new Invalid(`${where}: unknown element type ${String((element as { type: unknown }).type)}`);
    }
  }

  private grow(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  private byte(value: number): void {
    this.grow(1);
    this.buffer[this.length++] = value;
  }

  private bytes(data: Uint8Array): void {
    this.grow(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  private littleEndian(value: bigint, size: number): void {
    for (let i = 0; i < size; i++) this.byte(Number((value >> BigInt(8 * i)) & 0xffn));
  }
}

function toBigInt(value: unknown, where: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  throw new Invalid(`${where}: ${String(value)} is not an integer`);
}

function checkRange(value: unknown, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) throw new Invalid(`${what} ${String(value)} is out of range (0 to ${max})`);
  return value;
}

function encodeTag(tag: TlvTag, where: string): { tagControl: number; tagBytes: number[] } {
  const le = (value: number, size: number) => Array.from({ length: size }, (_, i) => Math.floor(value / 2 ** (8 * i)) % 256);
  switch (tag.kind) {
    case 'anonymous':
      return { tagControl: 0, tagBytes: [] };
    case 'context':
      return { tagControl: 1, tagBytes: [checkRange(tag.tagNumber, 0xff, `${where}: context tag number`)] };
    case 'commonProfile':
    case 'implicitProfile': {
      const number = checkRange(tag.tagNumber, 0xffffffff, `${where}: tag number`);
      const short = number <= 0xffff;
      const base = tag.kind === 'commonProfile' ? 2 : 4;
      return { tagControl: short ? base : base + 1, tagBytes: le(number, short ? 2 : 4) };
    }
    case 'fullyQualified': {
      const vendorId = checkRange(tag.vendorId, 0xffff, `${where}: vendor id`);
      const profileNumber = checkRange(tag.profileNumber, 0xffff, `${where}: profile number`);
      const number = checkRange(tag.tagNumber, 0xffffffff, `${where}: tag number`);
      const short = number <= 0xffff;
      return { tagControl: short ? 6 : 7, tagBytes: [...le(vendorId, 2), ...le(profileNumber, 2), ...le(number, short ? 2 : 4)] };
    }
    default:
      throw new Invalid(`${where}: unknown tag kind`);
  }
}
