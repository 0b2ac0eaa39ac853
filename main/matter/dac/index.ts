/** DAC issuance (fresh key or device CSR) and the project's own test hierarchy. */
export { issueDac, issuerFrom, prepareDacIssuer, NO_EXPIRY, DEFAULT_SERIAL_LENGTH, MIN_SERIAL_LENGTH, MAX_SERIAL_LENGTH, MAX_COMMON_NAME_LENGTH } from './issueDac';
export type { DacIssuer, DacRequest, IssuedDac } from './issueDac';
export { parseDeviceCsr } from './csr';
export type { DeviceCsr } from './csr';
export { createCdSigningCertificate, createPai, createTestPaa, testPaiIssuer } from './testHierarchy';
export type { CertificateWithKey, TestCertificateOptions } from './testHierarchy';
