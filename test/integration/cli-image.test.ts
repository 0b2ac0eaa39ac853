// `matterline image build` → `matterline image parse`, in process through runCli with a capturing
// output: both layouts in all three file formats, the JSON each prints, and every kind of bad input
// reported as a catalogue error naming the file and the problem (exit 2, never a stack trace).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFirmwareImage, parseFirmware, readImageRange, writeFirmware } from '../../main/firmware';
import { runMatterline as matterline, type CliRun } from '../support/cliHarness';
import { seededRandom } from '../support/seededRandom';
import { randomFactoryData, testCredentials, type TestCredentials } from '../unit/silabs/imageFixtures';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-image-'));
const MG24 = 'EFR32MG24B210F1536IM48';
const SALT = 'U1BBS0UyUCBLZXkgU2FsdA==';
const VERIFIER = 'uWFwqugDNGiEck/po7KHwwMwwqZgN10XuyBajPGuyzUEV/iree4lOrao5GuwnlQ65CJzbeUB49s31EH+NEkg0JVI5MGCQGMMT/SRPFNRODm3wH/MBiehuFc6FJ/NH6Rmzw==';

let credentials: TestCredentials;
const file = (name: string) => path.join(work, name);

/** The values of the --data file (without the file paths), as `image parse` prints them back. */
const VALUES = {
  vendorId: 0xfff1,
  productId: 0x8005,
  vendorName: 'Acme Lighting',
  productName: 'Lamp',
  productLabel: 'Lamp 2',
  productUrl: 'https://acme.example/l',
  partNumber: 'AL-2',
  hardwareVersion: 3,
  hardwareVersionString: 'rev C',
  serialNumber: 'SN-000123',
  manufacturingDate: '2025-03-04',
  discriminator: 3840,
  passcode: 20202021,
  spake2pIterations: 1000,
  spake2pSalt: SALT,
  uniqueId: '00112233445566778899aabbccddeeff',
  commissioningFlow: 1,
  discoveryCapabilities: 6,
};

