/**
 * Import of the Silicon Labs provision tool's JSON (latest.json, and cpms.json, which uses the same
 * fields) into a Matterline product configuration (silabs-provisioning.md §4, §5;
 * docs/product-configuration.md "Import"). Schema v2 ("version": "2.x"): matter.instance_info.*,
 * matter.commissionable_data.*, matter.attestation_credentials.*, options.*; legacy v1 ("1.x"): flat
 * matter.*, matter.spake2p.*, matter.attestation.*.
 *
 * What the tool allows but Matterline refuses — one passcode, serial number or unique id for every
 * device, a DAC made once and copied — is not imported; each becomes a note, as does every field
 * this importer does not know. Paths in the JSON are relative to the JSON file's folder; in the
 * configuration they are written relative to the folder the configuration will be saved in.
 */
import path from 'node:path';
import { failure, success, type Result } from '../../../preload/contract/errors';
import { isTestVendorId } from './attestationRules';
import { hex16 } from './problems';
import { CONFIG_FORMAT, CONFIG_VERSION, type ProductConfigInput } from './schema';

export interface SilabsImportOptions {
  /** The JSON file's folder: its relative paths start there. */
  readonly baseDir: string;
  /** Where the configuration will be written; default baseDir. */
  readonly outputDir?: string;
}

export interface SilabsImport {
  readonly config: ProductConfigInput;
  /** One sentence each: what was not imported or was filled with a default, and why. */
  readonly notes: string[];
  /** The tool schema the file used. */
  readonly schemaVersion: 1 | 2;
}

/** Defaults for what the JSON leaves out (documented in docs/product-configuration.md). */
export const IMPORT_DEFAULTS = {
  part: 'EFR32MG24B210F1536IM48',
  vendorId: 0xfff1,
  productId: 0x8000,
  hardwareVersion: 1,
  hardwareVersionString: '1',
  commissioningFlow: 0,
  discoveryCapabilities: 0x02,
  spake2pIterations: 1500,
  saltLength: 32,
  serialNumberPattern: '{station}-{lot}-{seq:6}',
  paiCertificate: 'pai-cert.pem',
  paiKey: 'pai-key.pem',
  certificationDeclaration: 'cd.der',
  trustStore: 'paa',
} as const;

type Json = Record<string, unknown>;

const INSTANCE_FIELDS = ['serial_number', 'vendor_id', 'vendor_name', 'product_id', 'product_name', 'product_label', 'product_url', 'part_number', 'hw_version', 'hw_version_str', 'manufacturing_date', 'unique_id'];
const COMMISSIONABLE_FIELDS = ['discriminator', 'passcode', 'iterations', 'salt', 'verifier', 'commissioning_flow', 'rendezvous_flags', 'setup_payload'];
const CREDENTIAL_FIELDS = ['creds_address', 'pkcs12', 'key_id', 'key_pass', 'cd_cert', 'cd_key', 'paa_cert', 'paa_key', 'pai_cert', 'pai_key', 'dac_cert', 'dac_key', 'certification', 'common_name'];
const OPTION_FIELDS = ['stop', 'parameters', 'inputs', 'output', 'temp', 'device', 'channel', 'generate', 'csr_mode', 'gen_fw', 'prod_fw', 'cert_tool', 'pylink_lib', 'buffer_size', 'reset'];
/** Tool options that only steer the tool itself. */
const TOOL_ONLY_OPTIONS = ['stop', 'parameters', 'inputs', 'output', 'temp', 'channel', 'cert_tool', 'pylink_lib', 'buffer_size', 'reset'];

