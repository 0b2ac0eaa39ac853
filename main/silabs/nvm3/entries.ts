/** Checks what callers ask to write and turns it into objects for the placement engine. */
import type { Result } from '../../../preload/contract/errors';
import { failure, success } from '../../../preload/contract/errors';
import { hex, MAX_KEY } from './format';
import { MAX_ERASE_COUNT } from './pageHeader';
import type { PlacedObject } from './placement';
import { counterBody } from './placement';
import { DEFAULT_MAX_OBJECT_SIZE, MAX_OBJECT_SIZE_HIGH, MAX_OBJECT_SIZE_LOW } from './thresholds';
import type { Nvm3Entry, Nvm3Object, Nvm3WriteOptions } from './types';

export function checkMaxObjectSize(options: Nvm3WriteOptions | undefined): Result<number> {
  const size = options?.maxObjectSize ?? DEFAULT_MAX_OBJECT_SIZE;
  if (!Number.isInteger(size) || size < MAX_OBJECT_SIZE_LOW || size > MAX_OBJECT_SIZE_HIGH) {
    return failure('NVM3_OPTION_INVALID', `maxObjectSize ${String(size)} is outside ${MAX_OBJECT_SIZE_LOW}..${MAX_OBJECT_SIZE_HIGH}`);
  }
  return success(size);
}

export function checkEraseCount(eraseCount: number, name: string): Result<number> {
  if (!Number.isInteger(eraseCount) || eraseCount < 0 || eraseCount > MAX_ERASE_COUNT) {
    return failure('NVM3_OPTION_INVALID', `${name} ${String(eraseCount)} is outside 0..${MAX_ERASE_COUNT}`);
  }
  return success(eraseCount);
}

/** Validates one entry; `deleted` entries become deleted markers. */
export function toPlaced(entry: Nvm3Entry, maxObjectSize: number): Result<PlacedObject> {
  const { key } = entry;
  if (!Number.isInteger(key) || key < 0 || key > MAX_KEY) return failure('NVM3_KEY_INVALID', `key ${String(key)}`);
  switch (entry.type) {
    case 'data':
      if (!(entry.value instanceof Uint8Array)) return failure('NVM3_OPTION_INVALID', `key ${hex(key)}: the value is not a byte array`);
      if (entry.value.length > maxObjectSize) {
        return failure('NVM3_VALUE_TOO_LARGE', `key ${hex(key)}: ${entry.value.length} bytes, the maximum object size is ${maxObjectSize}`);
      }
      return success({ key, kind: 'data', payload: entry.value });
    case 'counter':
      if (!Number.isInteger(entry.value) || entry.value < 0 || entry.value > 0xffff_ffff) {
        return failure('NVM3_OPTION_INVALID', `key ${hex(key)}: counter value ${String(entry.value)} is not a 32-bit unsigned number`);
      }
      return success({ key, kind: 'counter', payload: counterBody(entry.value) });
    case 'deleted':
      return success({ key, kind: 'deleted', payload: new Uint8Array(0) });
    default:
      return failure('NVM3_OPTION_INVALID', `key ${hex(key)}: unknown entry type ${String((entry as { type: unknown }).type)}`);
  }
}

export function toPlacedAll(entries: readonly Nvm3Entry[], maxObjectSize: number): Result<PlacedObject[]> {
  if (!Array.isArray(entries)) return failure('NVM3_OPTION_INVALID', 'the entries are not a list');
  const placed: PlacedObject[] = [];
  for (const entry of entries) {
    const one = toPlaced(entry, maxObjectSize);
    if (!one.ok) return one;
    placed.push(one.value);
  }
  return success(placed);
}

/** An object read back, to be written again unchanged (a counter keeps its raw body, increments included). */
export function fromRead(object: Nvm3Object): PlacedObject {
  return object.type === 'counter'
    ? { key: object.key, kind: 'counter', payload: object.raw }
    : { key: object.key, kind: 'data', payload: object.value };
}