function writeData(name: string, content: unknown): string {
  fs.writeFileSync(file(name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file(name);
}

const withFiles = (extra: Record<string, unknown> = {}) => ({ ...VALUES, dacCert: 'dac.pem', paiCert: 'pai.der', cd: 'cd.der', ...extra });

beforeAll(async () => {
  credentials = await testCredentials();
  fs.writeFileSync(file('dac.pem'), credentials.dacPem);
  fs.writeFileSync(file('dac.der'), credentials.dac);
  fs.writeFileSync(file('pai.der'), credentials.pai);
  fs.writeFileSync(file('cd.der'), credentials.cd);
  fs.writeFileSync(file('dac-key.pem'), credentials.dacKeyPem);
  fs.writeFileSync(file('garbage.bin'), Buffer.from('this is not a certificate'));
  writeData('nvm3.json', withFiles());
  writeData('single.json', withFiles({ dacKey: 'dac-key.pem' }));
});

function expectFailure(run: CliRun, code: string, detail: RegExp): void {
  expect(run.code, run.stdout + run.stderr).toBe(2);
  const report = run.json() as { ok: boolean; error: { code: string; message: string; fix: string; detail: string } };
  expect(report).toMatchObject({ ok: false, error: { code } });
  expect(report.error.message).toMatch(/\.$/);
  expect(report.error.fix).toMatch(/\.$/);
  expect(report.error.detail).toMatch(detail);
}

describe('image build → image parse', () => {
  const cases = [
    ['nvm3', 'bin'],
    ['nvm3', 'hex'],
    ['nvm3', 's37'],
    ['single-page', 'bin'],
    ['single-page', 'hex'],
    ['single-page', 's37'],
  ] as const;

  it.each(cases)('round-trips the %s layout through a .%s file', async (layout, extension) => {
    const out = file(`${layout}.${extension}`);
    const built = await matterline('image', 'build', '--layout', layout, '--part', MG24, '--data', file(layout === 'nvm3' ? 'nvm3.json' : 'single.json'), '--out', out, '--json');
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const nvm3Base = 0x0817_4000;
    const credentialsPage = 0x0817_e000;
    expect(built.json()).toEqual({
      ok: true,
      out,
      format: { bin: 'binary', hex: 'intel-hex', s37: 'srec' }[extension],
      layout,
      part: MG24,
      regions:
        layout === 'nvm3'
          ? [
              { name: 'nvm3', address: nvm3Base, size: 40960 },
              { name: 'credentials', address: credentialsPage, size: 8192 },
            ]
          : [{ name: 'single-page', address: credentialsPage, size: 8192 }],
      fileBaseAddress: extension === 'bin' ? (layout === 'nvm3' ? nvm3Base : credentialsPage) : null,
      bytes: fs.statSync(out).size,
      warnings: [],
    });
    if (extension === 's37') expect(fs.readFileSync(out, 'latin1')).toMatch(/^S0[0-9A-F]+\r?\nS3/);
    if (extension === 'hex') expect(fs.readFileSync(out, 'latin1')).toMatch(/^:02000004081[7]/);

    const base = extension === 'bin' ? ['--base', String(layout === 'nvm3' ? nvm3Base : credentialsPage)] : [];
    const parsed = await matterline('image', 'parse', out, '--part', MG24, ...base, '--json');
    expect(parsed.code, parsed.stdout + parsed.stderr).toBe(0);
    interface Summary { [field: string]: unknown }
    const report = parsed.json() as { layout: string; factoryData: Record<string, unknown>; certificates: Record<'dac' | 'pai' | 'cd', Summary>; nvm3: unknown; warnings: unknown[] };
    expect(Object.keys(report)).toEqual(['layout', 'factoryData', 'certificates', 'nvm3', 'warnings']);
    expect(report.layout).toBe(layout);
    expect(report.warnings).toEqual([]);
    const factoryData = { ...VALUES, spake2pVerifier: VERIFIER };
    if (layout === 'nvm3') {
      expect(report.factoryData).toEqual({
        ...factoryData,
        keyId: 2,
        credentialsBaseAddress: credentialsPage,
        dacOffset: 0,
        dacSize: credentials.dac.length,
        paiOffset: 0x200,
        paiSize: credentials.pai.length,
        cdOffset: 0x400,
        cdSize: credentials.cd.length,
      });
      expect(report.nvm3).toEqual({ base: nvm3Base, pageSize: 8192, pages: 5, objects: 25, deletedKeys: 0, eraseCounts: [1, 1, 1, 1, 1], fifoStartPage: 0, unusedBytes: expect.any(Number) });
    } else {
      expect(report.factoryData).toEqual(factoryData);
      expect(report.nvm3).toBeNull();
    }
    expect(report.certificates.dac).toMatchObject({ present: true, vendorId: 0xfff1, productId: 0x8005, serial: credentials.dacSerial, error: null });
    expect(report.certificates.pai).toMatchObject({ present: true, vendorId: 0xfff1, productId: 0x8005, serial: credentials.paiSerial, error: null });
    expect(report.certificates.cd).toMatchObject({ present: true, vendorId: 0xfff1, productId: 0x8005, serial: null, productIds: [0x8005], certificateId: 'ZIG20142ZB330003-24' });
    if (layout === 'nvm3') expect(report.certificates.dac).toMatchObject({ source: 'nvm3', address: credentialsPage, offset: 0, size: credentials.dac.length });
  });

  it('writes the same bytes in every format, a .bin starting at the lowest address written', async () => {
    const bin = fs.readFileSync(file('nvm3.bin'));
    for (const extension of ['hex', 's37']) {
      const text = parseFirmware(new Uint8Array(fs.readFileSync(file(`nvm3.${extension}`))), { fileName: `x.${extension}` });
      if (!text.ok) throw new Error(text.error.code);
      // The three builds used the same data file: the same bytes at the same addresses.
      expect(Buffer.from(readImageRange(text.value, 0x0817_4000, bin.length)).equals(bin)).toBe(true);
    }
  });

  it('reads a .bin without --base from the address the builder writes it at, and says so', async () => {
    for (const layout of ['nvm3', 'single-page']) {
      const run = await matterline('image', 'parse', file(`${layout}.bin`), '--part', MG24, '--json');
      expect(run.code).toBe(0);
      const report = run.json() as { layout: string; warnings: Array<{ code: string; message: string }> };
      expect(report.layout).toBe(layout);
      expect(report.warnings).toEqual([{ code: 'base-assumed', source: 'image', message: `no --base given: the .bin file is read as starting at ${layout === 'nvm3' ? '0x08174000' : '0x0817E000'}` }]);
    }
  });

  it('round-trips random factory data (seeded) with the fields the JSON names', async () => {
    const random = seededRandom(0xc11);
    for (let i = 0; i < 4; i++) {
      const data = randomFactoryData(random, { every: true, vendorId: 0xfff1, productId: 0x8005 });
      const json = { ...data, uniqueId: Buffer.from(data.uniqueId!).toString('hex'), spake2pIterations: 1000 + random.int(2000), spake2pVerifier: undefined };
      const layout = i % 2 === 0 ? 'nvm3' : 'single-page';
      const dataFile = writeData(`random-${i}.json`, withFiles({ ...json, ...(layout === 'single-page' ? { dacKey: 'dac-key.pem' } : {}) }));
      const out = file(`random-${i}.s37`);
      const built = await matterline('image', 'build', '--layout', layout, '--part', MG24, '--data', dataFile, '--out', out, '--json');
      expect(built.code, built.stdout + built.stderr).toBe(0);
      const report = (await matterline('image', 'parse', out, '--part', MG24, '--json')).json() as { factoryData: Record<string, unknown>; warnings: unknown[] };
      expect(report.warnings).toEqual([]);
      const { spake2pVerifier: _verifier, ...expected } = json;
      expect(report.factoryData).toMatchObject(expected);
      expect(typeof report.factoryData.spake2pVerifier).toBe('string');
    }
  });

  it('builds and parses with a custom NVM3 base and prints readable text without --json', async () => {
    const out = file('moved.hex');
    const built = await matterline('image', 'build', '--layout', 'nvm3', '--part', MG24, '--nvm3-base', '0x08170000', '--data', file('nvm3.json'), '--out', out);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^Wrote .*moved\.hex \(Intel HEX, \d+ bytes\): nvm3 layout for EFR32MG24B210F1536IM48/);
    expect(built.stdout).toContain('nvm3         0x08170000–0x08179FFF (40960 bytes)');
    const parsed = await matterline('image', 'parse', out, '--part', MG24, '--nvm3-base', '0x08170000');
    expect(parsed.code, parsed.stderr).toBe(0);
    expect(parsed.stdout).toContain('NVM3 0x08170000: 5 pages of 8192 bytes, 25 objects, erase counts 1 1 1 1 1');
    expect(parsed.stdout).toMatch(/DAC {2}VID 0xFFF1 PID 0x8005 serial [0-9A-F]+ \(\d+ bytes at \+0x0, nvm3\)/);
    expect(parsed.stdout).toContain('no warnings');
    // Without the base, the NVM3 pages are still found, with a warning.
    const guessed = (await matterline('image', 'parse', out, '--part', MG24, '--json')).json() as { warnings: Array<{ code: string }> };
    expect(guessed.warnings.map((warning) => warning.code)).toEqual(['nvm3-found-elsewhere']);
  });

  it('takes the DAC as DER and drops a keyId the single page cannot hold, with a warning', async () => {
    const dataFile = writeData('single-keyid.json', withFiles({ dacCert: 'dac.der', dacKey: 'dac-key.pem', keyId: 7 }));
    const run = await matterline('image', 'build', '--layout', 'single-page', '--part', MG24, '--data', dataFile, '--out', file('single-keyid.bin'), '--json');
    expect(run.code, run.stdout).toBe(0);
    expect(run.json().warnings).toEqual([{ code: 'key-id-dropped', source: 'image', message: 'keyId 7 is not stored by the single-page layout (the DAC key itself is); ignored' }]);
  });

  it('warns, and still builds, when the factory data names another VID than the certificates', async () => {
    const dataFile = writeData('other-vid.json', withFiles({ vendorId: 0xfff2 }));
    const run = await matterline('image', 'build', '--layout', 'nvm3', '--part', MG24, '--data', dataFile, '--out', file('other-vid.hex'), '--json');
    expect(run.code).toBe(0);
    expect((run.json().warnings as Array<{ code: string }>).map((warning) => warning.code)).toEqual(['vid-pid-mismatch', 'vid-pid-mismatch', 'vid-pid-mismatch']);
  });
});

describe('image build: bad input', () => {
  const build = (dataFile: string, ...extra: string[]) =>
    matterline('image', 'build', '--layout', 'nvm3', '--part', MG24, '--data', dataFile, '--out', file('never.hex'), ...extra, '--json');

  it('names every problem of the data file in one sentence each', async () => {
    const dataFile = writeData('bad.json', { ...withFiles(), vendorId: 'acme', passcode: 11111111, discriminator: undefined, spake2pSalt: 'short', uniqueId: 'xyz', manufacturingDate: '2025-02-30', productName: 'x'.repeat(40), colour: 'red' });
    const run = await build(dataFile);
    expectFailure(run, 'FACTORY_DATA_INVALID', new RegExp(`^${dataFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    const detail = (run.json() as { error: { detail: string } }).error.detail;
    expect(detail).toContain('vendorId: expected a whole number from 0 to 65535 (a JSON number, or "0x…" hex text), got "acme".');
    expect(detail).toContain('productName is 40 bytes of UTF-8; the firmware takes at most 32.');
    expect(detail).toContain('manufacturingDate: 2025-02-30 is not a calendar date.');
    expect(detail).toContain('discriminator is required.');
    expect(detail).toContain('passcode: passcode 11111111 is one of the trivial values Matter forbids');
    expect(detail).toContain('spake2pSalt is not standard padded base64');
    expect(detail).toContain('uniqueId: expected an even number of hex digits, got "xyz".');
    expect(detail).toContain('unknown field colour; the accepted names are listed in docs/factory-image.md.');
    expect(detail.split(/(?<=\.) (?=[a-zA-Z])/).length).toBeGreaterThanOrEqual(8);
  });

  it.each<[string, () => string, string[], string, RegExp]>([
    ['a data file that does not exist', () => file('missing.json'), [], 'FILE_UNREADABLE', /factory data .*missing\.json/],
    ['a data file that is not JSON', () => writeData('not-json.json', '{ vendorId: 1'), [], 'FACTORY_DATA_INVALID', /not-json\.json: not JSON/],
    ['a data file that is a list', () => writeData('list.json', '[1, 2]'), [], 'FACTORY_DATA_INVALID', /list\.json: the document is not a JSON object\./],
    ['a DAC file that does not exist', () => writeData('no-dac.json', withFiles({ dacCert: 'nowhere.pem' })), [], 'FILE_UNREADABLE', /dacCert .*nowhere\.pem/],
    ['a DAC file that is not a certificate', () => writeData('garbage-dac.json', withFiles({ dacCert: 'garbage.bin' })), [], 'CREDS_CERTIFICATE_INVALID', /dacCert .*garbage\.bin: DAC: /],
    ['a CD file that is a certificate', () => writeData('cert-cd.json', withFiles({ cd: 'pai.der' })), [], 'CREDS_CD_INVALID', /cd .*pai\.der: CD_/],
    ['a DAC key with the nvm3 layout', () => writeData('nvm3-key.json', withFiles({ dacKey: 'dac-key.pem' })), [], 'IMAGE_DAC_KEY_NOT_STORED', /nvm3-key\.json: dacKey dac-key\.pem/],
    ['a verifier of another passcode', () => writeData('bad-verifier.json', withFiles({ passcode: 20202022, spake2pVerifier: VERIFIER })), [], 'FACTORY_VERIFIER_MISMATCH', /passcode 20202022/],
    ['an unknown output format', () => file('nvm3.json'), ['--out', file('image.txt')], 'IMAGE_OUTPUT_FORMAT_UNKNOWN', /image\.txt/],
    ['an output folder that does not exist', () => file('nvm3.json'), ['--out', file('no/such/folder.hex')], 'FILE_NOT_WRITABLE', /folder\.hex/],
    ['a part number that is not one', () => file('nvm3.json'), ['--part', 'EFR32XX'], 'PART_NUMBER_MALFORMED', /--part EFR32XX/],
    ['an unknown layout', () => file('nvm3.json'), ['--layout', 'both'], 'CLI_BAD_ARGUMENT', /both/],
    ['an NVM3 base that overlaps the credentials page', () => file('nvm3.json'), ['--nvm3-base', '0x08176000'], 'PART_LAYOUT_INVALID', /overlaps the credentials page/],
  ])('refuses %s with exit 2', async (_name, dataFile, extra, code, detail) => {
    expectFailure(await build(dataFile(), ...extra), code, detail);
  });

  it('refuses single-page without a key, and a key that is not the DAC\'s', async () => {
    const noKey = await matterline('image', 'build', '--layout', 'single-page', '--part', MG24, '--data', file('nvm3.json'), '--out', file('never.bin'), '--json');
    expectFailure(noKey, 'IMAGE_DAC_KEY_REQUIRED', /nvm3\.json: no dacKey/);
    const other = await testCredentials(0xfff1, 0x8005, 'Another DAC');
    fs.writeFileSync(file('other-key.pem'), other.dacKeyPem);
    const wrong = writeData('wrong-key.json', withFiles({ dacKey: 'other-key.pem' }));
    expectFailure(await matterline('image', 'build', '--layout', 'single-page', '--part', MG24, '--data', wrong, '--out', file('never.bin'), '--json'), 'CREDS_DAC_KEY_MISMATCH', /dacKey .*other-key\.pem/);
    const notKey = writeData('not-key.json', withFiles({ dacKey: 'garbage.bin' }));
    expectFailure(await matterline('image', 'build', '--layout', 'single-page', '--part', MG24, '--data', notKey, '--out', file('never.bin'), '--json'), 'CREDS_DAC_KEY_INVALID', /garbage\.bin/);
  });

  it('prints the catalogue error as text without --json', async () => {
    const run = await matterline('image', 'build', '--layout', 'nvm3', '--part', MG24, '--data', file('missing.json'), '--out', file('never.hex'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error FILE_UNREADABLE: /);
    expect(run.stderr).toMatch(/detail: factory data .*missing\.json/);
    expect(run.stderr).toMatch(/fix: /);
  });
});

describe('image parse: bad input', () => {
  beforeAll(() => {
    fs.writeFileSync(file('noise.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) & 0xff)));
    fs.writeFileSync(file('broken.hex'), ':10000000FFFFFFFF\n');
    const app = createFirmwareImage([{ address: 0x0800_6000, bytes: new Uint8Array([1, 2, 3, 4]) }]);
    if (!app.ok) throw new Error(app.error.code);
    const srec = writeFirmware(app.value, 'srec');
    if (!srec.ok) throw new Error(srec.error.code);
    fs.writeFileSync(file('app.s37'), srec.value);
  });

  it.each<[string, string[], string, RegExp]>([
    ['a file that does not exist', [file('absent.hex')], 'FILE_UNREADABLE', /image .*absent\.hex/],
    ['a damaged Intel HEX file', [file('broken.hex')], 'FIRMWARE_RECORD_MALFORMED', /broken\.hex: .*line 1/],
    ['an image with only an application', [file('app.s37')], 'IMAGE_NO_PROVISIONING_DATA', /app\.s37: part EFR32MG24B210F1536IM48: NVM3 region 0x08174000/],
    ['bytes that hold no provisioning data', [file('noise.bin'), '--base', '0x0817E000'], 'IMAGE_NO_PROVISIONING_DATA', /noise\.bin/],
    ['an unknown part', [file('nvm3.hex'), '--part', 'EFR32MG99B210F1536IM48'], 'PART_FAMILY_UNSUPPORTED', /--part EFR32MG99/],
    ['a .bin base that is not a number', [file('nvm3.bin'), '--base', 'low'], 'CLI_BAD_ARGUMENT', /--base low/],
  ])('refuses %s with exit 2', async (_name, args, code, detail) => {
    const hasPart = args.includes('--part');
    expectFailure(await matterline('image', 'parse', ...args, ...(hasPart ? [] : ['--part', MG24]), '--json'), code, detail);
  });
});
