/** Catalogue section — Firmware files: Intel HEX, Motorola S-record and raw binary images. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const firmwareFileErrors = {
  FIRMWARE_RECORD_MALFORMED: {
    message: 'A line of the firmware file is not a well-formed record.',
    fix: 'Regenerate the file with the build tool or Simplicity Commander; the detail names the line and what is wrong with it.',
  },
  FIRMWARE_CHECKSUM_MISMATCH: {
    message: 'A record of the firmware file fails its checksum, so the file was damaged or edited by hand.',
    fix: 'Copy the file again from its source, or regenerate it; the detail names the line.',
  },
  FIRMWARE_RECORD_TYPE_INVALID: {
    message: 'A record of the firmware file has a type its format does not define.',
    fix: 'Check that the file really is Intel HEX or Motorola S-record and regenerate it; the detail names the line.',
  },
  FIRMWARE_TRUNCATED: {
    message: 'The firmware file ends without its end record, so part of it is probably missing.',
    fix: 'Copy the whole file again; an Intel HEX file must end with :00000001FF and an S-record file with an S7, S8 or S9 record.',
  },
  FIRMWARE_DATA_AFTER_END: {
    message: 'The firmware file has records after its end record.',
    fix: 'Remove everything after the end record, or check whether two files were joined by mistake.',
  },
  FIRMWARE_RECORD_COUNT_MISMATCH: {
    message: 'The record count in the S-record file (S5/S6) does not match the data records it follows.',
    fix: 'Copy the file again from its source; records were lost or added on the way.',
  },
  FIRMWARE_ADDRESS_OUT_OF_RANGE: {
    message: 'Firmware data lies at an address its format or record cannot express.',
    fix: 'Use a format with wider addresses (S37 or Intel HEX with linear address records) or check the base address named in the detail.',
  },
  FIRMWARE_OVERLAP: {
    message: 'Two pieces of firmware data describe the same flash address with different contents.',
    fix: 'Check which images were merged and remove the overlap at the address named in the detail.',
  },
  FIRMWARE_IMAGE_TOO_LARGE: {
    message: 'The firmware image would be too large to write as one raw binary file.',
    fix: 'Write it as Intel HEX or S37 instead, which keep the gaps between segments empty, or raise the size limit.',
  },
  FIRMWARE_SEGMENT_INVALID: {
    message: 'A firmware segment has an impossible address or length.',
    fix: 'Give each segment a whole-number address from 0 to 0xFFFFFFFF and keep its data inside the 32-bit address space.',
  },
  FIRMWARE_BASE_ADDRESS_REQUIRED: {
    message: 'A raw binary file carries no addresses, so the station cannot tell where it belongs.',
    fix: 'Give the address of its first byte, for example 0x08000000 for the start of EFR32MG24 flash.',
  },
  FIRMWARE_FORMAT_UNKNOWN: {
    message: 'The firmware format asked for is not one the station reads or writes.',
    fix: 'Use Intel HEX (.hex), Motorola S-record (.s19, .s28, .s37, .srec) or raw binary (.bin) with a base address.',
  },
} as const satisfies Record<string, CatalogueEntry>;
