/**
 * Provisioning images for Silicon Labs Matter firmware: the NVM3 region + credentials page, or the
 * single page, at the part's real addresses; built from factory data and credentials, and parsed
 * back. Pure: bytes in, results out. See docs/factory-image.md.
 */
export { buildProvisioningImage, DEFAULT_DAC_KEY_ID, nvm3GeometryOf } from './build';
export { parseProvisioningImage } from './parse';
export { readCdFile, readCertificateFile, readDacKey } from './credentials';
export type { CredentialFacts } from './credentials';
export { PROVISIONING_LAYOUTS } from './types';
export type {
  BuildProvisioningImageInput,
  BuildProvisioningImageOptions,
  CertificateSummary,
  ImageRegion,
  ImageWarning,
  ImageWarningCode,
  Nvm3Summary,
  ParsedProvisioningImage,
  ParseProvisioningImageOptions,
  ProvisioningImage,
  ProvisioningLayout,
} from './types';
