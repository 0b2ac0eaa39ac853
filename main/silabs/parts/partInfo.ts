/**
 * PartInfo: one EFR32 part, whether it came from its orderable part number (OPN) or from the chip's
 * DEVINFO words, with the addresses provisioning needs (credentials page = last flash page, NVM3
 * directly below it; silabs-provisioning.md §1.1).
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import {
  familyLayout,
  jlinkDeviceName,
  type DevinfoLayout,
  type FamilyId,
  type FamilyLayout,
  type LayoutOverrides,
  type Series,
  type UncertainFact,
} from './families';

export type SecurityLevel = 'secure-engine' | 'secure-vault' | 'root-of-trust';
export type PackageType = 'WLCSP' | 'BGA' | 'QFN' | 'QFP';

/** PKGTYPE codes are the ASCII letters of the OPN (debug-access.md §2.3). */
export const PACKAGE_TYPES: Readonly<Record<string, PackageType>> = { J: 'WLCSP', L: 'BGA', M: 'QFN', Q: 'QFP' };

/** DEVINFO TEMPGRADE codes and their ranges (debug-access.md §2.3). */
export const TEMPERATURE_RANGES: Readonly<Record<number, string>> = {
  0: '-40..85 °C',
  1: '-40..125 °C',
  2: '-40..105 °C',
  3: '0..70 °C',
};

/**
 * OPN temperature letter → DEVINFO TEMPGRADE. Marked unverified in the fact sheet (G = −40..85 and
 * I = −40..125 are the usual Silicon Labs letters; the headers hold no mapping), hence a parameter.
 */
export const DEFAULT_TEMPERATURE_LETTERS: Readonly<Record<string, number>> = { G: 0, I: 1 };

/** Series 2 feature letter → security level (em_system.c SYSTEM_GetSecurityCapability, debug-access.md §2.3). */
const SECURITY_BY_LETTER: Readonly<Record<string, SecurityLevel>> = { A: 'secure-engine', B: 'secure-vault', C: 'root-of-trust' };

export interface PartOptions {
  /** Replace the family's uncertain values (NVM3 size, H5 word, known flash sizes). */
  readonly layout?: LayoutOverrides;
  /** Credentials-page address; default the last flash page (the provision tool's --creds_address). */
  readonly credentialsAddress?: number;
  /** NVM3 base; default directly below the credentials page (take it from the firmware's map file when it differs). */
  readonly nvm3Base?: number;
  /** OPN temperature letter → TEMPGRADE; default DEFAULT_TEMPERATURE_LETTERS. */
  readonly temperatureLetters?: Readonly<Record<string, number>>;
}

export interface Nvm3Region {
  readonly base: number;
  readonly size: number;
  readonly pageCount: number;
  /** The H5 word a freshly formatted page carries on this family. */
  readonly h5: number;
}

export interface PartMemory {
  readonly flashBase: number;
  readonly flashSize: number;
  readonly pageSize: number;
  readonly pageCount: number;
  readonly sramBase: number;
  readonly devinfo: DevinfoLayout;
  /** Address of the Matter credentials page (DAC, PAI, CD). */
  readonly credentialsPage: number;
  readonly nvm3: Nvm3Region;
}

export interface PartTemperature {
  /** The OPN letter (G, I); null when DEVINFO has a grade without a known letter. */
  readonly letter: string | null;
  /** DEVINFO TEMPGRADE. */
  readonly grade: number;
  readonly range: string | null;
}

export interface PartInfo {
  /** The orderable part number, e.g. EFR32MG24B210F1536IM48 ("?" stands for a temperature letter DEVINFO cannot give). */
  readonly orderablePartNumber: string;
  readonly family: FamilyId;
  readonly series: Series;
  readonly familyLetters: string;
  readonly familyNumber: number;
  /** The letter after the family number: A/B/C on Series 2, P/B/V on Series 1. */
  readonly featureLetter: string;
  /** Series 2 only. */
  readonly security: SecurityLevel | null;
  /** The three digits after the feature letter (210). */
  readonly deviceNumber: number;
  /** DEVINFO's number: Series 2 DEVICENUM = letter × 1000 + digits (1210); Series 1 DEVICE_NUMBER = digits. */
  readonly devinfoDeviceNumber: number;
  readonly flashKiB: number;
  /** Known from DEVINFO only. */
  readonly sramKiB: number | null;
  readonly temperature: PartTemperature;
  readonly package: { readonly letter: string; readonly type: PackageType };
  readonly pins: number;
  /** Anything after a dash (revision, packing), as written in the OPN. */
  readonly suffix: string | null;
  /** From DEVINFO only: PRODREV (Series 2) or PROD_REV (Series 1). */
  readonly productionRevision: number | null;
  /** From DEVINFO only: 16 lower-case hex digits, OUI first. */
  readonly eui64: string | null;
  readonly jlinkDevice: string;
  readonly memory: PartMemory;
  /** Values used with their documented default though no source confirms them for this part (docs/efr32-parts.md). */
  readonly uncertain: readonly UncertainFact[];
}

/** What both the OPN and DEVINFO give, before the layout is attached. */
export interface PartIdentity {
  readonly family: FamilyId;
  readonly featureLetter: string;
  readonly deviceNumber: number;
  readonly flashKiB: number;
  readonly temperature: PartTemperature;
  readonly package: { readonly letter: string; readonly type: PackageType };
  readonly pins: number;
  readonly suffix: string | null;
  readonly sramKiB: number | null;
  readonly productionRevision: number | null;
  readonly eui64: string | null;
}

