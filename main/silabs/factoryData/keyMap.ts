/**
 * Which NVM3 key holds which factory value, and how it is encoded, per Silicon Labs firmware
 * generation. Facts: silabs-provisioning.md §2.1–2.3 (keys from the SDK's SilabsConfig.h, setter
 * encodings from ProvisionStorageDefault.cpp, protocol ids from ProvisionStorage.h/parameters.yaml)
 * and nvm3-and-peers.md §A.6.
 *
 * Keys are `0x087000 | group << 8 | id` (factory group 0x2 survives a factory reset). Encodings
 * (SilabsConfig.cpp): integers little-endian of exactly their width (the reader refuses any other
 * length), strings UTF-8 without NUL (an empty string is one 0x00 byte), binary as is. The SPAKE2+
 * salt and verifier are stored as base64 TEXT. Key numbers moved between SDK versions (§7 pitfall 6):
 * a key map is chosen per firmware generation, and new generations are added here as new maps.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { FactoryField } from './types';

/**
 * - `bool`: 1 byte, 0 or 1.
 * - `u16`, `u32`: little-endian, exactly 2 or 4 bytes.
 * - `string`: UTF-8 without NUL; `maxLength` counts bytes.
 * - `base64`: a string whose text is base64 (the salt and verifier); `minLength`/`maxLength` count decoded bytes.
 * - `binary`: raw bytes.
 * - `setup-payload`: the 11-byte setup-payload bitset (VID, PID, flow, capabilities, discriminator, passcode).
 */
export type FactoryEncoding = 'bool' | 'u16' | 'u32' | 'string' | 'base64' | 'binary' | 'setup-payload';

export interface FactoryKeyEntry {
  /** The 20-bit NVM3 key. */
  readonly key: number;
  /** The firmware's name for it (SilabsConfig.h `kConfigKey_<name>`). */
  readonly name: string;
  /** The FactoryData field it holds. The setup-payload entry holds `passcode` and also fills `commissioningFlow` and `discoveryCapabilities`. */
  readonly field: FactoryField;
  readonly encoding: FactoryEncoding;
  /** The Provision Protocol v2 parameter id of the same value (also its id in the single-page layout). */
  readonly protocolId?: number;
  /** Inclusive limits: bytes for strings and binary, decoded bytes for base64, the value for integers. */
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  /** Why a value is a default rather than a confirmed fact (docs/factory-image.md "Uncertain values"). */
  readonly uncertain?: string;
}

/** A key the firmware defines but provisioning does not write; reported when found, never decoded. */
export interface ReservedFactoryKey {
  readonly key: number;
  readonly name: string;
  readonly note: string;
}

export interface FactoryKeyMap {
  /** Stable id, e.g. `silabs-v1`. */
  readonly id: string;
  readonly description: string;
  readonly entries: readonly FactoryKeyEntry[];
  readonly reserved: readonly ReservedFactoryKey[];
}

const U16_MAX = 0xffff;
const U32_MAX = 0xffff_ffff;

/** The 11 bytes of the setup-payload bitset (silabs-provisioning.md §2.4). */
export const SETUP_PAYLOAD_KEY_LENGTH = 11;

