// The single-page layout of `matter_provision_flash` (silabs-provisioning.md §1.4): a big-endian
// total, then Provision Protocol v2 arguments (integers big-endian), the DAC key included.
import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeArguments, PARAMETER, type ProvisionArgument } from '../../../main/silabs/provisionProtocol';
import { buildSinglePage, readSinglePage, type SinglePageInput } from '../../../main/silabs/singlePage';
import type { FactoryData } from '../../../main/silabs/factoryData';
import { seededRandom } from '../../support/seededRandom';
import { randomFactoryData, testCredentials, unwrap } from './imageFixtures';

const hex = (text: string) => [...Buffer.from(text.replace(/\s/g, ''), 'hex')];
const tiny = new Uint8Array([0x30, 0x03, 0x11, 0x11, 0x11]); // a 5-byte DER SEQUENCE
const tinyInput = (factoryData: FactoryData): SinglePageInput => ({ factoryData, certificates: { dac: tiny, pai: tiny, cd: tiny }, dacKey: tiny });

/** A page holding exactly these arguments after the total. */
function page(args: ProvisionArgument[], size = 2048, total?: number): Uint8Array {
  const body = unwrap(encodeArguments(args));
  const out = new Uint8Array(size).fill(0xff);
  const used = total ?? body.length + 2;
  out[0] = used >> 8;
  out[1] = used & 0xff;
  out.set(body, 2);
  return out;
}

async function realInput(factoryData: FactoryData): Promise<SinglePageInput> {
  const credentials = await testCredentials();
  const key = new Uint8Array(createPrivateKey(credentials.dacKeyPem).export({ type: 'sec1', format: 'der' }));
  return { factoryData, certificates: { dac: credentials.dac, pai: credentials.pai, cd: credentials.cd }, dacKey: key };
}

describe('buildSinglePage: known bytes', () => {
  it('writes the big-endian total, then the arguments in the host tool\'s order, then 0xFF', () => {
    const built = unwrap(buildSinglePage(tinyInput({ serialNumber: 'SN1', vendorId: 0xfff1 }), { pageSize: 2048 }));
    expect(built).toHaveLength(2048);
    const expected = hex(
      '00 2C' + // total: 44 bytes including itself
        '05 41 03 53 4E 31' + // 0x0141 serial number, binary, 1-byte size: "SN1"
        '25 42 FF F1' + // 0x0142 vendor id, u16 big-endian (the fact sheet's example)
        '05 82 05 30 03 11 11 11' + // 0x0182 CD
        '05 93 05 30 03 11 11 11' + // 0x0193 PAI
        '05 95 05 30 03 11 11 11' + // 0x0195 DAC
        '05 96 05 30 03 11 11 11', // 0x0196 DAC key
    );
    expect([...built.subarray(0, 44)]).toEqual(expected);
    expect(built.subarray(44).every((byte) => byte === 0xff)).toBe(true);
  });

  it('encodes integers big-endian at their firmware width and the setup payload as its 11-byte bitset', () => {
    const built = unwrap(
      buildSinglePage(tinyInput({ vendorId: 0xfff1, productId: 0x8005, hardwareVersion: 1, discriminator: 3840, spake2pIterations: 1000, passcode: 20202021 }), { pageSize: 2048 }),
    );
    const body = Buffer.from(built).toString('hex');
    expect(body).toContain('25448005'); // 0x0144 product id u16
    expect(body).toContain('25510001'); // 0x0151 hardware version u16
    expect(body).toContain('25610f00'); // 0x0161 discriminator u16
    expect(body).toContain('3563000003e8'); // 0x0163 iterations u32
    const total = (built[0]! << 8) | built[1]!;
    expect(Buffer.from(built.subarray(total - 14, total)).toString('hex')).toBe('05660b88ff2f004400e04b846802'); // 0x0166 setup payload, last
  });

  it('uses a 2-byte size for certificates of 255 bytes or more', async () => {
    const input = await realInput({});
    const built = unwrap(buildSinglePage(input, { pageSize: 8192 }));
    const body = Buffer.from(built).toString('hex');
    const dacSize = input.certificates.dac.length.toString(16).padStart(4, '0');
    expect(body).toContain(`0995${dacSize}${Buffer.from(input.certificates.dac.subarray(0, 8)).toString('hex')}`);
    expect(body).toContain(`0596${input.dacKey.length.toString(16).padStart(2, '0')}3077`); // SEC1 DER of a P-256 key: 121 bytes
  });

  it('stores an empty string as one 0x00 byte, as in NVM3', () => {
    const built = unwrap(buildSinglePage(tinyInput({ vendorName: '' }), { pageSize: 512 }));
    expect([...built.subarray(2, 6)]).toEqual(hex('05 43 01 00'));
    expect(unwrap(readSinglePage(built)).factoryData).toEqual({ vendorName: '' });
  });
});