export function formatOrderablePartNumber(layout: FamilyLayout, identity: PartIdentity): string {
  const digits = String(identity.deviceNumber).padStart(3, '0');
  const suffix = identity.suffix === null ? '' : `-${identity.suffix}`;
  return (
    `EFR32${layout.familyLetters}${layout.familyNumber}${identity.featureLetter}${digits}` +
    `F${identity.flashKiB}${identity.temperature.letter ?? '?'}${identity.package.letter}${identity.pins}${suffix}`
  );
}

function hex(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
}

function isWholeNumber(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function computeMemory(layout: FamilyLayout, flashKiB: number, options: PartOptions): Result<PartMemory> {
  const { flashBase, pageSize } = layout;
  const flashSize = flashKiB * 1024;
  const flashEnd = flashBase + flashSize;
  const credentialsPage = options.credentialsAddress ?? flashEnd - pageSize;
  if (!isWholeNumber(credentialsPage) || (credentialsPage - flashBase) % pageSize !== 0 || credentialsPage < flashBase || credentialsPage + pageSize > flashEnd) {
    return failure(
      'PART_LAYOUT_INVALID',
      `credentials address ${hex(credentialsPage)} is not the start of a ${pageSize}-byte page inside flash ${hex(flashBase)}–${hex(flashEnd - 1)}`,
    );
  }
  const nvm3Size = layout.nvm3Size;
  if (!isWholeNumber(nvm3Size) || nvm3Size === 0 || nvm3Size % pageSize !== 0) {
    return failure('PART_LAYOUT_INVALID', `NVM3 size ${nvm3Size} is not a non-zero multiple of the ${pageSize}-byte page`);
  }
  const nvm3Base = options.nvm3Base ?? credentialsPage - nvm3Size;
  if (!isWholeNumber(nvm3Base) || (nvm3Base - flashBase) % pageSize !== 0 || nvm3Base < flashBase || nvm3Base + nvm3Size > flashEnd) {
    return failure(
      'PART_LAYOUT_INVALID',
      `NVM3 region ${hex(nvm3Base)} + ${nvm3Size} bytes is not whole ${pageSize}-byte pages inside flash ${hex(flashBase)}–${hex(flashEnd - 1)}`,
    );
  }
  if (nvm3Base < credentialsPage + pageSize && credentialsPage < nvm3Base + nvm3Size) {
    return failure('PART_LAYOUT_INVALID', `NVM3 region ${hex(nvm3Base)}–${hex(nvm3Base + nvm3Size - 1)} overlaps the credentials page ${hex(credentialsPage)}`);
  }
  return success({
    flashBase,
    flashSize,
    pageSize,
    pageCount: flashSize / pageSize,
    sramBase: layout.sramBase,
    devinfo: layout.devinfo,
    credentialsPage,
    nvm3: { base: nvm3Base, size: nvm3Size, pageCount: nvm3Size / pageSize, h5: layout.nvm3H5 },
  });
}

/** Attach the family's layout and the derived addresses; checks the flash size and the overrides. */
export function completePartInfo(identity: PartIdentity, options: PartOptions = {}): Result<PartInfo> {
  const layout = familyLayout(identity.family, options.layout);
  if (!layout.flashSizesKiB.includes(identity.flashKiB)) {
    return failure(
      'PART_FLASH_SIZE_UNSUPPORTED',
      `EFR32${layout.familyLetters}${layout.familyNumber} with ${identity.flashKiB} KiB of flash; known sizes: ${layout.flashSizesKiB.join(', ')} KiB`,
    );
  }
  const memory = computeMemory(layout, identity.flashKiB, options);
  if (!memory.ok) return memory;

  const jlinkDevice = jlinkDeviceName(layout, identity.featureLetter, identity.flashKiB);
  const uncertain = new Set<UncertainFact>(layout.uncertain);
  if (options.layout?.nvm3H5 !== undefined) uncertain.delete('nvm3H5');
  if (options.credentialsAddress === undefined && !layout.documentedCredentialsFlashKiB.includes(identity.flashKiB)) uncertain.add('credentialsPage');
  const nvm3Given = options.nvm3Base !== undefined || options.layout?.nvm3Size !== undefined;
  if (!nvm3Given && (options.credentialsAddress !== undefined || !layout.documentedNvm3FlashKiB.includes(identity.flashKiB))) uncertain.add('nvm3Region');
  if (!layout.verifiedJlinkDevices.includes(jlinkDevice)) uncertain.add('jlinkDevice');
  if (options.temperatureLetters === undefined) uncertain.add('temperatureLetter');

  return success({
    orderablePartNumber: formatOrderablePartNumber(layout, identity),
    family: layout.family,
    series: layout.series,
    familyLetters: layout.familyLetters,
    familyNumber: layout.familyNumber,
    featureLetter: identity.featureLetter,
    security: layout.series === 2 ? (SECURITY_BY_LETTER[identity.featureLetter] ?? null) : null,
    deviceNumber: identity.deviceNumber,
    devinfoDeviceNumber:
      layout.series === 2 ? (layout.featureLetters[identity.featureLetter] ?? 0) * 1000 + identity.deviceNumber : identity.deviceNumber,
    flashKiB: identity.flashKiB,
    sramKiB: identity.sramKiB,
    temperature: identity.temperature,
    package: identity.package,
    pins: identity.pins,
    suffix: identity.suffix,
    productionRevision: identity.productionRevision,
    eui64: identity.eui64,
    jlinkDevice,
    memory: memory.value,
    uncertain: [...uncertain].sort(),
  });
}
