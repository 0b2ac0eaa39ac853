/**
 * Provision Protocol v2 arguments (silabs-provisioning.md §3.2): a 16-bit big-endian header
 * (id bits 0–8, feedback bit 9, size-length code bits 10–11, type bits 12–15), then for binary
 * values their size (1, 2 or 4 bytes, big-endian), then the value (integers big-endian, fixed width).
 * Size code 0 means "no value" (null); integers carry code 1 and no size field. Example:
 * vendor id 0xFFF1 → `25 42 FF F1`; a null discriminator asking for feedback → `23 61`.
 *
 * Encoded arguments form one byte stream that packages cut anywhere; ArgumentReassembler takes the
 * pieces back in order. The same encoding fills the single-page flash layout.
 */
import { failure, success, type AppErrorInfo, type Result } from '../../../preload/contract/errors';
import {
  FEEDBACK_FLAG,
  ID_MASK,
  INTEGER_WIDTHS,
  SIZE_MASK,
  SIZE_SHIFT,
  TYPE_CODES,
  TYPE_MASK,
  TYPE_SHIFT,
  UNSUPPORTED_TYPE_CODES,
  type ArgumentType,
} from './constants';

export interface ProvisionArgument {
  /** 0x000–0x0FF custom, 0x100–0x1FF well-known (PARAMETER). */
  readonly id: number;
  readonly type: ArgumentType;
  /** Asks the other side to send this parameter's value back. */
  readonly feedback: boolean;
  /** null: no value (a request for the value, or "not set"). Numbers for u8/u16/u32, bytes for binary. */
  readonly value: number | Uint8Array | null;
}

export interface DecodeArgumentOptions {
  /**
   * Accept what the firmware accepts but the tools never write: integers with size code 2 or 3,
   * and binary sizes written wider than needed. Default false: only the canonical encoding.
   */
  readonly lenient?: boolean;
  /** Largest binary value accepted (the device's buffer; --buffer_size is a u16). Default 65535. */
  readonly maxValueSize?: number;
}

export const DEFAULT_MAX_VALUE_SIZE = 0xffff;

const textEncoder = new TextEncoder();

// Builders for the common cases.
export function u8Argument(id: number, value: number | null, feedback = false): ProvisionArgument {
  return { id, type: 'u8', feedback, value };
}
export function u16Argument(id: number, value: number | null, feedback = false): ProvisionArgument {
  return { id, type: 'u16', feedback, value };
}
export function u32Argument(id: number, value: number | null, feedback = false): ProvisionArgument {
  return { id, type: 'u32', feedback, value };
}
export function binaryArgument(id: number, value: Uint8Array | null, feedback = false): ProvisionArgument {
  return { id, type: 'binary', feedback, value };
}
/** Strings travel as binary UTF-8 without a NUL terminator. */
export function textArgument(id: number, value: string | null, feedback = false): ProvisionArgument {
  return { id, type: 'binary', feedback, value: value === null ? null : textEncoder.encode(value) };
}
/** No value, feedback set: "tell me this parameter". */
export function requestArgument(id: number, type: ArgumentType): ProvisionArgument {
  return { id, type, feedback: true, value: null };
}

/** Size-length code for a binary value of `size` bytes, as both Silicon Labs encoders choose it. */
export function sizeLengthCode(size: number): 0 | 1 | 2 | 3 {
  if (size < 1) return 0;
  if (size < 0xff) return 1;
  if (size < 0xffff) return 2;
  return 3;
}

const SIZE_FIELD_BYTES = [0, 1, 2, 4] as const;

function describe(arg: { id: number }): string {
  return `argument 0x${arg.id.toString(16).padStart(3, '0')}`;
}

/** The encoded length of one argument, or an error when it cannot be encoded. */
function validate(arg: ProvisionArgument): Result<number> {
  if (!Number.isInteger(arg.id) || arg.id < 0 || arg.id > ID_MASK) {
    return failure('PROTOCOL_ARGUMENT_INVALID', `id ${String(arg.id)} does not fit the 9 id bits (0x000–0x1FF)`);
  }
  if (!(arg.type in TYPE_CODES)) return failure('PROTOCOL_ARGUMENT_TYPE_UNSUPPORTED', `${describe(arg)}: type ${String(arg.type)}`);
  if (arg.value === null) return success(2);
  if (arg.type === 'binary') {
    if (!(arg.value instanceof Uint8Array)) return failure('PROTOCOL_ARGUMENT_INVALID', `${describe(arg)}: a binary value must be bytes`);
    if (arg.value.length > 0xffffffff) return failure('PROTOCOL_ARGUMENT_INVALID', `${describe(arg)}: ${arg.value.length} bytes do not fit a 32-bit size`);
    return success(arg.value.length === 0 ? 2 : 2 + SIZE_FIELD_BYTES[sizeLengthCode(arg.value.length)] + arg.value.length);
  }
  const width = INTEGER_WIDTHS[arg.type];
  if (typeof arg.value !== 'number' || !Number.isInteger(arg.value) || arg.value < 0 || arg.value >= 2 ** (8 * width)) {
    return failure('PROTOCOL_ARGUMENT_INVALID', `${describe(arg)}: ${String(arg.value)} is not a ${arg.type}`);
  }
  return success(2 + width);
}

