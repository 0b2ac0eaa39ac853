/**
 * One byte-exact serialisation for hashing: JSON with object keys sorted (by UTF-16 code unit, as
 * Array.prototype.sort does), no whitespace, undefined properties left out. Configuration content
 * hashes and the event hash chain both depend on it, so an outside verifier can reproduce them with
 * any JSON library that can sort keys.
 */
import { createHash } from 'node:crypto';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

export function canonicalJson(value: unknown): string {
  return serialise(value, '$');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function serialise(value: unknown, at: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    // JSON.stringify would quietly turn NaN and Infinity into null, changing what was recorded.
    if (!Number.isFinite(value)) throw new TypeError(`${at} is ${value}, which JSON cannot hold`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, index) => serialise(item, `${at}[${index}]`)).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${serialise(item, `${at}.${key}`)}`).join(',')}}`;
  }
  throw new TypeError(`${at} is a ${describe(value)}, which JSON cannot hold`);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}
