/**
 * The validity rules of an onboarding payload (research/matter-credentials.md §4.1 and §4.3, from the
 * SDK's SetupPayload.cpp). Each failure names the field and the rule in `detail`, so the same check
 * serves the CLI, a product configuration and a device read-back.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { KNOWN_DISCOVERY_CAPABILITIES, type SetupPayload } from './payload';

export const PASSCODE_MIN = 1;
/** kSetupPINCodeMaximumValue; the field has 27 bits but Matter stops at 8 decimal digits. */
export const PASSCODE_MAX = 99_999_998;
/** Trivial passcodes IsValidSetupPIN refuses (0 is also below the range). */
export const INVALID_PASSCODES: readonly number[] = [
  0, 11_111_111, 22_222_222, 33_333_333, 44_444_444, 55_555_555, 66_666_666, 77_777_777, 88_888_888, 12_345_678, 87_654_321,
];
export const DISCRIMINATOR_MAX = 0xfff;
/** Vendor IDs above this are reserved; 0 means "not specified" and is allowed in a payload. */
export const VENDOR_ID_MAX = 0xfff4;
export const PRODUCT_ID_MAX = 0xffff;
export const FLOW_MAX = 2;

/**
 * `produce`: building a code for a label (only known capability bits). `consume`: reading a code
 * someone else built (any capability bits, as the SDK's parser allows).
 */
export type ValidationMode = 'produce' | 'consume';

export interface ValidationOptions {
  readonly mode?: ValidationMode;
  /** Capability bits accepted in produce mode (default SoftAP | BLE | OnNetwork). */
  readonly knownCapabilities?: number;
}

const INVALID_PASSCODE_SET = new Set(INVALID_PASSCODES);

/** Why a passcode is refused, or undefined when it is valid. */
export function passcodeProblem(passcode: number): string | undefined {
  if (!Number.isInteger(passcode) || passcode < PASSCODE_MIN || passcode > PASSCODE_MAX) {
    return `passcode ${passcode} is outside ${PASSCODE_MIN}..${PASSCODE_MAX}`;
  }
  if (INVALID_PASSCODE_SET.has(passcode)) {
    return `passcode ${String(passcode).padStart(8, '0')} is one of the trivial values Matter forbids (repeated digits, 12345678, 87654321)`;
  }
  return undefined;
}

export function isValidPasscode(passcode: number): boolean {
  return passcodeProblem(passcode) === undefined;
}

export function checkPasscode(passcode: number): Result<number> {
  const problem = passcodeProblem(passcode);
  return problem === undefined ? success(passcode) : failure('PASSCODE_INVALID', problem);
}

export function checkDiscriminator(discriminator: number): Result<number> {
  return isIntegerIn(discriminator, 0, DISCRIMINATOR_MAX)
    ? success(discriminator)
    : failure('DISCRIMINATOR_OUT_OF_RANGE', `discriminator ${discriminator} is outside 0..4095 (12 bits)`);
}

/** VID 0..0xFFF4 (0 = unspecified); PID 0..0xFFFF, and PID 0 only together with VID 0. */
export function checkVendorProduct(vendorId: number, productId: number): Result<void> {
  if (!isIntegerIn(vendorId, 0, VENDOR_ID_MAX)) {
    return failure('ONBOARDING_VENDOR_ID_INVALID', `vendor ID ${formatId(vendorId)} is outside 0x0000..0xFFF4`);
  }
  if (!isIntegerIn(productId, 0, PRODUCT_ID_MAX)) {
    return failure('ONBOARDING_PRODUCT_ID_INVALID', `product ID ${formatId(productId)} is outside 0x0000..0xFFFF`);
  }
  if (productId === 0 && vendorId !== 0) {
    return failure('ONBOARDING_PRODUCT_ID_INVALID', `product ID 0x0000 is only allowed with vendor ID 0, not with vendor ID ${formatId(vendorId)}`);
  }
  return success(undefined);
}

export function checkFlow(flow: number): Result<number> {
  return isIntegerIn(flow, 0, FLOW_MAX)
    ? success(flow)
    : failure('ONBOARDING_FLOW_INVALID', `commissioning flow ${flow} is not 0 (standard), 1 (user intent) or 2 (custom)`);
}

export function checkCapabilities(capabilities: number, options: ValidationOptions = {}): Result<number> {
  if (!isIntegerIn(capabilities, 0, 0xff)) {
    return failure('ONBOARDING_CAPABILITIES_INVALID', `discovery capabilities ${capabilities} do not fit in 8 bits`);
  }
  const known = options.knownCapabilities ?? KNOWN_DISCOVERY_CAPABILITIES;
  if ((options.mode ?? 'produce') === 'produce' && (capabilities & ~known) !== 0) {
    return failure(
      'ONBOARDING_CAPABILITIES_INVALID',
      `discovery capabilities 0x${hex2(capabilities)} have unknown bits 0x${hex2(capabilities & ~known)} (known: 0x${hex2(known)})`,
    );
  }
  return success(capabilities);
}

/** Every rule of `isValidQRCodePayload`, in the SDK's order. */
export function checkSetupPayload(payload: SetupPayload, options: ValidationOptions = {}): Result<SetupPayload> {
  if (payload.version !== 0) return failure('ONBOARDING_VERSION_UNSUPPORTED', `version ${payload.version}; only version 0 is defined`);
  const checks: ReadonlyArray<() => Result<unknown>> = [
    () => checkFlow(payload.flow),
    () => checkCapabilities(payload.capabilities, options),
    () => checkDiscriminator(payload.discriminator),
    () => checkPasscode(payload.passcode),
    () => checkVendorProduct(payload.vendorId, payload.productId),
  ];
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result;
  }
  return success(payload);
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function formatId(value: number): string {
  return Number.isInteger(value) && value >= 0 ? `0x${value.toString(16).toUpperCase().padStart(4, '0')}` : String(value);
}

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