function writeBigEndian(out: Uint8Array, offset: number, value: number, width: number): void {
  for (let i = width - 1; i >= 0; i--) {
    out[offset + i] = value & 0xff;
    value = Math.floor(value / 256);
  }
}

function readBigEndian(bytes: Uint8Array, offset: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + bytes[offset + i]!;
  return value;
}

function writeArgument(arg: ProvisionArgument, out: Uint8Array, offset: number): number {
  const empty = arg.value === null || (arg.value instanceof Uint8Array && arg.value.length === 0);
  let sizeCode = 0;
  if (!empty) sizeCode = arg.type === 'binary' ? sizeLengthCode((arg.value as Uint8Array).length) : 1;
  const header = (arg.id & ID_MASK) | (arg.feedback ? FEEDBACK_FLAG : 0) | (sizeCode << SIZE_SHIFT) | (TYPE_CODES[arg.type] << TYPE_SHIFT);
  out[offset++] = header >>> 8;
  out[offset++] = header & 0xff;
  if (empty) return offset;
  if (arg.type === 'binary') {
    const bytes = arg.value as Uint8Array;
    const sizeBytes = SIZE_FIELD_BYTES[sizeCode as 1 | 2 | 3];
    writeBigEndian(out, offset, bytes.length, sizeBytes);
    offset += sizeBytes;
    out.set(bytes, offset);
    return offset + bytes.length;
  }
  const width = INTEGER_WIDTHS[arg.type];
  writeBigEndian(out, offset, arg.value as number, width);
  return offset + width;
}

/**
 * Encode arguments into one stream. An empty binary value is written as null (size code 0), as the
 * Silicon Labs tools do: the protocol cannot carry a zero-length value.
 */
export function encodeArguments(args: readonly ProvisionArgument[]): Result<Uint8Array> {
  let total = 0;
  for (const arg of args) {
    const length = validate(arg);
    if (!length.ok) return length;
    total += length.value;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const arg of args) offset = writeArgument(arg, out, offset);
  return success(out);
}

export function encodeArgument(arg: ProvisionArgument): Result<Uint8Array> {
  return encodeArguments([arg]);
}

type Step = { readonly kind: 'done'; readonly arg: ProvisionArgument; readonly next: number } | { readonly kind: 'incomplete' } | { readonly kind: 'error'; readonly error: AppErrorInfo };

function stepError(code: 'PROTOCOL_ARGUMENT_INVALID' | 'PROTOCOL_ARGUMENT_TYPE_UNSUPPORTED', detail: string): Step {
  const result = failure(code, detail);
  return { kind: 'error', error: (result as { error: AppErrorInfo }).error };
}

/** Decode one argument starting at `offset`; "incomplete" when the bytes stop before it ends. */
function decodeStep(bytes: Uint8Array, offset: number, options: DecodeArgumentOptions): Step {
  if (bytes.length - offset < 2) return { kind: 'incomplete' };
  const header = (bytes[offset]! << 8) | bytes[offset + 1]!;
  const id = header & ID_MASK;
  const feedback = (header & FEEDBACK_FLAG) !== 0;
  const sizeCode = (header & SIZE_MASK) >>> SIZE_SHIFT;
  const typeCode = (header & TYPE_MASK) >>> TYPE_SHIFT;
  const where = `argument 0x${id.toString(16).padStart(3, '0')} (header 0x${header.toString(16).padStart(4, '0')}) at byte ${offset}`;
  const type = (Object.keys(TYPE_CODES) as ArgumentType[]).find((name) => TYPE_CODES[name] === typeCode);
  if (type === undefined) {
    const known = UNSUPPORTED_TYPE_CODES[typeCode];
    return stepError('PROTOCOL_ARGUMENT_TYPE_UNSUPPORTED', `${where}: type code ${typeCode} (${known ?? 'undefined'}); devices take binary, u8, u16 and u32`);
  }
  let position = offset + 2;
  if (sizeCode === 0) return { kind: 'done', arg: { id, type, feedback, value: null }, next: position };

  if (type !== 'binary') {
    if (sizeCode !== 1 && !options.lenient) return stepError('PROTOCOL_ARGUMENT_INVALID', `${where}: a ${type} value must carry size code 1, not ${sizeCode}`);
    const width = INTEGER_WIDTHS[type];
    if (bytes.length - position < width) return { kind: 'incomplete' };
    return { kind: 'done', arg: { id, type, feedback, value: readBigEndian(bytes, position, width) }, next: position + width };
  }

  const sizeBytes = SIZE_FIELD_BYTES[sizeCode as 1 | 2 | 3];
  if (bytes.length - position < sizeBytes) return { kind: 'incomplete' };
  const size = readBigEndian(bytes, position, sizeBytes);
  position += sizeBytes;
  if (size === 0) return stepError('PROTOCOL_ARGUMENT_INVALID', `${where}: a present binary value has size 0 (an empty value is sent as null)`);
  if (!options.lenient && sizeLengthCode(size) !== sizeCode) {
    return stepError('PROTOCOL_ARGUMENT_INVALID', `${where}: size ${size} is written with size code ${sizeCode}; the canonical code is ${sizeLengthCode(size)}`);
  }
  const limit = options.maxValueSize ?? DEFAULT_MAX_VALUE_SIZE;
  if (size > limit) return stepError('PROTOCOL_ARGUMENT_INVALID', `${where}: ${size} bytes, more than the ${limit}-byte limit`);
  if (bytes.length - position < size) return { kind: 'incomplete' };
  return { kind: 'done', arg: { id, type, feedback, value: bytes.slice(position, position + size) }, next: position + size };
}

