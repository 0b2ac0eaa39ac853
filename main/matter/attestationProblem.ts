/**
 * One finding of a device-attestation check (DAC, PAI, PAA or CD): a catalogue code with its
 * sentence and the specifics. Shared by the certificate and the Certification Declaration checks.
 */
import type { ErrorCode } from '../../preload/contract/errors';
import { errorCatalogue } from '../../preload/contract/errors';

export interface AttestationProblem { readonly code: ErrorCode; readonly message: string; readonly detail?: string }

/** Builds a problem from the catalogue: the code's sentence, plus the specifics in `detail`. */
export function problem(code: ErrorCode, detail?: string): AttestationProblem {
  const message = errorCatalogue[code].message;
  return detail === undefined ? { code, message } : { code, message, detail };
}