describe('buildSinglePage: refusals', () => {
  it.each<[string, SinglePageInput, number, string, RegExp]>([
    ['a key id (the page stores the key itself)', tinyInput({ keyId: 2 }), 2048, 'FACTORY_VALUE_INVALID', /keyId: the single-page layout has no place for it/],
    ['NVM3 credential offsets', tinyInput({ dacOffset: 0 }), 2048, 'FACTORY_VALUE_INVALID', /dacOffset/],
    ['a value the key map refuses', tinyInput({ serialNumber: 'x'.repeat(40) }), 2048, 'FACTORY_VALUE_INVALID', /serialNumber .* 40 bytes/],
    ['a DAC key that is not one DER element', { ...tinyInput({}), dacKey: new Uint8Array([1, 2, 3]) }, 2048, 'CREDS_DAC_KEY_INVALID', /not one DER element/],
    ['a DAC key over 128 bytes', { ...tinyInput({}), dacKey: new Uint8Array([0x30, 0x81, 0x80, ...new Array(0x80).fill(1)]) }, 2048, 'CREDS_FILE_TOO_LARGE', /131 bytes; the limit is 128/],
    ['a DAC over 500 bytes', { ...tinyInput({}), certificates: { dac: new Uint8Array(501), pai: tiny, cd: tiny } }, 2048, 'CREDS_FILE_TOO_LARGE', /DAC is 501 bytes/],
    ['a page that is too small', { ...tinyInput({}), certificates: { dac: new Uint8Array(500), pai: tiny, cd: tiny } }, 512, 'IMAGE_SINGLE_PAGE_FULL', /bytes are needed; the page holds 512/],
    ['a page size that is not one', tinyInput({}), 1000, 'CREDS_PAGE_INVALID', /1000/],
  ])('refuses %s', (_name, input, pageSize, code, detail) => {
    const result = buildSinglePage(input, { pageSize });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(result.ok ? '' : result.error.detail).toMatch(detail);
  });
});

