// importSilabsJson: the provision tool's latest.json (schema v2) and legacy v1 files, written from
// the fields in silabs-provisioning.md §4/§5, into a Matterline configuration plus notes.
import { describe, expect, it } from 'vitest';
import { importSilabsJson, IMPORT_DEFAULTS, parseConfigValue } from '../../../../main/station/config';

/** What `provision --stop` writes (nulls for what was not set), for a CSR-mode run on an MG24 board. */
const LATEST_JSON_V2 = {
  version: '2.8',
  options: {
    stop: false,
    parameters: null,
    inputs: null,
    output: null,
    temp: 'temp',
    device: 'EFR32MG24B210F1536IM48',
    channel: '440265843',
    generate: false,
    csr_mode: true,
    gen_fw: 'images/generator-mg24.s37',
    prod_fw: 'images/lighting-app.s37',
    cert_tool: './out/chip-cert',
    pylink_lib: null,
  },
  matter: {
    instance_info: {
      serial_number: 'SN-000001',
      vendor_id: 4169,
      vendor_name: 'Silicon Labs',
      product_id: 32773,
      product_name: 'Light Bulb',
      product_label: 'Dimmable',
      product_url: 'https://silabs.com',
      part_number: 'LB-001',
      hw_version: 2,
      hw_version_str: '2.0',
      manufacturing_date: '2025-02-01',
      unique_id: '000102030405060708090a0b0c0d0e0f',
    },
    commissionable_data: {
      discriminator: 3840,
      passcode: 20202021,
      iterations: 15000,
      salt: 'U1BBS0UyUCBLZXkgU2FsdA==',
      verifier: null,
      commissioning_flow: 0,
      rendezvous_flags: 6,
    },
    attestation_credentials: {
      creds_address: null,
      pkcs12: null,
      key_id: 2,
      key_pass: null,
      cd_cert: 'credentials/cd-signer.pem',
      cd_key: null,
      paa_cert: 'credentials/paa_cert.pem',
      paa_key: null,
      pai_cert: 'credentials/pai_cert.pem',
      pai_key: 'credentials/pai_key.pem',
      dac_cert: null,
      dac_key: null,
      certification: 'credentials/cd.der',
      common_name: null,
    },
  },
};

/** Legacy v1 (inputs/certs.json style): flat matter fields, spake2p and attestation objects. */
const LEGACY_V1 = {
  version: '1.0',
  matter: {
    vendor_id: 65521,
    product_id: 32773,
    discriminator: 0,
    commissioning_flow: 0,
    rendezvous_flags: 2,
    spake2p: { passcode: 62034001, iterations: 1000, salt: '95834coRGvFhCB69IdmJyr5qYIzFgSirw6Ja7g5ySYA=', verifier: null },
    attestation: { key_id: 2, pkcs12: 'temp/certs.p12', key_pass: '1234', certification: 'temp/cd.der', common_name: 'Matter Device' },
  },
};

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function imported(value: unknown, options: { baseDir: string; outputDir?: string } = { baseDir: '/work/provision' }) {
  const result = importSilabsJson(encode(value), options);
  if (!result.ok) throw new Error(result.error.detail);
  return result.value;
}

describe('importSilabsJson, schema v2 (latest.json / cpms.json)', () => {
  const { config, notes, schemaVersion } = imported(LATEST_JSON_V2);

  it('produces a configuration the schema accepts', () => {
    expect(schemaVersion).toBe(2);
    expect(parseConfigValue(config).ok).toBe(true);
  });

  it('maps instance info to the Matter fields', () => {
    expect(config.matter).toEqual({
      vendorId: 4169,
      productId: 32773,
      vendorName: 'Silicon Labs',
      productName: 'Light Bulb',
      productLabel: 'Dimmable',
      productUrl: 'https://silabs.com',
      partNumber: 'LB-001',
      hardwareVersion: 2,
      hardwareVersionString: '2.0',
      commissioningFlow: 0,
      discoveryCapabilities: 6,
    });
    expect(config.name).toBe('Light Bulb');
  });

  it('maps commissionable data to the policies', () => {
    expect(config.commissioning).toMatchObject({ discriminator: { mode: 'fixed', value: 3840 }, spake2pIterations: 15000, saltLength: 16 });
  });

  it('maps options and attestation paths', () => {
    expect(config.part).toBe('EFR32MG24B210F1536IM48');
    expect(config.keyMode).toBe('on-chip');
    expect(config.storage).toBe('nvm3');
    expect(config.agent).toEqual({ source: 'image', file: 'images/generator-mg24.s37' });
    expect(config.productionFirmware).toEqual({ file: 'images/lighting-app.s37' });
    expect(config.attestation).toMatchObject({
      dcl: 'production',
      paiCertificate: 'credentials/pai_cert.pem',
      paiKey: { source: 'file', file: 'credentials/pai_key.pem' },
      trustStore: ['credentials/paa_cert.pem'],
      certificationDeclaration: 'credentials/cd.der',
      cdSigningCertificates: ['credentials/cd-signer.pem'],
    });
  });

  it('turns what Matterline refuses into notes', () => {
    const text = notes.join('\n');
    expect(text).toMatch(/passcode 20202021 .* random valid passcode for each device/);
    expect(text).toMatch(/serial_number: a fixed serial number/);
    expect(text).toMatch(/unique_id: a fixed/);
    expect(text).toMatch(/key_id/);
    expect(text).toMatch(/options temp, channel, cert_tool steer the provision tool only/);
    for (const note of notes) expect(note).toMatch(/\.$/);
  });

  it('rewrites paths relative to the output folder', () => {
    const moved = imported(LATEST_JSON_V2, { baseDir: '/work/provision', outputDir: '/work/configs' });
    expect(moved.config.attestation.paiCertificate).toBe('../provision/credentials/pai_cert.pem');
  });
});

