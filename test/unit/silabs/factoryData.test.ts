// The factory key map: known bytes for every key and encoding (silabs-provisioning.md §2.2–2.4),
// the encoder's refusals, and the decoder's warnings for unknown, ill-sized and damaged keys.
import { describe, expect, it } from 'vitest';
import {
  checkKeyMap,
  decodeFactoryData,
  encodeFactoryData,
  silabsFactoryKeyMapV0,
  silabsFactoryKeyMapV1,
  type FactoryData,
  type FactoryKeyMap,
} from '../../../main/silabs/factoryData';
import { readNvm3, writeNvm3, type Nvm3Entry, type Nvm3Object, type NvmGeometry } from '../../../main/silabs/nvm3';
import { unwrap } from './imageFixtures';

const ascii = (text: string) => [...Buffer.from(text, 'utf8')];
const hex = (text: string) => [...Buffer.from(text.replace(/\s/g, ''), 'hex')];
const SALT = 'U1BBS0UyUCBLZXkgU2FsdA==';
const VERIFIER = 'uWFwqugDNGiEck/po7KHwwMwwqZgN10XuyBajPGuyzUEV/iree4lOrao5GuwnlQ65CJzbeUB49s31EH+NEkg0JVI5MGCQGMMT/SRPFNRODm3wH/MBiehuFc6FJ/NH6Rmzw==';
const geometry: NvmGeometry = { pageSize: 8192, pageCount: 5, baseAddress: 0x0817_4000 };

/** Every v1 field, with the bytes the firmware expects for it, by key. */
const EVERY_FIELD: FactoryData = {
  serialNumber: 'SN-0001',
  manufacturingDate: '2025-01-31',
  vendorId: 0xfff1,
  productId: 0x8005,
  discriminator: 3840,
  passcode: 20202021,
  commissioningFlow: 0,
  discoveryCapabilities: 0x02,
  spake2pIterations: 1000,
  spake2pSalt: SALT,
  spake2pVerifier: VERIFIER,
  vendorName: 'Silicon Labs',
  productName: 'Lamp',
  hardwareVersionString: 'rev A',
  productLabel: 'Label',
  productUrl: 'https://x.io',
  partNumber: 'PN-7',
  testEventTriggerKey: new Uint8Array(hex('00112233445566778899aabbccddeeff')),
  hardwareVersion: 1,
  softwareVersionString: '1.0.2',
  uniqueId: new Uint8Array(hex('0123456789abcdef0123456789abcdef')),
  keyId: 2,
  credentialsBaseAddress: 0x0817e000,
  dacOffset: 0,
  dacSize: 490,
  paiOffset: 0x200,
  paiSize: 463,
  cdOffset: 0x400,
  cdSize: 242,
  provisionRequest: true,
  provisionVersion: '2.8',
  otaTlvEncryptionKeyId: 3,
};

const KNOWN_BYTES: ReadonlyArray<[number, number[]]> = [
  [0x087200, ascii('SN-0001')],
  [0x087204, ascii('2025-01-31')],
  [0x087205, hex('88 FF 2F 00 44 00 E0 4B 84 68 02')], // the firmware's built-in test bitset, MT:6FCJ142C00KA0648G00
  [0x087207, hex('00 0F')],
  [0x087208, hex('E8 03 00 00')],
  [0x087209, ascii(SALT)],
  [0x08720a, ascii(VERIFIER)],
  [0x08720b, hex('05 80')],
  [0x08720c, hex('F1 FF')],
  [0x08720d, ascii('Silicon Labs')],
  [0x08720e, ascii('Lamp')],
  [0x08720f, ascii('rev A')],
  [0x087210, ascii('Label')],
  [0x087211, ascii('https://x.io')],
  [0x087212, ascii('PN-7')],
  [0x087217, hex('00112233445566778899aabbccddeeff')],
  [0x087218, hex('01 00')],
  [0x087219, ascii('1.0.2')],
  [0x08721f, hex('0123456789abcdef0123456789abcdef')],
  [0x087220, hex('02 00 00 00')],
  [0x087221, hex('00 E0 17 08')],
  [0x087222, hex('00 00 00 00')],
  [0x087223, hex('EA 01 00 00')],
  [0x087224, hex('00 02 00 00')],
  [0x087225, hex('CF 01 00 00')],
  [0x087226, hex('00 04 00 00')],
  [0x087227, hex('F2 00 00 00')],
  [0x087228, hex('01')],
  [0x087229, ascii('2.8')],
  [0x087230, hex('03 00 00 00')],
];

