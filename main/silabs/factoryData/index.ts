/**
 * The Matter factory data map of Silicon Labs firmware (NVM3 keys 0x0872xx): every key with its exact
 * encoding, per firmware generation. Pure: values in, NVM3 entries out, and back. See docs/factory-image.md.
 */
export { decodeFactoryData, decodeFactoryValues } from './decode';
export type { DecodedFactoryData, FactoryDecodeOptions, StoredFactoryValue, StoredValue } from './decode';
export { DEFAULT_COMMISSIONING_FLOW, DEFAULT_DISCOVERY_CAPABILITIES, encodeFactoryData, encodeFactoryValue } from './encode';
export type { FactoryEncodeOptions } from './encode';
export {
  checkKeyMap,
  DEFAULT_FACTORY_KEY_MAP,
  FACTORY_KEY_MAPS,
  formatKey,
  integerRange,
  SETUP_PAYLOAD_KEY_LENGTH,
  silabsFactoryKeyMapV0,
  silabsFactoryKeyMapV1,
} from './keyMap';
export type { FactoryEncoding, FactoryKeyEntry, FactoryKeyMap, ReservedFactoryKey } from './keyMap';
export type { FactoryData, FactoryField, FactoryWarning, FactoryWarningCode } from './types';
export { decodeBase64Strict, decodeText, encodeBase64, encodeText, hexBytes, readU16le, readU32le, u16le, u32le } from './values';
