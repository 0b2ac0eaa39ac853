/**
 * The I/O edge of a product configuration: read every file it names (relative to the configuration
 * file's folder; absolute paths allowed), so validate.ts can judge them without touching the disk.
 * A file that cannot be read is a failure naming the field and the path; a file that can be read but
 * is wrong inside (a broken certificate, a damaged .hex) is left to validation, which reports it as
 * a problem next to the others.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failure, success, type Result } from '../../../preload/contract/errors';
import { parseFirmware, type FirmwareImage } from '../../firmware';
import type { RejectedTrustSource, TrustSource } from '../../matter/certificates';
import { loadTrustStoreFolders, MAX_TRUST_FILE_BYTES } from '../../services/trustStoreFolders';
import { parseOrderablePartNumber } from '../../silabs/parts';
import type { ProductConfig } from './schema';

/** Certificates, keys and CDs are small; firmware images can be a few megabytes. */
const MAX_CREDENTIAL_FILE_BYTES = 64 * 1024;
const MAX_FIRMWARE_FILE_BYTES = 32 * 1024 * 1024;

export interface LoadedFile {
  /** The configuration field that names it, e.g. "attestation.paiCertificate". */
  readonly field: string;
  /** The path as resolved against the configuration's folder. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface LoadedFirmware extends LoadedFile {
  /** The parsed image, or why it could not be parsed (reported by validation). */
  readonly image: Result<FirmwareImage>;
}

export interface LoadedTrustEntries {
  /** Every certificate found: files as they are, folders as the PAAs loadTrustStoreFolders accepted. */
  readonly sources: readonly TrustSource[];
  /** Certificates of folders that are not usable PAAs, and folders with none. */
  readonly rejected: readonly RejectedTrustSource[];
}

export interface ConfigInputs {
  readonly paiCertificate: LoadedFile;
  readonly paiKey: LoadedFile;
  readonly trustStore: LoadedTrustEntries;
  readonly certificationDeclaration: LoadedFile;
  readonly cdSigningCertificates: readonly LoadedFile[];
  readonly agentImage: LoadedFirmware | null;
  readonly productionFirmware: LoadedFirmware | null;
  /** sha256 (hex) of each file's bytes keyed by its field path; a folder's digest covers its PAAs by name. */
  readonly fileDigests: Readonly<Record<string, string>>;
}

