/**
 * Provision Protocol v2 packages (silabs-provisioning.md §3.2; ProvisionProtocolV2.cpp, v2_0/protocol.py).
 *
 *   request:  02 | command | counter | N | payload (N bytes) | SHA-256(previous bytes)[0..2]
 *   response: 02 | command|0x80 | counter | error (u32 BE) | N | payload | SHA-256(previous bytes)[0..2]
 *
 * At most 128 bytes each. Decoders check, in this order: size bounds, the length byte against the
 * bytes present, the checksum (which the open-source Silicon Labs code never checks; we do), the
 * version, the direction and the command.
 */
import { createHash } from 'node:crypto';
import { failure, success, type Result } from '../../../preload/contract/errors';
import {
  CHECKSUM_SIZE,
  isCommandId,
  MAX_PACKAGE_SIZE,
  PROTOCOL_VERSION,
  REQUEST_HEADER_SIZE,
  RESPONSE_FLAG,
  RESPONSE_HEADER_SIZE,
  type CommandId,
} from './constants';

export interface RequestPackage {
  readonly command: CommandId;
  /** 0–254 (the host steps it modulo 0xFF). */
  readonly counter: number;
  readonly payload: Uint8Array;
}

export interface ResponsePackage {
  /**
   * The command echoed. A device that cannot read the request (too short, unknown command) answers
   * with an error code and whatever command byte it had (0 when it read none), so with a non-zero
   * error code any value 0–127 is kept as is; with error code 0 it is one of the five commands.
   */
  readonly command: number;
  readonly counter: number;
  /** CHIP_ERROR as an integer; 0 = success. */
  readonly errorCode: number;
  readonly payload: Uint8Array;
}

export interface PackageOptions {
  /** Default 128. */
  readonly maxPackageSize?: number;
  /** Default true. Silicon Labs' own host and device code skip it; turn off only to read such traffic raw. */
  readonly verifyChecksum?: boolean;
}

export function packageChecksum(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest().subarray(0, CHECKSUM_SIZE));
}

function hexBytes(bytes: Uint8Array, limit = 16): string {
  const shown = Array.from(bytes.subarray(0, limit), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > limit ? `${shown} …` : shown;
}

function isByte(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xff;
}

function seal(header: Uint8Array, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + payload.length + CHECKSUM_SIZE);
  out.set(header);
  out.set(payload, header.length);
  out.set(packageChecksum(out.subarray(0, header.length + payload.length)), header.length + payload.length);
  return out;
}

export function encodeRequestPackage(pkg: RequestPackage, options: PackageOptions = {}): Result<Uint8Array> {
  const max = options.maxPackageSize ?? MAX_PACKAGE_SIZE;
  if (!isCommandId(pkg.command)) return failure('PROTOCOL_UNKNOWN_COMMAND', `command ${String(pkg.command)}`);
  if (!isByte(pkg.counter)) return failure('PROTOCOL_SEQUENCE_INVALID', `counter ${String(pkg.counter)} is not a byte`);
  if (REQUEST_HEADER_SIZE + pkg.payload.length + CHECKSUM_SIZE > max || pkg.payload.length > 0xff) {
    return failure('PROTOCOL_PACKAGE_TOO_LARGE', `a ${pkg.payload.length}-byte payload makes a request larger than ${max} bytes`);
  }
  return success(seal(Uint8Array.of(PROTOCOL_VERSION, pkg.command, pkg.counter, pkg.payload.length), pkg.payload));
}

export function encodeResponsePackage(pkg: ResponsePackage, options: PackageOptions = {}): Result<Uint8Array> {
  const max = options.maxPackageSize ?? MAX_PACKAGE_SIZE;
  if (!Number.isInteger(pkg.errorCode) || pkg.errorCode < 0 || pkg.errorCode > 0xffffffff) {
    return failure('PROTOCOL_ARGUMENT_INVALID', `error code ${String(pkg.errorCode)} is not a 32-bit value`);
  }
  if (!(isCommandId(pkg.command) || (pkg.errorCode !== 0 && Number.isInteger(pkg.command) && pkg.command >= 0 && pkg.command < RESPONSE_FLAG))) {
    return failure('PROTOCOL_UNKNOWN_COMMAND', `command ${String(pkg.command)} in a response with error code ${pkg.errorCode}`);
  }
  if (!isByte(pkg.counter)) return failure('PROTOCOL_SEQUENCE_INVALID', `counter ${String(pkg.counter)} is not a byte`);
  if (RESPONSE_HEADER_SIZE + pkg.payload.length + CHECKSUM_SIZE > max || pkg.payload.length > 0xff) {
    return failure('PROTOCOL_PACKAGE_TOO_LARGE', `a ${pkg.payload.length}-byte payload makes a response larger than ${max} bytes`);
  }
  const e = pkg.errorCode;
  const header = Uint8Array.of(PROTOCOL_VERSION, pkg.command | RESPONSE_FLAG, pkg.counter, (e >>> 24) & 0xff, (e >>> 16) & 0xff, (e >>> 8) & 0xff, e & 0xff, pkg.payload.length);
  return success(seal(header, pkg.payload));
}

