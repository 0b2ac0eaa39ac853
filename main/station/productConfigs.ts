/**
 * Product configurations in the station's database. A configuration is saved with every file path
 * made absolute and the SHA-256 of every file it names, so the stored content — and its hash, which
 * QA approval freezes and each lot records — pins the exact PAI, CD and firmware bytes. Loading it
 * for a run re-reads the files and refuses any that changed since (the approval would not cover them).
 */
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';
import { parseCertificate } from '../matter/certificates';
import type { StationDatabase } from '../store/database';
import { canonicalJson, sha256Hex, type JsonValue } from '../store/canonicalJson';
import type { ProductConfigRecord } from '../store/repositories/configs';
import { loadConfigFile, loadConfigInputs, parseConfigValue, validateConfig, type ConfigInputs, type ConfigValidation, type ProductConfig } from './config';
import type { DeviceJobSpec } from './pipeline/types';

export interface StoredConfigContent {
  readonly config: ProductConfig;
  readonly files: Readonly<Record<string, string>>;
}

/** The configuration with each file reference resolved against `baseDir`. */
export function withAbsolutePaths(config: ProductConfig, baseDir: string): ProductConfig {
  const abs = (file: string): string => path.resolve(baseDir, file);
  const { attestation } = config;
  return {
    ...config,
    agent: config.agent.source === 'image' ? { source: 'image', file: abs(config.agent.file) } : config.agent,
    productionFirmware: config.productionFirmware === null ? null : { file: abs(config.productionFirmware.file) },
    attestation: {
      ...attestation,
      paiCertificate: abs(attestation.paiCertificate),
      paiKey: { ...attestation.paiKey, file: abs(attestation.paiKey.file) },
      trustStore: attestation.trustStore.map(abs),
      certificationDeclaration: abs(attestation.certificationDeclaration),
      cdSigningCertificates: attestation.cdSigningCertificates.map(abs),
    },
  };
}

function problemsSentence(validation: ConfigValidation): string {
  return validation.problems
    .filter((problem) => problem.severity === 'error' || problem.acknowledged === false)
    .map((problem) => problem.message)
    .join(' ');
}

export interface SavedConfiguration {
  readonly record: ProductConfigRecord;
  readonly validation: ConfigValidation;
  /** False when a configuration with the same name and content was already saved (it is reused). */
  readonly created: boolean;
}

export interface SaveConfigurationOptions {
  readonly now: Date;
  readonly createdBy?: number | null;
  /** Runs in the same transaction as a new version's row (the window's audit event); its failure undoes the save. */
  readonly onCreated?: (record: ProductConfigRecord) => Result<unknown>;
}

/** Loads, validates and saves a configuration file; an invalid one is refused with every problem. */
export async function saveConfigurationFile(db: StationDatabase, file: string, options: SaveConfigurationOptions): Promise<Result<SavedConfiguration>> {
  const loaded = loadConfigFile(file);
  if (!loaded.ok) return loaded;
  return saveConfiguration(db, withAbsolutePaths(loaded.value.config, loaded.value.baseDir), file, options);
}

/**
 * Validates and saves a configuration whose file references are absolute (a file's, or a draft from
 * the window with its stored files' paths); `source` names it in a refusal. Invalid: refused with
 * every blocking problem. The same content saved before is reused, never saved twice.
 */
export async function saveConfiguration(db: StationDatabase, config: ProductConfig, source: string, options: SaveConfigurationOptions): Promise<Result<SavedConfiguration>> {
  const inputs = loadConfigInputs(config, '/');
  if (!inputs.ok) return inputs;
  const validation = await validateConfig(config, inputs.value, { now: options.now });
  if (!validation.valid) return failure('CONFIG_INVALID', `${source}: ${problemsSentence(validation)}`);
  const content: StoredConfigContent = { config, files: inputs.value.fileDigests };
  // The same content saved before is reused (an approved version first).
  const hash = sha256Hex(canonicalJson(content));
  const same = db.configs.list({ name: config.name }).filter((record) => record.contentHash === hash && record.status !== 'retired');
  const existing = same.find((record) => record.status === 'approved') ?? same[0];
  if (existing !== undefined) return success({ record: existing, validation, created: false });
  return db.transaction((): Result<SavedConfiguration> => {
    const record = db.configs.createDraft({ name: config.name, content: content as unknown as JsonValue, createdBy: options.createdBy ?? null });
    if (!record.ok) return record;
    const after = options.onCreated?.(record.value);
    if (after !== undefined && !after.ok) return after;
    return success({ record: record.value, validation, created: true });
  });
}

export interface RunnableConfiguration {
  readonly config: ProductConfig;
  readonly inputs: ConfigInputs;
  readonly validation: ConfigValidation;
}

/** A saved configuration, ready to run: files re-read and compared with the digests saved with it. */
export async function loadSavedConfiguration(record: ProductConfigRecord, now: Date): Promise<Result<RunnableConfiguration>> {
  const content = record.content as unknown as { config?: unknown; files?: Record<string, string> };
  const config = parseConfigValue(content.config, `configuration ${record.name} v${record.version}`);
  if (!config.ok) return config;
  const inputs = loadConfigInputs(config.value, '/');
  if (!inputs.ok) return inputs;
  const saved = content.files ?? {};
  const changed = Object.keys({ ...saved, ...inputs.value.fileDigests }).filter((field) => saved[field] !== inputs.value.fileDigests[field]);
  if (changed.length > 0) {
    return failure('STATION_CONFIG_FILES_CHANGED', `configuration ${record.name} v${record.version}: ${changed.join(', ')} changed on disk since it was saved; save the configuration again (a new version, to be approved again)`);
  }
  const validation = await validateConfig(config.value, inputs.value, { now });
  if (!validation.valid) return failure('CONFIG_INVALID', `configuration ${record.name} v${record.version}: ${problemsSentence(validation)}`);
  return success({ config: config.value, inputs: inputs.value, validation });
}

/** PEM or DER certificate → DER, for the credentials page. */
function certificateDer(bytes: Uint8Array, field: string): Result<Uint8Array> {
  const parsed = parseCertificate(bytes);
  if (!parsed.ok) return failure(parsed.error.code, `${field}: ${parsed.error.detail ?? parsed.error.message}`);
  return success(parsed.value.der);
}

export function jobSpecFor(lotId: number, stationId: string, runnable: RunnableConfiguration): Result<DeviceJobSpec> {
  const { config, inputs } = runnable;
  const pai = certificateDer(inputs.paiCertificate.bytes, 'attestation.paiCertificate');
  if (!pai.ok) return pai;
  const image = (loaded: ConfigInputs['agentImage']): Result<DeviceJobSpec['agentImage']> => {
    if (loaded === null) return success(null);
    return loaded.image.ok ? success(loaded.image.value) : failure(loaded.image.error.code, `${loaded.field}: ${loaded.image.error.detail ?? loaded.image.error.message}`);
  };
  const agentImage = image(inputs.agentImage);
  if (!agentImage.ok) return agentImage;
  const productionFirmware = image(inputs.productionFirmware);
  if (!productionFirmware.ok) return productionFirmware;
  return success({
    lotId,
    stationId,
    config,
    paiCertificate: pai.value,
    paiKey: inputs.paiKey.bytes,
    trustedPaas: inputs.trustStore.sources.map((source) => source.bytes),
    certificationDeclaration: inputs.certificationDeclaration.bytes,
    cdSigningCertificates: inputs.cdSigningCertificates.map((file) => file.bytes),
    agentImage: agentImage.value,
    productionFirmware: productionFirmware.value,
  });
}
