/**
 * The per-device commissioning identifiers the station draws (matter-credentials.md §4.3, §5, §6):
 * setup passcode, discriminator, SPAKE2+ salt and the rotating-device-ID unique ID. Randomness is
 * injected (`randomBytes(n)`, node:crypto's CSPRNG by default) so tests and the simulator are
 * reproducible.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { failure, success, type Result } from '../../preload/contract/errors';
import { isValidPasscode } from './onboarding/rules';
import { SPAKE2P_MAX_SALT_LENGTH, SPAKE2P_MIN_SALT_LENGTH } from './spake2p';

export type RandomBytes = (size: number) => Uint8Array;

export interface RandomOptions {
  readonly randomBytes?: RandomBytes;
}

/** Draws of 27 bits that land outside the valid passcodes before giving up (each draw succeeds with p ≈ 0.745). */
const MAX_PASSCODE_DRAWS = 128;
/** CHIP_DEVICE_CONFIG_ROTATING_DEVICE_ID_UNIQUE_ID_LENGTH's default, and kMinRotatingDeviceIDUniqueIDLength. */
export const ROTATING_ID_UNIQUE_ID_LENGTH = 16;
export const DEFAULT_SALT_LENGTH = SPAKE2P_MAX_SALT_LENGTH;

function draw(options: RandomOptions, size: number): Uint8Array {
  const bytes = (options.randomBytes ?? nodeRandomBytes)(size);
  if (bytes.length !== size) throw new RangeError(`randomBytes(${size}) returned ${bytes.length} bytes`); // a broken source is a bug
  return bytes;
}

/**
 * A passcode uniform over the valid ones: 27 random bits (2^27 > 99 999 998) are drawn and values
 * outside 1..99 999 998 or on the invalid list are drawn again. Rejection instead of the SDK's
 * `random % 99999998 + 1`, which favours the low values (its own TODO says so).
 */
export function generatePasscode(options: RandomOptions = {}): Result<number> {
  for (let attempt = 0; attempt < MAX_PASSCODE_DRAWS; attempt++) {
    const bytes = draw(options, 4);
    const candidate = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false) & 0x7ff_ffff;
    if (isValidPasscode(candidate)) return success(candidate);
  }
  return failure('ONBOARDING_RANDOM_SOURCE_STUCK', `${MAX_PASSCODE_DRAWS} draws in a row gave no valid passcode`);
}

/** 12 uniform bits (4096 divides 65536, so masking two bytes has no bias). */
export function generateDiscriminator(options: RandomOptions = {}): number {
  const bytes = draw(options, 2);
  return ((bytes[0]! << 8) | bytes[1]!) & 0xfff;
}

/** A SPAKE2+ salt of 16..32 random bytes (32 by default). */
export function generateSalt(length: number = DEFAULT_SALT_LENGTH, options: RandomOptions = {}): Result<Uint8Array> {
  if (!Number.isInteger(length) || length < SPAKE2P_MIN_SALT_LENGTH || length > SPAKE2P_MAX_SALT_LENGTH) {
    return failure('SPAKE2P_SALT_LENGTH', `salt length ${length} is outside ${SPAKE2P_MIN_SALT_LENGTH}..${SPAKE2P_MAX_SALT_LENGTH}`);
  }
  return success(Uint8Array.from(draw(options, length)));
}

/**
 * Checks a rotating-device-ID unique ID: at least 16 bytes (the SDK refuses shorter ones) and no more
 * than the length the firmware was built with (CHIP_DEVICE_CONFIG_ROTATING_DEVICE_ID_UNIQUE_ID_LENGTH,
 * 16 unless the product changed it; a setting because it varies by firmware).
 */
export function checkRotatingIdUniqueId(uniqueId: Uint8Array, firmwareLength = ROTATING_ID_UNIQUE_ID_LENGTH): Result<Uint8Array> {
  if (uniqueId.length < ROTATING_ID_UNIQUE_ID_LENGTH || uniqueId.length > firmwareLength) {
    return failure('UNIQUE_ID_LENGTH_INVALID', `unique ID is ${uniqueId.length} bytes; this firmware takes ${ROTATING_ID_UNIQUE_ID_LENGTH} to ${firmwareLength}`);
  }
  return success(uniqueId);
}

/** A random rotating-device-ID unique ID: 16 bytes, or `length` when the firmware was built to take that many (`firmwareLength`). */
export function generateRotatingIdUniqueId(
  options: RandomOptions & { readonly length?: number; readonly firmwareLength?: number } = {},
): Result<Uint8Array> {
  const length = options.length ?? ROTATING_ID_UNIQUE_ID_LENGTH;
  const firmwareLength = options.firmwareLength ?? ROTATING_ID_UNIQUE_ID_LENGTH;
  if (!Number.isInteger(length) || length < ROTATING_ID_UNIQUE_ID_LENGTH || length > firmwareLength) {
    return failure('UNIQUE_ID_LENGTH_INVALID', `unique ID length ${length} is outside ${ROTATING_ID_UNIQUE_ID_LENGTH}..${firmwareLength}`);
  }
  return success(Uint8Array.from(draw(options, length)));
}
