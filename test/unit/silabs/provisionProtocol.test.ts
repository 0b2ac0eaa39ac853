import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ArgumentReassembler,
  ArgumentStream,
  binaryArgument,
  COMMAND,
  decodeArguments,
  decodeRequestPackage,
  decodeRequestPackages,
  decodeResponsePackage,
  decodeResponsePackages,
  encodeArgument,
  encodeArguments,
  encodeRequestPackage,
  encodeRequestPackages,
  encodeResponsePackage,
  encodeResponsePackages,
  MAX_PACKAGE_SIZE,
  MAX_RESPONSE_PAYLOAD,
  PARAMETER,
  requestArgument,
  textArgument,
  u16Argument,
  u32Argument,
  u8Argument,
  type ArgumentType,
  type ProvisionArgument,
} from '../../../main/silabs/provisionProtocol';
import type { Result } from '../../../preload/contract/errors';
import { seededRandom, type TestRandom } from '../../support/seededRandom';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
function fromHex(text: string): Uint8Array {
  return Uint8Array.from(text.split(/\s+/).filter(Boolean), (h) => Number.parseInt(h, 16));
}
function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value;
}
function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}
/** Independent of the codec: SHA-256 prefix over everything but the last two bytes. */
function withChecksum(body: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(body).digest();
  return Uint8Array.from([...body, digest[0]!, digest[1]!]);
}

describe('argument encoding (known bytes)', () => {
  it('encodes vendor id 0xFFF1 as 25 42 FF F1 and a null discriminator with feedback as 23 61', () => {
    expect(hex(ok(encodeArgument(u16Argument(PARAMETER.vendorId, 0xfff1))))).toBe('25 42 ff f1');
    expect(hex(ok(encodeArgument(requestArgument(PARAMETER.discriminator, 'u16'))))).toBe('23 61');
  });

  it('writes integers big-endian at their fixed width and binaries with the shortest size field', () => {
    expect(hex(ok(encodeArgument(u32Argument(PARAMETER.flashAddress, 0x08000000))))).toBe('35 01 08 00 00 00');
    expect(hex(ok(encodeArgument(u8Argument(PARAMETER.commissioningFlow, 2))))).toBe('15 67 02');
    expect(hex(ok(encodeArgument(textArgument(PARAMETER.serialNumber, 'hello'))))).toBe('05 41 05 68 65 6c 6c 6f');
    expect(hex(ok(encodeArgument(u32Argument(PARAMETER.flashPageSize, null, true))))).toBe('33 03');
    // 254 bytes still take a 1-byte size; 255 need 2 bytes (size < 0xFF rule); 65535 need 4.
    expect(hex(ok(encodeArgument(binaryArgument(PARAMETER.dacCert, new Uint8Array(254)))).subarray(0, 3))).toBe('05 95 fe');
    expect(hex(ok(encodeArgument(binaryArgument(PARAMETER.dacCert, new Uint8Array(255)))).subarray(0, 4))).toBe('09 95 00 ff');
    expect(hex(ok(encodeArgument(binaryArgument(PARAMETER.dacCert, new Uint8Array(300)))).subarray(0, 4))).toBe('09 95 01 2c');
    expect(hex(ok(encodeArgument(binaryArgument(PARAMETER.dacCert, new Uint8Array(0xffff)))).subarray(0, 6))).toBe('0d 95 00 00 ff ff');
  });

  it('decodes the same bytes back', () => {
    expect(ok(decodeArguments(fromHex('25 42 ff f1 23 61 05 41 05 68 65 6c 6c 6f')))).toEqual([
      u16Argument(PARAMETER.vendorId, 0xfff1),
      requestArgument(PARAMETER.discriminator, 'u16'),
      binaryArgument(PARAMETER.serialNumber, new TextEncoder().encode('hello')),
    ]);
    const big = ok(decodeArguments(ok(encodeArgument(binaryArgument(0x42, new Uint8Array(0xffff).fill(7))))));
    expect((big[0]!.value as Uint8Array).length).toBe(0xffff);
  });

  it('sends an empty value as null, as the Silicon Labs tools do', () => {
    expect(hex(ok(encodeArgument(textArgument(PARAMETER.productLabel, ''))))).toBe('01 46');
  });

  it('refuses values it cannot encode', () => {
    expect(codeOf(encodeArgument(u16Argument(0x200, 1)))).toBe('PROTOCOL_ARGUMENT_INVALID');
    expect(codeOf(encodeArgument(u16Argument(-1, 1)))).toBe('PROTOCOL_ARGUMENT_INVALID');
    expect(codeOf(encodeArgument(u16Argument(1, 0x10000)))).toBe('PROTOCOL_ARGUMENT_INVALID');
    expect(codeOf(encodeArgument(u8Argument(1, -1)))).toBe('PROTOCOL_ARGUMENT_INVALID');
    expect(codeOf(encodeArgument(u32Argument(1, 1.5)))).toBe('PROTOCOL_ARGUMENT_INVALID');
    expect(codeOf(encodeArgument({ id: 1, type: 'binary', feedback: false, value: 5 }))).toBe('PROTOCOL_ARGUMENT_INVALID');
    expect(codeOf(encodeArgument({ id: 1, type: 'u64' as ArgumentType, feedback: false, value: 5 }))).toBe('PROTOCOL_ARGUMENT_TYPE_UNSUPPORTED');
  });

  it('decodes strictly: only the canonical form, unless asked to be as lenient as the firmware', () => {
    // u16 with size code 2 (0x2942 instead of 0x2542).
    expect(codeOf(decodeArguments(fromHex('29 42 ff f1')))).toBe('PROTOCOL_ARGUMENT_INVALID');
    expect(ok(decodeArguments(fromHex('29 42 ff f1'), { lenient: true }))).toEqual([u16Argument(0x142, 0xfff1)]);
    // 5 bytes with a 2-byte size field.
    expect(codeOf(decodeArguments(fromHex('09 41 00 05 68 65 6c 6c 6f')))).toBe('PROTOCOL_ARGUMENT_INVALID');
    expect(ok(decodeArguments(fromHex('09 41 00 05 68 65 6c 6c 6f'), { lenient: true }))[0]!.value).toEqual(new TextEncoder().encode('hello'));
    // A present binary of size 0 is refused by the device too.
    expect(codeOf(decodeArguments(fromHex('05 41 00'), { lenient: true }))).toBe('PROTOCOL_ARGUMENT_INVALID');
    // Types the devices do not decode: u64 (4), string (8), undefined (5).
    for (const header of ['45 42 00', '85 42 00', '55 42 00']) expect(codeOf(decodeArguments(fromHex(header)))).toBe('PROTOCOL_ARGUMENT_TYPE_UNSUPPORTED');
    // Length past the end.
    expect(codeOf(decodeArguments(fromHex('05 41 05 68 65')))).toBe('PROTOCOL_ARGUMENT_TRUNCATED');
    expect(codeOf(decodeArguments(fromHex('25 42 ff')))).toBe('PROTOCOL_ARGUMENT_TRUNCATED');
    expect(codeOf(decodeArguments(fromHex('25')))).toBe('PROTOCOL_ARGUMENT_TRUNCATED');
    // Declared sizes beyond the limit are refused at once rather than waited for.
    const reassembler = new ArgumentReassembler({ maxValueSize: 512 });
    expect(codeOf(reassembler.push(fromHex('09 95 02 01')))).toBe('PROTOCOL_ARGUMENT_INVALID');
    expect(codeOf(reassembler.push(fromHex('25 42 ff f1')))).toBe('PROTOCOL_ARGUMENT_INVALID');
  });
});

