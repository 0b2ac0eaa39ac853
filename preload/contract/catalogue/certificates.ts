/** Catalogue section — Matter certificates: parsing, the PAA/PAI/DAC profiles, chains, trust store and DAC issuance. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const matterCertificateErrors = {
  // Reading files.
  CERT_MALFORMED: {
    message: 'A certificate could not be read because the file is not a complete PEM or DER X.509 certificate.',
    fix: 'Check that the file named in the detail is the certificate itself (not a key, CSR or truncated copy) and export it again if needed.',
  },
  CERT_KEY_UNSUPPORTED: {
    message: 'A certificate holds a public key that is not an EC P-256 key, so it cannot be a Matter attestation certificate.',
    fix: 'Use the certificate issued for Matter (ECDSA P-256); the detail names the file and the key type found.',
  },
  KEY_MALFORMED: {
    message: 'A private key could not be read because the file is not a PEM or DER EC private key.',
    fix: 'Give the key file named in the detail as PEM ("EC PRIVATE KEY" or "PRIVATE KEY") or DER, unencrypted.',
  },
  KEY_NOT_P256: {
    message: 'A private key is not an EC P-256 key, which Matter attestation requires.',
    fix: 'Use the P-256 key that belongs to the certificate; the detail names the key type found.',
  },
  KEY_MISMATCH: {
    message: 'The private key does not belong to the certificate it was given with.',
    fix: 'Pair the PAI certificate with its own private key (the detail shows both key identifiers).',
  },

  // The attestation certificate profile (fact sheet 1.1); the detail names PAA, PAI or DAC and the rule.
  CERT_VERSION_INVALID: {
    message: 'A certificate is not an X.509 version 3 certificate.',
    fix: 'Reissue the certificate named in the detail as X.509 v3.',
  },
  CERT_SERIAL_INVALID: {
    message: 'A certificate serial number is empty, not positive or longer than 20 bytes.',
    fix: 'Reissue the certificate named in the detail with a positive serial number of at most 20 bytes.',
  },
  CERT_SIGNATURE_ALGORITHM_INVALID: {
    message: 'A certificate is not signed with ecdsa-with-SHA256.',
    fix: 'Reissue the certificate named in the detail signed with ECDSA P-256 and SHA-256.',
  },
  CERT_PUBLIC_KEY_INVALID: {
    message: 'A certificate public key is not an uncompressed EC P-256 (prime256v1) key.',
    fix: 'Reissue the certificate named in the detail for a P-256 key pair.',
  },
  CERT_BASIC_CONSTRAINTS_INVALID: {
    message: 'A certificate basicConstraints extension is missing, not critical, repeated or has the wrong CA flag or path length for its role.',
    fix: 'Reissue the certificate named in the detail with critical basicConstraints: CA:FALSE without pathLen for a DAC, CA:TRUE pathLen 0 for a PAI, CA:TRUE pathLen 1 or none for a PAA.',
  },
  CERT_KEY_USAGE_INVALID: {
    message: 'A certificate keyUsage extension is missing, not critical, repeated or has the wrong bits for its role.',
    fix: 'Reissue the certificate named in the detail with critical keyUsage: exactly digitalSignature for a DAC, keyCertSign and cRLSign (digitalSignature allowed) for a PAI or PAA.',
  },
  CERT_SUBJECT_KEY_ID_INVALID: {
    message: 'A certificate subjectKeyIdentifier extension is missing, critical, repeated or not 20 bytes long.',
    fix: 'Reissue the certificate named in the detail with a non-critical 20-byte subjectKeyIdentifier (SHA-1 of the public key).',
  },
  CERT_AUTHORITY_KEY_ID_INVALID: {
    message: 'A certificate authorityKeyIdentifier extension is missing, critical, repeated or not a 20-byte key identifier.',
    fix: 'Reissue the certificate named in the detail with a non-critical authorityKeyIdentifier holding the issuer\'s 20-byte key identifier.',
  },
  CERT_CRITICAL_EXTENSION_UNKNOWN: {
    message: 'A certificate carries a critical extension that attestation verifiers do not understand, so they reject it.',
    fix: 'Reissue the certificate named in the detail without that extension or with it marked non-critical.',
  },
  CERT_VIDPID_INVALID: {
    message: 'A certificate subject holds a vendor or product ID that is not exactly 4 upper-case hex digits, or holds one twice.',
    fix: 'Reissue the certificate named in the detail with one Matter VID/PID attribute each, written as 4 upper-case hex digits (e.g. FFF1), or a valid Mvid:/Mpid: CN encoding.',
  },

  // VID/PID relations between the three certificates (fact sheet 1.3).
  DAC_VID_MISSING: {
    message: 'The DAC carries no vendor ID.',
    fix: 'Reissue the DAC with the Matter VID attribute in its subject.',
  },
  DAC_PID_MISSING: {
    message: 'The DAC carries no product ID.',
    fix: 'Reissue the DAC with the Matter PID attribute in its subject.',
  },
  PAI_VID_MISSING: {
    message: 'The PAI carries no vendor ID.',
    fix: 'Use a PAI whose subject has the Matter VID attribute.',
  },
  DAC_VID_MISMATCH: {
    message: 'The DAC vendor ID differs from the vendor ID of the PAI that issued it.',
    fix: 'Issue the DAC under a PAI of the same vendor, or correct the VID (both values are in the detail).',
  },
  DAC_PID_MISMATCH: {
    message: 'The DAC product ID differs from the product ID the PAI is restricted to.',
    fix: 'Issue the DAC under a PAI for this product or a vendor-wide PAI, or correct the PID (both values are in the detail).',
  },
  PAA_PID_PRESENT: {
    message: 'The PAA carries a product ID, which a Matter root must not have.',
    fix: 'Use a PAA without a PID attribute; this root cannot be used for attestation.',
  },
  PAA_VID_MISMATCH: {
    message: 'The PAA is restricted to a vendor ID that differs from the PAI vendor ID.',
    fix: 'Use a PAI of the PAA\'s vendor, or a PAA without a vendor restriction (both values are in the detail).',
  },

  // Chain and time (fact sheet 1.1, chain checks).
  PAA_NOT_FOUND: {
    message: 'No trusted PAA matches the key identifier the PAI names as its issuer.',
    fix: 'Add the PAA that issued this PAI to the trust store (for production, a PAA listed on the DCL); the detail shows the key identifier looked for.',
  },
  CHAIN_ISSUER_MISMATCH: {
    message: 'A certificate does not name the next certificate in the chain as its issuer.',
    fix: 'Check that the DAC, PAI and PAA belong together; the detail shows the names or key identifiers that differ.',
  },
  CHAIN_SIGNATURE_INVALID: {
    message: 'A certificate signature does not verify with its issuer\'s public key.',
    fix: 'The certificate named in the detail was not signed by the given issuer or was altered; use the matching issuer or reissue it.',
  },
  CHAIN_NOT_VALID_AT_ISSUANCE: {
    message: 'The PAI or PAA was not valid at the moment the DAC was issued (the DAC\'s notBefore).',
    fix: 'Issue DACs only while the PAI and PAA are valid; the detail shows the dates.',
  },
  DAC_NOT_YET_VALID: {
    message: 'The DAC is not valid yet at the time of verification.',
    fix: 'Check the station clock (or --at); a DAC must not start in the future (the detail shows its notBefore).',
  },
  DAC_EXPIRED: {
    message: 'The DAC has expired at the time of verification.',
    fix: 'Provision the device with a new DAC (the detail shows its notAfter).',
  },

  // Trust store.
  TRUST_STORE_EMPTY: {
    message: 'The trust store holds no usable PAA certificate.',
    fix: 'Point the station at a folder of PAA certificates (PEM or DER), such as a DCL export or the Matter SDK\'s paa-root-certs.',
  },
  TRUST_FOLDER_UNREADABLE: {
    message: 'A trust store folder could not be read.',
    fix: 'Check the path and permissions of the folder named in the detail.',
  },
  TRUST_CERTIFICATE_REJECTED: {
    message: 'A file in the trust store was not accepted as a PAA.',
    fix: 'Remove or replace the file named in the detail; the reason is given there.',
  },

  // DAC issuance and CSRs.
  CSR_MALFORMED: {
    message: 'The certificate signing request could not be read as a PKCS#10 CSR.',
    fix: 'Give the CSR the device produced, as PEM ("CERTIFICATE REQUEST") or DER; the detail says what is wrong.',
  },
  CSR_SIGNATURE_INVALID: {
    message: 'The certificate signing request is not signed by the key it carries.',
    fix: 'Have the device generate a new CSR; this one was altered or damaged.',
  },
  CSR_KEY_UNSUPPORTED: {
    message: 'The certificate signing request carries a key that is not EC P-256.',
    fix: 'Generate the device key on P-256 (prime256v1) and make a new CSR; the detail names the key type found.',
  },
  DAC_SCOPE_MISMATCH: {
    message: 'The PAI may not issue a DAC for this vendor or product ID.',
    fix: 'Request a VID/PID inside the PAI\'s scope, or use a PAI for this vendor and product (the detail shows both).',
  },
  DAC_ISSUER_INVALID: {
    message: 'The PAI certificate given for issuing DACs does not meet the Matter PAI profile.',
    fix: 'Use a conforming PAI certificate; the detail lists the rules it breaks.',
  },
  DAC_REQUEST_INVALID: {
    message: 'The DAC request has a value outside what the Matter profile allows.',
    fix: 'Correct the value named in the detail (VID 0x0001–0xFFFE, PID 0x0001–0xFFFF, notAfter after notBefore, serial 8–20 bytes).',
  },
} as const satisfies Record<string, CatalogueEntry>;