export function importSilabsJson(bytes: Uint8Array | string, options: SilabsImportOptions): Result<SilabsImport> {
  let document: unknown;
  try {
    document = JSON.parse((typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes)).replace(/^\uFEFF/, ''));
  } catch (error) {
    return failure('CONFIG_IMPORT_MALFORMED', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(document)) return failure('CONFIG_IMPORT_MALFORMED', 'the top level is not a JSON object');
  const matter = document.matter;
  if (!isObject(matter)) return failure('CONFIG_IMPORT_MALFORMED', 'there is no "matter" object, so this is not a provision-tool JSON file');

  const notes: string[] = [];
  const unknown: string[] = [];
  const version = typeof document.version === 'string' ? document.version : null;
  const v1 = version !== null ? version.startsWith('1.') : !isObject(matter.instance_info) && !isObject(matter.commissionable_data);
  const normalized = v1 ? normalizeV1(matter, unknown) : normalizeV2(matter, unknown);
  const toolOptions = isObject(document.options) ? document.options : {};
  collectUnknown(toolOptions, OPTION_FIELDS, 'options', unknown);
  for (const key of Object.keys(document)) if (!['version', 'options', 'matter'].includes(key)) unknown.push(key);
  if (version !== null && !/^[12]\.\d+/.test(version)) notes.push(`version "${version}" is not a tool version this importer knows (1.x, 2.x); the fields were read as schema ${v1 ? 1 : 2}.`);

  const { instance, commissionable, credentials } = normalized;
  const resolvePath = (value: unknown): string | null => {
    const text = stringOrNull(value);
    if (text === null) return null;
    const absolute = path.resolve(options.baseDir, text);
    const relative = path.relative(options.outputDir ?? options.baseDir, absolute);
    return relative === '' ? '.' : relative.split(path.sep).join('/');
  };

  // Matter fields.
  const vendorId = numberIn(instance.vendor_id, 0, 0xffff, 'matter.instance_info.vendor_id', notes) ?? defaulted(notes, 'vendor_id', IMPORT_DEFAULTS.vendorId, hex16(IMPORT_DEFAULTS.vendorId), 'matter.vendorId');
  const productId = numberIn(instance.product_id, 0, 0xffff, 'matter.instance_info.product_id', notes) ?? defaulted(notes, 'product_id', IMPORT_DEFAULTS.productId, hex16(IMPORT_DEFAULTS.productId), 'matter.productId');
  const text = (name: string, field: string): string | undefined => {
    const value = stringOrNull(instance[name]);
    if (value === null) return undefined;
    if (new TextEncoder().encode(value).length > 32) notes.push(`${name} "${value}" is longer than the 32 bytes a device stores; shorten ${field} before use.`);
    return value;
  };
  const vendorName = text('vendor_name', 'matter.vendorName');
  const productName = text('product_name', 'matter.productName');
  if (vendorName === undefined) notes.push('vendor_name is not given; matter.vendorName was left empty, so fill it in before use.');
  if (productName === undefined) notes.push('product_name is not given; matter.productName was left empty, so fill it in before use.');
  const productLabel = text('product_label', 'matter.productLabel');
  const productUrl = text('product_url', 'matter.productUrl');
  const partNumber = text('part_number', 'matter.partNumber');
  const hardwareVersion = numberIn(instance.hw_version, 0, 0xffff, 'hw_version', notes) ?? defaulted(notes, 'hw_version', IMPORT_DEFAULTS.hardwareVersion, String(IMPORT_DEFAULTS.hardwareVersion), 'matter.hardwareVersion');
  const hardwareVersionString = text('hw_version_str', 'matter.hardwareVersionString') ?? defaulted(notes, 'hw_version_str', IMPORT_DEFAULTS.hardwareVersionString, `"${IMPORT_DEFAULTS.hardwareVersionString}"`, 'matter.hardwareVersionString');
  const flow = numberIn(commissionable.commissioning_flow, 0, 2, 'commissioning_flow', notes) ?? IMPORT_DEFAULTS.commissioningFlow;
  const rendezvous = numberIn(commissionable.rendezvous_flags, 1, 7, 'rendezvous_flags', notes) ?? defaulted(notes, 'rendezvous_flags', IMPORT_DEFAULTS.discoveryCapabilities, '0x02 (BLE)', 'matter.discoveryCapabilities');

  // Refused per-lot values: every device gets its own.
  const refused: Array<[unknown, string]> = [
    [instance.serial_number, 'serial_number: a fixed serial number would be the same on every device; Matterline renders one per device from commissioning.serialNumberPattern'],
    [instance.unique_id, 'unique_id: a fixed rotating-device-id unique id would be the same on every device; Matterline draws 16 random bytes per device'],
    [instance.manufacturing_date, 'manufacturing_date: Matterline records the date each device is provisioned'],
    [commissionable.verifier, 'verifier: Matterline computes the SPAKE2+ verifier per device from its own passcode and salt'],
    [commissionable.setup_payload, 'setup_payload: Matterline derives the QR code and manual code per device'],
    [credentials.dac_cert, 'dac_cert: one DAC for every device is refused; Matterline issues a DAC per device from the PAI'],
    [credentials.dac_key, 'dac_key: one DAC key for every device is refused; the key is made per device (on the chip, or on the host)'],
    [credentials.pkcs12, 'pkcs12: a bundled DAC is refused; give the PAI certificate and key instead'],
    [credentials.key_pass, 'key_pass: no PKCS#12 bundle is used'],
    [credentials.key_id, 'key_id: the PSA key id is the agent\'s (2)'],
    [credentials.common_name, 'common_name: Matterline names each DAC itself'],
    [credentials.paa_key, 'paa_key: the PAA key is never needed at the station'],
    [credentials.cd_key, 'cd_key: the station does not sign CDs while provisioning (use matterline cd create)'],
    [credentials.creds_address, 'creds_address: Matterline uses the part\'s last flash page, where the Silicon Labs firmware looks'],
  ];
  const passcode = commissionable.passcode;
  if (present(passcode)) {
    notes.push(
      passcode === 20202021 || passcode === '20202021'
        ? 'passcode 20202021 is the well-known test passcode and would apply to every device; Matterline draws a random valid passcode for each device instead.'
        : `passcode ${String(passcode)} would apply to every device; Matterline draws a random valid passcode for each device instead.`,
    );
  }
  for (const [value, note] of refused) if (present(value)) notes.push(`${note}; not imported.`);

  // Commissioning policies.
  const discriminatorValue = numberIn(commissionable.discriminator, 0, 0xfff, 'discriminator', notes);
  const discriminator = discriminatorValue !== null && discriminatorValue !== 0 ? ({ mode: 'fixed', value: discriminatorValue } as const) : ({ mode: 'random' } as const);
  if (discriminator.mode === 'fixed') notes.push(`discriminator ${discriminatorValue} is fixed for every device, as in the tool; set commissioning.discriminator to {"mode":"random"} to draw one per device.`);
  const spake2pIterations = numberIn(commissionable.iterations, 1000, 100_000, 'iterations', notes) ?? IMPORT_DEFAULTS.spake2pIterations;
  let saltLength: number = IMPORT_DEFAULTS.saltLength;
  const salt = stringOrNull(commissionable.salt);
  if (salt !== null) {
    const length = Buffer.from(salt, 'base64').length;
    if (length >= 16 && length <= 32) saltLength = length;
    else notes.push(`salt decodes to ${length} bytes, outside 16–32; commissioning.saltLength is ${IMPORT_DEFAULTS.saltLength}.`);
    notes.push(`salt: the salt itself is not reused; Matterline draws a new ${saltLength}-byte salt per device.`);
  }

  // Images, key mode, part.
  const agentFile = resolvePath(toolOptions.gen_fw);
  if (agentFile === null) notes.push('gen_fw is not given; agent.source is "firmware" (the board\'s firmware runs the provisioning agent), so set agent to an image if it does not.');
  const productionFile = resolvePath(toolOptions.prod_fw);
  const csr = toolOptions.csr_mode;
  const keyMode = csr === true || csr === 'true' ? 'on-chip' : csr === false || csr === 'false' ? 'host' : 'on-chip';
  if (!present(csr)) notes.push('csr_mode is not given; keyMode is "on-chip" (the key never leaves the chip), where the tool would make the key on the host.');
  const device = stringOrNull(toolOptions.device);
  const part = device ?? defaulted(notes, 'options.device', IMPORT_DEFAULTS.part, IMPORT_DEFAULTS.part, 'part');
  if (toolOptions.generate === true) notes.push('generate: the tool made test credentials with chip-cert; Matterline does not, so give a PAI, its key and a CD (the demo configuration has test ones).');
  const toolOnly = TOOL_ONLY_OPTIONS.filter((key) => present(toolOptions[key]));
  if (toolOnly.length > 0) notes.push(`options ${toolOnly.join(', ')} steer the provision tool only and were not imported.`);

  // Attestation files.
  const file = (value: unknown, field: string, name: string, fallback: string): string => {
    const resolved = resolvePath(value);
    if (resolved !== null) return resolved;
    notes.push(`${name} is not given; ${field} is "${fallback}", so put the file there or change the path.`);
    return fallback;
  };
  const paiCertificate = file(credentials.pai_cert, 'attestation.paiCertificate', 'pai_cert', IMPORT_DEFAULTS.paiCertificate);
  const paiKey = file(credentials.pai_key, 'attestation.paiKey.file', 'pai_key', IMPORT_DEFAULTS.paiKey);
  const certificationDeclaration = file(credentials.certification, 'attestation.certificationDeclaration', 'certification', IMPORT_DEFAULTS.certificationDeclaration);
  const trustStore = file(credentials.paa_cert, 'attestation.trustStore[0]', 'paa_cert', IMPORT_DEFAULTS.trustStore);
  const cdSigner = resolvePath(credentials.cd_cert);
  if (cdSigner === null) notes.push('cd_cert is not given; add the certificate that signed the CD to attestation.cdSigningCertificates.');
  const dcl = isTestVendorId(vendorId) ? 'test' : 'production';
  notes.push(`attestation.dcl is "${dcl}" because vendor ID ${hex16(vendorId)} is ${dcl === 'test' ? 'a test vendor ID' : 'not a test vendor ID'}.`);
  notes.push('security.debugLock is "none", as the tool leaves it; choose the lock for production devices.');

  if (unknown.length > 0) notes.push(`unknown fields were not imported: ${unknown.join(', ')}.`);

  const config: ProductConfigInput = {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    name: (productName ?? '').trim() === '' ? 'Imported product' : (productName as string).slice(0, 64),
    part,
    storage: 'nvm3',
    keyMode,
    agent: agentFile === null ? { source: 'firmware' } : { source: 'image', file: agentFile },
    productionFirmware: productionFile === null ? null : { file: productionFile },
    matter: {
      vendorId,
      productId,
      vendorName: vendorName ?? '',
      productName: productName ?? '',
      ...(productLabel === undefined ? {} : { productLabel }),
      ...(productUrl === undefined ? {} : { productUrl }),
      ...(partNumber === undefined ? {} : { partNumber }),
      hardwareVersion,
      hardwareVersionString,
      commissioningFlow: flow as 0 | 1 | 2,
      discoveryCapabilities: rendezvous,
    },
    commissioning: { discriminator, spake2pIterations, saltLength, serialNumberPattern: IMPORT_DEFAULTS.serialNumberPattern },
    attestation: {
      dcl,
      paiCertificate,
      paiKey: { source: 'file', file: paiKey },
      trustStore: [trustStore],
      certificationDeclaration,
      cdSigningCertificates: cdSigner === null ? [] : [cdSigner],
      dacValidity: { kind: 'no-expiry' },
    },
    security: { debugLock: 'none', acknowledgeHostKeyOnSecureVault: false },
    label: { template: 'qr-manual-serial', format: 'png' },
  };
  return success({ config, notes, schemaVersion: v1 ? 1 : 2 });
}

