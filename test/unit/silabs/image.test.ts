// Whole provisioning images: the NVM3 region and credentials page (or the single page) at the part's
// real addresses, and parsing them back with certificates summarised by main/matter.
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFirmwareImage, readImageRange, type FirmwareImage } from '../../../main/firmware';
import { encodeFactoryData, silabsFactoryKeyMapV1, type FactoryData } from '../../../main/silabs/factoryData';
import { buildProvisioningImage, nvm3GeometryOf, parseProvisioningImage, type BuildProvisioningImageInput, type ProvisioningImage } from '../../../main/silabs/image';
import { appendNvm3, rebuildNvm3, type Nvm3Entry } from '../../../main/silabs/nvm3';
import type { PartInfo } from '../../../main/silabs/parts';
import { buildSinglePage } from '../../../main/silabs/singlePage';
import { seededRandom } from '../../support/seededRandom';
import { MG12, MG24, part, randomFactoryData, testCredentials, unwrap, type TestCredentials } from './imageFixtures';

const BLANK_MG24_PAGE_HEADER = [0x01, 0x00, 0x9a, 0xb2, 0x01, 0x00, 0x00, 0xd0, 0xfe, 0xff, 0xff, 0x0f, 0xff, 0xff, 0xff, 0xff, 0x00, 0x98, 0xff, 0xff];
const keyOf = (field: string) => silabsFactoryKeyMapV1.entries.find((entry) => entry.field === field)!.key;

let credentials: TestCredentials;
beforeAll(async () => {
  credentials = await testCredentials();
});

const certificates = () => ({ dac: credentials.dac, pai: credentials.pai, cd: credentials.cd });
const baseData = (): FactoryData => ({ vendorId: 0xfff1, productId: 0x8005, discriminator: 3840, passcode: 20202021, serialNumber: 'SN-1' });

function build(input: Partial<BuildProvisioningImageInput> & { part: PartInfo }, options = {}): ProvisioningImage {
  return unwrap(buildProvisioningImage({ layout: 'nvm3', factoryData: baseData(), certificates: certificates(), ...input }, options));
}

/** The image with the NVM3 region replaced (same address). */
function withRegion(image: FirmwareImage, address: number, region: Uint8Array): FirmwareImage {
  const end = address + region.length;
  const segments = image.segments.flatMap((segment) => {
    const pieces = [];
    const segmentEnd = segment.address + segment.bytes.length;
    if (segment.address < address) pieces.push({ address: segment.address, bytes: segment.bytes.subarray(0, Math.min(segment.bytes.length, address - segment.address)) });
    if (segmentEnd > end) pieces.push({ address: Math.max(end, segment.address), bytes: segment.bytes.subarray(Math.max(0, end - segment.address)) });
    return pieces;
  });
  return unwrap(createFirmwareImage([...segments, { address, bytes: region }]));
}

