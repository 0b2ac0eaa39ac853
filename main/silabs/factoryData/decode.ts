/**
 * NVM3 contents → FactoryData, reading each key the way the firmware does: an integer of the wrong
 * length is refused (left out, with a warning), text is UTF-8 up to the first NUL, the salt and
 * verifier stay base64 text. Nothing here throws or fails on bad values: every problem is a warning
 * naming the key, so a damaged device can still be inspected.
 */
import { success, type Result } from '../../../preload/contract/errors';
import { decodeSetupPayloadBitset } from '../../matter/onboarding';
import type { Nvm3Object } from '../nvm3';
import { checkKeyMap, DEFAULT_FACTORY_KEY_MAP, formatKey, integerRange, SETUP_PAYLOAD_KEY_LENGTH, type FactoryKeyEntry, type FactoryKeyMap } from './keyMap';
import type { FactoryData, FactoryField, FactoryWarning } from './types';
import { decodeBase64Strict, decodeText, readU16le, readU32le } from './values';

export interface FactoryDecodeOptions {
  /** Which firmware generation's keys to read. Default silabsFactoryKeyMapV1. */
  readonly keyMap?: FactoryKeyMap;
  /** Replace a field's length limit (bytes), as given to the encoder, so longer values are not reported. */
  readonly maxLengths?: Partial<Record<FactoryField, number>>;
}

