/** Product configurations (docs/product-configuration.md): the format, reading it and its files, the rules, the content hash and the Silicon Labs import. */
export { CONFIG_FORMAT, CONFIG_VERSION, discriminatorPolicySchema, productConfigSchema, type ProductConfig, type ProductConfigInput } from './schema';
export { describeIssues, fieldPath, loadConfigFile, parseConfigText, parseConfigValue, MAX_CONFIG_BYTES, type LoadedConfig } from './load';
export { loadConfigInputs, sha256, type ConfigInputs, type LoadedFile, type LoadedFirmware, type LoadedTrustEntries } from './inputs';
export { validateConfig, type ValidateConfigOptions } from './validate';
export { isValid, type ConfigProblem, type ConfigValidation } from './problems';
export { checkAttestation, isTestPaa, isTestVendorId, TEST_VENDOR_IDS } from './attestationRules';
export { checkDeviceRules, MATTER_TEXT_MAX_BYTES } from './deviceRules';
export { applyPaiScope, readPaiScope, type LockedField, type PaiScope, type ScopedConfig } from './paiScope';
export {
  checkSerialPattern,
  parseSerialPattern,
  renderSerialNumber,
  SERIAL_NUMBER_MAX_LENGTH,
  SERIAL_TOKEN_ASSUMED_WIDTH,
  type SerialPatternCheck,
  type SerialToken,
  type SerialValues,
} from './serialNumber';
export { configContentHash } from './contentHash';
export { importSilabsJson, IMPORT_DEFAULTS, type SilabsImport, type SilabsImportOptions } from './silabsImport';
