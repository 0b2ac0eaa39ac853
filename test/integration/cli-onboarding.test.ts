// `matterline spake2p` and `matterline onboarding encode|decode`, run in process through runCli with a
// capturing output: JSON keys, exit codes, catalogue errors (never a stack trace), the QR PNG.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeQrCode } from '../../main/matter/onboarding';
import { runMatterline as matterline } from '../support/cliHarness';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-onboarding-'));


const KNOWN_VERIFIER = 'uWFwqugDNGiEck/po7KHwwMwwqZgN10XuyBajPGuyzUEV/iree4lOrao5GuwnlQ65CJzbeUB49s31EH+NEkg0JVI5MGCQGMMT/SRPFNRODm3wH/MBiehuFc6FJ/NH6Rmzw==';

describe('matterline spake2p', () => {
  it('prints verifier, w0 and L for the known answer, with the salt as base64 or hex', async () => {
    const expected = {
      verifier: KNOWN_VERIFIER,
      w0: 'b96170aae803346884724fe9a3b287c30330c2a660375d17bb205a8cf1aecb35',
      L: '0457f8ab79ee253ab6a8e46bb09e543ae422736de501e3db37d441fe344920d09548e4c18240630c4ff4913c53513839b7c07fcc0627a1b8573a149fcd1fa466cf',
    };
    const b64 = await matterline('spake2p', '--passcode', '20202021', '--salt-base64', 'U1BBS0UyUCBLZXkgU2FsdA==', '--iterations', '1000', '--json');
    expect(b64.code, b64.stdout).toBe(0);
    expect(b64.json()).toEqual(expected);
    const hexSalt = Buffer.from('SPAKE2P Key Salt').toString('hex');
    const hex = await matterline('spake2p', '--passcode', '0x1344225', '--salt-hex', hexSalt, '--iterations', '0x3e8', '--json');
    expect(hex.json()).toEqual(expected);
  });

  it('draws a random salt with --salt-length and prints it', async () => {
    const run = await matterline('spake2p', '--passcode', '20202021', '--salt-length', '16', '--iterations', '1000', '--json');
    expect(run.code).toBe(0);
    const report = run.json();
    expect(Object.keys(report).sort()).toEqual(['L', 'salt', 'verifier', 'w0']);
    expect(Buffer.from(report.salt as string, 'base64')).toHaveLength(16);
    const again = await matterline('spake2p', '--passcode', '20202021', '--salt-base64', report.salt as string, '--iterations', '1000', '--json');
    expect(again.json().verifier).toBe(report.verifier);
  });

  it('prints readable text without --json', async () => {
    const run = await matterline('spake2p', '--passcode', '20202021', '--salt-base64', 'U1BBS0UyUCBLZXkgU2FsdA==', '--iterations', '1000');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`verifier (base64): ${KNOWN_VERIFIER}`);
  });

  it.each([
    [['--passcode', '11111111', '--salt-base64', 'U1BBS0UyUCBLZXkgU2FsdA==', '--iterations', '1000'], 'PASSCODE_INVALID', /11111111/],
    [['--passcode', '20202021', '--salt-base64', 'U1BBS0UyUCBLZXkgU2FsdA==', '--iterations', '999'], 'SPAKE2P_ITERATIONS_OUT_OF_RANGE', /999.*1000\.\.100000/],
    [['--passcode', '20202021', '--salt-hex', '00112233', '--iterations', '1000'], 'SPAKE2P_SALT_LENGTH', /4 bytes/],
    [['--passcode', '20202021', '--salt-length', '64', '--iterations', '1000'], 'SPAKE2P_SALT_LENGTH', /64/],
    [['--passcode', '20202021', '--salt-base64', 'not base64!', '--iterations', '1000'], 'CLI_BAD_ARGUMENT', /--salt-base64/],
    [['--passcode', '20202021', '--salt-hex', 'abc', '--iterations', '1000'], 'CLI_BAD_ARGUMENT', /--salt-hex/],
    [['--passcode', '20202021', '--iterations', '1000'], 'CLI_BAD_ARGUMENT', /--salt-base64 or --salt-hex/],
    [['--passcode', '20202021', '--salt-hex', '00'.repeat(16), '--salt-base64', 'U1BBS0UyUCBLZXkgU2FsdA==', '--iterations', '1000'], 'CLI_BAD_ARGUMENT', /cannot be used with/],
    [['--passcode', 'twenty', '--salt-hex', '00'.repeat(16), '--iterations', '1000'], 'CLI_BAD_ARGUMENT', /--passcode twenty/],
    [['--salt-hex', '00'.repeat(16), '--iterations', '1000'], 'CLI_BAD_ARGUMENT', /--passcode/],
  ])('refuses %j with exit 2 and %s', async (args, code, detail) => {
    const run = await matterline('spake2p', ...args, '--json');
    expect(run.code).toBe(2);
    const report = run.json() as { ok: boolean; error: { code: string; message: string; fix: string; detail: string } };
    expect(report).toMatchObject({ ok: false, error: { code } });
    expect(`${report.error.detail}`).toMatch(detail);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('prints the catalogue error as text without --json', async () => {
    const run = await matterline('spake2p', '--passcode', '87654321', '--salt-hex', '00'.repeat(16), '--iterations', '1000');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error PASSCODE_INVALID: /);
    expect(run.stderr).toMatch(/detail: passcode 87654321/);
    expect(run.stderr).toMatch(/fix: /);
  });
});