interface Normalized {
  readonly instance: Json;
  readonly commissionable: Json;
  readonly credentials: Json;
}

function normalizeV2(matter: Json, unknown: string[]): Normalized {
  const instance = isObject(matter.instance_info) ? matter.instance_info : {};
  const commissionable = isObject(matter.commissionable_data) ? matter.commissionable_data : {};
  const credentials = isObject(matter.attestation_credentials) ? matter.attestation_credentials : {};
  collectUnknown(instance, INSTANCE_FIELDS, 'matter.instance_info', unknown);
  collectUnknown(commissionable, COMMISSIONABLE_FIELDS, 'matter.commissionable_data', unknown);
  collectUnknown(credentials, CREDENTIAL_FIELDS, 'matter.attestation_credentials', unknown);
  collectUnknown(matter, ['instance_info', 'commissionable_data', 'attestation_credentials'], 'matter', unknown);
  return { instance, commissionable, credentials };
}

/** v1: matter.{vendor_id, ...} flat, matter.spake2p.{passcode, iterations, salt, verifier}, matter.attestation.{...}. */
function normalizeV1(matter: Json, unknown: string[]): Normalized {
  const spake2p = isObject(matter.spake2p) ? matter.spake2p : {};
  const attestation = isObject(matter.attestation) ? matter.attestation : {};
  const instance: Json = {};
  const commissionable: Json = { ...spake2p };
  for (const [key, value] of Object.entries(matter)) {
    if (key === 'spake2p' || key === 'attestation') continue;
    if (INSTANCE_FIELDS.includes(key)) instance[key] = value;
    else if (COMMISSIONABLE_FIELDS.includes(key)) commissionable[key] = value;
    else unknown.push(`matter.${key}`);
  }
  collectUnknown(spake2p, ['passcode', 'iterations', 'salt', 'verifier'], 'matter.spake2p', unknown);
  collectUnknown(attestation, CREDENTIAL_FIELDS, 'matter.attestation', unknown);
  return { instance, commissionable, credentials: attestation };
}

function collectUnknown(object: Json, known: readonly string[], prefix: string, unknown: string[]): void {
  for (const key of Object.keys(object)) if (!known.includes(key)) unknown.push(`${prefix}.${key}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** latest.json writes null for what was not set. */
function present(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '' && value !== false;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Ints are decimal in the JSON; "0xFFF1" strings are accepted too. Out of range → a note and null. */
function numberIn(value: unknown, min: number, max: number, name: string, notes: string[]): number | null {
  if (!present(value)) return null;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    notes.push(`${name} ${JSON.stringify(value)} is not a whole number ${min}–${max}; the default was used.`);
    return null;
  }
  return number;
}

function defaulted<T>(notes: string[], name: string, value: T, shown: string, field: string): T {
  notes.push(`${name} is not given; ${field} is ${shown}.`);
  return value;
}
