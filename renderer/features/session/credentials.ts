/**
 * The same rules main applies to a name and a PIN (preload/contract/session.ts), checked before
 * sending so a typing slip gets its sentence on the field instead of a round trip.
 */
export interface CredentialProblems {
  readonly name: string | null;
  readonly pin: string | null;
  readonly pinAgain: string | null;
}

export const noProblems: CredentialProblems = { name: null, pin: null, pinAgain: null };

export const PIN_HINT = '4 to 12 digits.';
export const NAME_MAX_LENGTH = 64;
export const PIN_MAX_LENGTH = 12;

const pinPattern = /^[0-9]{4,12}$/;

export function checkCredentials(name: string, pin: string, pinAgain?: string): CredentialProblems {
  // A mismatch is only worth saying once the first PIN itself is acceptable.
  return {
    name: name.trim() === '' ? 'Enter the operator name.' : null,
    pin: pinPattern.test(pin) ? null : 'The PIN must be 4 to 12 digits only.',
    pinAgain: pinAgain === undefined || pinAgain === pin || !pinPattern.test(pin) ? null : 'The two PINs differ; type the same PIN twice.',
  };
}

export function hasProblems(problems: CredentialProblems): boolean {
  return problems.name !== null || problems.pin !== null || problems.pinAgain !== null;
}
