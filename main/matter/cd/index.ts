/** Certification Declarations: decode, verify, check against a device, create. */
export { checkCdAgainstAttestation, checkCdContent } from './attestation';
export type { CdAttestationInput } from './attestation';
export { assembleCertificationDeclaration, createCertificationDeclaration, decodeCertificationDeclaration } from './cms';
export type { CdSigner, DecodedCd } from './cms';
export {
  CD_CERTIFICATE_ID_LENGTH,
  CD_KEY_ID_LENGTH,
  CD_MAX_AUTHORIZED_PAAS,
  CD_MAX_PRODUCT_IDS,
  CD_MAX_SIZE,
  CD_PAYLOAD_MAX_SIZE,
  CertificationType,
  certificationTypeName,
  decodeCdPayload,
  encodeCdPayload,
  validateCdContent,
} from './content';
export type { CdContent, DecodedCdPayload } from './content';
export { CSA_TEST_CD_SIGNING_KEY_ID, CSA_TEST_CD_SIGNING_PUBLIC_KEY, inspectSignerCertificate, isCsaTestSigner, verifyCertificationDeclaration } from './verify';
export type { CdSignerCertificateInfo, CdSignerKind, VerifiedCd, VerifyCdOptions } from './verify';
