/** The `image build --data` JSON: its zod schema (one sentence per problem, naming the field) and reading it. */
import { z } from 'zod';
import { appError, type Result } from '../../../../preload/contract/errors';
import type { FirmwareFormat } from '../../../firmware';
import { passcodeProblem } from '../../../matter/onboarding';
import type { CredentialName } from '../../../silabs/credentialsPage';
import { decodeBase64Strict, silabsFactoryKeyMapV1, type FactoryField } from '../../../silabs/factoryData';
import { readInputFile } from '../../arguments';
import { MAX_DATA_BYTES } from './shared';

// The --data JSON

type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; problem: string };

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A required field: absent (or null) is "is required"; otherwise the check's sentence. */
function required<T>(check: Check<T>) {
  return z.unknown().transform((value, ctx): T => {
    if (value === undefined || value === null) {
      ctx.addIssue({ code: 'custom', message: 'is required' });
      return z.NEVER;
    }
    const result = check(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.problem });
      return z.NEVER;
    }
    return result.value;
  });
}

/** An optional field: absent or null means "not given". */
function optional<T>(check: Check<T>) {
  return z
    .unknown()
    .transform((value, ctx): T | undefined => {
      if (value === undefined || value === null) return undefined;
      const result = check(value);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.problem });
        return z.NEVER;
      }
      return result.value;
    })
    .optional();
}

function wholeNumber(min: number, max: number, extra?: (value: number) => string | undefined): Check<number> {
  const range = `a whole number from ${min} to ${max} (a JSON number, or "0x…" hex text)`;
  return (value) => {
    let parsed = Number.NaN;
    if (typeof value === 'number') parsed = value;
    else if (typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value.trim())) parsed = Number.parseInt(value.trim().slice(2), 16);
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) return { ok: false, problem: `expected ${range}, got ${shown(value)}` };
    const problem = extra?.(parsed);
    return problem === undefined ? { ok: true, value: parsed } : { ok: false, problem };
  };
}

const maxBytes = (field: FactoryField): number | undefined => silabsFactoryKeyMapV1.entries.find((entry) => entry.field === field)?.maxLength;

function text(field: FactoryField): Check<string> {
  const limit = maxBytes(field);
  return (value) => {
    if (typeof value !== 'string') return { ok: false, problem: `expected text, got ${shown(value)}` };
    if (value.includes('\0')) return { ok: false, problem: 'contains a NUL character, where the firmware would cut the text' };
    const length = Buffer.byteLength(value, 'utf8');
    if (limit !== undefined && length > limit) return { ok: false, problem: `is ${length} bytes of UTF-8; the firmware takes at most ${limit}` };
    return { ok: true, value };
  };
}

const date: Check<string> = (value) => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return { ok: false, problem: `expected a date as YYYY-MM-DD, got ${shown(value)}` };
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) return { ok: false, problem: `${value} is not a calendar date` };
  return { ok: true, value };
};

function base64(min: number, max: number): Check<string> {
  const size = min === max ? `${min}` : `${min} to ${max}`;
  return (value) => {
    if (typeof value !== 'string') return { ok: false, problem: `expected base64 text, got ${shown(value)}` };
    const bytes = decodeBase64Strict(value.trim());
    if (bytes === null) return { ok: false, problem: 'is not standard padded base64 (A-Z a-z 0-9 + /, padded with =)' };
    if (bytes.length < min || bytes.length > max) return { ok: false, problem: `decodes to ${bytes.length} bytes; it must be ${size}` };
    return { ok: true, value: value.trim() };
  };
}

function hexBytes(min: number, max: number): Check<Uint8Array> {
  return (value) => {
    const compact = typeof value === 'string' ? value.trim().replace(/^0x/i, '').replace(/[\s:]/g, '') : '';
    if (typeof value !== 'string' || !/^(?:[0-9a-f]{2})+$/i.test(compact)) return { ok: false, problem: `expected an even number of hex digits, got ${shown(value)}` };
    const bytes = new Uint8Array(Buffer.from(compact, 'hex'));
    if (bytes.length < min || bytes.length > max) return { ok: false, problem: `is ${bytes.length} bytes; it must be ${min} to ${max}` };
    return { ok: true, value: bytes };
  };
}

const filePath: Check<string> = (value) =>
  typeof value === 'string' && value.trim().length > 0 ? { ok: true, value } : { ok: false, problem: `expected a file path (relative to the data file), got ${shown(value)}` };

/** The --data document. Names as docs/factory-image.md lists them; anything else is refused. */
export const imageDataSchema = z.strictObject({
  vendorId: required(wholeNumber(0, 0xffff)),
  productId: required(wholeNumber(0, 0xffff)),
  vendorName: optional(text('vendorName')),
  productName: optional(text('productName')),
  productLabel: optional(text('productLabel')),
  productUrl: optional(text('productUrl')),
  partNumber: optional(text('partNumber')),
  hardwareVersion: optional(wholeNumber(0, 0xffff)),
  hardwareVersionString: optional(text('hardwareVersionString')),
  serialNumber: optional(text('serialNumber')),
  manufacturingDate: optional(date),
  discriminator: required(wholeNumber(0, 0xfff)),
  passcode: required(wholeNumber(0, 0x7ff_ffff, passcodeProblem)),
  spake2pIterations: required(wholeNumber(1000, 100_000)),
  spake2pSalt: required(base64(16, 32)),
  spake2pVerifier: optional(base64(97, 97)),
  uniqueId: optional(hexBytes(1, 16)),
  commissioningFlow: optional(wholeNumber(0, 2)),
  discoveryCapabilities: optional(wholeNumber(0, 0xff)),
  keyId: optional(wholeNumber(0, 0xffff_ffff)),
  dacCert: required(filePath),
  paiCert: required(filePath),
  cd: required(filePath),
  dacKey: optional(filePath),
});

export type ImageData = z.output<typeof imageDataSchema>;

/** One sentence per problem, each naming its field. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}; the accepted names are listed in docs/factory-image.md.`;
      const field = issue.path.length === 0 ? 'the document' : issue.path.map(String).join('.');
      return `${field}${issue.message.startsWith('is ') ? ' ' : ': '}${issue.message}.`;
    })
    .join(' ');
}

export function readData(file: string): Result<ImageData> {
  const bytes = readInputFile(file, 'factory data', MAX_DATA_BYTES);
  if (!bytes.ok) return bytes;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.value).replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, error: appError('FACTORY_DATA_INVALID', `${file}: not JSON (${error instanceof Error ? error.message : String(error)})`) };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, error: appError('FACTORY_DATA_INVALID', `${file}: the document is not a JSON object.`) };
  const parsed = imageDataSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: appError('FACTORY_DATA_INVALID', `${file}: ${describeIssues(parsed.error.issues)}`) };
  return { ok: true, value: parsed.data };
}

/** What `image build` writes, by extension (S-record as S37, as Simplicity Commander writes it). */
export const OUTPUT_FORMATS: Readonly<Record<string, FirmwareFormat>> = { bin: 'binary', hex: 'intel-hex', s37: 'srec' };

export const FILE_FIELDS: Readonly<Record<CredentialName, 'dacCert' | 'paiCert' | 'cd'>> = { dac: 'dacCert', pai: 'paiCert', cd: 'cd' };