describe('importSilabsJson, defaults and edge cases', () => {
  it('reads legacy v1 files', () => {
    const { config, notes, schemaVersion } = imported(LEGACY_V1);
    expect(schemaVersion).toBe(1);
    expect(config.matter).toMatchObject({ vendorId: 0xfff1, productId: 32773, discoveryCapabilities: 2 });
    expect(config.commissioning).toMatchObject({ discriminator: { mode: 'random' }, spake2pIterations: 1000, saltLength: 32 });
    expect(config.attestation).toMatchObject({ dcl: 'test', certificationDeclaration: 'temp/cd.der' });
    expect(notes.join('\n')).toMatch(/pkcs12: a bundled DAC is refused/);
    expect(notes.join('\n')).toMatch(/passcode 62034001 would apply to every device/);
    expect(parseConfigValue(config).ok).toBe(true);
  });

  it('fills documented defaults for a nearly empty file and says so', () => {
    const { config, notes } = imported({ version: '2.8', matter: { instance_info: {}, commissionable_data: {}, attestation_credentials: {} } });
    expect(config).toMatchObject({
      part: IMPORT_DEFAULTS.part,
      keyMode: 'on-chip',
      agent: { source: 'firmware' },
      productionFirmware: null,
      matter: { vendorId: IMPORT_DEFAULTS.vendorId, productId: IMPORT_DEFAULTS.productId, hardwareVersion: 1, discoveryCapabilities: 2 },
      commissioning: { discriminator: { mode: 'random' }, spake2pIterations: IMPORT_DEFAULTS.spake2pIterations, saltLength: 32, serialNumberPattern: IMPORT_DEFAULTS.serialNumberPattern },
      attestation: { paiCertificate: 'pai-cert.pem', trustStore: ['paa'], dcl: 'test' },
    });
    const text = notes.join('\n');
    expect(text).toMatch(/vendor_id is not given/);
    expect(text).toMatch(/pai_cert is not given/);
    expect(text).toMatch(/csr_mode is not given/);
    expect(parseConfigValue(config).ok).toBe(true);
  });

  it('csr_mode false means a host key', () => {
    const document = structuredClone(LATEST_JSON_V2);
    document.options.csr_mode = false;
    expect(imported(document).config.keyMode).toBe('host');
  });

  it('lists unknown fields in the notes', () => {
    const document = { ...structuredClone(LATEST_JSON_V2), custom: { firmware_build: 7 } };
    (document.matter.instance_info as Record<string, unknown>).colour = 'red';
    const { notes } = imported(document);
    expect(notes.join('\n')).toMatch(/unknown fields were not imported: matter\.instance_info\.colour, custom/);
  });

  it('notes out-of-range values and uses the default', () => {
    const document = structuredClone(LATEST_JSON_V2);
    document.matter.commissionable_data.iterations = 500;
    const { config, notes } = imported(document);
    expect(config.commissioning.spake2pIterations).toBe(IMPORT_DEFAULTS.spake2pIterations);
    expect(notes.join('\n')).toMatch(/iterations 500 is not a whole number 1000–100000/);
  });

  it('refuses what is not a provision-tool JSON', () => {
    expect(importSilabsJson(encode([1, 2]), { baseDir: '/' })).toMatchObject({ ok: false, error: { code: 'CONFIG_IMPORT_MALFORMED' } });
    expect(importSilabsJson(encode({ version: '2.8' }), { baseDir: '/' })).toMatchObject({ ok: false, error: { code: 'CONFIG_IMPORT_MALFORMED' } });
    expect(importSilabsJson('{', { baseDir: '/' })).toMatchObject({ ok: false, error: { code: 'CONFIG_IMPORT_MALFORMED' } });
  });
});
