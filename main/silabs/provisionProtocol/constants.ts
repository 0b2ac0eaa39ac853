/**
 * Provision Protocol v2 numbers: package limits, command ids, argument header bits and the
 * well-known parameter ids (silabs-provisioning.md §3.2 and §5.1; Silicon Labs' ProvisionProtocol.h,
 * ProvisionEncoder.cpp and the provision tool's v2_0/protocol.py, encoding.py, parameters.yaml).
 */

export const PROTOCOL_VERSION = 2;
/** Set in a response's command byte. */
export const RESPONSE_FLAG = 0x80;
/** Largest package in either direction, header and checksum included. */
export const MAX_PACKAGE_SIZE = 128;
export const REQUEST_HEADER_SIZE = 4; // version, command, counter, payload length
export const RESPONSE_HEADER_SIZE = 8; // version, command | 0x80, counter, error code (u32 BE), payload length
/** The first bytes of SHA-256 over header + payload. */
export const CHECKSUM_SIZE = 2;
/** Largest request payload the device accepts (128 − 4 − 2). */
export const MAX_REQUEST_PAYLOAD = MAX_PACKAGE_SIZE - REQUEST_HEADER_SIZE - CHECKSUM_SIZE;
/** What Silicon Labs' host tool puts in one request: it reserves a 5-byte header, so 121. */
export const HOST_TOOL_REQUEST_PAYLOAD = MAX_PACKAGE_SIZE - 5 - CHECKSUM_SIZE;
/** Largest response payload (128 − 8 − 2). */
export const MAX_RESPONSE_PAYLOAD = MAX_PACKAGE_SIZE - RESPONSE_HEADER_SIZE - CHECKSUM_SIZE;

export const COMMAND = { Init: 1, Finish: 2, Write: 3, Read: 4, Csr: 5 } as const;
export type CommandName = keyof typeof COMMAND;
export type CommandId = (typeof COMMAND)[CommandName];

export function isCommandId(value: number): value is CommandId {
  return value >= COMMAND.Init && value <= COMMAND.Csr;
}

export function commandName(id: number): string {
  return (Object.keys(COMMAND) as CommandName[]).find((name) => COMMAND[name] === id) ?? `unknown (${id})`;
}

/** The host starts each command at counter 1 and steps it modulo 0xFF (so 254 is followed by 0, never 255). */
export const FIRST_COUNTER = 1;
export function nextCounter(counter: number): number {
  return (counter + 1) % 0xff;
}

// Argument header: 16 bits, big-endian.
export const ID_MASK = 0x01ff;
export const WELL_KNOWN_FLAG = 0x0100;
export const FEEDBACK_FLAG = 0x0200;
export const SIZE_SHIFT = 10;
export const SIZE_MASK = 0x0c00;
export const TYPE_SHIFT = 12;
export const TYPE_MASK = 0xf000;

/** The value types devices accept. Strings travel as binary UTF-8 without a NUL. */
export type ArgumentType = 'binary' | 'u8' | 'u16' | 'u32';
export const TYPE_CODES: Readonly<Record<ArgumentType, number>> = { binary: 0, u8: 1, u16: 2, u32: 3 };
/** Type codes the header defines but no device decodes (ProvisionEncoder.cpp DecodeValue refuses them). */
export const UNSUPPORTED_TYPE_CODES: Readonly<Record<number, string>> = {
  4: 'u64',
  8: 'string',
  9: 'i8',
  10: 'i16',
  11: 'i32',
  12: 'i64',
};
export const INTEGER_WIDTHS: Readonly<Record<Exclude<ArgumentType, 'binary'>, number>> = { u8: 1, u16: 2, u32: 4 };

export interface ParameterInfo {
  readonly id: number;
  readonly name: string;
  readonly type: ArgumentType;
  /** How the host tool reads the value it sends as binary. */
  readonly format?: 'string' | 'date' | 'path' | 'base64' | 'hex';
  readonly max?: number;
}

/** Well-known parameter ids (0x100–0x1FF); 0x000–0x0FF are custom. */
export const PARAMETER = {
  flashAddress: 0x0101,
  flashSize: 0x0102,
  flashPageSize: 0x0103,
  credsAddress: 0x0104,
  csr: 0x0105,
  version: 0x0111,
  bufferSize: 0x013b,
  serialNumber: 0x0141,
  vendorId: 0x0142,
  vendorName: 0x0143,
  productId: 0x0144,
  productName: 0x0145,
  productLabel: 0x0146,
  productUrl: 0x0147,
  partNumber: 0x0148,
  hwVersion: 0x0151,
  hwVersionString: 0x0152,
  manufacturingDate: 0x0153,
  uniqueId: 0x0154,
  discriminator: 0x0161,
  spake2pPasscode: 0x0162,
  spake2pIterations: 0x0163,
  spake2pSalt: 0x0164,
  spake2pVerifier: 0x0165,
  setupPayload: 0x0166,
  commissioningFlow: 0x0167,
  rendezvousFlags: 0x0168,
  firmwareInfo: 0x0181,
  certification: 0x0182,
  cdCert: 0x0183,
  cdKey: 0x0184,
  paaCert: 0x0191,
  paaKey: 0x0192,
  paiCert: 0x0193,
  paiKey: 0x0194,
  dacCert: 0x0195,
  dacKey: 0x0196,
  keyId: 0x0197,
  keyPass: 0x0198,
  pkcs12: 0x0199,
  commonName: 0x01a1,
  otaKey: 0x01a2,
  testKey: 0x01b1,
} as const;
export type ParameterName = keyof typeof PARAMETER;

