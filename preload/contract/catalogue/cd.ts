/** Catalogue section — Certification Declarations: CMS, TLV payload, signature, policy and VID/PID rules. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const certificationDeclarationErrors = {
  // Matter TLV (the codec under main/matter/tlv).
  TLV_MALFORMED: {
    message: 'The Matter TLV data is malformed and was not read.',
    fix: 'Regenerate the data with a Matter tool; the detail gives the byte offset and what is wrong there.',
  },
  TLV_VALUE_INVALID: {
    message: 'A value could not be written as Matter TLV because it does not fit its element type or tag.',
    fix: 'Correct the value named in the detail (range, tag number or duplicate tag) and try again.',
  },
  // The CMS envelope of a Certification Declaration.
  CD_TOO_LARGE: {
    message: 'The Certification Declaration is larger than the Matter SDK accepts (790 bytes).',
    fix: 'Check that the file really is a Certification Declaration; a real one is at most 790 bytes.',
  },
  CD_MALFORMED: {
    message: 'The Certification Declaration is not a well-formed CMS SignedData message.',
    fix: 'Use the DER file the CSA (or your CD tool) issued, unmodified; the detail says which part is wrong.',
  },
  CD_CMS_VERSION: {
    message: 'The Certification Declaration uses a CMS version other than 3.',
    fix: 'Ask for a Certification Declaration made to the Matter specification (SignedData and SignerInfo version 3).',
  },
  CD_DIGEST_ALGORITHM: {
    message: 'The Certification Declaration does not use SHA-256 as its only digest algorithm.',
    fix: 'Ask for a Certification Declaration made to the Matter specification (digest algorithm SHA-256).',
  },
  CD_SIGNATURE_ALGORITHM: {
    message: 'The Certification Declaration is not signed with ECDSA with SHA-256.',
    fix: 'Ask for a Certification Declaration made to the Matter specification (signature algorithm ecdsa-with-SHA256).',
  },
  CD_CONTENT_TYPE: {
    message: 'The Certification Declaration does not carry its payload as pkcs7-data.',
    fix: 'Ask for a Certification Declaration made to the Matter specification (eContentType 1.2.840.113549.1.7.1).',
  },
  CD_SIGNED_ATTRIBUTES: {
    message: 'The Certification Declaration has signed attributes, which Matter does not allow.',
    fix: 'Ask for a Certification Declaration signed directly over its payload, without signed attributes.',
  },
  CD_PAYLOAD_MALFORMED: {
    message: 'The payload of the Certification Declaration does not have the fields Matter requires, in the required order.',
    fix: 'Use a Certification Declaration made by the CSA or a Matter CD tool; the detail names the field that is wrong.',
  },
  CD_CONTENT_INVALID: {
    message: 'These values cannot be put into a Certification Declaration.',
    fix: 'Correct the value named in the detail (for example 1 to 100 product IDs, a 19-character certificate ID).',
  },
  // What the payload says.
  CD_FORMAT_VERSION: {
    message: 'The Certification Declaration has a format version other than 1.',
    fix: 'Use a Certification Declaration with format version 1; other versions are not defined by Matter.',
  },
  CD_CERTIFICATION_TYPE: {
    message: 'The Certification Declaration has a reserved certification type (not development, provisional or official).',
    fix: 'Use a Certification Declaration whose certification type is 0, 1 or 2.',
  },
  CD_PID_LIST_EMPTY: {
    message: 'The Certification Declaration lists no product IDs.',
    fix: 'Use a Certification Declaration that lists the product IDs it certifies.',
  },
  // Signer and signature.
  CD_SIGNER_UNKNOWN: {
    message: 'None of the Certification Declaration signing certificates given has the key that signed this declaration.',
    fix: 'Import the CSA signing certificate whose subject key identifier equals the key id in the detail.',
  },
  CD_SIGNER_CERT_INVALID: {
    message: 'A Certification Declaration signing certificate could not be used: it is not an X.509 certificate with a P-256 key.',
    fix: 'Give the signing certificate as PEM or DER as the CSA publishes it; the detail names the one that failed.',
  },
  CD_SIGNATURE_INVALID: {
    message: 'The signature of the Certification Declaration does not verify: the declaration was altered or signed with another key.',
    fix: 'Get the Certification Declaration again from its source, unmodified.',
  },
  CD_TEST_KEY_NOT_ALLOWED: {
    message: 'The Certification Declaration is signed with the CSA test key, which is not accepted for its certification type.',
    fix: 'Use a test-key declaration only for development (or provisional) devices; official products need a CD signed by a CSA production key.',
  },
  CD_SIGNING_KEY_INVALID: {
    message: 'The Certification Declaration signing key cannot be used: it must be an ECDSA P-256 private key.',
    fix: 'Give the private key of the signing certificate as a PEM PKCS#8 or SEC1 EC P-256 key.',
  },
  CD_SIGNING_KEY_MISMATCH: {
    message: 'The Certification Declaration signing key does not belong to the signing certificate given.',
    fix: 'Give the private key that matches the signing certificate (the same key pair).',
  },
  // The declaration against a device's DAC, PAI and PAA.
  CD_VID_MISMATCH: {
    message: 'The vendor ID in the Certification Declaration does not match the device.',
    fix: 'Use the Certification Declaration issued for this vendor ID, or credentials (DAC/PAI) for the vendor ID it certifies.',
  },
  CD_PID_NOT_LISTED: {
    message: 'The device\'s product ID is not among the product IDs the Certification Declaration certifies.',
    fix: 'Use a Certification Declaration that lists this product ID, or credentials for a product ID it lists.',
  },
  CD_DAC_ORIGIN_VID_MISMATCH: {
    message: 'The DAC or PAI vendor ID does not equal the Certification Declaration\'s DAC origin vendor ID.',
    fix: 'Use DAC/PAI credentials from the origin vendor the declaration names, or a declaration naming this DAC\'s vendor.',
  },
  CD_DAC_ORIGIN_PID_MISMATCH: {
    message: 'The DAC or PAI product ID does not equal the Certification Declaration\'s DAC origin product ID.',
    fix: 'Use DAC/PAI credentials for the origin product the declaration names, or a declaration naming this DAC\'s product.',
  },
  CD_PAA_NOT_AUTHORIZED: {
    message: 'The PAA at the root of the device\'s chain is not in the Certification Declaration\'s authorized PAA list.',
    fix: 'Issue the PAI under one of the PAAs the declaration authorizes, or use a declaration that authorizes this PAA.',
  },
} as const satisfies Record<string, CatalogueEntry>;
