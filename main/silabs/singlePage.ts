/**
 * The single-page ("flash-only") layout of Silicon Labs firmware built with `matter_provision_flash`
 * (silabs-provisioning.md §1.4; matter_sdk ProvisionStorageFlash.cpp): everything in one flash page,
 * no NVM3.
 *
 *   offset 0   u16 BIG-endian total: bytes used including these 2 (0xFFFF = empty page, read as 2)
 *   offset 2   arguments in the Provision Protocol v2 encoding (header, size, value; integers
 *              big-endian), keyed by the protocol parameter ids; the rest of the page is 0xFF
 *
 * Arguments are written in the host tool's export order (serial, VID, vendor name, PID, product name,
 * label, URL, part number, HW version, HW version string, date, unique id, discriminator, iterations,
 * salt, verifier, CD, PAI, DAC, DAC key, setup payload). The firmware reads each id with the type it
 * expects (u16 VID/PID/HW version/discriminator, u32 iterations, binary for the rest) and refuses
 * another type. The DAC private key is stored in clear (SEC1 DER) — anyone who can read the flash
 * can read it. Pure: bytes in, bytes out.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import { decodeArguments, encodeArguments, PARAMETER, type ArgumentType, type ProvisionArgument } from './provisionProtocol';
import { CREDENTIAL_NAMES, DEFAULT_CREDENTIAL_LIMITS, derElementLength, type CredentialFiles, type CredentialName } from './credentialsPage';
import {
  decodeFactoryValues,
  encodeFactoryValue,
  silabsFactoryKeyMapV1,
  u16le,
  u32le,
  type FactoryData,
  type FactoryEncodeOptions,
  type FactoryField,
  type FactoryKeyEntry,
  type FactoryWarning,
  type StoredFactoryValue,
} from './factoryData';

/** The firmware's largest single value (kMaxBinaryValue): larger ones cannot be read back. */
export const SINGLE_PAGE_MAX_VALUE = 1024;
/** SEC1 DER of a P-256 key is 121 bytes; the firmware's buffer (kDeviceAttestationKeySizeMax) takes 128. */
export const DAC_KEY_MAX_SIZE = 128;
const TOTAL_SIZE = 2;

type SinglePageItem =
  | { readonly id: number; readonly kind: 'factory'; readonly field: FactoryField; readonly type: ArgumentType }
  | { readonly id: number; readonly kind: 'credential'; readonly credential: CredentialName }
  | { readonly id: number; readonly kind: 'dacKey' };

const P = PARAMETER;
/** What the single page holds, in the order written. */
export const SINGLE_PAGE_ITEMS: readonly SinglePageItem[] = [
  { id: P.version, kind: 'factory', field: 'provisionVersion', type: 'binary' },
  { id: P.serialNumber, kind: 'factory', field: 'serialNumber', type: 'binary' },
  { id: P.vendorId, kind: 'factory', field: 'vendorId', type: 'u16' },
  { id: P.vendorName, kind: 'factory', field: 'vendorName', type: 'binary' },
  { id: P.productId, kind: 'factory', field: 'productId', type: 'u16' },
  { id: P.productName, kind: 'factory', field: 'productName', type: 'binary' },
  { id: P.productLabel, kind: 'factory', field: 'productLabel', type: 'binary' },
  { id: P.productUrl, kind: 'factory', field: 'productUrl', type: 'binary' },
  { id: P.partNumber, kind: 'factory', field: 'partNumber', type: 'binary' },
  { id: P.hwVersion, kind: 'factory', field: 'hardwareVersion', type: 'u16' },
  { id: P.hwVersionString, kind: 'factory', field: 'hardwareVersionString', type: 'binary' },
  { id: P.manufacturingDate, kind: 'factory', field: 'manufacturingDate', type: 'binary' },
  { id: P.uniqueId, kind: 'factory', field: 'uniqueId', type: 'binary' },
  { id: P.discriminator, kind: 'factory', field: 'discriminator', type: 'u16' },
  { id: P.spake2pIterations, kind: 'factory', field: 'spake2pIterations', type: 'u32' },
  { id: P.spake2pSalt, kind: 'factory', field: 'spake2pSalt', type: 'binary' },
  { id: P.spake2pVerifier, kind: 'factory', field: 'spake2pVerifier', type: 'binary' },
  { id: P.certification, kind: 'credential', credential: 'cd' },
  { id: P.paiCert, kind: 'credential', credential: 'pai' },
  { id: P.dacCert, kind: 'credential', credential: 'dac' },
  { id: P.dacKey, kind: 'dacKey' },
  { id: P.setupPayload, kind: 'factory', field: 'passcode', type: 'binary' },
];

