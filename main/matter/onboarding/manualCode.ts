/**
 * The manual pairing code (matter-credentials.md §4.2): 10 or 20 decimal digits plus a Verhoeff
 * check digit. It carries only the short (4-bit) discriminator and no discovery capabilities.
 *
 *   chunk 1, 1 digit  : bit 2 = VID/PID present (flow ≠ standard), bits 1..0 = discriminator bits 11..10
 *   chunk 2, 5 digits : bits 15..14 = discriminator bits 9..8, bits 13..0 = passcode bits 13..0
 *   chunk 3, 4 digits : passcode bits 26..14
 *   long form only    : VID (5 digits), PID (5 digits)
 *   check digit       : Verhoeff over everything before it
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { CommissioningFlow, type SetupPayload } from './payload';
import { checkDiscriminator, checkFlow, checkPasscode, checkVendorProduct } from './rules';
import { verhoeffCheckDigit, verhoeffValidate } from './verhoeff';

export type ManualCodeInput = Pick<SetupPayload, 'vendorId' | 'productId' | 'flow' | 'discriminator' | 'passcode'>;

export interface ManualCodeContents {
  /** Present only in the 21-digit form. */
  readonly vendorId: number | null;
  readonly productId: number | null;
  /**
   * 0 for the 11-digit form. The 21-digit form only says "not standard": like the SDK's parser we
   * report 2 (custom), although the code may have been made for flow 1 (user intent).
   */
  readonly flow: number;
  readonly shortDiscriminator: number;
  readonly passcode: number;
}

const VID_PID_PRESENT = 1 << 2;

/** 11 digits for the standard flow (even when VID/PID are known), 21 digits otherwise. */
export function encodeManualCode(input: ManualCodeInput): Result<string> {
  const checks: ReadonlyArray<() => Result<unknown>> = [
    () => checkFlow(input.flow),
    () => checkDiscriminator(input.discriminator),
    () => checkPasscode(input.passcode),
    () => (input.flow === CommissioningFlow.Standard ? success(undefined) : checkVendorProduct(input.vendorId, input.productId)),
  ];
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result;
  }
  const long = input.flow !== CommissioningFlow.Standard;
  const short = input.discriminator >> 8;
  const chunk1 = (short >> 2) | (long ? VID_PID_PRESENT : 0);
  const chunk2 = (input.passcode & 0x3fff) | ((short & 0x3) << 14);
  const chunk3 = input.passcode >> 14;
  let digits = `${chunk1}${pad(chunk2, 5)}${pad(chunk3, 4)}`;
  if (long) digits += `${pad(input.vendorId, 5)}${pad(input.productId, 5)}`;
  return success(digits + String(verhoeffCheckDigit(digits)));
}

/** Accepts the code with or without the dashes and spaces labels print ("3497-011-2332"). */
export function decodeManualCode(text: string): Result<ManualCodeContents> {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits) || (digits.length !== 11 && digits.length !== 21)) {
    return failure('MANUAL_CODE_LENGTH_INVALID', `${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)} has ${/^\d*$/.test(digits) ? `${digits.length} digits` : 'characters other than digits, dashes and spaces'}`);
  }
  if (!verhoeffValidate(digits)) {
    return failure('MANUAL_CODE_CHECK_DIGIT', `the last digit is ${digits.at(-1)}, but the first ${digits.length - 1} digits give ${verhoeffCheckDigit(digits.slice(0, -1))}`);
  }
  const chunk1 = Number(digits.slice(0, 1));
  const chunk2 = Number(digits.slice(1, 6));
  const chunk3 = Number(digits.slice(6, 10));
  if (chunk1 > 7) return failure('MANUAL_CODE_MALFORMED', `first digit ${chunk1} is above 7, so this is not a version-1 manual code`);
  const long = (chunk1 & VID_PID_PRESENT) !== 0;
  if (long !== (digits.length === 21)) {
    return failure('MANUAL_CODE_MALFORMED', long ? 'the first digit says VID/PID follow, but the code has only 11 digits' : 'the code has 21 digits, but its first digit says no VID/PID follow');
  }
  if (chunk2 > 0xffff) return failure('MANUAL_CODE_MALFORMED', `digits 2–6 (${digits.slice(1, 6)}) exceed 65535`);
  const passcode = chunk3 * 0x4000 + (chunk2 & 0x3fff);
  const passcodeOk = checkPasscode(passcode);
  if (!passcodeOk.ok) return passcodeOk;
  const shortDiscriminator = ((chunk1 & 0x3) << 2) | (chunk2 >> 14);
  if (!long) return success({ vendorId: null, productId: null, flow: CommissioningFlow.Standard, shortDiscriminator, passcode });

  const vendorId = Number(digits.slice(10, 15));
  const productId = Number(digits.slice(15, 20));
  if (vendorId > 0xffff || productId > 0xffff) {
    return failure('MANUAL_CODE_MALFORMED', `vendor ID ${vendorId} or product ID ${productId} does not fit in 16 bits`);
  }
  const ids = checkVendorProduct(vendorId, productId);
  if (!ids.ok) return ids;
  return success({ vendorId, productId, flow: CommissioningFlow.Custom, shortDiscriminator, passcode });
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
