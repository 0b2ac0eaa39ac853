/**
 * A configuration as the window edits it — a draft: the product configuration JSON
 * (docs/product-configuration.md) with every file reference a stored file id (fileLibrary.ts).
 * Checking a draft maps the ids to the library's paths and runs the format's schema, then — when the
 * shape is right and every file is there — every rule of validate.ts, so the editor shows exactly what
 * saving would refuse, each problem on its field ("matter.vendorId", "attestation.trustStore.0").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ConfigDraft, ConfigProblemView, DraftCheck } from '../../preload/contract/configs';
import type { AppErrorInfo } from '../../preload/contract/errors';
import type { StoredFile } from '../../preload/contract/files';
import { checkDeviceRules, describeIssues, fieldPath, loadConfigInputs, productConfigSchema, readPaiScope, validateConfig, type ConfigInputs, type ConfigProblem, type ProductConfig } from '../station/config';
import { registerFile, storedFile } from './fileLibrary';
import { CERTIFICATE_FILE_EXTENSIONS } from './trustStoreFolders';

type Segment = string | number;

/** The fields that name one file, and the two lists of files, with what the editor calls each. */
const FILE_FIELDS: ReadonlyArray<{ readonly path: readonly string[]; readonly label: string; readonly list?: true }> = [
  { path: ['agent', 'file'], label: 'provisioning agent image' },
  { path: ['productionFirmware', 'file'], label: 'production firmware image' },
  { path: ['attestation', 'paiCertificate'], label: 'PAI certificate' },
  { path: ['attestation', 'paiKey', 'file'], label: 'PAI private key' },
  { path: ['attestation', 'trustStore'], label: 'PAA certificate', list: true },
  { path: ['attestation', 'certificationDeclaration'], label: 'Certification Declaration' },
  { path: ['attestation', 'cdSigningCertificates'], label: 'CD signing certificate', list: true },
];

/** "attestation.trustStore[0]" (the format's messages) → "attestation.trustStore.0" (the contract's field paths); the whole configuration is "". */
export function contractField(field: string): string {
  return field === '(configuration)' ? '' : field.replace(/\[(\d+)\]/g, '.$1');
}

export function fileLabel(field: string): string | null {
  const match = FILE_FIELDS.find((entry) => (entry.list === true ? new RegExp(`^${entry.path.join('\\.')}\\.\\d+$`) : new RegExp(`^${entry.path.join('\\.')}$`)).test(field));
  return match?.label ?? null;
}

function getIn(value: unknown, segments: readonly Segment[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<Segment, unknown>)[segment];
  }
  return current;
}

/** A copy of `draft` with each file reference (a string in a file field) replaced by `map(field, reference)`. */
export function mapFileFields(draft: Readonly<Record<string, unknown>>, map: (field: string, reference: string) => string): ConfigDraft {
  const copy = structuredClone(draft) as ConfigDraft;
  for (const entry of FILE_FIELDS) {
    const parent = getIn(copy, entry.path.slice(0, -1));
    const key = entry.path[entry.path.length - 1] as string;
    if (parent === null || typeof parent !== 'object') continue;
    const holder = parent as Record<string, unknown>;
    const value = holder[key];
    const field = entry.path.join('.');
    if (entry.list === true && Array.isArray(value)) holder[key] = value.map((item: unknown, index) => (typeof item === 'string' ? map(`${field}.${index}`, item) : item));
    else if (entry.list !== true && typeof value === 'string') holder[key] = map(field, value);
  }
  return copy;
}

const view = (problem: ConfigProblem): ConfigProblemView => ({
  field: contractField(problem.field),
  severity: problem.severity,
  code: problem.code,
  message: problem.message,
  ...(problem.acknowledged === undefined ? {} : { acknowledged: problem.acknowledged }),
});

const errorOn = (field: string, code: string, message: string): ConfigProblemView => ({ field, severity: 'error', code, message: /[.!?]$/.test(message) ? message : `${message}.` });