export interface DecodedFactoryData {
  readonly factoryData: FactoryData;
  readonly warnings: readonly FactoryWarning[];
  /** Keys present that the key map neither decodes nor lists as reserved, ascending. */
  readonly unknownKeys: readonly number[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A value as a store holds it: data bytes, or an NVM3 counter (which no factory key should be). */
export type StoredValue = { readonly type: 'data'; readonly bytes: Uint8Array } | { readonly type: 'counter' };

/** One value to decode, from any store: its key-map entry, its bytes, and how to name it in warnings. */
export interface StoredFactoryValue {
  readonly entry: FactoryKeyEntry;
  readonly value: StoredValue;
  readonly where: string;
  readonly key?: number;
}

/** Where NVM3 keys outside the factory map usually come from, for the warning text. */
function keyOrigin(key: number): string {
  if (key >= 0x087300 && key <= 0x0873ff) return 'Matter config group, cleared on factory reset';
  if (key >= 0x087400 && key <= 0x0874ff) return 'Matter counter group';
  if (key >= 0x087500 && key <= 0x0876ff) return 'Matter key-value store';
  if (key >= 0x087000 && key <= 0x087fff) return 'Matter range';
  if ((key >= 0x083100 && key <= 0x0834ff) || (key >= 0x086d00 && key <= 0x0870ff)) return 'PSA key storage';
  if (key <= 0x00ffff) return 'application range';
  return 'not a Matter key';
}

class FactoryReader {
  readonly data: Mutable<FactoryData> = {};
  readonly warnings: FactoryWarning[] = [];
  private payload: { vendorId: number; productId: number; discriminator: number; where: string; key: number | undefined } | null = null;

  constructor(private readonly maxLengths: Partial<Record<FactoryField, number>> = {}) {}

  warn(warning: FactoryWarning): void {
    this.warnings.push(warning);
  }

  /** One stored value; `where` names it in warnings, `key` is its NVM3 key (absent outside NVM3). */
  read(entry: FactoryKeyEntry, value: StoredValue, where: string, key: number | undefined): void {
    const base = key === undefined ? { field: entry.field } : { key, field: entry.field };
    if (value.type !== 'data') {
      this.warn({ ...base, code: 'value-type', message: `${where} is a counter object; the firmware reads it as data and refuses it` });
      return;
    }
    const bytes = value.bytes;
    const sizeWarning = (expected: string) =>
      this.warn({ ...base, code: 'value-size', message: `${where} holds ${bytes.length} bytes where the firmware reads ${expected}; it refuses the value` });
    switch (entry.encoding) {
      case 'bool':
        if (bytes.length !== 1) return sizeWarning('exactly 1');
        if (bytes[0]! > 1) this.warn({ ...base, code: 'value-invalid', message: `${where} holds ${bytes[0]}, not 0 or 1` });
        this.set(entry, bytes[0] !== 0);
        return;
      case 'u16':
      case 'u32': {
        const width = entry.encoding === 'u16' ? 2 : 4;
        if (bytes.length !== width) return sizeWarning(`exactly ${width} (${entry.encoding}, little-endian)`);
        const value = width === 2 ? readU16le(bytes) : readU32le(bytes);
        const { min, max } = integerRange(entry);
        if (value < min || value > max) this.warn({ ...base, code: 'value-invalid', message: `${where} is ${value}, outside ${min}..${max}` });
        this.set(entry, value);
        return;
      }
      case 'string': {
        const { text, valid } = decodeText(bytes);
        if (!valid) this.warn({ ...base, code: 'value-invalid', message: `${where} is not UTF-8 text without NUL bytes` });
        const limit = this.maxLengths[entry.field] ?? entry.maxLength;
        if (limit !== undefined && bytes.length > limit) {
          this.warn({ ...base, code: 'value-size', message: `${where} holds ${bytes.length} bytes, more than the ${limit} the firmware's buffer takes` });
        }
        this.set(entry, text);
        return;
      }
      case 'base64': {
        const { text, valid } = decodeText(bytes);
        const decoded = valid ? decodeBase64Strict(text) : null;
        if (decoded === null) this.warn({ ...base, code: 'value-invalid', message: `${where} is not base64 text` });
        else if (decoded.length < (entry.minLength ?? 0) || decoded.length > (entry.maxLength ?? Number.MAX_SAFE_INTEGER)) {
          this.warn({ ...base, code: 'value-invalid', message: `${where} decodes to ${decoded.length} bytes, outside ${entry.minLength ?? 0}..${entry.maxLength ?? '∞'}` });
        }
        this.set(entry, text);
        return;
      }
      case 'binary':
        if (bytes.length < (entry.minLength ?? 0) || bytes.length > (entry.maxLength ?? Number.MAX_SAFE_INTEGER)) {
          this.warn({ ...base, code: 'value-size', message: `${where} holds ${bytes.length} bytes, outside ${entry.minLength ?? 0}..${entry.maxLength ?? '∞'}` });
        }
        this.set(entry, bytes.slice());
        return;
      case 'setup-payload': {
        if (bytes.length !== SETUP_PAYLOAD_KEY_LENGTH) return sizeWarning(`exactly ${SETUP_PAYLOAD_KEY_LENGTH} (the setup-payload bitset)`);
        const payload = decodeSetupPayloadBitset(bytes, { mode: 'consume' });
        if (!payload.ok) {
          this.warn({ ...base, code: 'value-invalid', message: `${where} is not a valid setup payload: ${payload.error.detail ?? payload.error.message}` });
          return;
        }
        this.data.passcode = payload.value.passcode;
        this.data.commissioningFlow = payload.value.flow;
        this.data.discoveryCapabilities = payload.value.capabilities;
        this.payload = { vendorId: payload.value.vendorId, productId: payload.value.productId, discriminator: payload.value.discriminator, where, key };
        return;
      }
    }
  }

  private set(entry: FactoryKeyEntry, value: unknown): void {
    (this.data as Record<string, unknown>)[entry.field] = value;
  }

  /** The bitset repeats VID, PID and discriminator; the firmware prints its QR code from the bitset. */
  checkPayloadAgainstKeys(): void {
    if (this.payload === null) return;
    for (const field of ['vendorId', 'productId', 'discriminator'] as const) {
      const own = this.data[field];
      const inPayload = this.payload[field];
      if (own !== undefined && own !== inPayload) {
        this.warn({
          ...(this.payload.key === undefined ? {} : { key: this.payload.key }),
          field,
          code: 'setup-payload-mismatch',
          message: `the setup payload (${this.payload.where}) says ${field} ${inPayload}, the ${field} value says ${own}: the QR code and the device disagree`,
        });
      }
    }
  }
}

/**
 * The factory values among `objects` (an NVM3 region's newest values, as readNvm3 returns them).
 * Fails only when a custom key map is unusable.
 */
export function decodeFactoryData(objects: ReadonlyMap<number, Nvm3Object>, options: FactoryDecodeOptions = {}): Result<DecodedFactoryData> {
  const map = checkKeyMap(options.keyMap ?? DEFAULT_FACTORY_KEY_MAP);
  if (!map.ok) return map;
  const byKey = new Map(map.value.entries.map((entry) => [entry.key, entry]));
  const reserved = new Map(map.value.reserved.map((entry) => [entry.key, entry]));
  const reader = new FactoryReader(options.maxLengths);
  const unknownKeys: number[] = [];
  for (const key of [...objects.keys()].sort((a, b) => a - b)) {
    const object = objects.get(key)!;
    const entry = byKey.get(key);
    if (entry !== undefined) {
      const value: StoredValue = object.type === 'data' ? { type: 'data', bytes: object.value } : { type: 'counter' };
      reader.read(entry, value, `${formatKey(key)} ${entry.name}`, key);
      continue;
    }
    const known = reserved.get(key);
    if (known !== undefined) {
      reader.warn({ key, code: 'reserved-key', message: `${formatKey(key)} ${known.name} is present: ${known.note}` });
      continue;
    }
    unknownKeys.push(key);
    reader.warn({ key, code: 'unknown-key', message: `${formatKey(key)} is not a factory key of ${map.value.id} (${keyOrigin(key)}); not decoded` });
  }
  reader.checkPayloadAgainstKeys();
  return success({ factoryData: reader.data, warnings: reader.warnings, unknownKeys });
}

/**
 * The same decoding for values from another store (the single-page layout): each value is read as
 * its entry's encoding says, with the same warnings. Integers come as little-endian bytes.
 */
export function decodeFactoryValues(
  values: Iterable<StoredFactoryValue>,
  options: Pick<FactoryDecodeOptions, 'maxLengths'> = {},
): { factoryData: FactoryData; warnings: FactoryWarning[] } {
  const reader = new FactoryReader(options.maxLengths);
  for (const item of values) reader.read(item.entry, item.value, item.where, item.key);
  reader.checkPayloadAgainstKeys();
  return { factoryData: reader.data, warnings: reader.warnings };
}
