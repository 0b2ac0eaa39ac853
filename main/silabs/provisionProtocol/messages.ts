/**
 * Whole commands over several packages. Arguments are encoded into one stream and cut into payloads
 * of at most 121 bytes (requests, as Silicon Labs' host tool does; devices take up to 122) or 118
 * (responses); a fragment simply continues in the next package. Counters start at 1 per command and
 * step modulo 0xFF. When the host has sent everything but the device still has feedback to return,
 * the host sends further requests with an empty payload for the same command to pull the rest
 * (encodeRequestPackage with an empty payload); the device answers each with the next piece.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { ArgumentReassembler, encodeArguments, type DecodeArgumentOptions, type ProvisionArgument } from './arguments';
import { commandName, FIRST_COUNTER, HOST_TOOL_REQUEST_PAYLOAD, MAX_RESPONSE_PAYLOAD, nextCounter, type CommandId } from './constants';
import {
  decodeRequestPackage,
  decodeResponsePackage,
  encodeRequestPackage,
  encodeResponsePackage,
  type PackageOptions,
} from './packages';

export interface MessageOptions extends PackageOptions, DecodeArgumentOptions {
  /** Counter of the first package; default 1. */
  readonly firstCounter?: number;
  /** Payload bytes per package; default 121 for requests, 118 for responses. */
  readonly maxPayload?: number;
}

export interface DecodedRequest {
  readonly command: CommandId;
  readonly counters: readonly number[];
  readonly arguments: readonly ProvisionArgument[];
}

export interface DecodedResponse {
  readonly command: number;
  readonly counters: readonly number[];
  /** The first non-zero error code any package carried, else 0. */
  readonly errorCode: number;
  readonly arguments: readonly ProvisionArgument[];
}

/** Cut a stream into payloads of at most `max` bytes; an empty stream gives one empty payload. */
export function splitPayloads(stream: Uint8Array, max: number): Uint8Array[] {
  const size = Math.max(1, Math.floor(max));
  if (stream.length === 0) return [new Uint8Array(0)];
  const out: Uint8Array[] = [];
  for (let start = 0; start < stream.length; start += size) out.push(stream.slice(start, start + size));
  return out;
}

function counters(first: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0, c = first; i < count; i++, c = nextCounter(c)) out.push(c);
  return out;
}

/** Host side: a command and its arguments as request packages, ready to send one by one. */
export function encodeRequestPackages(command: CommandId, args: readonly ProvisionArgument[], options: MessageOptions = {}): Result<Uint8Array[]> {
  const stream = encodeArguments(args);
  if (!stream.ok) return stream;
  const payloads = splitPayloads(stream.value, options.maxPayload ?? HOST_TOOL_REQUEST_PAYLOAD);
  const numbers = counters(options.firstCounter ?? FIRST_COUNTER, payloads.length);
  const packages: Uint8Array[] = [];
  for (let i = 0; i < payloads.length; i++) {
    const pkg = encodeRequestPackage({ command, counter: numbers[i]!, payload: payloads[i]! }, options);
    if (!pkg.ok) return pkg;
    packages.push(pkg.value);
  }
  return success(packages);
}

/** Device side: answer a command with its feedback arguments spread over response packages. */
export function encodeResponsePackages(
  command: number,
  args: readonly ProvisionArgument[],
  options: MessageOptions & { readonly errorCode?: number } = {},
): Result<Uint8Array[]> {
  const stream = encodeArguments(args);
  if (!stream.ok) return stream;
  const payloads = splitPayloads(stream.value, options.maxPayload ?? MAX_RESPONSE_PAYLOAD);
  const numbers = counters(options.firstCounter ?? FIRST_COUNTER, payloads.length);
  const packages: Uint8Array[] = [];
  for (let i = 0; i < payloads.length; i++) {
    const pkg = encodeResponsePackage({ command, counter: numbers[i]!, errorCode: options.errorCode ?? 0, payload: payloads[i]! }, options);
    if (!pkg.ok) return pkg;
    packages.push(pkg.value);
  }
  return success(packages);
}

function checkSequence(index: number, command: number, expectedCommand: number, counter: number, expectedCounter: number | null): Result<void> {
  if (command !== expectedCommand) {
    return failure('PROTOCOL_SEQUENCE_INVALID', `package ${index + 1} is for command ${commandName(command)}, the message began with ${commandName(expectedCommand)}`);
  }
  if (expectedCounter !== null && counter !== expectedCounter) {
    return failure('PROTOCOL_SEQUENCE_INVALID', `package ${index + 1} has counter ${counter}, expected ${expectedCounter}`);
  }
  return success(undefined);
}

/** Decode every package and check they form one sequence before any payload is interpreted. */
function sequence<T extends { readonly command: number; readonly counter: number; readonly payload: Uint8Array }>(
  packages: readonly Uint8Array[],
  decode: (bytes: Uint8Array) => Result<T>,
  firstCounter: number | undefined,
): Result<T[]> {
  if (packages.length === 0) return failure('PROTOCOL_PACKAGE_TRUNCATED', 'no packages');
  const decoded: T[] = [];
  for (let i = 0; i < packages.length; i++) {
    const pkg = decode(packages[i]!);
    if (!pkg.ok) return failure(pkg.error.code, `package ${i + 1}: ${pkg.error.detail ?? ''}`);
    const first = decoded[0];
    const previous = decoded[i - 1];
    const order = checkSequence(
      i,
      pkg.value.command,
      first?.command ?? pkg.value.command,
      pkg.value.counter,
      previous === undefined ? (firstCounter ?? null) : nextCounter(previous.counter),
    );
    if (!order.ok) return order;
    decoded.push(pkg.value);
  }
  return success(decoded);
}

function reassemble(payloads: readonly Uint8Array[], options: DecodeArgumentOptions): Result<ProvisionArgument[]> {
  const reassembler = new ArgumentReassembler(options);
  const args: ProvisionArgument[] = [];
  for (const payload of payloads) {
    const completed = reassembler.push(payload);
    if (!completed.ok) return completed;
    args.push(...completed.value);
  }
  const end = reassembler.finish();
  if (!end.ok) return end;
  return success(args);
}

/** Device side (and tests): read a whole command's request packages and put its arguments back together. */
export function decodeRequestPackages(packages: readonly Uint8Array[], options: MessageOptions = {}): Result<DecodedRequest> {
  const decoded = sequence(packages, (bytes) => decodeRequestPackage(bytes, options), options.firstCounter);
  if (!decoded.ok) return decoded;
  const args = reassemble(
    decoded.value.map((pkg) => pkg.payload),
    options,
  );
  if (!args.ok) return args;
  return success({ command: decoded.value[0]!.command, counters: decoded.value.map((pkg) => pkg.counter), arguments: args.value });
}

/** Host side (and tests): read a command's response packages and put the returned arguments together. */
export function decodeResponsePackages(packages: readonly Uint8Array[], options: MessageOptions = {}): Result<DecodedResponse> {
  const decoded = sequence(packages, (bytes) => decodeResponsePackage(bytes, options), options.firstCounter);
  if (!decoded.ok) return decoded;
  const args = reassemble(
    decoded.value.map((pkg) => pkg.payload),
    options,
  );
  if (!args.ok) return args;
  return success({
    command: decoded.value[0]!.command,
    counters: decoded.value.map((pkg) => pkg.counter),
    errorCode: decoded.value.find((pkg) => pkg.errorCode !== 0)?.errorCode ?? 0,
    arguments: args.value,
  });
}