export function loadConfigInputs(config: ProductConfig, baseDir: string): Result<ConfigInputs> {
  const digests: Record<string, string> = {};
  const read = (field: string, reference: string, maxBytes: number): Result<LoadedFile> => {
    const resolved = path.resolve(baseDir, reference);
    try {
      const stat = fs.statSync(resolved);
      if (!stat.isFile()) return failure('CONFIG_FILE_MISSING', `${field}: ${resolved} is not a file`);
      if (stat.size > maxBytes) return failure('CONFIG_FILE_MISSING', `${field}: ${resolved} is ${stat.size} bytes, larger than the ${maxBytes}-byte limit for this file`);
      const bytes = new Uint8Array(fs.readFileSync(resolved));
      digests[field] = sha256(bytes);
      return success({ field, path: resolved, bytes });
    } catch (error) {
      return failure('CONFIG_FILE_MISSING', `${field}: ${resolved} cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  };

  const { attestation } = config;
  const paiCertificate = read('attestation.paiCertificate', attestation.paiCertificate, MAX_CREDENTIAL_FILE_BYTES);
  if (!paiCertificate.ok) return paiCertificate;
  const paiKey = read('attestation.paiKey.file', attestation.paiKey.file, MAX_CREDENTIAL_FILE_BYTES);
  if (!paiKey.ok) return paiKey;
  const certificationDeclaration = read('attestation.certificationDeclaration', attestation.certificationDeclaration, MAX_CREDENTIAL_FILE_BYTES);
  if (!certificationDeclaration.ok) return certificationDeclaration;
  const cdSigningCertificates: LoadedFile[] = [];
  for (const [index, reference] of attestation.cdSigningCertificates.entries()) {
    const signer = read(`attestation.cdSigningCertificates[${index}]`, reference, MAX_CREDENTIAL_FILE_BYTES);
    if (!signer.ok) return signer;
    cdSigningCertificates.push(signer.value);
  }

  const trustStore = readTrustEntries(attestation.trustStore, baseDir, digests, read);
  if (!trustStore.ok) return trustStore;

  // A raw binary carries no address: it starts at baseAddress, or at the part's flash base.
  const part = parseOrderablePartNumber(config.part);
  const flashBase = part.ok ? part.value.memory.flashBase : undefined;
  const firmware = (field: string, reference: { file: string; baseAddress?: number | undefined }): Result<LoadedFirmware> => {
    const file = read(field, reference.file, MAX_FIRMWARE_FILE_BYTES);
    if (!file.ok) return file;
    const baseAddress = reference.baseAddress ?? flashBase;
    const image = parseFirmware(file.value.bytes, { fileName: file.value.path, ...(baseAddress === undefined ? {} : { baseAddress }) });
    return success({ ...file.value, image });
  };
  let agentImage: LoadedFirmware | null = null;
  if (config.agent.source === 'image') {
    const loaded = firmware('agent.file', config.agent);
    if (!loaded.ok) return loaded;
    agentImage = loaded.value;
  }
  let productionFirmware: LoadedFirmware | null = null;
  if (config.productionFirmware !== null) {
    const loaded = firmware('productionFirmware.file', config.productionFirmware);
    if (!loaded.ok) return loaded;
    productionFirmware = loaded.value;
  }

  return success({
    paiCertificate: paiCertificate.value,
    paiKey: paiKey.value,
    trustStore: trustStore.value,
    certificationDeclaration: certificationDeclaration.value,
    cdSigningCertificates,
    agentImage,
    productionFirmware,
    fileDigests: digests,
  });
}

type Reader = (field: string, reference: string, maxBytes: number) => Result<LoadedFile>;

/** Each trust store entry is a certificate file (or PEM bundle) or a folder of them. */
function readTrustEntries(entries: readonly string[], baseDir: string, digests: Record<string, string>, read: Reader): Result<LoadedTrustEntries> {
  const sources: TrustSource[] = [];
  const rejected: RejectedTrustSource[] = [];
  for (const [index, reference] of entries.entries()) {
    const field = `attestation.trustStore[${index}]`;
    const resolved = path.resolve(baseDir, reference);
    let isFolder: boolean;
    try {
      isFolder = fs.statSync(resolved).isDirectory();
    } catch (error) {
      return failure('CONFIG_FILE_MISSING', `${field}: ${resolved} cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!isFolder) {
      const file = read(field, reference, MAX_TRUST_FILE_BYTES);
      if (!file.ok) return file;
      sources.push({ name: file.value.path, bytes: file.value.bytes });
      continue;
    }
    const folder = loadTrustStoreFolders([resolved]);
    if (!folder.ok) {
      if (folder.error.code !== 'TRUST_STORE_EMPTY') return failure('CONFIG_FILE_MISSING', `${field}: ${folder.error.detail ?? resolved}`);
      rejected.push({ source: resolved, reason: `no usable PAA certificate in the folder (${folder.error.detail ?? ''})` });
      digests[field] = sha256(new Uint8Array(0));
      continue;
    }
    const paas = folder.value.store.paas.map((paa) => ({ name: paa.source, bytes: paa.certificate.der }));
    sources.push(...paas);
    rejected.push(...folder.value.rejected);
    // The folder's digest: each accepted PAA by file name, so adding, removing or replacing one changes it.
    const listing = paas.map((paa) => `${path.basename(paa.name)} ${sha256(paa.bytes)}`).sort().join('\n');
    digests[field] = sha256(new TextEncoder().encode(listing));
  }
  return success({ sources, rejected });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