describe('buildProvisioningImage: nvm3 layout', () => {
  it('puts the NVM3 region and the credentials page at the MG24 addresses, with the blank image\'s page headers', () => {
    const mg24 = part(MG24);
    const image = build({ part: mg24 });
    expect(image.layout).toBe('nvm3');
    expect(image.regions).toEqual([
      { name: 'nvm3', address: 0x0817_4000, size: 40960 },
      { name: 'credentials', address: 0x0817_e000, size: 8192 },
    ]);
    expect(image.segments.map((segment) => [segment.address, segment.bytes.length])).toEqual([[0x0817_4000, 49152]]); // the two touch
    for (let page = 0; page < 5; page++) expect([...readImageRange(image, 0x0817_4000 + page * 8192, 20)]).toEqual(BLANK_MG24_PAGE_HEADER);
    expect([...readImageRange(image, 0x0817_e000, credentials.dac.length)]).toEqual([...credentials.dac]);
    expect([...readImageRange(image, 0x0817_e200, credentials.pai.length)]).toEqual([...credentials.pai]);
    expect([...readImageRange(image, 0x0817_e400, credentials.cd.length)]).toEqual([...credentials.cd]);
    expect(image.factoryData).toMatchObject({ keyId: 2, credentialsBaseAddress: 0x0817_e000, dacOffset: 0, paiOffset: 0x200, cdOffset: 0x400, dacSize: credentials.dac.length });
    expect(image.warnings).toEqual([]);
  });

  it('uses the MG12 layout: twenty 2 KiB NVM3 pages and the credentials page at 0x000FF800', () => {
    const image = build({ part: part(MG12) });
    expect(image.regions).toEqual([
      { name: 'nvm3', address: 0x000f_5800, size: 40960 },
      { name: 'credentials', address: 0x000f_f800, size: 2048 },
    ]);
    expect([...readImageRange(image, 0x000f_5800, 20)]).toEqual([0x01, 0x00, 0x9a, 0xb2, 0x01, 0x00, 0x00, 0xd0, 0xfe, 0xff, 0xff, 0x0f, 0xff, 0xff, 0xff, 0xff, 0x00, 0x58, 0xff, 0xff]);
  });

  it('follows an NVM3 base and credentials address given with the part', () => {
    const moved = part(MG24, { nvm3Base: 0x0817_0000, credentialsAddress: 0x0817_c000 });
    const image = build({ part: moved });
    expect(image.regions.map((region) => region.address)).toEqual([0x0817_0000, 0x0817_c000]);
    const parsed = unwrap(parseProvisioningImage(image, moved));
    expect(parsed.factoryData.credentialsBaseAddress).toBe(0x0817_c000);
    expect(parsed.certificates.dac).toMatchObject({ address: 0x0817_c000, serial: credentials.dacSerial });
  });

  it('writes the legacy fixed credentials layout on request, with its offsets in NVM3', () => {
    const image = build({ part: part(MG24) }, { credentialsLayout: 'legacy' });
    expect(image.factoryData).toMatchObject({ dacOffset: 0, paiOffset: 0x200, cdOffset: 0x400 });
  });

  it('writes longer text for firmware built with larger buffers, and reads it back without warnings when told so', () => {
    const mg24 = part(MG24);
    const long = 'rev '.repeat(15); // 60 bytes, over the default 32
    expect(buildProvisioningImage({ part: mg24, layout: 'nvm3', factoryData: { ...baseData(), hardwareVersionString: long }, certificates: certificates() })).toMatchObject({
      ok: false,
      error: { code: 'FACTORY_VALUE_INVALID' },
    });
    const image = build({ part: mg24, factoryData: { ...baseData(), hardwareVersionString: long } }, { maxLengths: { hardwareVersionString: 64 } });
    const told = unwrap(parseProvisioningImage(image, mg24, { maxLengths: { hardwareVersionString: 64 } }));
    expect(told.factoryData.hardwareVersionString).toBe(long);
    expect(told.warnings).toEqual([]);
    const untold = unwrap(parseProvisioningImage(image, mg24));
    expect(untold.factoryData.hardwareVersionString).toBe(long);
    expect(untold.warnings.map((warning) => [warning.code, warning.field])).toEqual([['value-size', 'hardwareVersionString']]);
  });

  it('accepts PEM certificates and stores DER', () => {
    const pem = new TextEncoder();
    const image = build({ part: part(MG24), certificates: { dac: pem.encode(credentials.dacPem), pai: pem.encode(credentials.paiPem), cd: credentials.cd } });
    expect([...readImageRange(image, 0x0817_e000, credentials.dac.length)]).toEqual([...credentials.dac]);
  });

  it('warns when the certificates, the CD and the factory data name different VID/PID', () => {
    const image = build({ part: part(MG24), factoryData: { ...baseData(), vendorId: 0xfff2, productId: 0x8006 } });
    expect(image.warnings.map((warning) => [warning.code, warning.credential])).toEqual([
      ['vid-pid-mismatch', 'dac'],
      ['vid-pid-mismatch', 'dac'],
      ['vid-pid-mismatch', 'pai'],
      ['vid-pid-mismatch', 'pai'],
      ['vid-pid-mismatch', 'cd'],
      ['vid-pid-mismatch', 'cd'],
    ]);
    expect(image.warnings[0]!.message).toBe('the DAC says vendor ID 0xFFF1, the factory data 0xFFF2');
  });
});

