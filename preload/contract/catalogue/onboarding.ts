/** Catalogue section — Onboarding codes, SPAKE2+ verifiers and commissioning identifiers. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const onboardingErrors = {
  // Values that go into the onboarding payload (QR code, manual pairing code, Silabs bitset).
  PASSCODE_INVALID: {
    message: 'The setup passcode is not one Matter accepts.',
    fix: 'Use a passcode from 1 to 99999998 that is not 11111111…88888888, 12345678 or 87654321, or let the station generate one.',
  },
  DISCRIMINATOR_OUT_OF_RANGE: {
    message: 'The discriminator does not fit in the 12 bits Matter gives it.',
    fix: 'Use a discriminator from 0 to 4095 (0xFFF), or let the station draw a random one.',
  },
  ONBOARDING_VENDOR_ID_INVALID: {
    message: 'The vendor ID cannot be put in an onboarding code.',
    fix: 'Use the CSA-assigned vendor ID (1 to 0xFFF4; 0xFFF1–0xFFF4 are the test vendors).',
  },
  ONBOARDING_PRODUCT_ID_INVALID: {
    message: 'The product ID cannot be put in an onboarding code.',
    fix: 'Use a product ID from 1 to 0xFFFF; 0 is only allowed together with vendor ID 0.',
  },
  ONBOARDING_FLOW_INVALID: {
    message: 'The commissioning flow is not one Matter defines.',
    fix: 'Use 0 (standard), 1 (user intent) or 2 (custom).',
  },
  ONBOARDING_CAPABILITIES_INVALID: {
    message: 'The discovery capabilities contain a flag the station does not know how to produce.',
    fix: 'Use a combination of 0x01 (SoftAP), 0x02 (BLE) and 0x04 (on network); EFR32 Thread devices usually use 0x02.',
  },
  ONBOARDING_VERSION_UNSUPPORTED: {
    message: 'The onboarding payload has a version this station does not read (only version 0 exists).',
    fix: 'Check that the code was copied from a Matter device or label; a newer format needs a newer Matterline.',
  },
  ONBOARDING_PADDING_NOT_ZERO: {
    message: 'The onboarding payload has non-zero bits where Matter requires zero padding, so it is corrupt.',
    fix: 'Re-read the code from the device or label; if it came from a device, re-provision its setup payload.',
  },
  ONBOARDING_BITSET_LENGTH: {
    message: 'The stored setup-payload bitset does not have the 11 bytes Silicon Labs firmware uses.',
    fix: 'Re-read NVM3 object 0x087205 from the device; if it is still wrong, re-provision the device.',
  },
  ONBOARDING_RANDOM_SOURCE_STUCK: {
    message: 'The random source kept returning values that cannot be used, so no identifier was drawn.',
    fix: 'Check the random source given to the station (the operating system\'s by default) and try again.',
  },
  // The "MT:" QR payload text.
  QR_PREFIX_MISSING: {
    message: 'The code does not start with "MT:", so it is not a Matter QR payload.',
    fix: 'Scan or copy the whole QR text including the MT: prefix, or give the 11- or 21-digit manual code instead.',
  },
  QR_BASE38_INVALID: {
    message: 'The QR payload is not valid base-38 text.',
    fix: 'Re-scan the QR code; typed codes may only use 0-9, A-Z (upper case), "-" and ".".',
  },
  QR_LENGTH_INVALID: {
    message: 'The QR payload is too short to hold the 88 bits every Matter onboarding payload has.',
    fix: 'Re-scan the QR code; the text after MT: must be at least 19 characters.',
  },
  // The 11- or 21-digit manual pairing code.
  MANUAL_CODE_LENGTH_INVALID: {
    message: 'A manual pairing code has exactly 11 or 21 digits, and this one does not.',
    fix: 'Copy the code again; dashes and spaces are ignored, but every digit is needed.',
  },
  MANUAL_CODE_CHECK_DIGIT: {
    message: 'The manual pairing code\'s check digit does not match, so a digit was mistyped or misread.',
    fix: 'Read the code again from the label or device and re-enter it.',
  },
  MANUAL_CODE_MALFORMED: {
    message: 'The manual pairing code passes its check digit but its contents are not a valid version-1 code.',
    fix: 'Check that the code comes from a Matter device; regenerate it from the device\'s QR payload if you can.',
  },
  // SPAKE2+ verifier.
  SPAKE2P_ITERATIONS_OUT_OF_RANGE: {
    message: 'The SPAKE2+ PBKDF2 iteration count is outside the range Matter accepts.',
    fix: 'Use an iteration count from 1000 to 100000.',
  },
  SPAKE2P_SALT_LENGTH: {
    message: 'The SPAKE2+ salt has a length Matter does not accept.',
    fix: 'Use a salt of 16 to 32 bytes (the station draws 32 random bytes by default).',
  },
  SPAKE2P_VERIFIER_INVALID: {
    message: 'The SPAKE2+ verifier is not 97 bytes of w0 followed by a valid uncompressed P-256 point L.',
    fix: 'Regenerate the verifier from the passcode, salt and iteration count, and write it again.',
  },
  SPAKE2P_DERIVATION_FAILED: {
    message: 'The SPAKE2+ verifier could not be derived from the passcode and salt.',
    fix: 'Try again; if it keeps failing, use another salt and report the detail.',
  },
  // Rotating device ID.
  UNIQUE_ID_LENGTH_INVALID: {
    message: 'The rotating-device-ID unique ID has a length the firmware will not accept.',
    fix: 'Use at least 16 bytes and no more than the length the firmware was built for (16 by default).',
  },
} as const satisfies Record<string, CatalogueEntry>;
