/**
 * What the Settings screen checks before sending, kept pure: the same rules main applies (main
 * checks again; these only put the sentence on the field at once), and the words it shows.
 */
import type { OperatorRole } from '../../../preload/contract';

/** As main/store/repositories/station.ts: letters, digits and hyphens, 1 to 16. */
const STATION_ID_PATTERN = /^[0-9A-Za-z-]{1,16}$/;
/** As the contract's PIN: 4 to 12 digits. */
const PIN_PATTERN = /^[0-9]{4,12}$/;
export const NAME_MAX_LENGTH = 64;

export const roleLabel: Record<OperatorRole, string> = { technician: 'Technician', qa: 'QA', engineer: 'Engineer' };
export const ROLES: readonly OperatorRole[] = ['technician', 'qa', 'engineer'];

export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Type the operator\'s name.';
  if (trimmed.length > NAME_MAX_LENGTH) return `Use at most ${NAME_MAX_LENGTH} characters.`;
  return null;
}

export function pinProblem(pin: string): string | null {
  if (pin === '') return 'Type a PIN of 4 to 12 digits.';
  return PIN_PATTERN.test(pin) ? null : 'A PIN is 4 to 12 digits, nothing else.';
}

export function stationIdProblem(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return 'Type a station id, e.g. LINE-1.';
  return STATION_ID_PATTERN.test(trimmed) ? null : 'Use 1 to 16 letters, digits or hyphens, e.g. LINE-1.';
}

export function millimetreProblem(value: string, min: number, max: number): string | null {
  const number = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(number)) return `Type a size in millimetres, ${min} to ${max}.`;
  return number < min || number > max ? `Use ${min} to ${max} mm.` : null;
}

/** The J-Link library rule main applies, said for the person typing the path. */
export const JLINK_RULE = 'The full path of SEGGER\'s library file: libjlinkarm.so… (Linux), JLink_x64.dll or JLinkARM.dll (Windows), libjlinkarm….dylib (macOS).';
