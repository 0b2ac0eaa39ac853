/**
 * Verhoeff's check digit (dihedral group D5), the last digit of a manual pairing code. It catches
 * every single-digit error and every swap of adjacent digits. Standard tables, as the SDK's
 * Verhoeff10 and Python's stdnum use (matter-credentials.md §4.2).
 */

const MULTIPLY: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/** Row i is the permutation {1,5,7,6,2,8,3,0,9,4} applied i times. */
const PERMUTE: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

const INVERSE: readonly number[] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function checksum(digits: string, firstPosition: number): number {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (digit < 0 || digit > 9) throw new RangeError(`not a decimal digit string: ${digits}`);
    c = MULTIPLY[c]![PERMUTE[(i + firstPosition) % 8]![digit]!]!;
  }
  return c;
}

/** The digit to append to `digits` (a string of 0-9). */
export function verhoeffCheckDigit(digits: string): number {
  return INVERSE[checksum(digits, 1)]!;
}

/** Whether `digits` ends in its correct check digit. */
export function verhoeffValidate(digits: string): boolean {
  return digits.length > 1 && checksum(digits, 0) === 0;
}