/** Schema issues as field problems; an empty file field says no file is chosen. */
function shapeProblems(issues: readonly z.core.$ZodIssue[]): ConfigProblemView[] {
  return issues.flatMap((issue) => {
    const split = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ ...issue, path: [...issue.path, key], keys: [] })) : [issue];
    return split.map((one) => {
      const field = contractField(fieldPath(one.path));
      const label = fileLabel(field);
      if (label !== null && (one.code === 'too_small' || one.code === 'invalid_type')) return errorOn(field, 'CONFIG_FILE_MISSING', `${field}: no file is chosen; choose the ${label}`);
      const sentence = issue.code === 'unrecognized_keys' ? `${field}: not a field of this format; remove it or check its spelling.` : (describeIssues([one])[0] ?? `${field}: ${one.message}`);
      return errorOn(field, 'CONFIG_INVALID', sentence);
    });
  });
}

/** A failure of loadConfigInputs ("attestation.trustStore[0]: … cannot be read") on its field. */
function loadProblem(error: AppErrorInfo): ConfigProblemView {
  const detail = error.detail ?? error.message;
  const match = /^([A-Za-z.[\]0-9]+): /.exec(detail);
  const field = match === null ? '' : contractField(match[1] as string);
  return errorOn(field, error.code, `${detail}; choose the file again`);
}

/** Stands in for a file not chosen yet while the rest of the draft is checked; never read. */
const NOT_CHOSEN = '(no file chosen)';

/** For the device rules while files are still missing: they read only the firmware images, absent here. */
const NO_FILE = { field: '', path: '', bytes: new Uint8Array(0) };
const WITHOUT_FILES: ConfigInputs = {
  paiCertificate: NO_FILE,
  paiKey: NO_FILE,
  trustStore: { sources: [], rejected: [] },
  certificationDeclaration: NO_FILE,
  cdSigningCertificates: [],
  agentImage: null,
  productionFirmware: null,
  fileDigests: {},
};

export interface CheckedDraft {
  readonly check: DraftCheck;
  /** The configuration with the library's absolute paths, when its shape is right and every file was found. */
  readonly config: ProductConfig | null;
}

export async function checkDraft(userDataDir: string, draft: Readonly<Record<string, unknown>>, now: Date): Promise<CheckedDraft> {
  const problems: ConfigProblemView[] = [];
  const files: Record<string, StoredFile> = {};
  const names = new Map<string, string>();
  const unknownFiles = new Set<string>();
  const resolved = mapFileFields(withoutStrayAgentFile(draft), (field, id) => {
    if (id === '') return id;
    const found = storedFile(userDataDir, id);
    if (!found.ok) {
      unknownFiles.add(field);
      problems.push(errorOn(field, 'FILE_NOT_IN_LIBRARY', `${field}: ${found.error.detail ?? id} is not in this station's file library; choose the ${fileLabel(field) ?? 'file'} again`));
      return id;
    }
    const { path: stored, ...file } = found.value;
    files[field] = file;
    names.set(stored, file.name);
    return stored;
  });

  // Empty file fields are said once here ("no file is chosen"); a stand-in lets the schema and the
  // device rules look at everything else meanwhile.
  const missing = new Set<string>();
  const standIn = mapFileFields(resolved, (field, reference) => {
    if (reference !== '') return reference;
    missing.add(field);
    problems.push(errorOn(field, 'CONFIG_FILE_MISSING', `${field}: no file is chosen; choose the ${fileLabel(field) ?? 'file'}`));
    return NOT_CHOSEN;
  });
  const attestation = getIn(standIn, ['attestation']) as Record<string, unknown> | undefined;
  if (Array.isArray(attestation?.trustStore) && attestation.trustStore.length === 0) {
    missing.add('attestation.trustStore');
    problems.push(errorOn('attestation.trustStore', 'CONFIG_FILE_MISSING', 'attestation.trustStore: no PAA certificate is chosen; add the PAA that issued your PAI'));
    attestation.trustStore = [NOT_CHOSEN];
  }

  const parsed = productConfigSchema.safeParse(standIn);
  if (!parsed.success) problems.push(...shapeProblems(parsed.error.issues).filter((problem) => !unknownFiles.has(problem.field)));
  let config: ProductConfig | null = null;
  if (parsed.success && unknownFiles.size === 0 && missing.size === 0) {
    const inputs = loadConfigInputs(parsed.data, '/');
    if (!inputs.ok) problems.push(loadProblem(inputs.error));
    else {
      problems.push(...(await validateConfig(parsed.data, inputs.value, { now })).problems.map(view));
      config = parsed.data;
    }
  } else if (parsed.success) {
    problems.push(...checkDeviceRules(parsed.data, WITHOUT_FILES).map(view));
  }

  // The window knows files by the names they were picked with, not by the library's paths.
  const named = problems.map((problem) => {
    let message = problem.message;
    for (const [stored, name] of names) message = message.split(stored).join(`"${name}"`);
    return { ...problem, message };
  });
  const valid = config !== null && named.every((problem) => problem.severity === 'warning' && problem.acknowledged !== false);
  return { check: { valid, problems: named, files, paiScope: paiScopeOf(files['attestation.paiCertificate'], userDataDir) }, config };
}