/** Current Silicon Labs Matter firmware (matter_sdk SilabsConfig.h; provision tool 2.x from v2.4, after MigrateDacProvider). */
export const silabsFactoryKeyMapV1: FactoryKeyMap = {
  id: 'silabs-v1',
  description: 'Silicon Labs Matter firmware with provision tool 2.4 or later: factory keys 0x087200–0x087230',
  entries: [
    { key: 0x087200, name: 'SerialNum', field: 'serialNumber', encoding: 'string', protocolId: 0x0141, maxLength: 32 },
    { key: 0x087204, name: 'ManufacturingDate', field: 'manufacturingDate', encoding: 'string', protocolId: 0x0153, maxLength: 16 },
    { key: 0x087205, name: 'SetupPayloadBitSet', field: 'passcode', encoding: 'setup-payload', protocolId: 0x0166 },
    { key: 0x087207, name: 'SetupDiscriminator', field: 'discriminator', encoding: 'u16', protocolId: 0x0161, max: 0x0fff },
    { key: 0x087208, name: 'Spake2pIterationCount', field: 'spake2pIterations', encoding: 'u32', protocolId: 0x0163, min: 1000, max: 100_000 },
    { key: 0x087209, name: 'Spake2pSalt', field: 'spake2pSalt', encoding: 'base64', protocolId: 0x0164, minLength: 16, maxLength: 32 },
    { key: 0x08720a, name: 'Spake2pVerifier', field: 'spake2pVerifier', encoding: 'base64', protocolId: 0x0165, minLength: 97, maxLength: 97 },
    { key: 0x08720b, name: 'ProductId', field: 'productId', encoding: 'u16', protocolId: 0x0144 },
    { key: 0x08720c, name: 'VendorId', field: 'vendorId', encoding: 'u16', protocolId: 0x0142 },
    { key: 0x08720d, name: 'VendorName', field: 'vendorName', encoding: 'string', protocolId: 0x0143, maxLength: 32 },
    { key: 0x08720e, name: 'ProductName', field: 'productName', encoding: 'string', protocolId: 0x0145, maxLength: 32 },
    {
      key: 0x08720f,
      name: 'HardwareVersionString',
      field: 'hardwareVersionString',
      encoding: 'string',
      protocolId: 0x0152,
      maxLength: 32,
      uncertain: 'the firmware buffer holds 32 bytes; the provision tool README says 64',
    },
    { key: 0x087210, name: 'ProductLabel', field: 'productLabel', encoding: 'string', protocolId: 0x0146, maxLength: 32 },
    { key: 0x087211, name: 'ProductURL', field: 'productUrl', encoding: 'string', protocolId: 0x0147, maxLength: 32, uncertain: 'the provision tool limits it to 32 bytes' },
    { key: 0x087212, name: 'PartNumber', field: 'partNumber', encoding: 'string', protocolId: 0x0148, maxLength: 32 },
    {
      key: 0x087217,
      name: 'Test_Event_Trigger_Key',
      field: 'testEventTriggerKey',
      encoding: 'binary',
      minLength: 16,
      maxLength: 16,
      uncertain: 'matter_sdk numbering (upstream CHIP uses 0x087228); length taken from the Matter 16-byte enable key',
    },
    { key: 0x087218, name: 'HardwareVersion', field: 'hardwareVersion', encoding: 'u16', protocolId: 0x0151 },
    { key: 0x087219, name: 'SoftwareVersionString', field: 'softwareVersionString', encoding: 'string', maxLength: 64, uncertain: 'matter_sdk only; limit taken from the Matter 64-character software version string' },
    { key: 0x08721f, name: 'PersistentUniqueId', field: 'uniqueId', encoding: 'binary', protocolId: 0x0154, minLength: 1, maxLength: 16 },
    { key: 0x087220, name: 'Creds_KeyId', field: 'keyId', encoding: 'u32', protocolId: 0x0197 },
    { key: 0x087221, name: 'Creds_Base_Addr', field: 'credentialsBaseAddress', encoding: 'u32', protocolId: 0x0104 },
    { key: 0x087222, name: 'Creds_DAC_Offset', field: 'dacOffset', encoding: 'u32' },
    { key: 0x087223, name: 'Creds_DAC_Size', field: 'dacSize', encoding: 'u32' },
    { key: 0x087224, name: 'Creds_PAI_Offset', field: 'paiOffset', encoding: 'u32' },
    { key: 0x087225, name: 'Creds_PAI_Size', field: 'paiSize', encoding: 'u32' },
    { key: 0x087226, name: 'Creds_CD_Offset', field: 'cdOffset', encoding: 'u32' },
    { key: 0x087227, name: 'Creds_CD_Size', field: 'cdSize', encoding: 'u32' },
    { key: 0x087228, name: 'Provision_Request', field: 'provisionRequest', encoding: 'bool' },
    { key: 0x087229, name: 'Provision_Version', field: 'provisionVersion', encoding: 'string', protocolId: 0x0111, maxLength: 32, uncertain: 'value format (e.g. "2.8") and limit not confirmed' },
    { key: 0x087230, name: 'OtaTlvEncryption_KeyId', field: 'otaTlvEncryptionKeyId', encoding: 'u32', protocolId: 0x01a2 },
  ],
  reserved: [
    { key: 0x087201, name: 'MfrDeviceId', note: 'legacy, not used by provisioning' },
    { key: 0x087202, name: 'MfrDeviceCert', note: 'legacy, not used by provisioning' },
    { key: 0x087203, name: 'MfrDevicePrivateKey', note: 'legacy, not used by provisioning' },
    { key: 0x087206, name: 'MfrDeviceICACerts', note: 'legacy, not used by provisioning' },
    { key: 0x087231, name: 'Creds_Dac', note: 'defined in SilabsConfig.h but read by no open-source firmware' },
    { key: 0x087232, name: 'Creds_Pai', note: 'defined in SilabsConfig.h but read by no open-source firmware' },
    { key: 0x087233, name: 'Creds_CD', note: 'defined in SilabsConfig.h but read by no open-source firmware' },
    { key: 0x087308, name: 'HardwareVersion (config group)', note: 'the hardware version before provision tool 2.4; current firmware reads 0x087218' },
    { key: 0x087321, name: 'Creds_KeyId (old)', note: 'moved to 0x087220 by the firmware\'s MigrateDacProvider at boot' },
    { key: 0x087322, name: 'Creds_Base_Addr (old)', note: 'moved to 0x087221 by MigrateDacProvider' },
    { key: 0x087323, name: 'Creds_DAC_Offset (old)', note: 'moved to 0x087222 by MigrateDacProvider' },
    { key: 0x087324, name: 'Creds_DAC_Size (old)', note: 'moved to 0x087223 by MigrateDacProvider' },
    { key: 0x087325, name: 'Creds_PAI_Offset (old)', note: 'moved to 0x087224 by MigrateDacProvider' },
    { key: 0x087326, name: 'Creds_PAI_Size (old)', note: 'moved to 0x087225 by MigrateDacProvider' },
    { key: 0x087327, name: 'Creds_CD_Offset (old)', note: 'moved to 0x087226 by MigrateDacProvider' },
    { key: 0x087328, name: 'Creds_CD_Size (old)', note: 'moved to 0x087227 by MigrateDacProvider' },
  ],
};

