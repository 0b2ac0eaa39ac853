/**
 * Reading a product configuration file: JSON, then the schema. Every problem becomes one sentence
 * that starts with the field path ("matter.vendorId: expected a whole number 0–65535"), so an
 * engineer can fix them all in one pass; the sentences travel in CONFIG_INVALID's detail.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { failure, success, type Result } from '../../../preload/contract/errors';
import { productConfigSchema, type ProductConfig } from './schema';

/** A configuration is a few kilobytes; anything much larger is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  readonly config: ProductConfig;
  /** The folder relative file references start from. */
  readonly baseDir: string;
}

export function loadConfigFile(file: string): Result<LoadedConfig> {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_CONFIG_BYTES) return failure('FILE_UNREADABLE', `product configuration ${file}: ${size} bytes is larger than the ${MAX_CONFIG_BYTES}-byte limit`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return failure('FILE_UNREADABLE', `product configuration ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseConfigText(text, file);
  return parsed.ok ? success({ config: parsed.value, baseDir: path.dirname(path.resolve(file)) }) : parsed;
}

/** JSON text → a checked configuration; `source` names the text in the detail. */
export function parseConfigText(text: string, source = 'product configuration'): Result<ProductConfig> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return failure('CONFIG_MALFORMED', `${source}: ${jsonErrorWhere(text, error)}`);
  }
  return parseConfigValue(json, source);
}

export function parseConfigValue(value: unknown, source = 'product configuration'): Result<ProductConfig> {
  const checked = productConfigSchema.safeParse(value);
  if (checked.success) return success(checked.data);
  return failure('CONFIG_INVALID', `${source}: ${describeIssues(checked.error.issues).join(' ')}`);
}

/** One sentence per issue, each ending with a full stop. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${fieldPath([...issue.path, key])}: not a field of this format; remove it or check its spelling.`);
    }
    return [`${fieldPath(issue.path)}: ${describeIssue(issue)}.`];
  });
}

/** "attestation.trustStore[0]"; the whole document is "(configuration)". */
export function fieldPath(segments: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(configuration)' : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // Messages the schema words itself ("expected a whole number 0–65535") are used as they are.
  const own = /^expected /.test(issue.message) ? issue.message : null;
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return `missing; ${own ?? `expected ${article(issue.expected)}`}`;
      return own ?? `expected ${article(issue.expected)}`;
    case 'invalid_value':
      return own ?? `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'invalid_union':
      if (own !== null) return own;
      if ('options' in issue && Array.isArray(issue.options)) return `expected one of ${issue.options.map((value) => JSON.stringify(value)).join(', ')}`;
      return 'does not match any accepted form';
    case 'too_small':
      if (own !== null) return own;
      if (issue.origin === 'array') return `expected at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'must not be empty' : `expected at least ${String(issue.minimum)} characters`;
      return `expected at least ${String(issue.minimum)}`;
    case 'too_big':
      if (own !== null) return own;
      if (issue.origin === 'string') return `expected at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `expected at most ${String(issue.maximum)} entries`;
      return `expected at most ${String(issue.maximum)}`;
    default:
      return own ?? issue.message.replace(/\.$/, '');
  }
}

function article(type: string): string {
  return type === 'object' || type === 'array' || type === 'int' ? `an ${type === 'int' ? 'integer' : type}` : `a ${type}`;
}

/** Node's JSON.parse messages carry a position; say line and column instead. */
function jsonErrorWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(message);
  if (match === null) return `not valid JSON (${message})`;
  const position = Number(match[1]);
  const before = text.slice(0, position).split('\n');
  return `not valid JSON at line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1} (${message})`;
}
