// loadConfigFile / parseConfigValue: JSON and schema problems as one sentence per field.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText, parseConfigValue, type ProductConfigInput } from '../../../../main/station/config';
import { baseConfig, clone } from '../../../fixtures/config/workspace';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-load-'));

type Loose = Record<string, unknown>;

/** Sets (or with `undefined`, deletes) the value at a dotted path of a configuration-like object. */
function set(config: Loose, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<Loose>((object, key) => object[key] as Loose, config);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

function invalid(change: (config: Loose) => void): string {
  const config = clone(baseConfig()) as Loose;
  change(config);
  const result = parseConfigValue(config);
  if (result.ok) throw new Error('expected CONFIG_INVALID');
  expect(result.error.code).toBe('CONFIG_INVALID');
  return result.error.detail ?? '';
}

describe('loadConfigFile', () => {
  it('loads a valid file, fills defaults and returns its folder', () => {
    const config = clone(baseConfig()) as ProductConfigInput & { attestation: { cdSigningCertificates?: string[] } };
    delete config.attestation.cdSigningCertificates;
    const file = path.join(dir, 'ok.json');
    fs.writeFileSync(file, JSON.stringify(config));
    const loaded = loadConfigFile(file);
    expect(loaded.ok && loaded.value.baseDir).toBe(dir);
    expect(loaded.ok && loaded.value.config.attestation.cdSigningCertificates).toEqual([]);
  });

  it('reports a missing file as FILE_UNREADABLE naming it', () => {
    const loaded = loadConfigFile(path.join(dir, 'absent.json'));
    expect(loaded.ok ? null : loaded.error.code).toBe('FILE_UNREADABLE');
    expect(loaded.ok ? '' : loaded.error.detail).toContain('absent.json');
  });

  it('reports broken JSON with its line and column', () => {
    const result = parseConfigText('{\n  "format": "matterline.product-config",\n  "version": 1,,\n}', 'x.json');
    expect(result.ok ? null : result.error.code).toBe('CONFIG_MALFORMED');
    expect(result.ok ? '' : result.error.detail).toMatch(/x\.json: not valid JSON at line 3/);
  });
});

describe('schema problems', () => {
  it('names the field and the range of a whole number', () => {
    expect(invalid((config) => set(config, 'matter.vendorId', 70000))).toBe('product configuration: matter.vendorId: expected a whole number 0–65535.');
    expect(invalid((config) => set(config, 'matter.vendorId', 1.5))).toContain('matter.vendorId: expected a whole number 0–65535.');
  });

  it('gives one sentence per problem', () => {
    const detail = invalid((config) => {
      set(config, 'matter.productId', -1);
      set(config, 'storage', 'flash');
      set(config, 'name', undefined);
      set(config, 'matter.colour', 'red');
    });
    expect(detail).toContain('matter.productId: expected a whole number 0–65535.');
    expect(detail).toContain('storage: expected "nvm3" or "single-page".');
    expect(detail).toContain('name: missing; expected a string.');
    expect(detail).toContain('matter.colour: not a field of this format; remove it or check its spelling.');
  });

  it.each([
    ['a fixed discriminator above 4095', (c: Loose) => set(c, 'commissioning.discriminator', { mode: 'fixed', value: 4096 }), 'commissioning.discriminator.value: expected a whole number 0–4095.'],
    ['iterations below 1000', (c: Loose) => set(c, 'commissioning.spake2pIterations', 999), 'commissioning.spake2pIterations: expected a whole number 1000–100000.'],
    ['iterations above 100000', (c: Loose) => set(c, 'commissioning.spake2pIterations', 100_001), 'commissioning.spake2pIterations: expected a whole number 1000–100000.'],
    ['a salt of 15 bytes', (c: Loose) => set(c, 'commissioning.saltLength', 15), 'commissioning.saltLength: expected a whole number 16–32.'],
    ['a salt of 33 bytes', (c: Loose) => set(c, 'commissioning.saltLength', 33), 'commissioning.saltLength: expected a whole number 16–32.'],
    ['an empty trust store', (c: Loose) => set(c, 'attestation.trustStore', []), 'attestation.trustStore: expected at least 1 entry.'],
    ['a commissioning flow of 3', (c: Loose) => set(c, 'matter.commissioningFlow', 3), 'matter.commissioningFlow: expected 0 (standard), 1 (user action) or 2 (custom).'],
    ['a wrong format', (c: Loose) => set(c, 'format', 'other'), 'format: expected "matterline.product-config".'],
    ['an unknown discriminator mode', (c: Loose) => set(c, 'commissioning.discriminator', { mode: 'sometimes' }), 'commissioning.discriminator.mode: expected one of "random", "fixed".'],
  ])('refuses %s', (_name, change, sentence) => {
    expect(invalid(change)).toContain(sentence);
  });

  it('accepts the edges of the ranges', () => {
    const config = clone(baseConfig());
    config.commissioning.discriminator = { mode: 'fixed', value: 4095 };
    config.commissioning.spake2pIterations = 100_000;
    config.commissioning.saltLength = 16;
    expect(parseConfigValue(config).ok).toBe(true);
  });
});
