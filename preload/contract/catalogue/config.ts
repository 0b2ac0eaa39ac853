/** Catalogue section — Product configurations: the configuration file, its schema, the rules between its fields and the files it names, and the Silicon Labs JSON import. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const productConfigErrors = {
  // The file itself (docs/product-configuration.md).
  CONFIG_MALFORMED: {
    message: 'The product configuration file is not valid JSON.',
    fix: 'Fix the JSON at the line and column named in the detail, or export the configuration again.',
  },
  CONFIG_INVALID: {
    message: 'The product configuration has fields that are missing, misspelled or out of range.',
    fix: 'Correct each field named in the detail; docs/product-configuration.md lists every field with its range.',
  },
  CONFIG_FILE_MISSING: {
    message: 'A file the product configuration names cannot be read.',
    fix: 'Check the path of the field named in the detail; relative paths start at the configuration file\'s folder.',
  },
  CONFIG_OUTPUT_EXISTS: {
    message: 'The output file already exists, so it was not overwritten.',
    fix: 'Choose another --out path, or move the existing file away first.',
  },
  CONFIG_IMPORT_MALFORMED: {
    message: 'The Silicon Labs provisioning JSON cannot be read as a provision-tool input or output file.',
    fix: 'Give the tool\'s latest.json or cpms.json (version 1.x or 2.x); the detail names what is wrong.',
  },
  // Rules between fields and files (validate.ts); each problem names the field.
  CONFIG_PART_UNKNOWN: {
    message: 'The configured part number is not one the part catalogue knows.',
    fix: 'Use the full orderable part number printed on the chip or its reel, e.g. EFR32MG24B210F1536IM48.',
  },
  CONFIG_PAI_INVALID: {
    message: 'The PAI certificate of the configuration cannot be used to issue DACs.',
    fix: 'Use the PAI certificate your PKI issued (PEM or DER, one certificate, CA:TRUE pathLen 0, with a vendor ID).',
  },
  CONFIG_PAI_KEY_INVALID: {
    message: 'The PAI private key of the configuration cannot be read as an EC P-256 key.',
    fix: 'Give the unencrypted PAI key as PEM or DER (SEC1 or PKCS#8) on curve P-256.',
  },
  CONFIG_PAI_KEY_MISMATCH: {
    message: 'The PAI private key does not belong to the PAI certificate.',
    fix: 'Give the key that was used to request the PAI certificate, or the certificate issued for this key.',
  },
  CONFIG_VID_MISMATCH: {
    message: 'The vendor ID differs between the configuration and its PAI certificate.',
    fix: 'Set matter.vendorId to the PAI\'s vendor ID (the PAI fixes it), or use the PAI issued for your vendor ID.',
  },
  CONFIG_PID_MISMATCH: {
    message: 'The product ID differs between the configuration and its product-scoped PAI certificate.',
    fix: 'Set matter.productId to the PAI\'s product ID (the PAI fixes it), or use a PAI for this product.',
  },
  CONFIG_TRUST_STORE_EMPTY: {
    message: 'The configuration\'s trust store holds no usable PAA certificate.',
    fix: 'Point attestation.trustStore at the PAA certificate that issued your PAI, or a folder of PAAs exported from the DCL.',
  },
  CONFIG_PAA_NOT_FOUND: {
    message: 'The PAI does not chain to any PAA in the configuration\'s trust store.',
    fix: 'Add the PAA that issued the PAI to attestation.trustStore.',
  },
  CONFIG_PAI_CHAIN_INVALID: {
    message: 'The PAI names a PAA of the trust store as its issuer but does not verify under it.',
    fix: 'Check that the PAI and the PAA come from the same PKI; the detail names the broken link.',
  },
  CONFIG_CERTIFICATE_NOT_VALID_NOW: {
    message: 'A certificate of the configuration is expired or not yet valid.',
    fix: 'Use a PAI and PAA that are valid now; DACs issued under them would not verify.',
  },
  CONFIG_CD_INVALID: {
    message: 'The configuration\'s Certification Declaration cannot be used.',
    fix: 'Use the CD the CSA issued for this product (DER or PEM), or create a development CD with matterline cd create.',
  },
  CONFIG_CD_TOO_LARGE: {
    message: 'The Certification Declaration is larger than the device\'s credentials storage accepts.',
    fix: 'Use a CD of at most 350 bytes (the firmware\'s kCertificationSizeMax); long product id lists make it large.',
  },
  CONFIG_CD_MISMATCH: {
    message: 'The Certification Declaration does not cover the configured vendor and product, or the PAI.',
    fix: 'Use the CD issued for this vendor ID and a product id list that contains this product ID.',
  },
  CONFIG_CD_SIGNATURE: {
    message: 'The Certification Declaration does not verify against the configured CD signing certificates.',
    fix: 'Add the certificate that signed the CD to attestation.cdSigningCertificates (the CSA\'s, or your development signer).',
  },
  CONFIG_TEST_CREDENTIALS_IN_PRODUCTION: {
    message: 'A production configuration uses test attestation credentials, which no certified commissioner accepts.',
    fix: 'Use a PAI under a production PAA listed in the DCL, an official CD, and your CSA-assigned vendor ID, or set attestation.dcl to "test".',
  },
  CONFIG_STORAGE_CONFLICT: {
    message: 'The storage layout, key mode and agent of the configuration do not fit together.',
    fix: 'Single-page storage needs keyMode "host"; NVM3 storage needs a provisioning agent (agent.source "firmware" or "image").',
  },
  CONFIG_HOST_KEY_ON_SECURE_VAULT: {
    message: 'A host-generated DAC key on a Secure Vault part existed outside the chip, which gives up the part\'s key protection.',
    fix: 'Use keyMode "on-chip", or set security.acknowledgeHostKeyOnSecureVault to true to accept it.',
  },
  CONFIG_DEBUG_LOCK_NOTICE: {
    message: 'The debug lock setting needs attention before production.',
    fix: 'Read the detail: production devices are normally locked, and secure debug lock needs a command key on the chip.',
  },
  CONFIG_FIRMWARE_INVALID: {
    message: 'A firmware image of the configuration cannot be read.',
    fix: 'Give an Intel HEX, S37 or raw binary file (with baseAddress for .bin); the detail names the problem.',
  },
  CONFIG_FIRMWARE_LAYOUT: {
    message: 'A firmware image of the configuration does not fit the part\'s flash or overwrites the factory data.',
    fix: 'Build the image for this part, and keep it below the NVM3 region and the credentials page named in the detail.',
  },
  CONFIG_SERIAL_PATTERN_INVALID: {
    message: 'The serial-number pattern cannot give every device a unique serial number of at most 32 characters.',
    fix: 'Use {station} and {seq} (or {seq:N}) with short literal text, e.g. "{station}-{yyyy}{mm}{dd}-{seq:6}".',
  },
  CONFIG_TEXT_TOO_LONG: {
    message: 'A Matter text field is longer than the 32 bytes the device stores.',
    fix: 'Shorten the field named in the detail; characters outside ASCII take 2 to 4 bytes each in UTF-8.',
  },
} as const satisfies Record<string, CatalogueEntry>;
