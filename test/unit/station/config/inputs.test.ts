// loadConfigInputs: every file read relative to the configuration, digests keyed by field path,
// and a missing file named with its field.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { configContentHash, loadConfigInputs, parseConfigValue, sha256, type ProductConfigInput } from '../../../../main/station/config';
import { clone, makeWorkspace, type Workspace } from '../../../fixtures/config/workspace';

let ws: Workspace;
beforeAll(async () => {
  ws = await makeWorkspace();
});

function load(config: ProductConfigInput, baseDir = ws.dir) {
  const parsed = parseConfigValue(config);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return { config: parsed.value, inputs: loadConfigInputs(parsed.value, baseDir) };
}

describe('loadConfigInputs', () => {
  it('reads every file and keys its sha256 by field path', () => {
    const { inputs } = load(ws.config);
    if (!inputs.ok) throw new Error(inputs.error.detail);
    expect(inputs.value.paiCertificate.path).toBe(path.join(ws.dir, 'pai-cert.pem'));
    expect(Object.keys(inputs.value.fileDigests).sort()).toEqual([
      'attestation.cdSigningCertificates[0]',
      'attestation.certificationDeclaration',
      'attestation.paiCertificate',
      'attestation.paiKey.file',
      'attestation.trustStore[0]',
    ]);
    expect(inputs.value.fileDigests['attestation.paiCertificate']).toBe(sha256(new Uint8Array(fs.readFileSync(path.join(ws.dir, 'pai-cert.pem')))));
    expect(inputs.value.trustStore.sources).toHaveLength(1);
  });

  it('accepts absolute paths', () => {
    const config = clone(ws.config);
    config.attestation.paiCertificate = path.join(ws.dir, 'pai-cert.pem');
    const { inputs } = load(config, '/nonexistent-base');
    expect(inputs.ok ? null : inputs.error.detail).toMatch(/^attestation\.paiKey\.file: \/nonexistent-base\/pai-key\.pem cannot be read/);
  });

  it.each([
    ['attestation.paiCertificate', (c: ProductConfigInput) => (c.attestation.paiCertificate = 'missing-pai.pem'), 'missing-pai.pem'],
    ['attestation.paiKey.file', (c: ProductConfigInput) => (c.attestation.paiKey.file = 'missing-key.pem'), 'missing-key.pem'],
    ['attestation.trustStore[1]', (c: ProductConfigInput) => (c.attestation.trustStore = ['paa', 'missing-paa']), 'missing-paa'],
    ['attestation.certificationDeclaration', (c: ProductConfigInput) => (c.attestation.certificationDeclaration = 'missing.der'), 'missing.der'],
    ['attestation.cdSigningCertificates[0]', (c: ProductConfigInput) => (c.attestation.cdSigningCertificates = ['missing-signer.pem']), 'missing-signer.pem'],
    ['agent.file', (c: ProductConfigInput) => (c.agent = { source: 'image', file: 'missing-agent.s37' }), 'missing-agent.s37'],
    ['productionFirmware.file', (c: ProductConfigInput) => (c.productionFirmware = { file: 'missing-app.hex' }), 'missing-app.hex'],
  ])('a missing %s is CONFIG_FILE_MISSING naming the field and the path', (field, change, name) => {
    const config = clone(ws.config);
    change(config);
    const { inputs } = load(config);
    expect(inputs.ok ? null : inputs.error.code).toBe('CONFIG_FILE_MISSING');
    expect(inputs.ok ? '' : inputs.error.detail).toContain(`${field}: ${path.join(ws.dir, name)}`);
  });

  it('a folder\'s digest changes when a PAA is added to it', async () => {
    const other = await makeWorkspace();
    const before = load(other.config, other.dir).inputs;
    other.write('paa/second.pem', ws.paa.certificatePem);
    const after = load(other.config, other.dir).inputs;
    if (!before.ok || !after.ok) throw new Error('load failed');
    expect(after.value.fileDigests['attestation.trustStore[0]']).not.toBe(before.value.fileDigests['attestation.trustStore[0]']);
    expect(after.value.trustStore.sources).toHaveLength(2);
  });
});

describe('configContentHash', () => {
  it('is stable, and changes with the configuration or with a file behind the same path', async () => {
    const other = await makeWorkspace();
    const first = load(other.config, other.dir);
    if (!first.inputs.ok) throw new Error('load failed');
    const hash = configContentHash(first.config, first.inputs.value.fileDigests);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(configContentHash(first.config, { ...first.inputs.value.fileDigests })).toBe(hash);

    const renamed = clone(other.config);
    renamed.name = 'Renamed';
    const second = load(renamed, other.dir);
    if (!second.inputs.ok) throw new Error('load failed');
    expect(configContentHash(second.config, second.inputs.value.fileDigests)).not.toBe(hash);

    other.write('pai-cert.pem', ws.pai.certificatePem); // another PAI, same path
    const third = load(other.config, other.dir);
    if (!third.inputs.ok) throw new Error('load failed');
    expect(configContentHash(third.config, third.inputs.value.fileDigests)).not.toBe(hash);
  });
});
