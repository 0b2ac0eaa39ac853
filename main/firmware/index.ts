/** Firmware files: Intel HEX, Motorola S-record and raw binary, through one FirmwareImage model. See docs/firmware-files.md. */
export {
  ADDRESS_SPACE,
  createFirmwareImage,
  emptyImage,
  hexAddress,
  imageBounds,
  imageDataLength,
  imagesEqual,
  mergeFirmwareImages,
  readImageRange,
  type FirmwareImage,
  type FirmwareSegment,
} from './image';
export { parseIntelHex, writeIntelHex, type IntelHexWriteOptions } from './intelHex';
export { parseSrec, parseSrecWithHeader, writeSrec, SREC_ADDRESS_LIMITS, type SrecInfo, type SrecWriteOptions } from './srec';
export { DEFAULT_MAX_BINARY_SIZE, readBinary, writeBinary, type BinaryWriteOptions } from './binary';
export {
  FIRMWARE_FORMATS,
  convertFirmware,
  detectFirmwareFormat,
  formatFromFileName,
  parseFirmware,
  writeFirmware,
  type FirmwareFormat,
  type ParseFirmwareOptions,
  type WriteFirmwareOptions,
} from './formats';