describe('packages (known bytes)', () => {
  const initArgs = [
    u32Argument(PARAMETER.flashAddress, 0x08000000),
    u32Argument(PARAMETER.flashSize, 0x00180000),
    requestArgument(PARAMETER.flashPageSize, 'u32'),
    requestArgument(PARAMETER.credsAddress, 'u32'),
  ];
  const initPayload = '35 01 08 00 00 00 35 02 00 18 00 00 33 03 33 04';

  it('frames an Init request: 02, command, counter, length, payload, two bytes of SHA-256', () => {
    const packages = ok(encodeRequestPackages(COMMAND.Init, initArgs));
    expect(packages).toHaveLength(1);
    expect(hex(packages[0]!)).toBe(hex(withChecksum(fromHex(`02 01 01 10 ${initPayload}`))));
    const decoded = ok(decodeRequestPackage(packages[0]!));
    expect(decoded).toEqual({ command: 1, counter: 1, payload: fromHex(initPayload) });
  });

  it('frames a response: 02, command | 0x80, counter, u32 BE error code, length, payload, checksum', () => {
    const payload = ok(encodeArguments([u32Argument(PARAMETER.flashPageSize, 0x2000), u32Argument(PARAMETER.credsAddress, 0x0817e000)]));
    const bytes = ok(encodeResponsePackage({ command: COMMAND.Init, counter: 1, errorCode: 0, payload }));
    expect(hex(bytes)).toBe(hex(withChecksum(fromHex(`02 81 01 00 00 00 00 0c 35 03 00 00 20 00 35 04 08 17 e0 00`))));
    expect(ok(decodeResponsePackage(bytes))).toEqual({ command: 1, counter: 1, errorCode: 0, payload });
    const failed = ok(encodeResponsePackage({ command: COMMAND.Write, counter: 7, errorCode: 0x0000002f, payload: new Uint8Array(0) }));
    expect(hex(failed)).toBe(hex(withChecksum(fromHex('02 83 07 00 00 00 2f 00'))));
    // A device that could not read the request echoes command 0 with its error code.
    const unreadable = withChecksum(fromHex('02 80 00 00 00 00 19 00'));
    expect(ok(decodeResponsePackage(unreadable))).toMatchObject({ command: 0, errorCode: 0x19 });
    expect(codeOf(decodeResponsePackage(withChecksum(fromHex('02 80 00 00 00 00 00 00'))))).toBe('PROTOCOL_UNKNOWN_COMMAND');
  });

  it('refuses bad checksums, truncation, length past the end, extra bytes, other versions, unknown commands and the wrong direction', () => {
    const good = ok(encodeRequestPackages(COMMAND.Init, initArgs))[0]!;
    const flipped = good.slice();
    flipped[6]! ^= 0x01;
    expect(codeOf(decodeRequestPackage(flipped))).toBe('PROTOCOL_CHECKSUM_MISMATCH');
    const badSum = good.slice();
    badSum[badSum.length - 1]! ^= 0xff;
    expect(codeOf(decodeRequestPackage(badSum))).toBe('PROTOCOL_CHECKSUM_MISMATCH');
    expect(ok(decodeRequestPackage(badSum, { verifyChecksum: false })).command).toBe(1);
    expect(codeOf(decodeRequestPackage(good.subarray(0, 5)))).toBe('PROTOCOL_PACKAGE_TRUNCATED');
    expect(codeOf(decodeRequestPackage(good.subarray(0, good.length - 1)))).toBe('PROTOCOL_PACKAGE_TRUNCATED');
    const pastEnd = decodeRequestPackage(withChecksum(fromHex('02 03 01 09 25 42 ff f1')));
    expect(codeOf(pastEnd)).toBe('PROTOCOL_PACKAGE_TRUNCATED');
    expect(!pastEnd.ok && pastEnd.error.detail).toMatch(/runs 5 byte\(s\) past its end/);
    expect(codeOf(decodeRequestPackage(Uint8Array.from([...good, 0])))).toBe('PROTOCOL_PACKAGE_LENGTH_MISMATCH');
    expect(codeOf(decodeRequestPackage(withChecksum(fromHex('03 01 01 00'))))).toBe('PROTOCOL_VERSION_UNSUPPORTED');
    expect(codeOf(decodeRequestPackage(withChecksum(fromHex('02 09 01 00'))))).toBe('PROTOCOL_UNKNOWN_COMMAND');
    expect(codeOf(decodeRequestPackage(withChecksum(fromHex('02 00 01 00'))))).toBe('PROTOCOL_UNKNOWN_COMMAND');
    expect(codeOf(decodeRequestPackage(withChecksum(fromHex('02 81 01 00'))))).toBe('PROTOCOL_DIRECTION_INVALID');
    expect(codeOf(decodeResponsePackage(withChecksum(fromHex('02 01 01 00 00 00 00 00'))))).toBe('PROTOCOL_DIRECTION_INVALID');
    expect(codeOf(decodeRequestPackage(withChecksum(Uint8Array.from([2, 3, 1, 123, ...new Uint8Array(123)]))))).toBe('PROTOCOL_PACKAGE_TOO_LARGE');
    expect(codeOf(encodeRequestPackage({ command: COMMAND.Write, counter: 1, payload: new Uint8Array(123) }))).toBe('PROTOCOL_PACKAGE_TOO_LARGE');
    expect(codeOf(encodeRequestPackage({ command: COMMAND.Write, counter: 1, payload: new Uint8Array(122) }))).toBe('ok');
    expect(codeOf(encodeResponsePackage({ command: COMMAND.Write, counter: 1, errorCode: 0, payload: new Uint8Array(119) }))).toBe('PROTOCOL_PACKAGE_TOO_LARGE');
    expect(codeOf(encodeRequestPackage({ command: 6 as 1, counter: 1, payload: new Uint8Array(0) }))).toBe('PROTOCOL_UNKNOWN_COMMAND');
    expect(codeOf(encodeRequestPackage({ command: 1, counter: 256, payload: new Uint8Array(0) }))).toBe('PROTOCOL_SEQUENCE_INVALID');
  });
});

