// validateConfig, one rule per test: each test breaks exactly one thing in a valid configuration
// and expects the problem naming that field, so removing the rule makes its test fail.
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFirmwareImage, writeIntelHex } from '../../../../main/firmware';
import { CSA_TEST_CD_SIGNING_KEY_ID } from '../../../../main/matter/cd';
import { generateP256KeyPair, TrustStore } from '../../../../main/matter/certificates';
import { createCdSigningCertificate, createPai, createTestPaa } from '../../../../main/matter/dac';
import { isTestPaa, validateConfig, type ConfigProblem, type ProductConfigInput } from '../../../../main/station/config';
import { CD_CONTENT, clone, keyPairWithKeyId, makeWorkspace, NOT_BEFORE, NOW, type Workspace } from '../../../fixtures/config/workspace';

let ws: Workspace;
beforeAll(async () => {
  ws = await makeWorkspace();
});

async function check(config: ProductConfigInput, workspace: Workspace = ws, now = NOW) {
  const { config: parsed, inputs } = workspace.load(config);
  return validateConfig(parsed, inputs, { now });
}

function find(problems: readonly ConfigProblem[], code: string, field?: string): ConfigProblem | undefined {
  return problems.find((problem) => problem.code === code && (field === undefined || problem.field === field));
}

function edit(change: (config: ProductConfigInput) => void): ProductConfigInput {
  const config = clone(ws.config);
  change(config);
  return config;
}

function hex(bytes: number, address: number): string {
  const image = createFirmwareImage([{ address, bytes: new Uint8Array(bytes).fill(0xa5) }]);
  if (!image.ok) throw new Error(image.error.detail);
  const written = writeIntelHex(image.value);
  if (!written.ok) throw new Error(written.error.detail);
  return new TextDecoder().decode(written.value);
}