describe('buildProvisioningImage: single-page layout', () => {
  it('writes one page at the credentials-page address, holding the DAC key as SEC1 DER', () => {
    const mg24 = part(MG24);
    const image = build({ part: mg24, layout: 'single-page', dacKey: new TextEncoder().encode(credentials.dacKeyPem) });
    expect(image.regions).toEqual([{ name: 'single-page', address: 0x0817_e000, size: 8192 }]);
    expect(image.segments).toHaveLength(1);
    const parsed = unwrap(parseProvisioningImage(image, mg24));
    expect(parsed.layout).toBe('single-page');
    expect(parsed.dacKey).toEqual(new Uint8Array(createPrivateKey(credentials.dacKeyPem).export({ type: 'sec1', format: 'der' })));
    expect(parsed.warnings).toEqual([]);
  });

  it('takes the key as PKCS#8 DER too', () => {
    const pkcs8 = new Uint8Array(createPrivateKey(credentials.dacKeyPem).export({ type: 'pkcs8', format: 'der' }));
    expect(buildProvisioningImage({ part: part(MG12), layout: 'single-page', factoryData: baseData(), certificates: certificates(), dacKey: pkcs8 }).ok).toBe(true);
  });
});

describe('buildProvisioningImage: refusals', () => {
  const otherKey = () => new TextEncoder().encode(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString());
  it.each<[string, () => Partial<BuildProvisioningImageInput>, string, RegExp]>([
    ['a DAC key with the nvm3 layout', () => ({ dacKey: new TextEncoder().encode(credentials.dacKeyPem) }), 'IMAGE_DAC_KEY_NOT_STORED', /--layout nvm3/],
    ['single-page without a DAC key', () => ({ layout: 'single-page' }), 'IMAGE_DAC_KEY_REQUIRED', /single page at 0x0817E000/],
    ['a key that is not the DAC\'s', () => ({ layout: 'single-page', dacKey: otherKey() }), 'CREDS_DAC_KEY_MISMATCH', /public key/],
    ['a key that is not a key', () => ({ layout: 'single-page', dacKey: new Uint8Array([0x30, 0x03, 1, 2, 3]) }), 'CREDS_DAC_KEY_INVALID', /./],
    ['a DAC that is not a certificate', () => ({ certificates: { ...certificates(), dac: new Uint8Array([0x30, 0x03, 1, 2, 3]) } }), 'CREDS_CERTIFICATE_INVALID', /^DAC: /],
    ['a PAI that is empty', () => ({ certificates: { ...certificates(), pai: new Uint8Array(0) } }), 'CREDS_CERTIFICATE_INVALID', /PAI is missing or empty/],
    ['a CD that is a certificate', () => ({ certificates: { ...certificates(), cd: credentials.pai } }), 'CREDS_CD_INVALID', /CD_/],
    ['an unknown layout', () => ({ layout: 'both' as 'nvm3' }), 'IMAGE_LAYOUT_INVALID', /both/],
    ['a value the firmware would refuse', () => ({ factoryData: { ...baseData(), serialNumber: 'x'.repeat(33) } }), 'FACTORY_VALUE_INVALID', /serialNumber/],
  ])('refuses %s', (_name, change, code, detail) => {
    const result = buildProvisioningImage({ part: part(MG24), layout: 'nvm3', factoryData: baseData(), certificates: certificates(), ...change() });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(result.ok ? '' : result.error.detail).toMatch(detail);
  });
});

