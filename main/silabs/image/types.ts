/** What building and parsing a provisioning image take and give. */
import type { FirmwareImage } from '../../firmware';
import type { CredentialName, CredentialsLayout, CredentialsWarningCode } from '../credentialsPage';
import type { FactoryData, FactoryField, FactoryKeyMap, FactoryWarningCode } from '../factoryData';
import type { Nvm3WarningCode } from '../nvm3';
import type { PartInfo } from '../parts';
import type { SinglePageWarningCode } from '../singlePage';

/** `nvm3`: factory data in NVM3 + DER files in the credentials page (matter_provision_default). `single-page`: matter_provision_flash. */
export type ProvisioningLayout = 'nvm3' | 'single-page';
export const PROVISIONING_LAYOUTS: readonly ProvisioningLayout[] = ['nvm3', 'single-page'];

export interface BuildProvisioningImageInput {
  /** The part, with its NVM3 region and credentials page (parseOrderablePartNumber, options for uncertain values). */
  readonly part: PartInfo;
  readonly layout: ProvisioningLayout;
  /** Factory values; for nvm3 the credential base/offset/size keys are computed and any given are replaced. */
  readonly factoryData: FactoryData;
  /** PEM or DER each: the DAC and PAI certificates and the Certification Declaration. */
  readonly certificates: Readonly<Record<CredentialName, Uint8Array>>;
  /** single-page only: the DAC private key, PEM or DER, SEC1 or PKCS#8 (stored as SEC1 DER). */
  readonly dacKey?: Uint8Array;
}

export interface BuildProvisioningImageOptions {
  /** NVM3 keys of the firmware generation (default silabsFactoryKeyMapV1). */
  readonly keyMap?: FactoryKeyMap;
  /** Per-field byte limits replacing the key map's (e.g. hardwareVersionString: 64). */
  readonly maxLengths?: Partial<Record<FactoryField, number>>;
  /** Setup-payload capability bits accepted (default SoftAP | BLE | on network). */
  readonly knownCapabilities?: number;
  /** Credentials page layout (nvm3 only): 'aligned' (default, 64-byte boundaries) or 'legacy' (0x000/0x200/0x400). */
  readonly credentialsLayout?: CredentialsLayout;
  /** Per-file limits in bytes (default DAC 500, PAI 500, CD 350). */
  readonly maxSizes?: Partial<Record<CredentialName, number>>;
  /** NVM3 page erase count (default 1, as Silicon Labs' blank images) and the firmware's largest object (default 4092). */
  readonly eraseCount?: number;
  readonly maxObjectSize?: number;
}

export interface ImageRegion {
  readonly name: 'nvm3' | 'credentials' | 'single-page';
  readonly address: number;
  readonly size: number;
}

export type ImageWarningCode =
  | 'nvm3-found-elsewhere' // no NVM3 at the expected base, but a run of NVM3 pages elsewhere in the image
  | 'credentials-base-missing' // NVM3 has no credentials base address: the part's credentials page was read
  | 'credentials-base-differs' // NVM3's base address is not the part's credentials page
  | 'credentials-page-missing' // the image holds no bytes at the credentials page
  | 'certificate-unreadable' // a DAC/PAI/CD is there but does not parse
  | 'vid-pid-mismatch' // VID/PID in the certificates, the CD and the factory data disagree
  | 'dac-key-unreadable' // single page: the key does not parse as EC P-256
  | 'dac-key-mismatch' // single page: the key does not belong to the DAC
  | 'key-id-dropped'; // single page: keyId has no place in the layout

export interface ImageWarning {
  readonly code: ImageWarningCode | Nvm3WarningCode | FactoryWarningCode | CredentialsWarningCode | SinglePageWarningCode;
  /** Which part of the image the warning is about. */
  readonly source: 'image' | 'nvm3' | 'factory-data' | 'credentials' | 'single-page' | 'certificates';
  readonly message: string;
  /** NVM3 key, when about one. */
  readonly key?: number;
  readonly field?: FactoryField;
  readonly credential?: CredentialName;
}

/** A provisioning image: the bytes at their addresses (a FirmwareImage) and what is where. */
export interface ProvisioningImage extends FirmwareImage {
  readonly layout: ProvisioningLayout;
  readonly regions: readonly ImageRegion[];
  /** The factory data as written (for nvm3 with the credential keys and key id filled in). */
  readonly factoryData: FactoryData;
  /** Consistency problems that do not stop the build (VID/PID disagreements). */
  readonly warnings: readonly ImageWarning[];
}

export interface CertificateSummary {
  readonly present: boolean;
  /** Where its location came from: NVM3 keys, the legacy fixed offsets, or the single page. */
  readonly source: 'nvm3' | 'legacy' | 'single-page' | null;
  /** Absolute address (nvm3 layout) and offset in the credentials page; null in the single page. */
  readonly address: number | null;
  readonly offset: number | null;
  readonly size: number | null;
  readonly vendorId: number | null;
  readonly productId: number | null;
  /** Upper-case hex; for the CD null (a CD has a certificate id instead). */
  readonly serial: string | null;
  readonly subject: string | null;
  /** CD only. */
  readonly productIds?: readonly number[];
  readonly certificateId?: string;
  /** Why the bytes could not be read as what they should be; null when they could (or are absent). */
  readonly error: string | null;
}

export interface Nvm3Summary {
  readonly base: number;
  readonly pageSize: number;
  readonly pages: number;
  /** Live objects (newest value of each key, deleted keys not counted). */
  readonly objects: number;
  readonly deletedKeys: number;
  /** Per page in address order; null for pages without a readable count (erased, invalid). */
  readonly eraseCounts: readonly (number | null)[];
  readonly fifoStartPage: number;
  readonly unusedBytes: number;
}

export interface ParseProvisioningImageOptions {
  /** Where the NVM3 region starts (the firmware's map file: linker_nvm_begin); default the part's. */
  readonly nvm3Base?: number;
  /** Read as this layout instead of detecting it. */
  readonly layout?: ProvisioningLayout;
  readonly keyMap?: FactoryKeyMap;
  /** Length limits the firmware was built with, as given when building (default: the key map's). */
  readonly maxLengths?: Partial<Record<FactoryField, number>>;
}

export interface ParsedProvisioningImage {
  readonly layout: ProvisioningLayout;
  readonly factoryData: FactoryData;
  readonly certificates: Readonly<Record<CredentialName, CertificateSummary>>;
  /** The files' bytes as read (null when absent). */
  readonly files: Readonly<Record<CredentialName, Uint8Array | null>>;
  /** Single page: the stored DAC key (SEC1 DER); nvm3: always null (the key lives in PSA storage). */
  readonly dacKey: Uint8Array | null;
  /** The credentials page read (nvm3) or the single page's address. */
  readonly credentialsAddress: number;
  /** nvm3 layout only. */
  readonly nvm3: Nvm3Summary | null;
  readonly warnings: readonly ImageWarning[];
}
