/**
 * Where a new configuration starts in the window: a blank draft (every field with its default) or a
 * draft from a Silicon Labs provisioning JSON the engineer uploaded. Both take the trust store and the
 * CD signing certificates from Settings (stationFolders.ts), so what Settings holds feeds every new
 * configuration; the certificates are kept in the file library and named by id like any picked file.
 */
import fs from 'node:fs';
import { failure, success, type Result } from '../../preload/contract/errors';
import type { ConfigDraft } from '../../preload/contract/configs';
import { CONFIG_FORMAT, CONFIG_VERSION, IMPORT_DEFAULTS, importSilabsJson } from '../station/config';
import { certificateFiles, fileLabel, mapFileFields } from './configDrafts';
import { registerFile, storedFile } from './fileLibrary';
import { cdSignersFolder, trustStoreFolder } from './stationFolders';

/** The ids of the certificates a Settings folder holds (those that cannot be read are left out). */
function settingsCertificates(userDataDir: string, folder: string): string[] {
  return certificateFiles(folder).flatMap((file) => {
    const kept = registerFile(userDataDir, file);
    return kept.ok ? [kept.value.id] : [];
  });
}

/**
 * A new configuration: the defaults of the Silicon Labs import (IMPORT_DEFAULTS) and of the demo, no
 * name (it names the version history, so a default would merge unrelated products), no files but
 * Settings' certificates. The agent is an image and production firmware is flashed, as in the demo;
 * the editor may switch agent.source to "firmware" (no file) or set productionFirmware to null.
 */
export function blankDraft(userDataDir: string): ConfigDraft {
  return {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    name: '',
    part: IMPORT_DEFAULTS.part,
    storage: 'nvm3',
    keyMode: 'on-chip',
    agent: { source: 'image', file: '' },
    productionFirmware: { file: '' },
    matter: {
      vendorId: IMPORT_DEFAULTS.vendorId,
      productId: IMPORT_DEFAULTS.productId,
      vendorName: '',
      productName: '',
      hardwareVersion: IMPORT_DEFAULTS.hardwareVersion,
      hardwareVersionString: IMPORT_DEFAULTS.hardwareVersionString,
      commissioningFlow: IMPORT_DEFAULTS.commissioningFlow,
      discoveryCapabilities: IMPORT_DEFAULTS.discoveryCapabilities,
    },
    commissioning: {
      discriminator: { mode: 'random' },
      spake2pIterations: IMPORT_DEFAULTS.spake2pIterations,
      saltLength: IMPORT_DEFAULTS.saltLength,
      serialNumberPattern: '{station}-{lot}-{seq:6}',
    },
    attestation: {
      dcl: 'test',
      paiCertificate: '',
      paiKey: { source: 'file', file: '' },
      trustStore: settingsCertificates(userDataDir, trustStoreFolder(userDataDir)),
      certificationDeclaration: '',
      cdSigningCertificates: settingsCertificates(userDataDir, cdSignersFolder(userDataDir)),
      dacValidity: { kind: 'no-expiry' },
    },
    // Sample devices stay readable for QA; validation warns when a production configuration leaves the port open.
    security: { debugLock: 'none', acknowledgeHostKeyOnSecureVault: false },
    label: { template: 'qr-manual-serial', format: 'png' },
  };
}

/**
 * A draft from an uploaded latest.json / cpms.json. The files the JSON names were not uploaded with
 * it (and the window never names a path), so each file field is left empty with a note; an empty trust
 * store or CD signer list is filled from Settings.
 */
export function importSilabsDraft(userDataDir: string, fileId: string): Result<{ draft: ConfigDraft; notes: string[] }> {
  const json = storedFile(userDataDir, fileId);
  if (!json.ok) return json;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(json.value.path));
  } catch (error) {
    return failure('FILE_UNREADABLE', `${json.value.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const imported = importSilabsJson(bytes, { baseDir: '/' });
  if (!imported.ok) return failure(imported.error.code, `${json.value.name}: ${imported.error.detail ?? ''}`);
  const notes = [...imported.value.notes];
  const cleared = mapFileFields(imported.value.config as Record<string, unknown>, (field, reference) => {
    if (reference === '') return '';
    notes.push(`${field}: the JSON names "${reference.replace(/^\/+/, '')}", which was not uploaded with it; choose the ${fileLabel(field) ?? 'file'} in the editor.`);
    return '';
  });
  const attestation = cleared.attestation as Record<string, unknown>;
  const fill = (key: 'trustStore' | 'cdSigningCertificates', folder: string, what: string): void => {
    const kept = (attestation[key] as unknown[]).filter((entry) => entry !== '');
    const fromSettings = kept.length === 0 ? settingsCertificates(userDataDir, folder) : [];
    if (fromSettings.length > 0) notes.push(`attestation.${key} holds the ${fromSettings.length} ${what} of Settings.`);
    attestation[key] = [...kept, ...fromSettings];
  };
  fill('trustStore', trustStoreFolder(userDataDir), 'trust store certificate(s)');
  fill('cdSigningCertificates', cdSignersFolder(userDataDir), 'CD signing certificate(s)');
  return success({ draft: cleared, notes });
}
