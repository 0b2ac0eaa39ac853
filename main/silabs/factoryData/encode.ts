/**
 * FactoryData → NVM3 entries, each value encoded exactly as Silicon Labs firmware reads it back
 * (SilabsConfig.cpp): a value the firmware would refuse or cut short is an error here, not a device
 * that falls back to its example credentials.
 */
import { appError, failure, success, type Result } from '../../../preload/contract/errors';
import { encodeSetupPayloadBitset, DiscoveryCapability } from '../../matter/onboarding';
import type { Nvm3Entry } from '../nvm3';
import { checkKeyMap, DEFAULT_FACTORY_KEY_MAP, formatKey, integerRange, type FactoryKeyEntry, type FactoryKeyMap } from './keyMap';
import type { FactoryData, FactoryField } from './types';
import { decodeBase64Strict, encodeText, textByteLength, u16le, u32le } from './values';

export interface FactoryEncodeOptions {
  /** Which firmware generation's keys to write. Default silabsFactoryKeyMapV1. */
  readonly keyMap?: FactoryKeyMap;
  /** Replace a field's length limit (bytes), for firmware built with other buffer sizes. */
  readonly maxLengths?: Partial<Record<FactoryField, number>>;
  /** Capability bits the setup payload may carry (default SoftAP | BLE | on network). */
  readonly knownCapabilities?: number;
}

/** Flow written into the setup payload when none is given: standard commissioning. */
export const DEFAULT_COMMISSIONING_FLOW = 0;
/** Discovery capabilities written when none are given: BLE, what Silicon Labs' Thread devices use. */
export const DEFAULT_DISCOVERY_CAPABILITIES = DiscoveryCapability.BLE;

function describe(entry: FactoryKeyEntry): string {
  return `${entry.field} (NVM3 key ${formatKey(entry.key)} ${entry.name})`;
}

function invalid<T>(entry: FactoryKeyEntry, problem: string): Result<T> {
  return failure('FACTORY_VALUE_INVALID', `${describe(entry)}: ${problem}`);
}

/** The setup-payload bitset from the six fields it packs. */
function encodeSetupPayload(entry: FactoryKeyEntry, data: FactoryData, options: FactoryEncodeOptions): Result<Uint8Array | undefined> {
  if (data.passcode === undefined) {
    for (const field of ['commissioningFlow', 'discoveryCapabilities'] as const) {
      if (data[field] !== undefined) {
        return failure('FACTORY_VALUE_MISSING', `${field} is stored only inside the setup payload (NVM3 key ${formatKey(entry.key)}), which also needs the passcode`);
      }
    }
    return success(undefined);
  }
  for (const field of ['vendorId', 'productId', 'discriminator'] as const) {
    if (data[field] === undefined) return failure('FACTORY_VALUE_MISSING', `the setup payload (NVM3 key ${formatKey(entry.key)}) holds the passcode together with ${field}, which is missing`);
  }
  const bitset = encodeSetupPayloadBitset(
    {
      version: 0,
      vendorId: data.vendorId as number,
      productId: data.productId as number,
      flow: data.commissioningFlow ?? DEFAULT_COMMISSIONING_FLOW,
      capabilities: data.discoveryCapabilities ?? DEFAULT_DISCOVERY_CAPABILITIES,
      discriminator: data.discriminator as number,
      passcode: data.passcode,
    },
    options.knownCapabilities === undefined ? {} : { knownCapabilities: options.knownCapabilities },
  );
  if (!bitset.ok) return { ok: false, error: appError(bitset.error.code, `setup payload (NVM3 key ${formatKey(entry.key)}): ${bitset.error.detail ?? bitset.error.message}`) };
  return bitset;
}

/** One entry's bytes, or undefined when the data does not have that value. */
export function encodeFactoryValue(entry: FactoryKeyEntry, data: FactoryData, options: FactoryEncodeOptions = {}): Result<Uint8Array | undefined> {
  if (entry.encoding === 'setup-payload') return encodeSetupPayload(entry, data, options);
  const value: unknown = data[entry.field];
  if (value === undefined) return success(undefined);
  const maxLength = options.maxLengths?.[entry.field] ?? entry.maxLength;
  switch (entry.encoding) {
    case 'bool':
      return typeof value === 'boolean' ? success(new Uint8Array([value ? 1 : 0])) : invalid(entry, `${String(value)} is not true or false`);
    case 'u16':
    case 'u32': {
      const { min, max } = integerRange(entry);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        return invalid(entry, `${String(value)} is not a whole number from ${min} to ${max} (${entry.encoding})`);
      }
      return success(entry.encoding === 'u16' ? u16le(value) : u32le(value));
    }
    case 'string': {
      if (typeof value !== 'string') return invalid(entry, 'not text');
      if (value.includes('\0')) return invalid(entry, 'contains a NUL character, where the firmware would cut the text');
      const length = textByteLength(value);
      if (maxLength !== undefined && length > maxLength) return invalid(entry, `${length} bytes of UTF-8; the firmware takes at most ${maxLength}`);
      return success(encodeText(value));
    }
    case 'base64': {
      if (typeof value !== 'string') return invalid(entry, 'not base64 text');
      const decoded = decodeBase64Strict(value);
      if (decoded === null) return invalid(entry, `${JSON.stringify(value.slice(0, 40))} is not standard padded base64`);
      const min = entry.minLength ?? 0;
      const max = maxLength ?? Number.MAX_SAFE_INTEGER;
      if (decoded.length < min || decoded.length > max) {
        return invalid(entry, `decodes to ${decoded.length} bytes; it must be ${min === max ? `${min}` : `${min} to ${max}`}`);
      }
      // The firmware stores the text itself (ProvisionStorageDefault.cpp uses the string setter).
      return success(new TextEncoder().encode(value));
    }
    case 'binary': {
      if (!(value instanceof Uint8Array)) return invalid(entry, 'not bytes');
      const min = entry.minLength ?? 0;
      const max = maxLength ?? Number.MAX_SAFE_INTEGER;
      if (value.length < min || value.length > max) return invalid(entry, `${value.length} bytes; it must be ${min === max ? `${min}` : `${min} to ${max}`}`);
      return success(value.slice());
    }
  }
}

/**
 * Every value `data` has, as NVM3 data entries in key order. Fields the key map has no key for are
 * refused, so nothing is silently left out.
 */
export function encodeFactoryData(data: FactoryData, options: FactoryEncodeOptions = {}): Result<Nvm3Entry[]> {
  const map = checkKeyMap(options.keyMap ?? DEFAULT_FACTORY_KEY_MAP);
  if (!map.ok) return map;
  const covered = new Set<string>(map.value.entries.map((entry) => entry.field));
  if (covered.has('passcode')) covered.add('commissioningFlow').add('discoveryCapabilities');
  for (const [field, value] of Object.entries(data)) {
    if (value !== undefined && !covered.has(field)) return failure('FACTORY_VALUE_INVALID', `${field}: key map ${map.value.id} has no NVM3 key for it`);
  }
  const entries: Nvm3Entry[] = [];
  for (const entry of [...map.value.entries].sort((a, b) => a.key - b.key)) {
    const bytes = encodeFactoryValue(entry, data, options);
    if (!bytes.ok) return bytes;
    if (bytes.value !== undefined) entries.push({ key: entry.key, type: 'data', value: bytes.value });
  }
  return success(entries);
}
