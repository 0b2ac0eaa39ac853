/**
 * Orderable part numbers (OPN): "EFR32" + family letters + family number + feature letter + three
 * digits + "F" + flash KiB + temperature letter + package letter + pin count, optionally "-" and a
 * revision/packing suffix (debug-access.md §2.3, worked example EFR32MG24B210F1536IM48).
 */
import { failure, type Result } from '../../../preload/contract/errors';
import { familyLayout, findFamily, SUPPORTED_FAMILIES } from './families';
import {
  completePartInfo,
  DEFAULT_TEMPERATURE_LETTERS,
  PACKAGE_TYPES,
  TEMPERATURE_RANGES,
  type PartInfo,
  type PartOptions,
} from './partInfo';

/** A small cursor over the upper-cased OPN, so every error can say where it went wrong. */
class Cursor {
  position = 0;
  constructor(readonly text: string) {}
  take(pattern: RegExp): string | null {
    pattern.lastIndex = this.position;
    const match = pattern.exec(this.text);
    if (match === null || match.index !== this.position) return null;
    this.position += match[0].length;
    return match[0];
  }
  /** 1-based position for messages. */
  get column(): number {
    return this.position + 1;
  }
  get rest(): string {
    return this.text.slice(this.position);
  }
}

function malformed(cursor: Cursor, what: string): Result<never> {
  const found = cursor.rest === '' ? 'the end of the text' : `"${cursor.rest.slice(0, 8)}"`;
  return failure('PART_NUMBER_MALFORMED', `"${cursor.text}": expected ${what} at position ${cursor.column}, found ${found}`);
}

/**
 * Parse e.g. `EFR32MG24B210F1536IM48` → MG24, Series 2, feature B (Secure Vault), device 210,
 * 1536 KiB, grade I, QFN, 48 pins, with the family's memory layout. Case and surrounding spaces are
 * ignored. Errors name the element that is wrong.
 */
export function parseOrderablePartNumber(text: string, options: PartOptions = {}): Result<PartInfo> {
  if (typeof text !== 'string' || text.trim() === '') return failure('PART_NUMBER_MALFORMED', 'the part number is empty');
  const cursor = new Cursor(text.trim().toUpperCase());

  const prefix = cursor.take(/EF[RM]32/y);
  if (prefix === null) return malformed(cursor, '"EFR32"');
  const letters = cursor.take(/[A-Z]{2}/y);
  if (letters === null) return malformed(cursor, 'two family letters (MG, BG)');
  const numberText = cursor.take(/\d{2}/y);
  if (numberText === null) return malformed(cursor, 'the two-digit family number (24, 21, 12)');
  const familyId = prefix === 'EFR32' ? findFamily(letters, Number(numberText)) : null;
  if (familyId === null) {
    return failure(
      'PART_FAMILY_UNSUPPORTED',
      `${prefix}${letters}${numberText} in "${cursor.text}"; supported: ${SUPPORTED_FAMILIES.map((id) => `EFR32${id}`).join(', ')}`,
    );
  }
  const layout = familyLayout(familyId, options.layout);

  const featureLetters = Object.keys(layout.featureLetters);
  const feature = cursor.take(/[A-Z]/y);
  if (feature === null || !featureLetters.includes(feature)) {
    if (feature !== null) cursor.position -= 1;
    return malformed(cursor, `the feature letter (${featureLetters.join(', ')} on EFR32${familyId})`);
  }
  const digits = cursor.take(/\d{3}/y);
  if (digits === null) return malformed(cursor, 'the three-digit device number');
  if (cursor.take(/F/y) === null) return malformed(cursor, '"F" and the flash size in KiB');
  const flashText = cursor.take(/[1-9]\d{0,4}/y);
  if (flashText === null) return malformed(cursor, 'the flash size in KiB after "F"');

  const temperatureLetters = options.temperatureLetters ?? DEFAULT_TEMPERATURE_LETTERS;
  const temperatureLetter = cursor.take(/[A-Z]/y);
  if (temperatureLetter === null) return malformed(cursor, 'the temperature letter (G, I)');
  const grade = temperatureLetters[temperatureLetter];
  if (grade === undefined) {
    return failure(
      'PART_TEMPERATURE_GRADE_UNKNOWN',
      `"${cursor.text}": temperature letter "${temperatureLetter}" at position ${cursor.column - 1}; known: ${Object.keys(temperatureLetters).join(', ')}`,
    );
  }
  const packageLetter = cursor.take(/[A-Z]/y);
  const packageType = packageLetter === null ? undefined : PACKAGE_TYPES[packageLetter];
  if (packageLetter === null || packageType === undefined) {
    if (packageLetter !== null) cursor.position -= 1;
    return malformed(cursor, 'the package letter (J = WLCSP, L = BGA, M = QFN, Q = QFP)');
  }
  const pinsText = cursor.take(/[1-9]\d{0,2}/y);
  if (pinsText === null) return malformed(cursor, 'the pin count');
  let suffix: string | null = null;
  if (cursor.take(/-/y) !== null) {
    suffix = cursor.take(/[A-Z0-9]{1,8}/y);
    if (suffix === null) return malformed(cursor, 'a revision or packing suffix after "-"');
  }
  if (cursor.rest !== '') return malformed(cursor, 'the end of the part number');

  return completePartInfo(
    {
      family: familyId,
      featureLetter: feature,
      deviceNumber: Number(digits),
      flashKiB: Number(flashText),
      temperature: { letter: temperatureLetter, grade, range: TEMPERATURE_RANGES[grade] ?? null },
      package: { letter: packageLetter, type: packageType },
      pins: Number(pinsText),
      suffix,
      sramKiB: null,
      productionRevision: null,
      eui64: null,
    },
    options,
  );
}
