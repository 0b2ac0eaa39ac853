/**
 * Read-back and verification of a provisioned EFR32: readDeviceBack (probe I/O) → checkDevice (the
 * checks) → a VerificationReport. Shared by the pipeline's "read back and verify" step and the QA
 * read-back service. See docs/verification.md.
 */
export { readDeviceBack, lockStateOf, type ReadDeviceBackOptions } from './readDeviceBack';
export { checkDevice } from './checkDevice';
export { compareWithRecord, sameSalt, uniqueIdSha256, type RecordField, type RecordMismatch } from './compareWithRecord';
export { findKnownTestCredential, isTestVendorId, KNOWN_TEST_CREDENTIALS, TEST_VENDOR_ID_MAX, TEST_VENDOR_ID_MIN, type KnownTestCredential } from './knownTestCredentials';
export {
  CHECK_NAMES,
  READBACK_STORAGES,
  type CheckName,
  type CheckOptions,
  type CheckResult,
  type DeviceReadback,
  type DeviceRecordExpectation,
  type LockState,
  type ReadbackStorage,
  type ReadRegionBytes,
  type VerificationExpectations,
  type VerificationReport,
} from './types';