/**
 * Takes the payloads of consecutive packages in order and returns each argument as soon as its last
 * byte has arrived. `pending` counts the bytes of an argument still incomplete.
 */
export class ArgumentReassembler {
  private held: Uint8Array = new Uint8Array(0);
  private failed: AppErrorInfo | null = null;

  constructor(private readonly options: DecodeArgumentOptions = {}) {}

  get pending(): number {
    return this.held.length;
  }

  push(chunk: Uint8Array): Result<ProvisionArgument[]> {
    if (this.failed !== null) return { ok: false, error: this.failed };
    let bytes: Uint8Array;
    if (this.held.length === 0) bytes = chunk;
    else {
      bytes = new Uint8Array(this.held.length + chunk.length);
      bytes.set(this.held);
      bytes.set(chunk, this.held.length);
    }
    const complete: ProvisionArgument[] = [];
    let offset = 0;
    for (;;) {
      const step = decodeStep(bytes, offset, this.options);
      if (step.kind === 'error') {
        this.failed = step.error;
        return { ok: false, error: step.error };
      }
      if (step.kind === 'incomplete') break;
      complete.push(step.arg);
      offset = step.next;
    }
    this.held = bytes.slice(offset);
    return success(complete);
  }

  /** Call after the last payload: an argument still incomplete is an error. */
  finish(): Result<void> {
    if (this.failed !== null) return { ok: false, error: this.failed };
    if (this.held.length > 0) return failure('PROTOCOL_ARGUMENT_TRUNCATED', describeTruncation(this.held));
    return success(undefined);
  }
}

function describeTruncation(held: Uint8Array): string {
  if (held.length < 2) return `${held.length} byte(s) left over, less than an argument header`;
  const header = (held[0]! << 8) | held[1]!;
  return `argument 0x${(header & ID_MASK).toString(16).padStart(3, '0')} stops after ${held.length} byte(s)`;
}

/** Decode a complete stream of arguments (one message's payloads joined, or a single-page layout body). */
export function decodeArguments(bytes: Uint8Array, options: DecodeArgumentOptions = {}): Result<ProvisionArgument[]> {
  const reassembler = new ArgumentReassembler(options);
  const args = reassembler.push(bytes);
  if (!args.ok) return args;
  const end = reassembler.finish();
  if (!end.ok) return end;
  return args;
}

/**
 * The outgoing side of fragmentation: queue encoded arguments, then take at most one package's
 * payload at a time. The device uses it to spread feedback values over its responses.
 */
export class ArgumentStream {
  private queue: Uint8Array[] = [];
  private head = 0;

  get pending(): number {
    let total = -this.head;
    for (const chunk of this.queue) total += chunk.length;
    return total;
  }

  append(args: readonly ProvisionArgument[]): Result<void> {
    const encoded = encodeArguments(args);
    if (!encoded.ok) return encoded;
    if (encoded.value.length > 0) this.queue.push(encoded.value);
    return success(undefined);
  }

  /** Up to `max` bytes, continuing where the previous take stopped (arguments are cut anywhere). */
  take(max: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let room = Math.max(0, Math.floor(max));
    while (room > 0 && this.queue.length > 0) {
      const chunk = this.queue[0]!;
      const piece = chunk.subarray(this.head, this.head + room);
      parts.push(piece);
      room -= piece.length;
      this.head += piece.length;
      if (this.head >= chunk.length) {
        this.queue.shift();
        this.head = 0;
      }
    }
    const out = new Uint8Array(Math.max(0, Math.floor(max)) - room);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}