describe('readSinglePage', () => {
  it('gives back every value, certificate and the key for random factory data and real credentials (seeded)', async () => {
    const random = seededRandom(0x51_6e_61);
    const template = await realInput({});
    for (let i = 0; i < 300; i++) {
      const data = randomFactoryData(random, { every: i % 3 === 0 });
      const built = unwrap(buildSinglePage({ ...template, factoryData: data }, { pageSize: random.chance(0.5) ? 8192 : 2048 }));
      const read = unwrap(readSinglePage(built));
      expect(read.warnings, `case ${i}`).toEqual([]);
      expect(read.factoryData, `case ${i}`).toEqual({ ...data, commissioningFlow: data.commissioningFlow ?? 0, discoveryCapabilities: data.discoveryCapabilities ?? 2 });
      expect(read.certificates).toEqual(template.certificates);
      expect(read.dacKey).toEqual(template.dacKey);
      expect(read.total).toBe(((built[0] ?? 0) << 8) | (built[1] ?? 0));
    }
  });

  it('reads an erased page as empty (total 0xFFFF counts as 2)', () => {
    const read = unwrap(readSinglePage(new Uint8Array(2048).fill(0xff)));
    expect(read).toMatchObject({ total: 2, argumentCount: 0, factoryData: {}, dacKey: null, certificates: { dac: null, pai: null, cd: null } });
    expect(read.warnings.map((warning) => warning.code)).toEqual(['page-empty']);
  });

  it('warns about unknown, repeated, empty and mistyped arguments and data after the total, as the firmware would skip them', () => {
    const args: ProvisionArgument[] = [
      { id: PARAMETER.vendorId, type: 'u16', feedback: false, value: 0xfff1 },
      { id: PARAMETER.vendorId, type: 'u16', feedback: false, value: 0x1234 },
      { id: PARAMETER.productId, type: 'u32', feedback: false, value: 0x8005 },
      { id: PARAMETER.csr, type: 'binary', feedback: false, value: new Uint8Array([1]) },
      { id: PARAMETER.serialNumber, type: 'binary', feedback: false, value: null },
      { id: PARAMETER.discriminator, type: 'u16', feedback: false, value: 0x0fff },
    ];
    const bytes = page(args);
    bytes[2000] = 0x00;
    const read = unwrap(readSinglePage(bytes));
    expect(read.factoryData).toEqual({ vendorId: 0xfff1, discriminator: 0x0fff });
    expect(read.warnings.map((warning) => [warning.code, warning.id])).toEqual([
      ['data-after-total', undefined],
      ['duplicate-argument', PARAMETER.vendorId],
      ['argument-type', PARAMETER.productId],
      ['unknown-argument', PARAMETER.csr],
      ['argument-empty', PARAMETER.serialNumber],
    ]);
    expect(read.warnings[2]!.message).toBe('argument 0x0144 (productId) is a u32; the firmware reads it only as u16 and refuses it');
  });

  it('passes the factory-data warnings through (a bitset that disagrees with the VID)', () => {
    const built = unwrap(buildSinglePage(tinyInput({ vendorId: 1, productId: 2, discriminator: 3, passcode: 20202021 }), { pageSize: 2048 }));
    const text = Buffer.from(built).toString('hex').replace('25420001', '25420009'); // VID 1 → 9 outside the bitset
    const read = unwrap(readSinglePage(new Uint8Array(Buffer.from(text, 'hex'))));
    expect(read.warnings).toEqual([expect.objectContaining({ code: 'setup-payload-mismatch', field: 'vendorId' })]);
    expect(read.warnings[0]!.message).toMatch(/the setup payload \(argument 0x0166 \(setupPayload\)\) says vendorId 1, the vendorId value says 9/);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['a total past the page end', page([], 512, 600), /says 600 bytes, more than the 512-byte page/],
    ['a total below its own size', page([], 512, 1), /says 1 bytes, less than the total itself/],
    ['an argument cut by the total', page([{ id: PARAMETER.dacCert, type: 'binary', feedback: false, value: new Uint8Array(40) }], 512, 20), /arguments from byte 2: .*stops after 18 byte/],
    ['a type no device reads', new Uint8Array([0x00, 0x05, 0x81, 0x41, 0x00, 0xff]), /type code 8/],
    ['one byte', new Uint8Array([0x00]), /shorter than its 2-byte total/],
  ])('refuses %s', (_name, bytes, detail) => {
    const result = readSinglePage(bytes);
    expect(result).toMatchObject({ ok: false, error: { code: 'IMAGE_SINGLE_PAGE_INVALID' } });
    expect(result.ok ? '' : result.error.detail).toMatch(detail);
  });

  it('never throws on random or damaged pages', async () => {
    const random = seededRandom(0xbad);
    const good = unwrap(buildSinglePage(await realInput(randomFactoryData(random, { every: true })), { pageSize: 2048 }));
    for (let i = 0; i < 5000; i++) {
      let bytes: Uint8Array;
      if (random.chance(0.3)) bytes = random.bytes(random.int(3000));
      else {
        bytes = good.slice();
        for (let n = 1 + random.int(8); n > 0; n--) bytes[random.int(random.chance(0.7) ? 1400 : bytes.length)] = random.int(256);
        if (random.chance(0.2)) bytes = bytes.subarray(0, random.int(bytes.length));
      }
      const read = readSinglePage(bytes);
      expect(typeof read.ok).toBe('boolean');
      if (!read.ok) expect(read.error.code).toBe('IMAGE_SINGLE_PAGE_INVALID');
    }
  });
});