describe('validateConfig', () => {
  it('accepts the valid test configuration with no problems', async () => {
    const result = await check(ws.config);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('every problem is one sentence that starts with its field', async () => {
    const result = await check(edit((config) => {
      config.part = 'EFR32XX';
      config.matter.vendorId = 0xfff2;
    }));
    expect(result.problems.length).toBeGreaterThan(1);
    for (const problem of result.problems) {
      expect(problem.message.startsWith(`${problem.field}: `)).toBe(true);
      expect(problem.message).toMatch(/\.$/);
    }
  });

  describe('part', () => {
    it('must be in the catalogue', async () => {
      const result = await check(edit((config) => (config.part = 'EFR32MG99B210F1536IM48')));
      expect(find(result.problems, 'CONFIG_PART_UNKNOWN', 'part')?.severity).toBe('error');
      expect(result.valid).toBe(false);
    });
  });

  describe('PAI and its key', () => {
    it('the PAI certificate must parse', async () => {
      ws.write('broken-pai.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
      const result = await check(edit((config) => (config.attestation.paiCertificate = 'broken-pai.pem')));
      expect(find(result.problems, 'CONFIG_PAI_INVALID', 'attestation.paiCertificate')).toBeDefined();
    });

    it('the PAI certificate must meet the PAI profile (a PAA is not a PAI)', async () => {
      ws.write('not-a-pai.pem', ws.paa.certificatePem);
      ws.write('paa-key.pem', ws.paa.privateKeyPem);
      const result = await check(edit((config) => {
        config.attestation.paiCertificate = 'not-a-pai.pem';
        config.attestation.paiKey.file = 'paa-key.pem';
      }));
      expect(find(result.problems, 'CONFIG_PAI_INVALID', 'attestation.paiCertificate')?.message).toMatch(/pathLen/);
      expect(find(result.problems, 'CONFIG_PAI_KEY_MISMATCH')).toBeUndefined();
    });

    it('the PAI key must parse', async () => {
      ws.write('garbage-key.pem', 'not a key');
      const result = await check(edit((config) => (config.attestation.paiKey.file = 'garbage-key.pem')));
      expect(find(result.problems, 'CONFIG_PAI_KEY_INVALID', 'attestation.paiKey.file')).toBeDefined();
    });

    it('the PAI key must be P-256', async () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
      ws.write('p384-key.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      const result = await check(edit((config) => (config.attestation.paiKey.file = 'p384-key.pem')));
      expect(find(result.problems, 'CONFIG_PAI_KEY_INVALID', 'attestation.paiKey.file')?.message).toMatch(/secp384r1/);
    });

    it('the PAI key must match the PAI certificate', async () => {
      ws.write('other-key.pem', ws.paa.privateKeyPem);
      const result = await check(edit((config) => (config.attestation.paiKey.file = 'other-key.pem')));
      expect(find(result.problems, 'CONFIG_PAI_KEY_MISMATCH', 'attestation.paiKey.file')).toBeDefined();
    });

    it('the PAI must be valid at `now`', async () => {
      const result = await check(ws.config, ws, new Date('2025-06-01T00:00:00Z'));
      expect(find(result.problems, 'CONFIG_CERTIFICATE_NOT_VALID_NOW', 'attestation.paiCertificate')).toBeDefined();
    });
  });

  describe('VID/PID agreement', () => {
    it('matter.vendorId must equal the PAI vendor ID', async () => {
      const result = await check(edit((config) => (config.matter.vendorId = 0xfff2)));
      const problem = find(result.problems, 'CONFIG_VID_MISMATCH', 'matter.vendorId');
      expect(problem?.message).toContain('0xFFF1');
      expect(result.valid).toBe(false);
    });

    it('a PID-scoped PAI fixes matter.productId', async () => {
      await ws.makeCd({ ...CD_CONTENT, productIds: [0x8000, 0x8001] }, ws.signer, 'cd-two.der');
      const result = await check(edit((config) => {
        config.matter.productId = 0x8001;
        config.attestation.certificationDeclaration = 'cd-two.der';
      }));
      expect(find(result.problems, 'CONFIG_PID_MISMATCH', 'matter.productId')?.message).toContain('0x8000');
    });

    it('a VID-scoped PAI accepts any product ID the CD lists', async () => {
      const vidOnly = await makeWorkspace({ paiProductId: null });
      await vidOnly.makeCd({ ...CD_CONTENT, productIds: [0x8000, 0x8001] });
      const config = clone(vidOnly.config);
      config.matter.productId = 0x8001;
      const result = await check(config, vidOnly);
      expect(result.problems).toEqual([]);
    });

    it('the CD vendor_id must equal the vendor ID', async () => {
      await ws.makeCd({ ...CD_CONTENT, vendorId: 0xfff2 }, ws.signer, 'cd-fff2.der');
      const result = await check(edit((config) => (config.attestation.certificationDeclaration = 'cd-fff2.der')));
      expect(find(result.problems, 'CONFIG_CD_MISMATCH', 'attestation.certificationDeclaration')?.message).toMatch(/^attestation\.certificationDeclaration: its vendor_id 0xFFF2 differs from the vendor ID 0xFFF1; use the CD/);
      expect(result.problems.filter((problem) => problem.code === 'CONFIG_CD_MISMATCH')).toHaveLength(1);
      expect(find(result.problems, 'CONFIG_VID_MISMATCH')).toBeUndefined();
    });

    it('the CD product ids must contain the product ID', async () => {
      await ws.makeCd({ ...CD_CONTENT, productIds: [0x8001] }, ws.signer, 'cd-8001.der');
      const result = await check(edit((config) => (config.attestation.certificationDeclaration = 'cd-8001.der')));
      expect(find(result.problems, 'CONFIG_CD_MISMATCH', 'attestation.certificationDeclaration')?.message).toMatch(/product ids \(0x8001\) do not include the product ID 0x8000/);
    });
  });

  describe('chain to the trust store', () => {
    it('the trust store must hold a usable PAA', async () => {
      ws.write('empty-paa/README.txt', 'nothing here');
      ws.write('empty-paa/pai.pem', ws.pai.certificatePem);
      const result = await check(edit((config) => (config.attestation.trustStore = ['empty-paa'])));
      const problem = find(result.problems, 'CONFIG_TRUST_STORE_EMPTY', 'attestation.trustStore');
      expect(problem?.message).toMatch(/not self-signed/);
    });

    it('a trust store file that is not a PAA leaves it empty', async () => {
      const result = await check(edit((config) => (config.attestation.trustStore = ['pai-cert.pem'])));
      expect(find(result.problems, 'CONFIG_TRUST_STORE_EMPTY', 'attestation.trustStore')).toBeDefined();
    });

    it('the PAI must chain to a PAA of the trust store', async () => {
      const stranger = createTestPaa({ notBefore: NOT_BEFORE, vendorId: 0xfff1, commonName: 'Another PAA' });
      ws.write('stranger-paa.pem', stranger.certificatePem);
      const result = await check(edit((config) => (config.attestation.trustStore = ['stranger-paa.pem'])));
      expect(find(result.problems, 'CONFIG_PAA_NOT_FOUND', 'attestation.trustStore')).toBeDefined();
      expect(result.valid).toBe(false);
    });

    it('the PAI must verify under the PAA that has its issuer name and key id', async () => {
      const impostor = createTestPaa({ notBefore: NOT_BEFORE, vendorId: 0xfff1, keyPair: keyPairWithKeyId(ws.paa.key.keyId) });
      ws.write('impostor-paa.pem', impostor.certificatePem);
      const result = await check(edit((config) => (config.attestation.trustStore = ['impostor-paa.pem'])));
      expect(find(result.problems, 'CONFIG_PAI_CHAIN_INVALID', 'attestation.paiCertificate')).toBeDefined();
    });

    it('reads trust store entries as files too', async () => {
      const result = await check(edit((config) => (config.attestation.trustStore = ['paa/paa-cert.pem'])));
      expect(result.problems).toEqual([]);
    });
  });

  describe('Certification Declaration', () => {
    it('the CD signature must verify against cdSigningCertificates', async () => {
      const other = createCdSigningCertificate({ notBefore: NOT_BEFORE, commonName: 'Other signer' });
      ws.write('other-signer.pem', other.certificatePem);
      const result = await check(edit((config) => (config.attestation.cdSigningCertificates = ['other-signer.pem'])));
      expect(find(result.problems, 'CONFIG_CD_SIGNATURE', 'attestation.cdSigningCertificates')).toBeDefined();
    });

    it('a CD with no signing certificate given does not verify', async () => {
      const result = await check(edit((config) => (config.attestation.cdSigningCertificates = [])));
      expect(find(result.problems, 'CONFIG_CD_SIGNATURE')).toBeDefined();
    });

    it('the CD must fit the credentials page limit (350 bytes)', async () => {
      const productIds = Array.from({ length: 60 }, (_, index) => 0x8000 + index);
      const file = await ws.makeCd({ ...CD_CONTENT, productIds }, ws.signer, 'cd-large.der');
      expect(fs.statSync(file).size).toBeGreaterThan(350);
      const result = await check(edit((config) => (config.attestation.certificationDeclaration = 'cd-large.der')));
      expect(find(result.problems, 'CONFIG_CD_TOO_LARGE', 'attestation.certificationDeclaration')).toBeDefined();
      expect(result.problems.filter((problem) => problem.severity === 'error')).toHaveLength(1);
    });

    it('a file that is not a CD is reported', async () => {
      ws.write('not-a-cd.der', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
      const result = await check(edit((config) => (config.attestation.certificationDeclaration = 'not-a-cd.der')));
      expect(find(result.problems, 'CONFIG_CD_INVALID', 'attestation.certificationDeclaration')).toBeDefined();
    });
  });

  describe('DCL', () => {
    let prod: Workspace;
    let prodConfig: ProductConfigInput;
    beforeAll(async () => {
      prod = await makeWorkspace({ paaVendorId: 0x1234, paiVendorId: 0x1234, paaName: 'Acme Root PAA' });
      await prod.makeCd({ ...CD_CONTENT, vendorId: 0x1234, certificationType: 2 });
      prodConfig = clone(prod.config);
      prodConfig.matter.vendorId = 0x1234;
      prodConfig.attestation.dcl = 'production';
    });

    it('accepts a production PAA, an official CD and a real vendor ID', async () => {
      const result = await check(prodConfig, prod);
      expect(result.problems).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it('production refuses a test vendor ID and a test PAA', async () => {
      const config = clone(ws.config);
      config.attestation.dcl = 'production';
      const result = await check(config);
      expect(find(result.problems, 'CONFIG_TEST_CREDENTIALS_IN_PRODUCTION', 'matter.vendorId')).toBeDefined();
      expect(find(result.problems, 'CONFIG_TEST_CREDENTIALS_IN_PRODUCTION', 'attestation.paiCertificate')).toBeDefined();
      expect(result.valid).toBe(false);
    });

    it('production refuses a PAA named as a test PAA even with a real vendor ID', async () => {
      const testNamed = await makeWorkspace({ paaVendorId: 0x1234, paiVendorId: 0x1234, paaName: 'Acme Test PAA' });
      await testNamed.makeCd({ ...CD_CONTENT, vendorId: 0x1234, certificationType: 2 });
      const config = clone(prodConfig);
      const result = await check(config, testNamed);
      expect(find(result.problems, 'CONFIG_TEST_CREDENTIALS_IN_PRODUCTION', 'attestation.paiCertificate')?.message).toContain('Acme Test PAA');
    });

    it('isTestPaa: test vendor IDs and "Test" names', () => {
      const store = TrustStore.fromCertificates([
        createTestPaa({ notBefore: NOT_BEFORE, vendorId: 0xfff4, commonName: 'Plain Root' }).certificate,
        createTestPaa({ notBefore: NOT_BEFORE, commonName: 'Matter Test PAA' }).certificate,
        createTestPaa({ notBefore: NOT_BEFORE, vendorId: 0x1234, commonName: 'Acme Root' }).certificate,
        createTestPaa({ notBefore: NOT_BEFORE, commonName: 'Contest Root' }).certificate,
      ]);
      expect(store.paas.map(isTestPaa)).toEqual([true, true, false, false]);
    });

    it('production needs an official CD', async () => {
      await prod.makeCd({ ...CD_CONTENT, vendorId: 0x1234, certificationType: 0 }, prod.signer, 'cd-dev.der');
      const config = clone(prodConfig);
      config.attestation.certificationDeclaration = 'cd-dev.der';
      const result = await check(config, prod);
      expect(find(result.problems, 'CONFIG_TEST_CREDENTIALS_IN_PRODUCTION', 'attestation.certificationDeclaration')?.message).toMatch(/type 0/);
    });

    it('production refuses a CD signed with the CSA test key', async () => {
      const csaKeyId = new Uint8Array(Buffer.from(CSA_TEST_CD_SIGNING_KEY_ID, 'hex'));
      const testSigner = createCdSigningCertificate({ notBefore: NOT_BEFORE, keyPair: keyPairWithKeyId(csaKeyId) });
      prod.write('csa-test-signer.pem', testSigner.certificatePem);
      await prod.makeCd({ ...CD_CONTENT, vendorId: 0x1234, certificationType: 2 }, testSigner, 'cd-test-key.der');
      const config = clone(prodConfig);
      config.attestation.certificationDeclaration = 'cd-test-key.der';
      config.attestation.cdSigningCertificates = ['csa-test-signer.pem'];
      const result = await check(config, prod);
      expect(find(result.problems, 'CONFIG_TEST_CREDENTIALS_IN_PRODUCTION', 'attestation.certificationDeclaration')?.message).toMatch(/CSA test signing key/);
    });

    it('the test DCL accepts development and provisional CDs', async () => {
      await ws.makeCd({ ...CD_CONTENT, certificationType: 1 }, ws.signer, 'cd-provisional.der');
      const result = await check(edit((config) => (config.attestation.certificationDeclaration = 'cd-provisional.der')));
      expect(result.problems).toEqual([]);
    });

    it('debugLock "none" on a production configuration is a warning that does not block', async () => {
      const config = clone(prodConfig);
      config.security.debugLock = 'none';
      const result = await check(config, prod);
      const problem = find(result.problems, 'CONFIG_DEBUG_LOCK_NOTICE', 'security.debugLock');
      expect(problem?.severity).toBe('warning');
      expect(result.valid).toBe(true);
    });
  });

  describe('storage, key mode and agent', () => {
    it('single-page storage requires keyMode "host"', async () => {
      const result = await check(edit((config) => (config.storage = 'single-page')));
      expect(find(result.problems, 'CONFIG_STORAGE_CONFLICT', 'keyMode')?.severity).toBe('error');
    });

    it('NVM3 storage requires an agent', async () => {
      const result = await check(edit((config) => (config.agent = { source: 'none' })));
      expect(find(result.problems, 'CONFIG_STORAGE_CONFLICT', 'agent.source')?.severity).toBe('error');
    });

    it('single-page storage with a host key needs no agent', async () => {
      const result = await check(edit((config) => {
        config.storage = 'single-page';
        config.keyMode = 'host';
        config.agent = { source: 'none' };
        config.security.acknowledgeHostKeyOnSecureVault = true;
      }));
      expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it('a host key on a Secure Vault part is a warning that must be acknowledged', async () => {
      const unacknowledged = await check(edit((config) => (config.keyMode = 'host')));
      const problem = find(unacknowledged.problems, 'CONFIG_HOST_KEY_ON_SECURE_VAULT', 'keyMode');
      expect(problem).toMatchObject({ severity: 'warning', acknowledged: false });
      expect(unacknowledged.valid).toBe(false);

      const acknowledged = await check(edit((config) => {
        config.keyMode = 'host';
        config.security.acknowledgeHostKeyOnSecureVault = true;
      }));
      expect(find(acknowledged.problems, 'CONFIG_HOST_KEY_ON_SECURE_VAULT')).toMatchObject({ severity: 'warning', acknowledged: true });
      expect(acknowledged.valid).toBe(true);
    });

    it('a host key on a part without Secure Vault is no warning', async () => {
      const result = await check(edit((config) => {
        config.keyMode = 'host';
        config.part = 'EFR32MG24A010F1536IM48';
      }));
      expect(result.problems).toEqual([]);
    });

    it('secure debug lock warns that a command key must be installed, without blocking', async () => {
      const result = await check(edit((config) => (config.security.debugLock = 'secure')));
      expect(find(result.problems, 'CONFIG_DEBUG_LOCK_NOTICE', 'security.debugLock')?.message).toMatch(/command key/);
      expect(result.valid).toBe(true);
    });
  });

  describe('firmware images', () => {
    it('an image inside the application flash is accepted', async () => {
      ws.write('agent-ok.hex', hex(4096, 0x0800_6000));
      ws.write('app-ok.bin', new Uint8Array(2048).fill(1));
      const result = await check(edit((config) => {
        config.agent = { source: 'image', file: 'agent-ok.hex' };
        config.productionFirmware = { file: 'app-ok.bin' };
      }));
      expect(result.problems).toEqual([]);
    });

    it('an image must lie inside the part\'s flash', async () => {
      ws.write('outside.hex', hex(256, 0x0900_0000));
      const result = await check(edit((config) => (config.productionFirmware = { file: 'outside.hex' })));
      expect(find(result.problems, 'CONFIG_FIRMWARE_LAYOUT', 'productionFirmware.file')?.message).toMatch(/outside the flash/);
    });

    it('an image must not overlap the NVM3 region', async () => {
      ws.write('into-nvm3.hex', hex(256, 0x0817_4000));
      const result = await check(edit((config) => (config.agent = { source: 'image', file: 'into-nvm3.hex' })));
      expect(find(result.problems, 'CONFIG_FIRMWARE_LAYOUT', 'agent.file')?.message).toMatch(/NVM3/);
    });

    it('an image must not overlap the credentials page', async () => {
      ws.write('into-creds.bin', new Uint8Array(16));
      const result = await check(edit((config) => (config.productionFirmware = { file: 'into-creds.bin', baseAddress: 0x0817_e000 })));
      expect(find(result.problems, 'CONFIG_FIRMWARE_LAYOUT', 'productionFirmware.file')?.message).toMatch(/credentials page/);
    });

    it('a damaged image is reported', async () => {
      ws.write('damaged.hex', ':10000000FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00\n');
      const result = await check(edit((config) => (config.productionFirmware = { file: 'damaged.hex' })));
      expect(find(result.problems, 'CONFIG_FIRMWARE_INVALID', 'productionFirmware.file')).toBeDefined();
    });
  });

  describe('serial number pattern and text fields', () => {
    it.each([
      ['{station}-{lot}', /\{seq\}/],
      ['SN-{seq:8}', /\{station\}/],
      ['{station}-{lot}-{yyyy}{mm}{dd}-{seq:10}', /characters/],
      ['{station}-{serial}', /not a token/],
    ])('refuses "%s"', async (pattern, reason) => {
      const result = await check(edit((config) => (config.commissioning.serialNumberPattern = pattern)));
      expect(find(result.problems, 'CONFIG_SERIAL_PATTERN_INVALID', 'commissioning.serialNumberPattern')?.message).toMatch(reason);
    });

    it('Matter text fields are at most 32 bytes of UTF-8', async () => {
      const result = await check(edit((config) => (config.matter.vendorName = 'Élan Lumière Société Générale éé')));
      expect(find(result.problems, 'CONFIG_TEXT_TOO_LONG', 'matter.vendorName')).toBeDefined();
    });

    it('32 ASCII characters fit', async () => {
      const result = await check(edit((config) => (config.matter.productLabel = 'x'.repeat(32))));
      expect(result.problems).toEqual([]);
    });
  });

  it('a PAI made for another vendor under a vendor-scoped PAA is refused', async () => {
    const pai = createPai(ws.paa, { notBefore: NOT_BEFORE, vendorId: 0xfff2, productId: 0x8000, keyPair: generateP256KeyPair() });
    ws.write('pai-fff2.pem', pai.certificatePem);
    ws.write('pai-fff2-key.pem', pai.privateKeyPem);
    const result = await check(edit((config) => {
      config.attestation.paiCertificate = 'pai-fff2.pem';
      config.attestation.paiKey.file = 'pai-fff2-key.pem';
      config.matter.vendorId = 0xfff2;
    }));
    expect(find(result.problems, 'CONFIG_PAI_CHAIN_INVALID', 'attestation.paiCertificate')?.message).toMatch(/vendor ID 0xFFF2/);
  });
});