function data(entries: Nvm3Entry[]): Array<[number, number[]]> {
  return entries.map((entry) => [entry.key, entry.type === 'data' ? [...entry.value] : []]);
}

function objects(values: Array<[number, Uint8Array | 'counter']>): Map<number, Nvm3Object> {
  const location = { page: 0, offset: 20, address: 0 };
  return new Map(
    values.map(([key, value], sequence) => [
      key,
      value === 'counter'
        ? { key, type: 'counter' as const, raw: new Uint8Array(204), large: true, fragments: 1, location, sequence }
        : { key, type: 'data' as const, value, large: value.length > 120, fragments: 1, location, sequence },
    ]),
  );
}

describe('silabsFactoryKeyMapV1', () => {
  it('has every key of the fact sheet once, in the factory group 0x0872xx', () => {
    expect(checkKeyMap(silabsFactoryKeyMapV1).ok).toBe(true);
    const keys = silabsFactoryKeyMapV1.entries.map((entry) => entry.key);
    expect(keys.every((key) => key >= 0x087200 && key <= 0x0872ff)).toBe(true);
    expect(Object.fromEntries(silabsFactoryKeyMapV1.entries.map((entry) => [entry.field, `0x${entry.key.toString(16)}:${entry.encoding}`]))).toEqual({
      serialNumber: '0x87200:string',
      manufacturingDate: '0x87204:string',
      passcode: '0x87205:setup-payload',
      discriminator: '0x87207:u16',
      spake2pIterations: '0x87208:u32',
      spake2pSalt: '0x87209:base64',
      spake2pVerifier: '0x8720a:base64',
      productId: '0x8720b:u16',
      vendorId: '0x8720c:u16',
      vendorName: '0x8720d:string', // not swapped with the product name (pitfall 7.8)
      productName: '0x8720e:string',
      hardwareVersionString: '0x8720f:string',
      productLabel: '0x87210:string',
      productUrl: '0x87211:string',
      partNumber: '0x87212:string',
      testEventTriggerKey: '0x87217:binary',
      hardwareVersion: '0x87218:u16',
      softwareVersionString: '0x87219:string',
      uniqueId: '0x8721f:binary',
      keyId: '0x87220:u32',
      credentialsBaseAddress: '0x87221:u32',
      dacOffset: '0x87222:u32',
      dacSize: '0x87223:u32',
      paiOffset: '0x87224:u32',
      paiSize: '0x87225:u32',
      cdOffset: '0x87226:u32',
      cdSize: '0x87227:u32',
      provisionRequest: '0x87228:bool',
      provisionVersion: '0x87229:string',
      otaTlvEncryptionKeyId: '0x87230:u32',
    });
  });

  it('refuses a key map with a key or field twice, or a key beyond 20 bits', () => {
    const twice: FactoryKeyMap = { ...silabsFactoryKeyMapV1, entries: [...silabsFactoryKeyMapV1.entries, { key: 0x087240, name: 'X', field: 'vendorId', encoding: 'u16' }] };
    expect(checkKeyMap(twice)).toMatchObject({ ok: false, error: { code: 'FACTORY_KEY_MAP_INVALID', detail: expect.stringContaining('field vendorId') } });
    const sameKey: FactoryKeyMap = { ...silabsFactoryKeyMapV1, reserved: [{ key: 0x087200, name: 'X', note: '' }] };
    expect(checkKeyMap(sameKey)).toMatchObject({ ok: false, error: { detail: expect.stringContaining('0x087200 appears twice') } });
    const wide: FactoryKeyMap = { ...silabsFactoryKeyMapV1, entries: [{ key: 0x100000, name: 'X', field: 'vendorId', encoding: 'u16' }] };
    expect(encodeFactoryData({}, { keyMap: wide })).toMatchObject({ ok: false, error: { code: 'FACTORY_KEY_MAP_INVALID' } });
  });
});

