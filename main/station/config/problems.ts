/** What validation reports: one problem per broken rule, each a sentence naming the field and what to do. */
import type { ErrorCode } from '../../../preload/contract/errors';

export interface ConfigProblem {
  /** The configuration field path, e.g. "matter.vendorId" or "attestation.trustStore". */
  readonly field: string;
  readonly severity: 'error' | 'warning';
  /** A catalogue code; its `fix` is the general advice, `message` the specific sentence. */
  readonly code: ErrorCode;
  /** One sentence naming the field, what is wrong and what to do. */
  readonly message: string;
  /** Warnings that block until someone accepts them carry this, true once accepted in the configuration. */
  readonly acknowledged?: boolean;
}

export interface ConfigValidation {
  /** No errors, and every warning that needs acknowledgement is acknowledged. */
  readonly valid: boolean;
  readonly problems: readonly ConfigProblem[];
}

export const error = (field: string, code: ErrorCode, message: string): ConfigProblem => ({ field, severity: 'error', code, message: sentence(field, message) });

export const warning = (field: string, code: ErrorCode, message: string, acknowledged?: boolean): ConfigProblem => ({
  field,
  severity: 'warning',
  code,
  message: sentence(field, message),
  ...(acknowledged === undefined ? {} : { acknowledged }),
});

export function isValid(problems: readonly ConfigProblem[]): boolean {
  return problems.every((problem) => problem.severity === 'warning' && problem.acknowledged !== false);
}

/** "field: what; what to do." */
function sentence(field: string, message: string): string {
  const text = `${field}: ${message}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export const hex16 = (value: number) => `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;
export const hex32 = (value: number) => `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