/**
 * The generation before (provision tool 1.x–2.3, before MigrateDacProvider): hardware version in the
 * config group (0x087308) and the credentials keys at 0x087321–0x087328. Firmware of the current
 * generation migrates these at boot, so a station normally writes v1. Which tool version moved which
 * key is only partly documented (silabs-provisioning.md §2.3, §7.6): use it to read old devices.
 */
export const silabsFactoryKeyMapV0: FactoryKeyMap = {
  id: 'silabs-v0',
  description: 'Silicon Labs Matter firmware before MigrateDacProvider and provision tool 2.4: credentials keys 0x087321–0x087328, hardware version 0x087308',
  entries: silabsFactoryKeyMapV1.entries
    .filter((entry) => !['hardwareVersion', 'keyId', 'credentialsBaseAddress', 'dacOffset', 'dacSize', 'paiOffset', 'paiSize', 'cdOffset', 'cdSize'].includes(entry.field))
    .concat([
      { key: 0x087308, name: 'HardwareVersion', field: 'hardwareVersion', encoding: 'u16', protocolId: 0x0151 },
      { key: 0x087321, name: 'Creds_KeyId', field: 'keyId', encoding: 'u32', protocolId: 0x0197 },
      { key: 0x087322, name: 'Creds_Base_Addr', field: 'credentialsBaseAddress', encoding: 'u32', protocolId: 0x0104 },
      { key: 0x087323, name: 'Creds_DAC_Offset', field: 'dacOffset', encoding: 'u32' },
      { key: 0x087324, name: 'Creds_DAC_Size', field: 'dacSize', encoding: 'u32' },
      { key: 0x087325, name: 'Creds_PAI_Offset', field: 'paiOffset', encoding: 'u32' },
      { key: 0x087326, name: 'Creds_PAI_Size', field: 'paiSize', encoding: 'u32' },
      { key: 0x087327, name: 'Creds_CD_Offset', field: 'cdOffset', encoding: 'u32' },
      { key: 0x087328, name: 'Creds_CD_Size', field: 'cdSize', encoding: 'u32' },
    ])
    .sort((a, b) => a.key - b.key),
  reserved: silabsFactoryKeyMapV1.reserved.filter((entry) => entry.key < 0x087300),
};

/** Every known generation, by id. */
export const FACTORY_KEY_MAPS: Readonly<Record<string, FactoryKeyMap>> = {
  [silabsFactoryKeyMapV1.id]: silabsFactoryKeyMapV1,
  [silabsFactoryKeyMapV0.id]: silabsFactoryKeyMapV0,
};

export const DEFAULT_FACTORY_KEY_MAP = silabsFactoryKeyMapV1;

/** Largest NVM3 key (20 bits). */
const MAX_NVM3_KEY = 0xf_ffff;

/** The integer range an encoding can hold, narrowed by the entry's own limits. */
export function integerRange(entry: FactoryKeyEntry): { min: number; max: number } {
  const widest = entry.encoding === 'u16' ? U16_MAX : entry.encoding === 'u32' ? U32_MAX : 1;
  return { min: Math.max(0, entry.min ?? 0), max: Math.min(widest, entry.max ?? widest) };
}

/** A key map is usable when every key and every field appears once and every key fits 20 bits. */
export function checkKeyMap(map: FactoryKeyMap): Result<FactoryKeyMap> {
  const keys = new Set<number>();
  const fields = new Set<string>();
  for (const entry of [...map.entries, ...map.reserved]) {
    if (!Number.isInteger(entry.key) || entry.key < 0 || entry.key > MAX_NVM3_KEY) {
      return failure('FACTORY_KEY_MAP_INVALID', `${map.id}: key ${String(entry.key)} (${entry.name}) is not a 20-bit NVM3 key`);
    }
    if (keys.has(entry.key)) return failure('FACTORY_KEY_MAP_INVALID', `${map.id}: key ${formatKey(entry.key)} appears twice`);
    keys.add(entry.key);
  }
  for (const entry of map.entries) {
    if (fields.has(entry.field)) return failure('FACTORY_KEY_MAP_INVALID', `${map.id}: field ${entry.field} appears twice`);
    fields.add(entry.field);
  }
  return success(map);
}

/** 0x087205 */
export function formatKey(key: number): string {
  return `0x${key.toString(16).toUpperCase().padStart(6, '0')}`;
}