/** An editor switching agent.source away from "image" may leave its file behind; only an image has one. */
function withoutStrayAgentFile(draft: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const agent = draft.agent;
  if (agent === null || typeof agent !== 'object' || !('file' in agent) || (agent as Record<string, unknown>).source === 'image') return draft;
  const { file: _stray, ...rest } = agent as Record<string, unknown>;
  return { ...draft, agent: rest };
}

/** What the chosen PAI fixes, as soon as it is chosen (whatever else the draft still lacks). */
function paiScopeOf(file: StoredFile | undefined, userDataDir: string): DraftCheck['paiScope'] {
  if (file === undefined) return null;
  const found = storedFile(userDataDir, file.id);
  if (!found.ok) return null;
  try {
    const scope = readPaiScope(new Uint8Array(fs.readFileSync(found.value.path)));
    return scope.ok ? { vendorId: scope.value.vendorId, productId: scope.value.productId } : null;
  } catch {
    return null;
  }
}

/** Every blocking problem, one sentence each: CONFIG_INVALID's detail when saving is refused. */
export function blockingSentences(check: DraftCheck): string {
  return check.problems
    .filter((problem) => problem.severity === 'error' || problem.acknowledged === false)
    .map((problem) => problem.message)
    .join(' ');
}

export interface FileNotKept {
  readonly field: string;
  readonly reference: string;
  readonly reason: string;
}

/**
 * A configuration whose file references are paths (a saved one: absolute; an import: relative to
 * `baseDir`) as a draft: each file kept in the library by content and named by its id. A trust store
 * folder becomes its certificate files. A file that cannot be kept leaves its field empty and is listed.
 */
export function draftFromConfig(userDataDir: string, config: Readonly<Record<string, unknown>>, baseDir: string): { draft: ConfigDraft; notKept: FileNotKept[] } {
  const notKept: FileNotKept[] = [];
  const attestation = getIn(config, ['attestation']);
  const trustStore = getIn(attestation, ['trustStore']);
  const expanded =
    Array.isArray(trustStore) && attestation !== null && typeof attestation === 'object'
      ? { ...config, attestation: { ...attestation, trustStore: trustStore.flatMap((entry: unknown) => (typeof entry === 'string' ? folderOrFile(path.resolve(baseDir, entry)) : [entry])) } }
      : config;
  const draft = mapFileFields(expanded, (field, reference) => {
    if (reference === '') return '';
    const kept = registerFile(userDataDir, path.resolve(baseDir, reference));
    if (kept.ok) return kept.value.id;
    notKept.push({ field, reference, reason: kept.error.detail ?? kept.error.message });
    return '';
  });
  return { draft, notKept };
}

/** A folder's certificate files (top level, sorted), or the path itself. */
function folderOrFile(reference: string): string[] {
  try {
    if (!fs.statSync(reference).isDirectory()) return [reference];
  } catch {
    return [reference];
  }
  return certificateFiles(reference);
}

/** Certificate files at the top of `folder` (sorted by name); none when it does not exist. */
export function certificateFiles(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && CERTIFICATE_FILE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()))
      .map((entry) => path.join(folder, entry.name))
      .sort();
  } catch {
    return [];
  }
}