/** FactoryData fields this layout has no place for (PSA key id, NVM3 credential offsets, NVM3-only keys). */
export const SINGLE_PAGE_UNSUPPORTED_FIELDS: readonly FactoryField[] = [
  'keyId',
  'credentialsBaseAddress',
  'dacOffset',
  'dacSize',
  'paiOffset',
  'paiSize',
  'cdOffset',
  'cdSize',
  'softwareVersionString',
  'provisionRequest',
  'otaTlvEncryptionKeyId',
  'testEventTriggerKey',
];

const ENTRY_BY_FIELD: ReadonlyMap<FactoryField, FactoryKeyEntry> = new Map(silabsFactoryKeyMapV1.entries.map((entry) => [entry.field, entry]));

function entryFor(field: FactoryField): FactoryKeyEntry {
  const entry = ENTRY_BY_FIELD.get(field);
  if (entry === undefined) throw new Error(`single page: no key-map entry for ${field}`); // a table bug, not input
  return entry;
}

function argumentName(id: number): string {
  return `argument 0x${id.toString(16).padStart(4, '0')}`;
}

function itemName(item: SinglePageItem): string {
  if (item.kind === 'factory') return item.field === 'passcode' ? 'setupPayload' : item.field;
  return item.kind === 'credential' ? `${item.credential} certificate` : 'dacKey';
}

export interface SinglePageInput {
  readonly factoryData: FactoryData;
  readonly certificates: CredentialFiles;
  /** The DAC private key as SEC1 DER (what the provision tool sends, `openssl ec -outform der`). */
  readonly dacKey: Uint8Array;
}

export interface SinglePageOptions extends Pick<FactoryEncodeOptions, 'maxLengths' | 'knownCapabilities'> {
  /** The part's flash page size. */
  readonly pageSize: number;
  /** Per-file limits in bytes; default DEFAULT_CREDENTIAL_LIMITS. */
  readonly maxSizes?: Partial<Record<CredentialName, number>>;
}

/** One page: the total, the arguments, 0xFF after them. */
export function buildSinglePage(input: SinglePageInput, options: SinglePageOptions): Result<Uint8Array> {
  const { pageSize } = options;
  if (!Number.isInteger(pageSize) || pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return failure('CREDS_PAGE_INVALID', `page size ${String(pageSize)} is not a power of two from 512 to 65536`);
  }
  for (const field of SINGLE_PAGE_UNSUPPORTED_FIELDS) {
    if (input.factoryData[field] !== undefined) return failure('FACTORY_VALUE_INVALID', `${field}: the single-page layout has no place for it`);
  }
  for (const name of CREDENTIAL_NAMES) {
    const bytes = input.certificates[name];
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) return failure('CREDS_CERTIFICATE_INVALID', `the ${name.toUpperCase()} is empty`);
    const limit = Math.min(options.maxSizes?.[name] ?? DEFAULT_CREDENTIAL_LIMITS[name], SINGLE_PAGE_MAX_VALUE);
    if (bytes.length > limit) return failure('CREDS_FILE_TOO_LARGE', `the ${name.toUpperCase()} is ${bytes.length} bytes; the limit is ${limit}`);
  }
  const key = input.dacKey;
  if (!(key instanceof Uint8Array) || key.length === 0 || derElementLength(key, 0) !== key.length) {
    return failure('CREDS_DAC_KEY_INVALID', 'the DAC key is not one DER element (give the SEC1 "EC PRIVATE KEY" DER)');
  }
  if (key.length > DAC_KEY_MAX_SIZE) return failure('CREDS_FILE_TOO_LARGE', `the DAC key is ${key.length} bytes; the limit is ${DAC_KEY_MAX_SIZE}`);

  const args: ProvisionArgument[] = [];
  for (const item of SINGLE_PAGE_ITEMS) {
    if (item.kind === 'credential') {
      args.push({ id: item.id, type: 'binary', feedback: false, value: input.certificates[item.credential] });
      continue;
    }
    if (item.kind === 'dacKey') {
      args.push({ id: item.id, type: 'binary', feedback: false, value: key });
      continue;
    }
    // The same checks and bytes as in NVM3; only integers change byte order (big-endian here).
    const bytes = encodeFactoryValue(entryFor(item.field), input.factoryData, options);
    if (!bytes.ok) return bytes;
    if (bytes.value === undefined) continue;
    const value = item.type === 'binary' ? bytes.value : (input.factoryData[item.field] as number);
    args.push({ id: item.id, type: item.type, feedback: false, value });
  }
  const body = encodeArguments(args);
  if (!body.ok) return body;
  const total = TOTAL_SIZE + body.value.length;
  if (total > pageSize || total >= 0xffff) return failure('IMAGE_SINGLE_PAGE_FULL', `${total} bytes are needed; the page holds ${pageSize}`);
  const page = new Uint8Array(pageSize).fill(0xff);
  page[0] = total >>> 8;
  page[1] = total & 0xff;
  page.set(body.value, TOTAL_SIZE);
  return success(page);
}

