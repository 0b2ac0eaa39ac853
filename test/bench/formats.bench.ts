// npm run bench: throughput of the EFR32 byte formats (Provision Protocol v2, firmware files, part
// numbers) and a fuzz loop larger than the unit tests'. Numbers are printed, never asserted; the fuzz
// loop throws (and so fails the bench) if any decoder throws or fails with a code outside its domain.
import { bench, describe } from 'vitest';
import { createFirmwareImage, parseFirmware, parseIntelHex, parseSrec, writeFirmware, type FirmwareImage } from '../../main/firmware';
import { parseOrderablePartNumber, partFromDevinfo } from '../../main/silabs/parts';
import {
  ArgumentReassembler,
  binaryArgument,
  COMMAND,
  decodeArguments,
  decodeRequestPackage,
  decodeRequestPackages,
  decodeResponsePackage,
  encodeRequestPackages,
  PARAMETER,
  requestArgument,
  textArgument,
  u16Argument,
  u32Argument,
  type ProvisionArgument,
} from '../../main/silabs/provisionProtocol';
import type { Result } from '../../preload/contract/errors';
import { seededRandom } from '../support/seededRandom';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value;
}

const random = seededRandom(0xbe4c_0004);

// A realistic Write command: instance data, commissionable data and DAC/PAI/CD of real sizes.
const writeArgs: ProvisionArgument[] = [
  textArgument(PARAMETER.version, '2.8'),
  textArgument(PARAMETER.serialNumber, 'ML-000123456'),
  u16Argument(PARAMETER.vendorId, 0xfff1),
  textArgument(PARAMETER.vendorName, 'Matterline Test Vendor'),
  u16Argument(PARAMETER.productId, 0x8005),
  textArgument(PARAMETER.productName, 'Test Light'),
  u16Argument(PARAMETER.hwVersion, 1),
  textArgument(PARAMETER.manufacturingDate, '2026-01-31'),
  binaryArgument(PARAMETER.uniqueId, random.bytes(16)),
  requestArgument(PARAMETER.discriminator, 'u16'),
  u32Argument(PARAMETER.spake2pIterations, 1500),
  textArgument(PARAMETER.spake2pSalt, 'U1BBS0UyUCBLZXkgU2FsdA=='),
  binaryArgument(PARAMETER.spake2pVerifier, random.bytes(132)),
  binaryArgument(PARAMETER.dacCert, random.bytes(489)),
  binaryArgument(PARAMETER.paiCert, random.bytes(471)),
  binaryArgument(PARAMETER.certification, random.bytes(242)),
];
const writePackages = value(encodeRequestPackages(COMMAND.Write, writeArgs));

describe('Provision Protocol v2', () => {
  bench(`encode a Write command (${writePackages.length} packages, DAC/PAI/CD)`, () => {
    value(encodeRequestPackages(COMMAND.Write, writeArgs));
  });
  bench('decode and reassemble the same Write command', () => {
    value(decodeRequestPackages(writePackages));
  });
  bench('decode one 128-byte package (checksum included)', () => {
    value(decodeRequestPackage(writePackages[0]!));
  });
});

function firmwareImage(size: number): FirmwareImage {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 131 + (i >>> 8)) & 0xff;
  return value(createFirmwareImage([{ address: 0x08006000, bytes }], 0x08006101));
}
const app = firmwareImage(512 * 1024);
const appHex = value(writeFirmware(app, 'intel-hex'));
const appS37 = value(writeFirmware(app, 'srec'));
const credentials = firmwareImage(8 * 1024);

describe('firmware files (512 KiB application at 0x08006000)', () => {
  bench('parse Intel HEX (nrf-intel-hex + record checks)', () => {
    value(parseIntelHex(appHex));
  });
  bench('write Intel HEX', () => {
    value(writeFirmware(app, 'intel-hex'));
  });
  bench('parse S37', () => {
    value(parseSrec(appS37));
  });
  bench('write S37', () => {
    value(writeFirmware(app, 'srec'));
  });
  bench('credentials page (8 KiB): S37 → image → HEX', () => {
    value(writeFirmware(value(parseFirmware(value(writeFirmware(credentials, 'srec')))), 'intel-hex'));
  });
});

describe('part catalogue', () => {
  bench('parse EFR32MG24B210F1536IM48', () => {
    value(parseOrderablePartNumber('EFR32MG24B210F1536IM48'));
  });
});

const FUZZ_CASES = 20_000;
let fuzzSeed = 1;
const samples = [...writePackages, appHex.subarray(0, 4000), appS37.subarray(0, 4000)];

function expectDomain(result: Result<unknown>, prefix: string): void {
  if (!result.ok && !result.error.code.startsWith(prefix)) throw new Error(`unexpected ${result.error.code}`);
}

describe('fuzz (random and corrupted inputs; throws on any exception)', () => {
  bench(`${FUZZ_CASES} inputs through every decoder`, () => {
    const r = seededRandom(fuzzSeed++);
    for (let i = 0; i < FUZZ_CASES; i++) {
      let bytes: Uint8Array;
      if (r.chance(0.4)) bytes = r.bytes(r.int(300));
      else {
        const sample = r.pick(samples);
        const start = r.int(Math.max(1, sample.length - 200));
        bytes = sample.slice(start, start + 1 + r.int(400));
        for (let flips = r.int(4); flips > 0; flips--) bytes[r.int(bytes.length)] = r.int(256);
      }
      expectDomain(decodeRequestPackage(bytes), 'PROTOCOL_');
      expectDomain(decodeResponsePackage(bytes), 'PROTOCOL_');
      expectDomain(decodeArguments(bytes), 'PROTOCOL_');
      const reassembler = new ArgumentReassembler({ lenient: true });
      expectDomain(reassembler.push(bytes), 'PROTOCOL_');
      expectDomain(parseIntelHex(bytes), 'FIRMWARE_');
      expectDomain(parseSrec(bytes), 'FIRMWARE_');
      expectDomain(parseFirmware(bytes, { baseAddress: r.next() }), 'FIRMWARE_');
      expectDomain(parseOrderablePartNumber(new TextDecoder().decode(bytes.subarray(0, 30))), 'PART_');
      expectDomain(partFromDevinfo({ familyByte: r.pick([0x80, 28, r.int(256)]), part: r.next(), msize: r.next(), pkginfo: r.next() }), 'PART_');
    }
  });
});