describe('fragmentation across 128-byte packages', () => {
  const random = seededRandom(42);
  const dac = random.bytes(481);
  const pai = random.bytes(463);
  const cd = random.bytes(242);
  const writeArgs: ProvisionArgument[] = [
    textArgument(PARAMETER.version, '2.8'),
    u16Argument(PARAMETER.vendorId, 0xfff1),
    u16Argument(PARAMETER.productId, 0x8005),
    requestArgument(PARAMETER.discriminator, 'u16'),
    binaryArgument(PARAMETER.dacCert, dac),
    binaryArgument(PARAMETER.paiCert, pai),
    binaryArgument(PARAMETER.certification, cd),
  ];

  it('cuts the argument stream into 121-byte payloads (as the host tool does) and puts it back together', () => {
    const stream = ok(encodeArguments(writeArgs));
    const packages = ok(encodeRequestPackages(COMMAND.Write, writeArgs));
    expect(packages).toHaveLength(Math.ceil(stream.length / 121));
    for (const pkg of packages) expect(pkg.length).toBeLessThanOrEqual(MAX_PACKAGE_SIZE);
    expect(packages.slice(0, -1).every((pkg) => pkg.length === 128 - 1)).toBe(true);
    const decoded = ok(decodeRequestPackages(packages, { firstCounter: 1 }));
    expect(decoded.command).toBe(COMMAND.Write);
    expect(decoded.counters).toEqual(packages.map((_, i) => i + 1));
    expect(decoded.arguments).toEqual(writeArgs);
  });

  it('steps the counter modulo 0xFF, so 254 is followed by 0', () => {
    const packages = ok(encodeRequestPackages(COMMAND.Write, writeArgs, { firstCounter: 253 }));
    expect(packages.slice(0, 4).map((pkg) => pkg[2])).toEqual([253, 254, 0, 1]);
    expect(ok(decodeRequestPackages(packages)).arguments).toEqual(writeArgs);
  });

  it('sends a command without arguments as one empty package', () => {
    const packages = ok(encodeRequestPackages(COMMAND.Finish, []));
    expect(hex(packages[0]!)).toBe(hex(withChecksum(fromHex('02 02 01 00'))));
    expect(ok(decodeRequestPackages(packages)).arguments).toEqual([]);
  });

  it('refuses packages out of order, of mixed commands, or a message missing its end', () => {
    const packages = ok(encodeRequestPackages(COMMAND.Write, writeArgs));
    const swapped = [packages[1]!, packages[0]!, ...packages.slice(2)];
    expect(codeOf(decodeRequestPackages(swapped))).toBe('PROTOCOL_SEQUENCE_INVALID');
    expect(codeOf(decodeRequestPackages(packages, { firstCounter: 5 }))).toBe('PROTOCOL_SEQUENCE_INVALID');
    const mixed = [packages[0]!, ok(encodeRequestPackage({ command: COMMAND.Read, counter: 2, payload: new Uint8Array(0) }))];
    expect(codeOf(decodeRequestPackages(mixed))).toBe('PROTOCOL_SEQUENCE_INVALID');
    expect(codeOf(decodeRequestPackages(packages.slice(0, -1)))).toBe('PROTOCOL_ARGUMENT_TRUNCATED');
    expect(codeOf(decodeRequestPackages([]))).toBe('PROTOCOL_PACKAGE_TRUNCATED');
  });

  it('lets the device spread feedback over its responses while the host pulls with empty requests', () => {
    const feedback = [u16Argument(PARAMETER.discriminator, 0xf00), binaryArgument(PARAMETER.csr, random.bytes(400)), u32Argument(PARAMETER.spake2pPasscode, 20202021)];
    const device = new ArgumentStream();
    ok(device.append(feedback));
    const host = new ArgumentReassembler();
    const received: ProvisionArgument[] = [];
    let counter = 1;
    while (device.pending > 0) {
      const request = ok(decodeRequestPackage(ok(encodeRequestPackage({ command: COMMAND.Read, counter, payload: new Uint8Array(0) }))));
      const response = ok(encodeResponsePackage({ command: request.command, counter: request.counter, errorCode: 0, payload: device.take(MAX_RESPONSE_PAYLOAD) }));
      expect(response.length).toBeLessThanOrEqual(MAX_PACKAGE_SIZE);
      received.push(...ok(host.push(ok(decodeResponsePackage(response)).payload)));
      counter = (counter + 1) % 0xff;
    }
    expect(ok(host.finish())).toBeUndefined();
    expect(received).toEqual(feedback);
    expect(device.take(100)).toEqual(new Uint8Array(0));
  });

  it('reassembles an argument fed one byte at a time', () => {
    const stream = ok(encodeArguments(writeArgs));
    const reassembler = new ArgumentReassembler();
    const args: ProvisionArgument[] = [];
    for (const byte of stream) args.push(...ok(reassembler.push(Uint8Array.of(byte))));
    expect(reassembler.pending).toBe(0);
    expect(args).toEqual(writeArgs);
  });
});

