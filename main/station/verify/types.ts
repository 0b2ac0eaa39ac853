/**
 * What reading a device back gives, what the station expects of it, and the report the checks make.
 * The read-back (readDeviceBack) is the only part that talks to a probe; the checks (checkDevice) are
 * pure apart from the PBKDF2 and signature work they await.
 */
import type { AppErrorInfo } from '../../../preload/contract/errors';
import type { FirmwareImage } from '../../firmware';
import type { TrustStore } from '../../matter/certificates';
import type { ImageWarning, ParsedProvisioningImage, ProvisioningLayout } from '../../silabs/image';
import type { LockMode, LockStatus, TargetIdentity } from '../../target';

/** How the device keeps its credentials; `auto` reads both places and lets the parser decide. */
export type ReadbackStorage = ProvisioningLayout | 'auto';
export const READBACK_STORAGES: readonly ReadbackStorage[] = ['nvm3', 'single-page', 'auto'];

/** The debug-lock state the station can expect: none, or the lock mode that was applied. */
export type LockState = 'none' | LockMode;

export interface ReadRegionBytes {
  readonly name: 'nvm3' | 'credentials' | 'single-page';
  readonly address: number;
  /** Exactly what the probe returned, for byte compares. */
  readonly bytes: Uint8Array;
}

export interface DeviceReadback {
  /** The debug port is closed: nothing past the lock status (and, on Series 2, the EUI-64) could be read. */
  readonly locked: boolean;
  readonly lock: LockStatus;
  /** The lock as configured (effective now or at the next reset). */
  readonly lockState: LockState;
  /** null when the part is locked (DEVINFO is behind the closed port). */
  readonly identity: TargetIdentity | null;
  /** 16 lower-case hex digits; from DEVINFO, or from the Secure Engine on a locked Series 2 part; null when unknown. */
  readonly eui64: string | null;
  readonly storage: ReadbackStorage;
  /** The regions read, as read. Empty for a locked part. */
  readonly regions: readonly ReadRegionBytes[];
  /** The regions as one firmware image (null for a locked part). */
  readonly image: FirmwareImage | null;
  /** The provisioning data found; null when locked or when nothing readable is there (see parseError). */
  readonly parsed: ParsedProvisioningImage | null;
  /** Why nothing could be parsed (typically IMAGE_NO_PROVISIONING_DATA on an erased board). */
  readonly parseError: AppErrorInfo | null;
}

/** What the station wrote for this device (or holds on record for it). Every field is compared when given. */
export interface DeviceRecordExpectation {
  readonly serialNumber: string;
  /** 16 hex digits; compared with the chip's EUI-64 (part check). */
  readonly eui64?: string;
  /** The DAC the station issued, DER. */
  readonly dacDer?: Uint8Array;
  readonly discriminator: number;
  /** The setup passcode; the station may keep only what it printed, so it is optional. */
  readonly passcode?: number;
  readonly iterations: number;
  /** Base64 text of the SPAKE2+ salt. */
  readonly saltBase64: string;
  /** SHA-256 of the rotating-device unique id, lower-case hex (the record never holds the id itself). */
  readonly uniqueIdSha256?: string;
  /** The label's QR payload ("MT:…") and manual pairing code (11 or 21 digits). */
  readonly qrPayload?: string;
  readonly manualCode?: string;
}

export interface VerificationExpectations {
  /** Orderable part number, e.g. EFR32MG24B210F1536IM48. */
  readonly partNumber: string;
  readonly storage: ProvisioningLayout;
  readonly vendorId: number;
  readonly productId: number;
  /** Which Distributed Compliance Ledger the devices go to: production forbids every test PAA. */
  readonly dcl: 'test' | 'production';
  /** The PAAs the product's DACs must chain to. */
  readonly trustStore: TrustStore;
  /** CD signing certificates (PEM or DER) the CD must verify against. */
  readonly cdSigners: readonly Uint8Array[];
  /** Default 'none': a device being verified before the lock step must still be open. */
  readonly expectedLock?: LockState;
  readonly record?: DeviceRecordExpectation;
}

export type CheckName = 'part' | 'lock' | 'present' | 'dac-identical' | 'chain' | 'cd' | 'vid-pid' | 'commissioning' | 'onboarding' | 'not-test-credentials' | 'key';
export const CHECK_NAMES: readonly CheckName[] = ['part', 'lock', 'present', 'dac-identical', 'chain', 'cd', 'vid-pid', 'commissioning', 'onboarding', 'not-test-credentials', 'key'];

export interface CheckResult {
  readonly name: CheckName;
  readonly status: 'pass' | 'fail' | 'skip';
  /** One sentence. */
  readonly message: string;
}

export interface VerificationReport {
  /** No check failed. */
  readonly passed: boolean;
  /** In CHECK_NAMES order, one each. */
  readonly checks: readonly CheckResult[];
  readonly partNumber: string | null;
  readonly eui64: string | null;
  /** The DAC's serial (upper-case hex) when it could be read. */
  readonly dacSerial: string | null;
  /** The parser's warnings about the read-back, for the detail view. */
  readonly warnings: readonly ImageWarning[];
}

export interface CheckOptions {
  /** Verification time (DAC validity). */
  readonly now: Date;
}
