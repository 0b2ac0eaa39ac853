/** Onboarding codes: the QR payload, the manual pairing code, the Silabs bitset and their rules. */
export { BASE38_ALPHABET, decodeBase38, encodeBase38 } from './base38';
export { PAYLOAD_BYTES, PAYLOAD_FIELDS, packPayloadBits, unpackPayloadBits } from './bits';
export { decodeManualCode, encodeManualCode, type ManualCodeContents, type ManualCodeInput } from './manualCode';
export { CommissioningFlow, DiscoveryCapability, KNOWN_DISCOVERY_CAPABILITIES, shortDiscriminator, type SetupPayload } from './payload';
export { decodeQrCode, encodeQrCode, QR_PREFIX, type QrCodeContents } from './qrCode';
export { QR_ERROR_CORRECTION_LEVEL, renderQrCodePng } from './qrImage';
export {
  checkCapabilities,
  checkDiscriminator,
  checkFlow,
  checkPasscode,
  checkSetupPayload,
  checkVendorProduct,
  DISCRIMINATOR_MAX,
  INVALID_PASSCODES,
  isValidPasscode,
  PASSCODE_MAX,
  PASSCODE_MIN,
  passcodeProblem,
  type ValidationMode,
  type ValidationOptions,
} from './rules';
export { decodeSetupPayloadBitset, decodeStoredSetupPayload, encodeSetupPayloadBitset, SETUP_PAYLOAD_BITSET_LENGTH } from './silabsBitset';
export { verhoeffCheckDigit, verhoeffValidate } from './verhoeff';