const P = PARAMETER;
/** Type and limits of each well-known parameter (parameters.yaml; paths and strings are binary on the wire). */
export const PARAMETERS: readonly ParameterInfo[] = [
  { id: P.flashAddress, name: 'flash_address', type: 'u32', format: 'hex' },
  { id: P.flashSize, name: 'flash_size', type: 'u32' },
  { id: P.flashPageSize, name: 'flash_page_size', type: 'u32' },
  { id: P.credsAddress, name: 'base_address', type: 'u32', format: 'hex' },
  { id: P.csr, name: 'csr', type: 'binary', format: 'string', max: 512 },
  { id: P.version, name: 'version', type: 'binary', format: 'string' },
  { id: P.bufferSize, name: 'buffer_size', type: 'u16' },
  { id: P.serialNumber, name: 'serial_number', type: 'binary', format: 'string', max: 32 },
  { id: P.vendorId, name: 'vendor_id', type: 'u16', format: 'hex' },
  { id: P.vendorName, name: 'vendor_name', type: 'binary', format: 'string', max: 32 },
  { id: P.productId, name: 'product_id', type: 'u16', format: 'hex' },
  { id: P.productName, name: 'product_name', type: 'binary', format: 'string', max: 32 },
  { id: P.productLabel, name: 'product_label', type: 'binary', format: 'string', max: 32 },
  { id: P.productUrl, name: 'product_url', type: 'binary', format: 'string', max: 32 },
  { id: P.partNumber, name: 'part_number', type: 'binary', format: 'string', max: 32 },
  { id: P.hwVersion, name: 'hw_version', type: 'u16' },
  { id: P.hwVersionString, name: 'hw_version_str', type: 'binary', format: 'string', max: 32 },
  { id: P.manufacturingDate, name: 'manufacturing_date', type: 'binary', format: 'date', max: 10 },
  { id: P.uniqueId, name: 'unique_id', type: 'binary', max: 16 },
  { id: P.discriminator, name: 'discriminator', type: 'u16', format: 'hex', max: 0x0fff },
  { id: P.spake2pPasscode, name: 'spake2p_passcode', type: 'u32', format: 'hex', max: 0x7ffffff },
  { id: P.spake2pIterations, name: 'spake2p_iterations', type: 'u32', max: 100000 },
  { id: P.spake2pSalt, name: 'spake2p_salt', type: 'binary', format: 'base64', max: 45 },
  { id: P.spake2pVerifier, name: 'spake2p_verifier', type: 'binary', format: 'base64', max: 133 },
  { id: P.setupPayload, name: 'setup_payload', type: 'binary', max: 88 },
  { id: P.commissioningFlow, name: 'commissioning_flow', type: 'u8' },
  { id: P.rendezvousFlags, name: 'rendezvous_flags', type: 'u8' },
  { id: P.firmwareInfo, name: 'firmware_info', type: 'binary', max: 32 },
  { id: P.certification, name: 'certification', type: 'binary', format: 'path', max: 350 },
  { id: P.cdCert, name: 'cd_cert', type: 'binary', format: 'path', max: 500 },
  { id: P.cdKey, name: 'cd_key', type: 'binary', format: 'path', max: 128 },
  { id: P.paaCert, name: 'paa_cert', type: 'binary', format: 'path', max: 500 },
  { id: P.paaKey, name: 'paa_key', type: 'binary', format: 'path', max: 128 },
  { id: P.paiCert, name: 'pai_cert', type: 'binary', format: 'path', max: 500 },
  { id: P.paiKey, name: 'pai_key', type: 'binary', format: 'path', max: 128 },
  { id: P.dacCert, name: 'dac_cert', type: 'binary', format: 'path', max: 500 },
  { id: P.dacKey, name: 'dac_key', type: 'binary', format: 'path', max: 128 },
  { id: P.keyId, name: 'key_id', type: 'u16' },
  { id: P.keyPass, name: 'key_pass', type: 'binary', format: 'string', max: 128 },
  { id: P.pkcs12, name: 'pkcs12', type: 'binary', format: 'path', max: 1024 },
  { id: P.commonName, name: 'common_name', type: 'binary', format: 'string', max: 64 },
  { id: P.otaKey, name: 'ota_key', type: 'binary', max: 128 },
  { id: P.testKey, name: 'test_key', type: 'binary', max: 16 },
];

const BY_ID: ReadonlyMap<number, ParameterInfo> = new Map(PARAMETERS.map((info) => [info.id, info]));

export function parameterInfo(id: number): ParameterInfo | undefined {
  return BY_ID.get(id);
}