export type SinglePageWarningCode =
  | 'page-empty' // total 0xFFFF: nothing provisioned
  | 'data-after-total' // bytes after the total that are not erased
  | 'unknown-argument' // an id the layout does not use
  | 'argument-type' // a type the firmware does not read for that id: it refuses the value
  | 'argument-empty' // an id with no value
  | 'duplicate-argument'; // an id twice: the firmware finds the first

export interface SinglePageWarning {
  readonly code: SinglePageWarningCode | FactoryWarning['code'];
  readonly message: string;
  /** The argument's parameter id, when the warning is about one. */
  readonly id?: number;
  readonly field?: FactoryField;
}

export interface SinglePageContents {
  /** Bytes used, the 2-byte total included (2 for an empty page). */
  readonly total: number;
  readonly factoryData: FactoryData;
  readonly certificates: Readonly<Record<CredentialName, Uint8Array | null>>;
  readonly dacKey: Uint8Array | null;
  /** Arguments read, in page order. */
  readonly argumentCount: number;
  readonly warnings: readonly SinglePageWarning[];
}

const ITEM_BY_ID: ReadonlyMap<number, SinglePageItem> = new Map(SINGLE_PAGE_ITEMS.map((item) => [item.id, item]));

/**
 * Reads a single page as the firmware does. Fails only when the total or the argument stream cannot
 * be read (IMAGE_SINGLE_PAGE_INVALID); everything else is a warning.
 */
export function readSinglePage(page: Uint8Array, options: Pick<SinglePageOptions, 'maxLengths'> = {}): Result<SinglePageContents> {
  if (!(page instanceof Uint8Array) || page.length < TOTAL_SIZE) return failure('IMAGE_SINGLE_PAGE_INVALID', 'the page is shorter than its 2-byte total');
  const stored = (page[0]! << 8) | page[1]!;
  const warnings: SinglePageWarning[] = [];
  const certificates: Record<CredentialName, Uint8Array | null> = { dac: null, pai: null, cd: null };
  const empty = stored === 0xffff;
  const total = empty ? TOTAL_SIZE : stored;
  if (total < TOTAL_SIZE || total > page.length) {
    return failure('IMAGE_SINGLE_PAGE_INVALID', `the total at byte 0 says ${stored} bytes, ${total < TOTAL_SIZE ? 'less than the total itself' : `more than the ${page.length}-byte page`}`);
  }
  if (empty) warnings.push({ code: 'page-empty', message: 'the page is erased (total 0xFFFF): nothing is provisioned' });
  for (let i = total; i < page.length; i++) {
    if (page[i] !== 0xff) {
      warnings.push({ code: 'data-after-total', message: `byte ${i} after the ${total}-byte total is 0x${page[i]!.toString(16).padStart(2, '0')}, not erased` });
      break;
    }
  }
  const decoded = decodeArguments(page.subarray(TOTAL_SIZE, total), { lenient: true, maxValueSize: page.length });
  if (!decoded.ok) return failure('IMAGE_SINGLE_PAGE_INVALID', `arguments from byte ${TOTAL_SIZE}: ${decoded.error.detail ?? decoded.error.message}`);

  const seen = new Set<number>();
  const values: StoredFactoryValue[] = [];
  let dacKey: Uint8Array | null = null;
  for (const arg of decoded.value) {
    const item = ITEM_BY_ID.get(arg.id);
    const name = argumentName(arg.id);
    if (item === undefined) {
      warnings.push({ code: 'unknown-argument', id: arg.id, message: `${name} is not a value of the single-page layout; ignored` });
      continue;
    }
    const where = `${name} (${itemName(item)})`;
    if (seen.has(arg.id)) {
      warnings.push({ code: 'duplicate-argument', id: arg.id, message: `${where} appears again; the firmware reads the first one` });
      continue;
    }
    seen.add(arg.id);
    const expected: ArgumentType = item.kind === 'factory' ? item.type : 'binary';
    if (arg.value === null) {
      warnings.push({ code: 'argument-empty', id: arg.id, message: `${where} carries no value` });
      continue;
    }
    if (arg.type !== expected) {
      warnings.push({ code: 'argument-type', id: arg.id, message: `${where} is a ${arg.type}; the firmware reads it only as ${expected} and refuses it` });
      continue;
    }
    if (item.kind === 'credential') certificates[item.credential] = arg.value as Uint8Array;
    else if (item.kind === 'dacKey') dacKey = arg.value as Uint8Array;
    else {
      const bytes = typeof arg.value === 'number' ? (item.type === 'u16' ? u16le(arg.value) : u32le(arg.value)) : arg.value;
      values.push({ entry: entryFor(item.field), value: { type: 'data', bytes }, where });
    }
  }
  const factory = decodeFactoryValues(values, { maxLengths: options.maxLengths });
  for (const warning of factory.warnings) {
    const { key: _key, ...rest } = warning;
    warnings.push(rest);
  }
  return success({ total, factoryData: factory.factoryData, certificates, dacKey, argumentCount: decoded.value.length, warnings });
}