describe('matterline onboarding encode', () => {
  it('prints exactly qr and manual', async () => {
    const run = await matterline('onboarding', 'encode', '--vid', '0xFFF1', '--pid', '0x8000', '--discriminator', '3840', '--passcode', '20202021', '--json');
    expect(run.code, run.stdout).toBe(0);
    expect(run.json()).toEqual({ qr: 'MT:Y.K9042C00KA0648G00', manual: '34970112332' }); // BLE is the default capability
  });

  it('honours --flow and --capabilities (vector 4 of §4.4)', async () => {
    const run = await matterline('onboarding', 'encode', '--vid', '0x1123', '--pid', '0x0012', '--discriminator', '3091', '--passcode', '43338551', '--flow', '2', '--capabilities', '4', '--json');
    expect(run.json()).toEqual({ qr: 'MT:KSNK4SIC13-JPR4UY00', manual: '702871264504387000187' });
  });

  it('writes a QR image with --qr-png that holds a valid PNG', async () => {
    const file = path.join(work, 'label.png');
    const run = await matterline('onboarding', 'encode', '--vid', '0xFFF1', '--pid', '0x8000', '--discriminator', '3840', '--passcode', '20202021', '--qr-png', file, '--json');
    expect(run.code).toBe(0);
    const png = fs.readFileSync(file);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = png.readUInt32BE(16);
    expect(width).toBe((25 + 2 * 4) * 8); // version-2 symbol (25 modules) + 4-module margin, 8 px per module
  });

  it('reports an unwritable --qr-png path naming the file', async () => {
    const file = path.join(work, 'missing-folder', 'label.png');
    const run = await matterline('onboarding', 'encode', '--vid', '1', '--pid', '1', '--discriminator', '1', '--passcode', '20202021', '--qr-png', file, '--json');
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'FILE_NOT_WRITABLE', detail: expect.stringContaining(file) } });
  });

  it.each([
    [['--passcode', '12345678'], 'PASSCODE_INVALID', /12345678/],
    [['--passcode', '0'], 'PASSCODE_INVALID', /outside 1\.\.99999998/],
    [['--discriminator', '4096'], 'DISCRIMINATOR_OUT_OF_RANGE', /4096/],
    [['--vid', '0xFFF5'], 'ONBOARDING_VENDOR_ID_INVALID', /0xFFF5/],
    [['--pid', '0'], 'ONBOARDING_PRODUCT_ID_INVALID', /product ID 0x0000/],
    [['--pid', '0x10000'], 'ONBOARDING_PRODUCT_ID_INVALID', /0x10000/],
    [['--flow', '3'], 'ONBOARDING_FLOW_INVALID', /flow 3/],
    [['--capabilities', '0x20'], 'ONBOARDING_CAPABILITIES_INVALID', /0x20/],
    [['--vid', 'vendor'], 'CLI_BAD_ARGUMENT', /--vid vendor/],
  ])('refuses %j with exit 2 and %s', async (override, code, detail) => {
    const values: Record<string, string> = { '--vid': '0xFFF1', '--pid': '0x8000', '--discriminator': '3840', '--passcode': '20202021' };
    for (let i = 0; i < override.length; i += 2) values[override[i]!] = override[i + 1]!;
    const run = await matterline('onboarding', 'encode', ...Object.entries(values).flat(), '--json');
    expect(run.code).toBe(2);
    const report = run.json() as { error: { code: string; detail: string } };
    expect(report).toMatchObject({ ok: false, error: { code } });
    expect(report.error.detail).toMatch(detail);
  });

  it('refuses a missing required option and an unknown one through the catalogue', async () => {
    const missing = await matterline('onboarding', 'encode', '--vid', '1', '--json');
    expect(missing.code).toBe(2);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'CLI_BAD_ARGUMENT' } });
    const unknown = await matterline('onboarding', 'encode', '--frobnicate', '--json');
    expect(unknown.code).toBe(2);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'CLI_BAD_ARGUMENT' } });
  });
});