describe('encodeFactoryData: known bytes', () => {
  it('encodes every key exactly as the firmware reads it, in key order', () => {
    expect(data(unwrap(encodeFactoryData(EVERY_FIELD)))).toEqual(KNOWN_BYTES);
  });

  it('stores an empty string as one 0x00 byte, and writes only the values given', () => {
    expect(data(unwrap(encodeFactoryData({ vendorName: '', hardwareVersion: 0xffff })))).toEqual([
      [0x08720d, [0x00]],
      [0x087218, [0xff, 0xff]],
    ]);
    expect(unwrap(encodeFactoryData({}))).toEqual([]);
  });

  it('writes UTF-8 without a terminator', () => {
    expect(data(unwrap(encodeFactoryData({ productName: 'Lampe à 漢' })))).toEqual([[0x08720e, ascii('Lampe à 漢')]]);
  });

  it('puts passcode, flow and capabilities only in the bitset, with flow 0 and BLE by default', () => {
    const bits = data(unwrap(encodeFactoryData({ vendorId: 0xfff1, productId: 0x8005, discriminator: 3840, passcode: 20202021 })));
    expect(bits.find(([key]) => key === 0x087205)?.[1]).toEqual(hex('88 FF 2F 00 44 00 E0 4B 84 68 02'));
    const custom = data(unwrap(encodeFactoryData({ vendorId: 0x1123, productId: 0x0012, discriminator: 3091, passcode: 43338551, commissioningFlow: 2, discoveryCapabilities: 4 })));
    expect(custom.map(([key]) => key)).toEqual([0x087205, 0x087207, 0x08720b, 0x08720c]);
  });

  it('gives the NVM3 objects of the fact sheet once written (small data headers)', () => {
    const region = unwrap(writeNvm3(unwrap(encodeFactoryData({ discriminator: 0x0f00 })), geometry));
    expect([...region.subarray(20, 28)]).toEqual(hex('89 03 39 8C 00 0F FF FF'));
    const vid = unwrap(writeNvm3(unwrap(encodeFactoryData({ vendorId: 0xfff1 })), geometry));
    expect([...vid.subarray(20, 28)]).toEqual(hex('09 06 39 94 F1 FF FF FF'));
  });

  it('writes the older generation (v0) keys for hardware version and credentials', () => {
    const entries = data(unwrap(encodeFactoryData({ hardwareVersion: 3, keyId: 2, dacSize: 490 }, { keyMap: silabsFactoryKeyMapV0 })));
    expect(entries).toEqual([
      [0x087308, hex('03 00')],
      [0x087321, hex('02 00 00 00')],
      [0x087324, hex('EA 01 00 00')],
    ]);
  });
});