function randomArgument(random: TestRandom): ProvisionArgument {
  const type = random.pick<ArgumentType>(['binary', 'u8', 'u16', 'u32']);
  const id = random.int(0x200);
  const feedback = random.chance(0.3);
  if (random.chance(0.15)) return { id, type, feedback, value: null };
  if (type === 'binary') {
    const size = random.pick([1 + random.int(20), 1 + random.int(300), 250 + random.int(10), 1 + random.int(1200)]);
    return { id, type, feedback, value: random.bytes(size) };
  }
  const max = { u8: 0x100, u16: 0x10000, u32: 0x100000000 }[type];
  return { id, type, feedback, value: random.chance(0.2) ? max - 1 : Math.floor((random.next() / 2 ** 32) * max) };
}

describe('round trips and robustness (seeded)', () => {
  it('request and response messages come back argument for argument, for any payload size', () => {
    const random = seededRandom(0x70c0_0002);
    for (let i = 0; i < 400; i++) {
      const args = Array.from({ length: random.int(8) }, () => randomArgument(random));
      const command = random.pick([COMMAND.Init, COMMAND.Finish, COMMAND.Write, COMMAND.Read, COMMAND.Csr]);
      const firstCounter = random.int(255);
      const requests = ok(encodeRequestPackages(command, args, { firstCounter, maxPayload: 1 + random.int(122) }));
      expect(ok(decodeRequestPackages(requests, { firstCounter })).arguments).toEqual(args);
      const responses = ok(encodeResponsePackages(command, args, { firstCounter, maxPayload: 1 + random.int(118), errorCode: random.chance(0.1) ? random.next() : 0 }));
      expect(ok(decodeResponsePackages(responses, { firstCounter })).arguments).toEqual(args);
      const stream = ok(encodeArguments(args));
      expect(ok(encodeArguments(ok(decodeArguments(stream))))).toEqual(stream);
    }
  });

  it('never throws on 10 000 random or corrupted inputs, and fails only with protocol errors', () => {
    const random = seededRandom(0xf022_0002);
    const valid = [
      ...ok(encodeRequestPackages(COMMAND.Write, Array.from({ length: 6 }, () => randomArgument(random)))),
      ...ok(encodeResponsePackages(COMMAND.Read, Array.from({ length: 6 }, () => randomArgument(random)))),
    ];
    const expectProtocol = (result: Result<unknown>) => {
      if (!result.ok) expect(result.error.code).toMatch(/^PROTOCOL_/);
    };
    for (let i = 0; i < 10_000; i++) {
      let bytes: Uint8Array;
      if (random.chance(0.5)) {
        bytes = random.bytes(random.int(140));
        if (random.chance(0.5) && bytes.length > 0) bytes[0] = 2;
        if (random.chance(0.3) && bytes.length > 8) bytes = withChecksum(bytes.subarray(0, bytes.length - 2));
      } else {
        bytes = random.pick(valid).slice();
        for (let flips = 1 + random.int(3); flips > 0; flips--) bytes[random.int(bytes.length)] = random.int(256);
        if (random.chance(0.3)) bytes = bytes.subarray(0, random.int(bytes.length + 1));
        if (random.chance(0.3)) bytes = withChecksum(bytes.subarray(0, Math.max(0, bytes.length - 2)));
      }
      expectProtocol(decodeRequestPackage(bytes));
      expectProtocol(decodeResponsePackage(bytes));
      expectProtocol(decodeRequestPackage(bytes, { verifyChecksum: false }));
      expectProtocol(decodeArguments(bytes));
      expectProtocol(decodeArguments(bytes, { lenient: true }));
      const reassembler = new ArgumentReassembler();
      for (let start = 0; start < bytes.length; start += 7) expectProtocol(reassembler.push(bytes.subarray(start, start + 7)));
      expectProtocol(reassembler.finish());
    }
  });
});
