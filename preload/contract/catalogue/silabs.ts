/** Catalogue section — EFR32 parts (OPN and DEVINFO) and Provision Protocol v2. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const silabsErrors = {
  // Orderable part numbers (OPN) and the chip's DEVINFO words (main/silabs/parts).
  PART_NUMBER_MALFORMED: {
    message: 'The part number is not an EFR32 orderable part number the station can read.',
    fix: 'Copy the whole part number from the chip marking or `commander device info`, for example EFR32MG24B210F1536IM48; the detail names the part that is wrong.',
  },
  PART_FAMILY_UNSUPPORTED: {
    message: 'The part belongs to an EFR32 family the station has no memory layout for.',
    fix: 'Use an EFR32MG24, EFR32BG24, EFR32MG21 or EFR32MG12 part, or add the family to the part catalogue.',
  },
  PART_FLASH_SIZE_UNSUPPORTED: {
    message: 'The part\'s flash size is not one its family is made with.',
    fix: 'Check the size after "F" in the part number (or the chip\'s MSIZE word) against the data sheet; a real size missing here must be added to the family\'s layout.',
  },
  PART_TEMPERATURE_GRADE_UNKNOWN: {
    message: 'The temperature letter of the part number is not one the station can map to a temperature grade.',
    fix: 'Check the letter after the flash size (G or I); for another grade, give its letter-to-grade mapping in the part options.',
  },
  PART_SERIES_UNKNOWN: {
    message: 'The chip\'s family byte at 0x0FE081FE identifies neither an EFR32 Series 1 nor a Series 2 part.',
    fix: 'Check that the probe is connected to an EFR32 whose debug port is unlocked, then read the chip again.',
  },
  PART_DEVINFO_INVALID: {
    message: 'The chip\'s device-information (DEVINFO) words do not describe a valid EFR32 part.',
    fix: 'Read DEVINFO from the chip again; if it stays wrong, check the probe wiring and that the target really is an EFR32.',
  },
  PART_LAYOUT_INVALID: {
    message: 'The memory layout asked for does not fit the part\'s flash.',
    fix: 'Correct the value named in the detail: the credentials page and the NVM3 region must be whole, aligned pages inside the flash.',
  },
  // Provision Protocol v2 packages and arguments (main/silabs/provisionProtocol).
  PROTOCOL_PACKAGE_TRUNCATED: {
    message: 'A provisioning package ended before its header, payload or checksum was complete.',
    fix: 'Retry the exchange; if it keeps happening, check the probe connection and the RTT buffer size of the firmware.',
  },
  PROTOCOL_PACKAGE_TOO_LARGE: {
    message: 'A provisioning package is longer than the 128 bytes Provision Protocol v2 allows.',
    fix: 'Split the arguments into more packages; if the device sent it, check that it runs a Protocol v2 firmware.',
  },
  PROTOCOL_PACKAGE_LENGTH_MISMATCH: {
    message: 'A provisioning package carries more bytes than its length field announces.',
    fix: 'Retry the exchange; if it keeps happening, read the package in the detail and check which side framed it wrongly.',
  },
  PROTOCOL_CHECKSUM_MISMATCH: {
    message: 'A provisioning package failed its SHA-256 check, so it was damaged on the way.',
    fix: 'Retry the exchange; if it keeps happening, check the probe connection and lower the SWD speed.',
  },
  PROTOCOL_VERSION_UNSUPPORTED: {
    message: 'A provisioning package uses a protocol version other than 2.',
    fix: 'Flash a provisioning firmware that speaks Provision Protocol v2 (Silicon Labs provision tool 2.0 or later).',
  },
  PROTOCOL_UNKNOWN_COMMAND: {
    message: 'A provisioning package names a command that Provision Protocol v2 does not have.',
    fix: 'Use Init (1), Finish (2), Write (3), Read (4) or CSR (5); if the device sent it, check its firmware version.',
  },
  PROTOCOL_DIRECTION_INVALID: {
    message: 'A provisioning package went the wrong way: a response was read as a request, or a request as a response.',
    fix: 'Check that host and device are not both sending requests; restart the provisioning session.',
  },
  PROTOCOL_ARGUMENT_TRUNCATED: {
    message: 'A provisioning argument announces more bytes than the message contains.',
    fix: 'Retry the exchange; if it keeps happening, check that every fragment of the argument was sent.',
  },
  PROTOCOL_ARGUMENT_INVALID: {
    message: 'A provisioning argument is not encoded the way Provision Protocol v2 requires.',
    fix: 'Check the argument named in the detail: its id must fit 9 bits, its value its type, and its size the canonical form.',
  },
  PROTOCOL_ARGUMENT_TYPE_UNSUPPORTED: {
    message: 'A provisioning argument has a value type that Provision Protocol v2 devices do not accept.',
    fix: 'Send the value as binary, u8, u16 or u32 (strings go as binary UTF-8).',
  },
  PROTOCOL_SEQUENCE_INVALID: {
    message: 'The packages of one provisioning message do not follow each other (command or counter out of order).',
    fix: 'Restart the command from its first package; the detail names the package that broke the sequence.',
  },
  // Matter factory data for Silicon Labs firmware (main/silabs/factoryData).
  FACTORY_DATA_INVALID: {
    message: 'The factory data file does not hold the values a provisioning image needs.',
    fix: 'Correct each field named in the detail; docs/factory-image.md lists every name, its type and its range.',
  },
  FACTORY_VALUE_INVALID: {
    message: 'A factory data value cannot be stored the way Silicon Labs firmware reads it.',
    fix: 'Correct the value named in the detail so it fits its type, length and range.',
  },
  FACTORY_VALUE_MISSING: {
    message: 'A factory data value that another value depends on is missing.',
    fix: 'Add the value named in the detail (the setup payload needs vendor ID, product ID, discriminator and passcode together).',
  },
  FACTORY_VERIFIER_MISMATCH: {
    message: 'The SPAKE2+ verifier given does not belong to the passcode, salt and iteration count given.',
    fix: 'Leave spake2pVerifier out so the station computes it, or recompute it with `matterline spake2p` from the same passcode, salt and iterations.',
  },
  FACTORY_KEY_MAP_INVALID: {
    message: 'The factory key map names a key or a field twice, or a key outside the NVM3 key space.',
    fix: 'Give every factory field exactly one 20-bit NVM3 key in the key map.',
  },
  // The Matter credentials page: DAC, PAI and CD (main/silabs/credentialsPage.ts).
  CREDS_CERTIFICATE_INVALID: {
    message: 'A certificate for the credentials page cannot be read as one X.509 certificate.',
    fix: 'Give the DAC and PAI as one PEM or DER certificate each; the detail names the file and the problem.',
  },
  CREDS_CD_INVALID: {
    message: 'The Certification Declaration for the credentials page cannot be read.',
    fix: 'Give the CD as the DER (or PEM) CMS file the CSA or `matterline cd create` produced; the detail names the file and the problem.',
  },
  CREDS_DAC_KEY_INVALID: {
    message: 'The DAC private key cannot be read as an unencrypted EC P-256 key.',
    fix: 'Give the key as PEM or DER, SEC1 ("EC PRIVATE KEY") or PKCS#8, unencrypted; the detail names the file and the problem.',
  },
  CREDS_DAC_KEY_MISMATCH: {
    message: 'The DAC private key does not belong to the DAC certificate.',
    fix: 'Give the key the DAC was issued for; a device with a mismatched key fails attestation.',
  },
  CREDS_FILE_TOO_LARGE: {
    message: 'A credential is larger than Silicon Labs firmware accepts.',
    fix: 'Use a shorter certificate or CD (DAC and PAI at most 500 bytes, CD at most 350, DAC key at most 128), or raise the limit if your firmware was built with larger buffers.',
  },
  CREDS_PAGE_OVERFLOW: {
    message: 'The DAC, PAI and CD do not fit in the credentials page at their offsets.',
    fix: 'Use smaller credentials or the 64-byte-aligned layout; the detail names the file that runs past the page end.',
  },
  CREDS_PAGE_INVALID: {
    message: 'The credentials page given is not one flash page of the part.',
    fix: 'Pass exactly one page of the part\'s page size; the detail says what was given.',
  },
  // Whole provisioning images: NVM3 region + credentials page, or the single page (main/silabs/image).
  IMAGE_LAYOUT_INVALID: {
    message: 'The provisioning layout asked for is neither nvm3 nor single-page.',
    fix: 'Use --layout nvm3 (NVM3 factory data and the credentials page) or --layout single-page (matter_provision_flash firmware).',
  },
  IMAGE_DAC_KEY_REQUIRED: {
    message: 'The single-page layout stores the DAC private key, but none was given.',
    fix: 'Add dacKey (a PEM or DER file) to the factory data, or use the nvm3 layout and import the key on the chip.',
  },
  IMAGE_DAC_KEY_NOT_STORED: {
    message: 'The NVM3 layout cannot carry the DAC private key: Silicon Labs firmware keeps it in PSA key storage, not in the image.',
    fix: 'Leave dacKey out and import the key on the chip (provisioning firmware), or use --layout single-page.',
  },
  IMAGE_NO_PROVISIONING_DATA: {
    message: 'The image holds neither an NVM3 region nor a single-page provisioning layout where the part keeps them.',
    fix: 'Check the part number and the file; give --nvm3-base when the firmware places NVM3 elsewhere, and --base for a raw binary.',
  },
  IMAGE_SINGLE_PAGE_INVALID: {
    message: 'The single provisioning page is damaged: its total or its arguments cannot be read.',
    fix: 'Rebuild the page with `matterline image build --layout single-page`; the detail names the byte where reading stopped.',
  },
  IMAGE_SINGLE_PAGE_FULL: {
    message: 'The factory data, certificates and key do not fit in one flash page.',
    fix: 'Shorten the strings or credentials; the detail gives the size needed and the page size.',
  },
  IMAGE_OUTPUT_FORMAT_UNKNOWN: {
    message: 'The output file name does not say which firmware format to write.',
    fix: 'End the file name with .bin, .hex or .s37.',
  },
} as const satisfies Record<string, CatalogueEntry>;
