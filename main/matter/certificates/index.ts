/** Matter attestation certificates: parsing, VID/PID, the PAA/PAI/DAC profile, chains and the trust store. */
export { parseCertificate, parseCertificateDer, parseCertificates, serialHex } from './parseCertificate';
export type { CertificateExtension, DistinguishedName, NameAttribute, ParsedCertificate, PublicKeyInfo } from './parseCertificate';
export { extractVidPid, findHexAfterPrefix, formatUpperHex4, parseUpperHex4, CN_SEARCH_LENGTH } from './vidPid';
export type { VidPid } from './vidPid';
export { checkCertificateProfile, KEY_IDENTIFIER_LENGTH, MAX_SERIAL_LENGTH } from './profile';
export type { CertificateRole, ProfileReport } from './profile';
export { validateChain, link } from './chain';
export { checkVidPidRelations } from './vidPidRules';
export type { ChainInput } from './chain';
export { TrustStore } from './trustStore';
export type { RejectedTrustSource, TrustedPaa, TrustSource } from './trustStore';
export { computeKeyIdentifier, readAuthorityKeyId, readSubjectKeyId, toHex, bytesEqual } from './keyIdentifiers';
export { verifyCertificateSignature, verifyEcdsa } from './signature';
export { describeKey, generateP256KeyPair, parsePrivateKey, privateKeyToPem, publicKeyPoint } from './keys';
export type { P256KeyPair } from './keys';
export {
  authorityKeyIdentifier,
  basicConstraints,
  buildCertificate,
  keyUsage,
  KeyUsageBit,
  matterName,
  randomSerialNumber,
  subjectKeyIdentifier,
} from './buildCertificate';
export type { CertificateTemplate, ExtensionSpec, MatterNameFields } from './buildCertificate';
export { decodePemBlocks, derItemsFromFile, encodePem, looksLikePem } from './pem';
export { OID, oidName } from './oids';
