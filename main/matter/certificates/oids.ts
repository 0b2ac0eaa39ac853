/** The object identifiers the Matter attestation profile speaks about, with names for messages. */

export const OID = {
  commonName: '2.5.4.3',
  /** Matter DN attributes (Matter Core spec 6.1.1, fact sheet 1.1): UTF8String of 4 upper-case hex digits. */
  matterVendorId: '1.3.6.1.4.1.37244.2.1',
  matterProductId: '1.3.6.1.4.1.37244.2.2',

  ecPublicKey: '1.2.840.10045.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  prime256v1: '1.2.840.10045.3.1.7',
  secp256k1: '1.3.132.0.10',
  secp384r1: '1.3.132.0.34',
  secp521r1: '1.3.132.0.35',

  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',

  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
} as const;

const names: Record<string, string> = {
  [OID.prime256v1]: 'P-256 (prime256v1)',
  [OID.secp256k1]: 'secp256k1',
  [OID.secp384r1]: 'P-384 (secp384r1)',
  [OID.secp521r1]: 'P-521 (secp521r1)',
  [OID.ecPublicKey]: 'EC public key',
  [OID.rsaEncryption]: 'RSA',
  [OID.ecdsaWithSha1]: 'ecdsa-with-SHA1',
  [OID.ecdsaWithSha256]: 'ecdsa-with-SHA256',
  [OID.ecdsaWithSha384]: 'ecdsa-with-SHA384',
  [OID.ecdsaWithSha512]: 'ecdsa-with-SHA512',
  [OID.basicConstraints]: 'basicConstraints',
  [OID.keyUsage]: 'keyUsage',
  [OID.subjectKeyIdentifier]: 'subjectKeyIdentifier',
  [OID.authorityKeyIdentifier]: 'authorityKeyIdentifier',
  [OID.extendedKeyUsage]: 'extendedKeyUsage',
  [OID.subjectAltName]: 'subjectAltName',
  [OID.authorityInfoAccess]: 'authorityInfoAccess',
  [OID.commonName]: 'CN',
  [OID.matterVendorId]: 'Matter VID',
  [OID.matterProductId]: 'Matter PID',
};

/** "ecdsa-with-SHA256" for a known OID, the dotted OID otherwise. */
export function oidName(oid: string): string {
  return names[oid] ?? oid;
}

/** Node's digest name for an ECDSA signature algorithm, or null when it is not ECDSA. */
export function ecdsaDigest(signatureOid: string): 'sha1' | 'sha256' | 'sha384' | 'sha512' | null {
  switch (signatureOid) {
    case OID.ecdsaWithSha1:
      return 'sha1';
    case OID.ecdsaWithSha256:
      return 'sha256';
    case OID.ecdsaWithSha384:
      return 'sha384';
    case OID.ecdsaWithSha512:
      return 'sha512';
    default:
      return null;
  }
}