describe('matterline onboarding decode', () => {
  it('decodes a QR payload to the contract keys', async () => {
    const run = await matterline('onboarding', 'decode', 'MT:KSNK4SIC13-JPR4UY00', '--json');
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ vendorId: 0x1123, productId: 0x12, flow: 2, capabilities: 4, discriminator: 3091, passcode: 43338551 });
  });

  it('decodes 11- and 21-digit manual codes to the contract keys', async () => {
    const short = await matterline('onboarding', 'decode', '3497-011-2332', '--json');
    expect(short.json()).toEqual({ vendorId: null, productId: null, flow: 0, capabilities: null, shortDiscriminator: 15, passcode: 20202021 });
    const long = await matterline('onboarding', 'decode', '745492075300001000013', '--json');
    expect(long.json()).toEqual({ vendorId: 1, productId: 1, flow: 2, capabilities: null, shortDiscriminator: 14, passcode: 12349876 });
  });

  it('round-trips what encode printed', async () => {
    const encoded = (await matterline('onboarding', 'encode', '--vid', '0xFFF2', '--pid', '0x8001', '--discriminator', '0xABC', '--passcode', '34567890', '--flow', '1', '--json')).json() as { qr: string; manual: string };
    expect((await matterline('onboarding', 'decode', encoded.qr, '--json')).json()).toEqual({ vendorId: 0xfff2, productId: 0x8001, flow: 1, capabilities: 2, discriminator: 0xabc, passcode: 34567890 });
    expect(decodeQrCode(encoded.qr).ok).toBe(true);
    expect((await matterline('onboarding', 'decode', encoded.manual, '--json')).json()).toMatchObject({ vendorId: 0xfff2, productId: 0x8001, shortDiscriminator: 0xa, passcode: 34567890 });
  });

  it('prints readable text without --json', async () => {
    const run = await matterline('onboarding', 'decode', 'MT:Y.K9042C00KA0648G00');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/vendor ID: +0xFFF1 \(65521\)/);
    expect(run.stdout).toMatch(/passcode: +20202021/);
  });

  it.each([
    ['Y.K9042C00KA0648G00', 'QR_PREFIX_MISSING'],
    ['MT:Y.K9042C00KA0648G0a', 'QR_BASE38_INVALID'],
    ['MT:Y.K9042C00KA064', 'QR_LENGTH_INVALID'],
    ['34970112331', 'MANUAL_CODE_CHECK_DIGIT'],
    ['3497011233', 'MANUAL_CODE_LENGTH_INVALID'],
    ['hello', 'QR_PREFIX_MISSING'],
  ])('refuses %s with exit 2 and %s', async (code, errorCode) => {
    const run = await matterline('onboarding', 'decode', code, '--json');
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({ ok: false, error: { code: errorCode, message: expect.any(String), fix: expect.any(String) } });
  });

  it('lists both commands in --help', async () => {
    const run = await matterline('--help');
    expect(run.stdout).toMatch(/onboarding/);
    expect(run.stdout).toMatch(/spake2p/);
  });
});
