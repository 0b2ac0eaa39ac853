/**
 * What the Lots screen shows, kept pure: status words, labels, the yield, the list order, merging a
 * `lots.changed` event into the list, and the checks a new lot or a rejection gets before sending.
 */
import type { ConfigurationSummary, LotSummary } from '../../../preload/contract/lots';

export type LotStatus = LotSummary['status'];

export const statusLabel: Record<LotStatus, string> = {
  open: 'open',
  running: 'running',
  awaiting_qa: 'awaiting QA',
  approved: 'approved',
  rejected: 'rejected',
  closed: 'closed',
};

/** The first 12 hex digits: enough to compare by eye, as in the CLI's output. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

export function hex16(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function configurationName(configuration: ConfigurationSummary): string {
  return `${configuration.name} v${configuration.version}`;
}

/** The option text in the configuration picker: "name vN (status)". */
export function configurationOption(configuration: ConfigurationSummary): string {
  return `${configurationName(configuration)} (${configuration.status})`;
}

export function yieldText(value: number | null): string {
  if (value === null) return 'none yet';
  return `${(Math.round(value * 1000) / 10).toString()} %`;
}

export function progressText(lot: LotSummary): string {
  return `${lot.passed}/${lot.quantity}`;
}

function newestFirst(a: LotSummary, b: LotSummary): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return b.id - a.id;
}

export function sortLots(lots: readonly LotSummary[]): LotSummary[] {
  return [...lots].sort(newestFirst);
}

/**
 * A changed lot replaces its row (or is added). Its configuration is the newest word on that
 * configuration (an approval freezes it), so other lots made on it show the same status.
 */
export function mergeLot(lots: readonly LotSummary[], changed: LotSummary): LotSummary[] {
  const others = lots
    .filter((lot) => lot.id !== changed.id)
    .map((lot) => (lot.configuration.id === changed.configuration.id ? { ...lot, configuration: changed.configuration } : lot));
  return sortLots([...others, changed]);
}

export function mergeConfiguration(configurations: readonly ConfigurationSummary[], changed: ConfigurationSummary): ConfigurationSummary[] {
  return configurations.map((configuration) => (configuration.id === changed.id ? changed : configuration));
}

/** QA decides on sample lots that finished running. */
export function awaitsDecision(lot: LotSummary): boolean {
  return lot.kind === 'sample' && lot.status === 'awaiting_qa';
}

export const NAME_MAX_LENGTH = 64;
export const NOTES_MAX_LENGTH = 500;
export const QUANTITY_MAX = 1_000_000;

export interface LotDraft {
  readonly name: string;
  readonly kind: LotSummary['kind'];
  readonly configurationId: number | null;
  readonly quantity: string;
  readonly notes: string;
}

export interface LotDraftProblems {
  readonly name: string | null;
  readonly configuration: string | null;
  readonly quantity: string | null;
}

export const noDraftProblems: LotDraftProblems = { name: null, configuration: null, quantity: null };

/** The same limits main applies (preload/contract/lots.ts), said on the field before sending. */
export function checkDraft(draft: LotDraft): LotDraftProblems {
  const quantity = draft.quantity.trim();
  const count = /^[0-9]+$/.test(quantity) ? Number(quantity) : NaN;
  return {
    name: draft.name.trim() === '' ? 'Enter a name for the lot.' : null,
    configuration: draft.configurationId === null ? 'Choose the product configuration the lot is made on.' : null,
    quantity:
      Number.isInteger(count) && count >= 1 && count <= QUANTITY_MAX
        ? null
        : `Enter the number of devices, a whole number from 1 to ${QUANTITY_MAX.toLocaleString('en-US')}.`,
  };
}

export function hasDraftProblems(problems: LotDraftProblems): boolean {
  return problems.name !== null || problems.configuration !== null || problems.quantity !== null;
}

export const REJECT_REASON_PROBLEM = 'Enter the reason for rejecting this lot; it is kept with the decision.';