/** Shared framing checks; returns the payload bounds. */
function frame(bytes: Uint8Array, headerSize: number, kind: 'request' | 'response', options: PackageOptions): Result<{ payloadStart: number; payloadEnd: number }> {
  const max = options.maxPackageSize ?? MAX_PACKAGE_SIZE;
  if (!(bytes instanceof Uint8Array)) return failure('PROTOCOL_PACKAGE_TRUNCATED', `the ${kind} is not bytes`);
  if (bytes.length < headerSize + CHECKSUM_SIZE) {
    return failure('PROTOCOL_PACKAGE_TRUNCATED', `${bytes.length} byte(s), a ${kind} has at least ${headerSize + CHECKSUM_SIZE}: ${hexBytes(bytes)}`);
  }
  if (bytes.length > max) return failure('PROTOCOL_PACKAGE_TOO_LARGE', `a ${bytes.length}-byte ${kind}; the limit is ${max}`);
  const length = bytes[headerSize - 1]!;
  const expected = headerSize + length + CHECKSUM_SIZE;
  if (expected > bytes.length) {
    return failure('PROTOCOL_PACKAGE_TRUNCATED', `the ${kind}'s length byte says ${length} payload bytes, which runs ${expected - bytes.length} byte(s) past its end (${bytes.length} bytes)`);
  }
  if (expected < bytes.length) {
    return failure('PROTOCOL_PACKAGE_LENGTH_MISMATCH', `the ${kind}'s length byte says ${length} payload bytes (${expected} in all) but ${bytes.length} bytes arrived`);
  }
  const payloadEnd = headerSize + length;
  if (options.verifyChecksum !== false) {
    const check = packageChecksum(bytes.subarray(0, payloadEnd));
    if (check[0] !== bytes[payloadEnd] || check[1] !== bytes[payloadEnd + 1]) {
      return failure(
        'PROTOCOL_CHECKSUM_MISMATCH',
        `${kind} carries ${hexBytes(bytes.subarray(payloadEnd))}, its bytes hash to ${hexBytes(check)}`,
      );
    }
  }
  if (bytes[0] !== PROTOCOL_VERSION) return failure('PROTOCOL_VERSION_UNSUPPORTED', `${kind} version ${bytes[0]}`);
  return success({ payloadStart: headerSize, payloadEnd });
}

/** Device side: read a request the host sent. */
export function decodeRequestPackage(bytes: Uint8Array, options: PackageOptions = {}): Result<RequestPackage> {
  const framed = frame(bytes, REQUEST_HEADER_SIZE, 'request', options);
  if (!framed.ok) return framed;
  const command = bytes[1]!;
  if ((command & RESPONSE_FLAG) !== 0) return failure('PROTOCOL_DIRECTION_INVALID', `command byte 0x${command.toString(16)} has the response flag set`);
  if (!isCommandId(command)) return failure('PROTOCOL_UNKNOWN_COMMAND', `command ${command} in request ${bytes[2]}`);
  return success({ command, counter: bytes[2]!, payload: bytes.slice(framed.value.payloadStart, framed.value.payloadEnd) });
}

/** Host side: read a response the device sent. */
export function decodeResponsePackage(bytes: Uint8Array, options: PackageOptions = {}): Result<ResponsePackage> {
  const framed = frame(bytes, RESPONSE_HEADER_SIZE, 'response', options);
  if (!framed.ok) return framed;
  const commandByte = bytes[1]!;
  if ((commandByte & RESPONSE_FLAG) === 0) return failure('PROTOCOL_DIRECTION_INVALID', `command byte 0x${commandByte.toString(16)} lacks the response flag 0x80`);
  const command = commandByte & ~RESPONSE_FLAG;
  const errorCode = ((bytes[3]! << 24) | (bytes[4]! << 16) | (bytes[5]! << 8) | bytes[6]!) >>> 0;
  if (errorCode === 0 && !isCommandId(command)) return failure('PROTOCOL_UNKNOWN_COMMAND', `command ${command} in a successful response; the commands are 1–5`);
  return success({ command, counter: bytes[2]!, errorCode, payload: bytes.slice(framed.value.payloadStart, framed.value.payloadEnd) });
}
