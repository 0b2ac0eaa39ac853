/**
 * The demo product, made on first run with Matterline's own code so the embedded default works
 * offline: the demo credentials (demoCredentials.ts: test PAA, PAI FFF1/8000, CD signer, development
 * CD), a simulated provisioning-agent image and a simulated production firmware for
 * EFR32MG24B210F1536IM48, and a product configuration naming them. It lives in
 * `<user-data>/demo-product/` beside `demo-credentials/` and, like it, is written once, all at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';
import { writeFirmware } from '../firmware';
import { buildSimulatedFirmware } from '../sim/firmware';
import { CONFIG_FORMAT, CONFIG_VERSION, type ProductConfigInput } from '../station/config';
import { createFolderAtomically } from './atomicFolder';
import { DEMO_FILES, DEMO_FOLDER, DEMO_PRODUCT_ID, DEMO_VENDOR_ID, ensureDemoCredentials } from './demoCredentials';

export const DEMO_PART = 'EFR32MG24B210F1536IM48';
export const DEMO_PRODUCT_FOLDER = 'demo-product';
export const DEMO_CONFIG_FILE = 'demo-product.json';
export const DEMO_AGENT_FILE = 'demo-agent.s37';
export const DEMO_FIRMWARE_FILE = 'demo-firmware.s37';

/** The demo's configuration; file references are relative to the demo-product folder. */
export function demoConfiguration(): ProductConfigInput {
  const credential = (name: string): string => path.join('..', DEMO_FOLDER, name);
  return {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    name: 'Matterline demo light',
    part: DEMO_PART,
    storage: 'nvm3',
    keyMode: 'on-chip',
    agent: { source: 'image', file: DEMO_AGENT_FILE },
    productionFirmware: { file: DEMO_FIRMWARE_FILE },
    matter: {
      vendorId: DEMO_VENDOR_ID,
      productId: DEMO_PRODUCT_ID,
      vendorName: 'Matterline Demo',
      productName: 'Demo Light',
      productLabel: 'Demo on/off light',
      partNumber: 'ML-DEMO-1',
      hardwareVersion: 1,
      hardwareVersionString: '1.0',
      commissioningFlow: 0,
      discoveryCapabilities: 0x02,
    },
    commissioning: {
      discriminator: { mode: 'random' },
      spake2pIterations: 1000,
      saltLength: 32,
      serialNumberPattern: 'ML-{station}-{lot}-{seq:5}',
    },
    attestation: {
      dcl: 'test',
      paiCertificate: credential(DEMO_FILES.paiCertificate),
      paiKey: { source: 'file', file: credential(DEMO_FILES.paiKey) },
      trustStore: [credential(DEMO_FILES.paaCertificate)],
      certificationDeclaration: credential(DEMO_FILES.certificationDeclaration),
      cdSigningCertificates: [credential(DEMO_FILES.cdSigningCertificate)],
      dacValidity: { kind: 'no-expiry' },
    },
    // Sample devices stay readable for QA; production configurations should lock (validation warns).
    security: { debugLock: 'none', acknowledgeHostKeyOnSecureVault: false },
    label: { template: 'qr-manual-serial', format: 'png' },
  };
}

function simulatedImage(kind: 'agent' | 'app'): Result<Uint8Array> {
  const image = buildSimulatedFirmware({ kind, part: DEMO_PART });
  if (!image.ok) return image;
  return writeFirmware(image.value, 'srec');
}

/** Ensures the demo credentials and product exist; returns the configuration file's path. */
export async function ensureDemoConfiguration(userDataDir: string, now: Date = new Date()): Promise<Result<{ configFile: string; created: boolean }>> {
  const credentials = await ensureDemoCredentials(userDataDir, now);
  if (!credentials.ok) return credentials;
  const folder = path.join(userDataDir, DEMO_PRODUCT_FOLDER);
  const configFile = path.join(folder, DEMO_CONFIG_FILE);
  if (fs.existsSync(folder)) {
    if (!fs.existsSync(configFile)) return failure('DEMO_CREDENTIALS_INCOMPLETE', `${folder}: missing ${DEMO_CONFIG_FILE}`);
    return success({ configFile, created: false });
  }
  const agent = simulatedImage('agent');
  if (!agent.ok) return agent;
  const firmware = simulatedImage('app');
  if (!firmware.ok) return firmware;
  const written = createFolderAtomically(
    folder,
    [
      { name: DEMO_AGENT_FILE, content: agent.value },
      { name: DEMO_FIRMWARE_FILE, content: firmware.value },
      { name: DEMO_CONFIG_FILE, content: `${JSON.stringify(demoConfiguration(), null, 2)}\n` },
    ],
    'demo product',
  );
  if (!written.ok) return written;
  return success({ configFile, created: written.value });
}