describe('parseProvisioningImage', () => {
  it('round-trips random factory data through both layouts on every family (seeded)', () => {
    const random = seededRandom(0x1a6e);
    const parts = [part(MG24), part(MG12), part('EFR32BG24B210F1536IM48'), part('EFR32MG21A010F1024IM32')];
    const dacKey = new TextEncoder().encode(credentials.dacKeyPem);
    for (let i = 0; i < 120; i++) {
      const target = parts[i % parts.length]!;
      const layout = i % 2 === 0 ? 'nvm3' : 'single-page';
      const data = randomFactoryData(random, { every: i % 5 === 0, vendorId: 0xfff1, productId: 0x8005 });
      const image = unwrap(buildProvisioningImage({ part: target, layout, factoryData: data, certificates: certificates(), ...(layout === 'single-page' ? { dacKey } : {}) }));
      const parsed = unwrap(parseProvisioningImage(image, target));
      const label = `case ${i} (${target.family}, ${layout})`;
      expect(parsed.layout, label).toBe(layout);
      expect(parsed.warnings, label).toEqual([]);
      const defaults = { commissioningFlow: data.commissioningFlow ?? 0, discoveryCapabilities: data.discoveryCapabilities ?? 2 };
      // nvm3 adds the key id and the credentials keys the builder computed.
      expect(parsed.factoryData, label).toEqual(layout === 'nvm3' ? { ...image.factoryData, ...defaults } : { ...data, ...defaults });
      expect(parsed.files, label).toEqual(certificates());
      expect(parsed.certificates.dac, label).toMatchObject({ present: true, vendorId: 0xfff1, productId: 0x8005, serial: credentials.dacSerial, error: null });
      expect(parsed.certificates.pai, label).toMatchObject({ present: true, vendorId: 0xfff1, productId: 0x8005, serial: credentials.paiSerial, error: null });
      expect(parsed.certificates.cd, label).toMatchObject({ present: true, vendorId: 0xfff1, productId: 0x8005, productIds: [0x8005], certificateId: 'ZIG20142ZB330003-24', serial: null });
      if (layout === 'nvm3') {
        expect(parsed.nvm3, label).toMatchObject({ base: target.memory.nvm3.base, pages: target.memory.nvm3.pageCount, deletedKeys: 0 });
        expect(parsed.nvm3!.eraseCounts.every((count) => count === 1)).toBe(true);
        expect(parsed.nvm3!.objects, label).toBe(unwrap(encodeFactoryData(image.factoryData)).length);
        expect(parsed.certificates.cd.address, label).toBe(target.memory.credentialsPage + 0x400);
      } else {
        expect(parsed.nvm3, label).toBeNull();
      }
    }
  });

  it('reads the newest values of a region whose keys were rewritten and deleted after provisioning', () => {
    const mg24 = part(MG24);
    const geometry = nvm3GeometryOf(mg24);
    const image = build({ part: mg24, factoryData: { ...baseData(), productName: 'Old', productLabel: 'Gone', hardwareVersion: 1 } });
    const region = readImageRange(image, geometry.baseAddress, 40960);
    const changes: Nvm3Entry[] = [
      { key: keyOf('productName'), type: 'data', value: new TextEncoder().encode('New') },
      { key: keyOf('productLabel'), type: 'deleted' },
      { key: keyOf('hardwareVersion'), type: 'data', value: new Uint8Array([2, 0]) },
      { key: keyOf('productName'), type: 'data', value: new TextEncoder().encode('Newest') },
    ];
    const appended = unwrap(appendNvm3(region, changes, geometry));
    const parsed = unwrap(parseProvisioningImage(withRegion(image, geometry.baseAddress, appended.image), mg24));
    expect(parsed.factoryData).toMatchObject({ productName: 'Newest', hardwareVersion: 2, serialNumber: 'SN-1' });
    expect(parsed.factoryData.productLabel).toBeUndefined();
    expect(parsed.nvm3).toMatchObject({ deletedKeys: 1 });
    expect(parsed.warnings).toEqual([]);
  });

  it('falls back to the legacy offsets when NVM3 lost the offset and size keys, and says so', () => {
    const mg24 = part(MG24);
    const geometry = nvm3GeometryOf(mg24);
    const image = build({ part: mg24 });
    const deletes: Nvm3Entry[] = ['dacOffset', 'dacSize', 'paiOffset', 'paiSize', 'cdOffset', 'cdSize'].map((field) => ({ key: keyOf(field), type: 'deleted' }));
    const rebuilt = unwrap(rebuildNvm3(readImageRange(image, geometry.baseAddress, 40960), deletes, geometry));
    const parsed = unwrap(parseProvisioningImage(withRegion(image, geometry.baseAddress, rebuilt), mg24));
    expect([parsed.certificates.dac.source, parsed.certificates.pai.source, parsed.certificates.cd.source]).toEqual(['legacy', 'legacy', 'legacy']);
    expect(parsed.files).toEqual(certificates());
    expect(parsed.certificates.dac.size).toBe(credentials.dac.length); // from the DER header
  });

  it('reads the credentials where NVM3\'s base address points, as the firmware does, with a warning', () => {
    const mg24 = part(MG24);
    const geometry = nvm3GeometryOf(mg24);
    const image = build({ part: mg24 });
    const page = readImageRange(image, 0x0817_e000, 8192);
    const moved = unwrap(appendNvm3(readImageRange(image, geometry.baseAddress, 40960), [{ key: keyOf('credentialsBaseAddress'), type: 'data', value: new Uint8Array([0x00, 0x00, 0x17, 0x08]) }], geometry));
    const withPage = unwrap(createFirmwareImage([...withRegion(image, geometry.baseAddress, moved.image).segments, { address: 0x0817_0000, bytes: page }]));
    const parsed = unwrap(parseProvisioningImage(withPage, mg24));
    expect(parsed.credentialsAddress).toBe(0x0817_0000);
    expect(parsed.warnings.map((warning) => warning.code)).toEqual(['credentials-base-differs']);
    expect(parsed.certificates.dac).toMatchObject({ address: 0x0817_0000, serial: credentials.dacSerial });
  });

  it('finds NVM3 elsewhere in the image when the firmware placed it lower, and reads it at a given base without a warning', () => {
    const lower = part(MG24, { nvm3Base: 0x0817_2000 });
    const image = build({ part: lower });
    const parsed = unwrap(parseProvisioningImage(image, part(MG24)));
    expect(parsed.layout).toBe('nvm3');
    expect(parsed.warnings.map((warning) => warning.code)).toEqual(['nvm3-found-elsewhere']);
    expect(parsed.nvm3).toMatchObject({ base: 0x0817_2000 });
    expect(unwrap(parseProvisioningImage(image, part(MG24), { nvm3Base: 0x0817_2000 })).warnings).toEqual([]);
  });

  it('reports a credentials page missing from the image', () => {
    const mg24 = part(MG24);
    const image = build({ part: mg24 });
    const nvm3Only = unwrap(createFirmwareImage([{ address: 0x0817_4000, bytes: readImageRange(image, 0x0817_4000, 40960) }]));
    const parsed = unwrap(parseProvisioningImage(nvm3Only, mg24));
    expect(parsed.warnings.map((warning) => warning.code)).toEqual(['credentials-page-missing']);
    expect(parsed.certificates.dac).toMatchObject({ present: false, vendorId: null });
  });

  it('reports damaged certificates as unreadable, without failing', () => {
    const mg24 = part(MG24);
    const image = build({ part: mg24 });
    const page = readImageRange(image, 0x0817_e000, 8192);
    page[0x200 + 4] = 0x31; // the PAI's signed part is no longer a SEQUENCE
    page[0x400 + 1] = 0x05; // the CD's DER length: 7 bytes, where NVM3 says 233
    const parsed = unwrap(parseProvisioningImage(unwrap(createFirmwareImage([{ address: 0x0817_4000, bytes: readImageRange(image, 0x0817_4000, 40960) }, { address: 0x0817_e000, bytes: page }])), mg24));
    expect(parsed.certificates.dac.error).toBeNull();
    expect(parsed.certificates.pai).toMatchObject({ present: true, error: expect.stringMatching(/^PAI: /) });
    expect(parsed.certificates.cd).toMatchObject({ present: true, error: expect.stringMatching(/^CD: /) });
    expect(parsed.warnings.map((warning) => warning.code)).toEqual(expect.arrayContaining(['certificate-unreadable', 'der-length-mismatch']));
  });

  it('reports a single page whose key does not belong to its DAC', () => {
    const mg24 = part(MG24);
    const other = new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'der' }));
    const page = unwrap(buildSinglePage({ factoryData: baseData(), certificates: certificates(), dacKey: other }, { pageSize: 8192 }));
    const parsed = unwrap(parseProvisioningImage(unwrap(createFirmwareImage([{ address: 0x0817_e000, bytes: page }])), mg24));
    expect(parsed.warnings.map((warning) => warning.code)).toEqual(['dac-key-mismatch']);
  });

  it.each<[string, () => FirmwareImage, object, RegExp]>([
    ['an empty image', () => unwrap(createFirmwareImage([])), {}, /NVM3 region 0x08174000 \(40960 bytes\): no data; credentials page 0x0817E000: no data/],
    ['an application only', () => unwrap(createFirmwareImage([{ address: 0x0800_6000, bytes: new Uint8Array(4096).fill(0x5a) }])), {}, /no data/],
    ['erased flash at both places', () => unwrap(createFirmwareImage([{ address: 0x0817_4000, bytes: new Uint8Array(49152).fill(0xff) }])), {}, /no valid NVM3 page|NVM3_NO_VALID_PAGES|erased/],
    ['a single page read as nvm3', () => build({ part: part(MG24), layout: 'single-page', dacKey: new TextEncoder().encode(credentials.dacKeyPem) }), { layout: 'nvm3' }, /no NVM3 pages/],
    ['a misaligned NVM3 base', () => build({ part: part(MG24) }), { nvm3Base: 0x0817_4001 }, /not a 8192-byte page boundary/],
  ])('refuses %s', (_name, image, options, detail) => {
    const result = parseProvisioningImage(image(), part(MG24), options);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : `${result.error.code} ${result.error.detail ?? ''}`).toMatch(detail);
  });
});