describe('encodeFactoryData: refusals', () => {
  it.each<[string, FactoryData, string, RegExp]>([
    ['vendor ID over 16 bits', { vendorId: 0x10000 }, 'FACTORY_VALUE_INVALID', /vendorId \(NVM3 key 0x08720C VendorId\): 65536 is not a whole number from 0 to 65535/],
    ['fractional product ID', { productId: 1.5 }, 'FACTORY_VALUE_INVALID', /productId/],
    ['discriminator over 12 bits', { discriminator: 0x1000 }, 'FACTORY_VALUE_INVALID', /discriminator .* 0 to 4095/],
    ['too few iterations', { spake2pIterations: 999 }, 'FACTORY_VALUE_INVALID', /spake2pIterations .* 1000 to 100000/],
    ['salt that is not base64', { spake2pSalt: 'not base64!' }, 'FACTORY_VALUE_INVALID', /spake2pSalt .* not standard padded base64/],
    ['salt of 8 bytes', { spake2pSalt: 'AAAAAAAAAAA=' }, 'FACTORY_VALUE_INVALID', /decodes to 8 bytes; it must be 16 to 32/],
    ['verifier of 96 bytes', { spake2pVerifier: Buffer.alloc(96).toString('base64') }, 'FACTORY_VALUE_INVALID', /decodes to 96 bytes; it must be 97/],
    ['serial number of 33 bytes', { serialNumber: 'x'.repeat(33) }, 'FACTORY_VALUE_INVALID', /serialNumber .* 33 bytes of UTF-8; the firmware takes at most 32/],
    ['vendor name of 17 two-byte characters', { vendorName: 'é'.repeat(17) }, 'FACTORY_VALUE_INVALID', /34 bytes/],
    ['text with a NUL', { productName: 'a\0b' }, 'FACTORY_VALUE_INVALID', /NUL/],
    ['unique id of 17 bytes', { uniqueId: new Uint8Array(17) }, 'FACTORY_VALUE_INVALID', /uniqueId .* 17 bytes; it must be 1 to 16/],
    ['empty unique id', { uniqueId: new Uint8Array(0) }, 'FACTORY_VALUE_INVALID', /0 bytes/],
    ['test event key of 8 bytes', { testEventTriggerKey: new Uint8Array(8) }, 'FACTORY_VALUE_INVALID', /it must be 16/],
    ['key id that is text', { keyId: '2' as unknown as number }, 'FACTORY_VALUE_INVALID', /keyId/],
    ['provision request that is a number', { provisionRequest: 1 as unknown as boolean }, 'FACTORY_VALUE_INVALID', /not true or false/],
    ['passcode without a discriminator', { vendorId: 1, productId: 1, passcode: 20202021 }, 'FACTORY_VALUE_MISSING', /discriminator, which is missing/],
    ['flow without a passcode', { commissioningFlow: 1 }, 'FACTORY_VALUE_MISSING', /commissioningFlow is stored only inside the setup payload/],
    ['trivial passcode', { vendorId: 1, productId: 1, discriminator: 1, passcode: 11111111 }, 'PASSCODE_INVALID', /setup payload \(NVM3 key 0x087205\): passcode 11111111/],
    ['unknown capability bits', { vendorId: 1, productId: 1, discriminator: 1, passcode: 20202021, discoveryCapabilities: 0x08 }, 'ONBOARDING_CAPABILITIES_INVALID', /0x087205/],
    ['reserved vendor ID in the bitset', { vendorId: 0xfff5, productId: 1, discriminator: 1, passcode: 20202021 }, 'ONBOARDING_VENDOR_ID_INVALID', /0xFFF5/],
  ])('refuses %s', (_name, input, code, detail) => {
    const result = encodeFactoryData(input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(result.ok ? '' : result.error.detail).toMatch(detail);
  });

  it('takes longer text and more capability bits when told the firmware accepts them', () => {
    expect(encodeFactoryData({ hardwareVersionString: 'v'.repeat(64) }, { maxLengths: { hardwareVersionString: 64 } }).ok).toBe(true);
    expect(encodeFactoryData({ vendorId: 1, productId: 1, discriminator: 1, passcode: 20202021, discoveryCapabilities: 0x08 }, { knownCapabilities: 0x0f }).ok).toBe(true);
  });

  it('refuses a field the chosen key map has no key for', () => {
    const map: FactoryKeyMap = { ...silabsFactoryKeyMapV1, id: 'no-serial', entries: silabsFactoryKeyMapV1.entries.filter((entry) => entry.field !== 'serialNumber') };
    expect(encodeFactoryData({ serialNumber: 'x' }, { keyMap: map })).toMatchObject({ ok: false, error: { code: 'FACTORY_VALUE_INVALID', detail: 'serialNumber: key map no-serial has no NVM3 key for it' } });
  });
});

describe('decodeFactoryData', () => {
  it('reads every known byte sequence back to its value, with no warnings', () => {
    const decoded = unwrap(decodeFactoryData(objects(KNOWN_BYTES.map(([key, bytes]) => [key, new Uint8Array(bytes)]))));
    expect(decoded.warnings).toEqual([]);
    expect(decoded.unknownKeys).toEqual([]);
    expect(decoded.factoryData).toEqual(EVERY_FIELD);
  });

  it('reads a single 0x00 as the empty string', () => {
    expect(unwrap(decodeFactoryData(objects([[0x08720d, new Uint8Array([0])]]))).factoryData).toEqual({ vendorName: '' });
  });

  it('leaves out integers of the wrong width, as the firmware refuses them', () => {
    const decoded = unwrap(decodeFactoryData(objects([[0x08720c, new Uint8Array([0xf1, 0xff, 0, 0])], [0x087208, new Uint8Array([0xe8, 0x03])]])));
    expect(decoded.factoryData).toEqual({});
    expect(decoded.warnings.map((warning) => [warning.code, warning.field])).toEqual([
      ['value-size', 'spake2pIterations'],
      ['value-size', 'vendorId'],
    ]);
    expect(decoded.warnings[1]!.message).toBe('0x08720C VendorId holds 4 bytes where the firmware reads exactly 2 (u16, little-endian); it refuses the value');
  });

  it('warns about unknown keys, reserved keys and counters, and keeps going', () => {
    const decoded = unwrap(
      decodeFactoryData(
        objects([
          [0x087300, new Uint8Array([1])],
          [0x083100, new Uint8Array([1, 2])],
          [0x087201, new Uint8Array([1])],
          [0x087207, 'counter'],
          [0x08720b, new Uint8Array([5, 0x80])],
        ]),
      ),
    );
    expect(decoded.factoryData).toEqual({ productId: 0x8005 });
    expect(decoded.unknownKeys).toEqual([0x083100, 0x087300]);
    expect(decoded.warnings.map((warning) => [warning.code, warning.key])).toEqual([
      ['unknown-key', 0x083100],
      ['reserved-key', 0x087201],
      ['value-type', 0x087207],
      ['unknown-key', 0x087300],
    ]);
    expect(decoded.warnings[0]!.message).toMatch(/PSA key storage/);
    expect(decoded.warnings[3]!.message).toMatch(/config group/);
  });

  it('keeps damaged values it can still show, with a warning each', () => {
    const decoded = unwrap(
      decodeFactoryData(
        objects([
          [0x087200, new Uint8Array([0x41, 0xff, 0x42])], // not UTF-8
          [0x087207, new Uint8Array([0x00, 0x10])], // 4096 > 0xFFF
          [0x087209, new Uint8Array(ascii('not base64'))],
          [0x08720a, new Uint8Array(ascii('AAAA'))], // base64, 3 bytes
          [0x087228, new Uint8Array([2])],
          [0x08721f, new Uint8Array(17)],
          [0x087205, new Uint8Array(10)],
        ]),
      ),
    );
    expect(decoded.warnings.map((warning) => [warning.code, warning.field])).toEqual([
      ['value-invalid', 'serialNumber'],
      ['value-size', 'passcode'],
      ['value-invalid', 'discriminator'],
      ['value-invalid', 'spake2pSalt'],
      ['value-invalid', 'spake2pVerifier'],
      ['value-size', 'uniqueId'],
      ['value-invalid', 'provisionRequest'],
    ]);
    expect(decoded.factoryData).toMatchObject({ serialNumber: 'A\uFFFDB', discriminator: 4096, spake2pSalt: 'not base64', spake2pVerifier: 'AAAA', provisionRequest: true });
    expect(decoded.factoryData.passcode).toBeUndefined();
  });

  it('reports a setup payload whose VID, PID or discriminator differ from their own keys', () => {
    const bitset = new Uint8Array(hex('88 FF 2F 00 44 00 E0 4B 84 68 02')); // VID 0xFFF1, PID 0x8005, discriminator 3840
    const decoded = unwrap(decodeFactoryData(objects([[0x087205, bitset], [0x08720c, new Uint8Array([0xf2, 0xff])], [0x087207, new Uint8Array([0x00, 0x0f])]])));
    expect(decoded.factoryData).toMatchObject({ passcode: 20202021, commissioningFlow: 0, discoveryCapabilities: 2, vendorId: 0xfff2, discriminator: 3840 });
    expect(decoded.warnings).toEqual([
      expect.objectContaining({ code: 'setup-payload-mismatch', field: 'vendorId', message: expect.stringContaining('says vendorId 65521, the vendorId value says 65522') }),
    ]);
  });

  it('reports a bitset that is not a valid payload', () => {
    const bad = new Uint8Array(hex('88 FF 2F 00 44 00 E0 4B 84 68 F2')); // padding bits set
    const decoded = unwrap(decodeFactoryData(objects([[0x087205, bad]])));
    expect(decoded.warnings).toEqual([expect.objectContaining({ code: 'value-invalid', field: 'passcode', message: expect.stringContaining('not a valid setup payload') })]);
  });

  it('reads the older generation with its own map, and names its keys as reserved with the current one', () => {
    const entries = unwrap(encodeFactoryData({ hardwareVersion: 3, keyId: 2, vendorId: 7 }, { keyMap: silabsFactoryKeyMapV0 }));
    const region = unwrap(writeNvm3(entries, geometry));
    const contents = unwrap(readNvm3(region, geometry));
    expect(unwrap(decodeFactoryData(contents.objects, { keyMap: silabsFactoryKeyMapV0 }))).toMatchObject({ factoryData: { hardwareVersion: 3, keyId: 2, vendorId: 7 }, warnings: [] });
    const current = unwrap(decodeFactoryData(contents.objects));
    expect(current.factoryData).toEqual({ vendorId: 7 });
    expect(current.warnings.map((warning) => [warning.code, warning.key])).toEqual([
      ['reserved-key', 0x087308],
      ['reserved-key', 0x087321],
    ]);
  });
});
