/**
 * The editor's view of a draft: the product configuration JSON (docs/product-configuration.md) with
 * stored file ids for file references, read and changed by field path ("matter.vendorId",
 * "attestation.trustStore.0"). Main owns every rule; this only moves values in and out of inputs
 * and puts main's problems next to the input they are about.
 */
import type { ConfigDraft, ConfigProblemView, DraftCheck } from '../../../preload/contract';

function segments(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

/** "attestation.trustStore[0]" → "attestation.trustStore.0": main may name array items either way. */
export function normalizePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

export function getAt(draft: ConfigDraft, path: string): unknown {
  let node: unknown = draft;
  for (const key of segments(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of the draft with the value at `path` replaced; `undefined` removes the key (an optional field left empty). */
export function setAt(draft: ConfigDraft, path: string, value: unknown): ConfigDraft {
  const [key, ...rest] = segments(path);
  if (key === undefined) return draft;
  const copy: Record<string, unknown> = Array.isArray(draft) ? ([...draft] as unknown as Record<string, unknown>) : { ...draft };
  if (rest.length === 0) {
    if (value === undefined && !Array.isArray(draft)) delete copy[key];
    else copy[key] = value;
    return copy;
  }
  const child = copy[key];
  const next = child !== null && typeof child === 'object' ? (child as ConfigDraft) : {};
  copy[key] = setAt(next, rest.join('.'), value);
  return copy;
}

/** Accepts "0xFFF1", "FFF1" or "fff1". */
export function parseHex(text: string): number | null {
  const digits = text.trim().replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,8}$/i.test(digits)) return null;
  return Number.parseInt(digits, 16);
}

export function formatHex(value: number, width = 4): string {
  return `0x${value.toString(16).toUpperCase().padStart(width, '0')}`;
}

export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

export function blocks(problem: ConfigProblemView): boolean {
  return problem.severity === 'error' || problem.acknowledged === false;
}

export function blockingCount(check: DraftCheck | null): number {
  return check === null ? 0 : check.problems.filter(blocks).length;
}

export interface PlacedProblems {
  /** Problems by the input path that shows them. */
  readonly byField: ReadonlyMap<string, readonly ConfigProblemView[]>;
  /** Problems on the whole configuration or on a field no input shows. */
  readonly unplaced: readonly ConfigProblemView[];
}

/**
 * Each problem goes to the input whose path (or one of its aliases) is the problem's path or the
 * longest prefix of it ("attestation.trustStore.0" → the trust-store list); the rest to the summary.
 */
export function placeProblems(problems: readonly ConfigProblemView[], inputs: readonly FieldInput[]): PlacedProblems {
  const byField = new Map<string, ConfigProblemView[]>();
  const unplaced: ConfigProblemView[] = [];
  for (const problem of problems) {
    const field = normalizePath(problem.field);
    let best: { path: string; length: number } | null = null;
    if (field !== '') {
      for (const input of inputs) {
        for (const candidate of [input.path, ...(input.aliases ?? [])]) {
          const matches = field === candidate || field.startsWith(`${candidate}.`);
          if (matches && (best === null || candidate.length > best.length)) best = { path: input.path, length: candidate.length };
        }
      }
    }
    if (best === null) unplaced.push(problem);
    else byField.set(best.path, [...(byField.get(best.path) ?? []), problem]);
  }
  return { byField, unplaced };
}

export interface FieldInput {
  readonly path: string;
  /** Other paths whose problems this input shows (e.g. the union "agent" for the agent source). */
  readonly aliases?: readonly string[];
  /** Whether the editor shows this input for this draft; shown always when absent. */
  readonly shown?: (draft: ConfigDraft, problems: readonly ConfigProblemView[]) => boolean;
}

/** The Secure Vault acceptance appears with the warning that needs it, and stays while it is ticked. */
export function acceptanceShown(draft: ConfigDraft, problems: readonly ConfigProblemView[]): boolean {
  return getAt(draft, 'security.acknowledgeHostKeyOnSecureVault') === true || problems.some((problem) => problem.acknowledged !== undefined);
}

const agentImage = (draft: ConfigDraft) => getAt(draft, 'agent.source') === 'image';
const productionFirmware = (draft: ConfigDraft) => getAt(draft, 'productionFirmware') != null;

/** The inputs shown for this draft: problems are only placed on what the engineer can see. */
export function shownInputs(draft: ConfigDraft, problems: readonly ConfigProblemView[]): FieldInput[] {
  return editorInputs.filter((input) => input.shown === undefined || input.shown(draft, problems));
}

/**
 * Every input of the editor, in the order they appear. Problems are placed against this list, so
 * a field the editor shows must be here, and a problem on anything else reaches the summary.
 */
export const editorInputs: readonly FieldInput[] = [
  { path: 'name', aliases: ['format', 'version'] },
  { path: 'part' },
  { path: 'matter.vendorId' },
  { path: 'matter.productId' },
  { path: 'matter.vendorName' },
  { path: 'matter.productName' },
  { path: 'matter.productLabel' },
  { path: 'matter.productUrl' },
  { path: 'matter.partNumber' },
  { path: 'matter.hardwareVersion' },
  { path: 'matter.hardwareVersionString' },
  { path: 'matter.commissioningFlow' },
  { path: 'matter.discoveryCapabilities' },
  { path: 'storage' },
  { path: 'keyMode' },
  { path: 'agent.source', aliases: ['agent'] },
  { path: 'security.acknowledgeHostKeyOnSecureVault', shown: acceptanceShown },
  { path: 'agent.file', shown: agentImage },
  { path: 'agent.baseAddress', shown: agentImage },
  { path: 'productionFirmware' },
  { path: 'productionFirmware.file', shown: productionFirmware },
  { path: 'productionFirmware.baseAddress', shown: productionFirmware },
  { path: 'commissioning.discriminator.mode', aliases: ['commissioning.discriminator'] },
  { path: 'commissioning.discriminator.value', shown: (draft) => getAt(draft, 'commissioning.discriminator.mode') === 'fixed' },
  { path: 'commissioning.spake2pIterations' },
  { path: 'commissioning.saltLength' },
  { path: 'commissioning.serialNumberPattern' },
  { path: 'attestation.dcl' },
  { path: 'attestation.paiCertificate' },
  { path: 'attestation.paiKey.file', aliases: ['attestation.paiKey'] },
  { path: 'attestation.trustStore' },
  { path: 'attestation.certificationDeclaration' },
  { path: 'attestation.cdSigningCertificates' },
  { path: 'attestation.dacValidity.kind', aliases: ['attestation.dacValidity'] },
  { path: 'attestation.dacValidity.days', shown: (draft) => getAt(draft, 'attestation.dacValidity.kind') === 'days' },
  { path: 'security.debugLock' },
  { path: 'label.template', aliases: ['label'] },
  { path: 'label.format' },
];

/** A test id from a field path: "matter.vendorId" → "config-matter-vendorId". */
export function fieldTestId(path: string): string {
  return `config-${path.replace(/\./g, '-')}`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function asStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
