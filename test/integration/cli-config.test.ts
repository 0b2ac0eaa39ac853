// `matterline config validate|import`, in process through runCli: exit codes 0/1/2, the JSON keys,
// problems naming their field, and no stack traces.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMatterline as matterline } from '../support/cliHarness';
import { clone, makeWorkspace, type Workspace } from '../fixtures/config/workspace';

let ws: Workspace;
beforeAll(async () => {
  ws = await makeWorkspace();
});

const NOW = ['--now', '2026-06-01T00:00:00Z'];

describe('matterline config validate', () => {
  it('exit 0 and the JSON document for a valid configuration', async () => {
    const file = ws.writeConfig(ws.config);
    const run = await matterline('config', 'validate', file, '--json', ...NOW);
    expect(run.code).toBe(0);
    const json = run.json();
    expect(Object.keys(json).sort()).toEqual(['contentHash', 'file', 'problems', 'productId', 'valid', 'vendorId']);
    expect(json).toMatchObject({ file, valid: true, vendorId: 0xfff1, productId: 0x8000, problems: [] });
    expect(json.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints a readable summary', async () => {
    const file = ws.writeConfig(ws.config, 'readable.json');
    const run = await matterline('config', 'validate', file, ...NOW);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/valid \(0 error\(s\), 0 warning\(s\)\)/);
    expect(run.stdout).toMatch(/content hash [0-9a-f]{64}/);
  });

  it('exit 1 for a mismatched CD/PAI/VID configuration, with a sentence naming the field', async () => {
    const config = clone(ws.config);
    config.matter.vendorId = 0xfff2;
    const file = ws.writeConfig(config, 'mismatch.json');
    const run = await matterline('config', 'validate', file, '--json', ...NOW);
    expect(run.code).toBe(1);
    const problems = run.json().problems as Array<{ field: string; code: string; message: string; severity: string }>;
    expect(problems).toContainEqual(expect.objectContaining({ field: 'matter.vendorId', code: 'CONFIG_VID_MISMATCH', severity: 'error' }));
    expect(problems).toContainEqual(expect.objectContaining({ field: 'attestation.certificationDeclaration', code: 'CONFIG_CD_MISMATCH' }));

    const text = await matterline('config', 'validate', file, ...NOW);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/ERROR CONFIG_VID_MISMATCH: matter\.vendorId: 0xFFF2 differs from the PAI's vendor ID 0xFFF1/);
  });

  it('exit 1 for an unacknowledged warning', async () => {
    const config = clone(ws.config);
    config.keyMode = 'host';
    const run = await matterline('config', 'validate', ws.writeConfig(config, 'host-key.json'), ...NOW);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/WARN \(needs acknowledgement\) CONFIG_HOST_KEY_ON_SECURE_VAULT: keyMode:/);
  });

  it('exit 2 for malformed JSON, a schema error, or a missing file', async () => {
    const broken = ws.write('broken.json', '{ "format": ');
    const malformed = await matterline('config', 'validate', broken, '--json');
    expect(malformed.code).toBe(2);
    expect(malformed.json()).toMatchObject({ ok: false, error: { code: 'CONFIG_MALFORMED' } });

    const config = clone(ws.config);
    config.commissioning.saltLength = 40;
    const schema = await matterline('config', 'validate', ws.writeConfig(config, 'schema.json'));
    expect(schema.code).toBe(2);
    expect(schema.stderr).toMatch(/CONFIG_INVALID/);
    expect(schema.stderr).toMatch(/commissioning\.saltLength: expected a whole number 16–32\./);

    const missing = clone(ws.config);
    missing.attestation.paiCertificate = 'nowhere.pem';
    const absent = await matterline('config', 'validate', ws.writeConfig(missing, 'missing.json'), '--json');
    expect(absent.code).toBe(2);
    expect(absent.json()).toMatchObject({ ok: false, error: { code: 'CONFIG_FILE_MISSING' } });
    expect(JSON.stringify(absent.json())).toContain('attestation.paiCertificate');

    expect((await matterline('config', 'validate', path.join(ws.dir, 'no-such.json'))).code).toBe(2);
    expect((await matterline('config', 'validate', ws.writeConfig(ws.config, 'bad-now.json'), '--now', 'yesterday')).code).toBe(2);
  });
});

describe('matterline config import', () => {
  const silabsJson = (overrides: Record<string, unknown> = {}) => ({
    version: '2.8',
    options: { device: 'EFR32MG24B210F1536IM48', csr_mode: true, gen_fw: null, prod_fw: null, channel: '440265843' },
    matter: {
      instance_info: { vendor_id: 65521, vendor_name: 'Matterline Test', product_id: 32768, product_name: 'Test Light', hw_version: 1, hw_version_str: '1.0', serial_number: 'SN-1' },
      commissionable_data: { discriminator: 0, passcode: 20202021, iterations: 1000, salt: null, verifier: null, commissioning_flow: 0, rendezvous_flags: 2 },
      attestation_credentials: { pai_cert: 'pai-cert.pem', pai_key: 'pai-key.pem', paa_cert: 'paa/paa-cert.pem', certification: 'cd.der', cd_cert: 'cd-signer.pem', ...overrides },
    },
  });

  it('writes a configuration, prints the notes and validates it when its files exist', async () => {
    const input = ws.write('latest.json', JSON.stringify(silabsJson()));
    const out = path.join(ws.dir, 'imported', 'light.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const run = await matterline('config', 'import', input, '--out', out, '--json');
    expect(run.code).toBe(0);
    const json = run.json() as { out: string; notes: string[]; validation: { status: string; valid: boolean; problems: unknown[] } };
    expect(json.out).toBe(out);
    expect(json.notes.join('\n')).toMatch(/20202021/);
    expect(json.validation).toMatchObject({ status: 'validated', valid: true, problems: [] });
    const written = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(written.attestation.paiCertificate).toBe('../pai-cert.pem');

    const again = await matterline('config', 'validate', out, '--json');
    expect(again.code).toBe(0);
  });

  it('refuses to overwrite an existing output (exit 2)', async () => {
    const input = ws.write('latest-2.json', JSON.stringify(silabsJson()));
    const out = ws.write('existing.json', 'keep me');
    const run = await matterline('config', 'import', input, '--out', out, '--json');
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'CONFIG_OUTPUT_EXISTS' } });
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('still writes the configuration when the files it names are missing, and says validation did not run', async () => {
    const input = ws.write('latest-3.json', JSON.stringify(silabsJson({ pai_cert: 'later/pai.pem' })));
    const run = await matterline('config', 'import', input);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/validation: not run — a file it names is missing \(attestation\.paiCertificate:/);
    expect(fs.existsSync(path.join(ws.dir, 'latest-3.matterline.json'))).toBe(true);
  });

  it('exit 2 for a file that is not provision-tool JSON', async () => {
    const input = ws.write('not-silabs.json', JSON.stringify({ hello: 'world' }));
    const run = await matterline('config', 'import', input, '--out', path.join(ws.dir, 'never.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/CONFIG_IMPORT_MALFORMED/);
    expect(fs.existsSync(path.join(ws.dir, 'never.json'))).toBe(false);
  });
});
