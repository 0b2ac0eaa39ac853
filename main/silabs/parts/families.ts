/**
 * The memory layout of every EFR32 family the station provisions: where flash starts, its page size,
 * where DEVINFO lives, the J-Link device name, and where the Matter credentials page and NVM3 sit.
 *
 * Facts: research/debug-access.md §2 (memory map, DEVINFO, series byte) and §1.7 (J-Link names);
 * research/silabs-provisioning.md §1 (credentials page = last flash page, NVM3 directly below it);
 * research/nvm3-and-peers.md §A.1 (the H5 page-header word of Silicon Labs' blank MG24 image).
 * Values the fact sheets mark uncertain or only derive are listed in `uncertain` and can be
 * overridden (LayoutOverrides, PartOptions); docs/efr32-parts.md says which.
 */

export type FamilyId = 'MG24' | 'BG24' | 'MG21' | 'MG12';
export type Series = 1 | 2;

export const SUPPORTED_FAMILIES: readonly FamilyId[] = ['MG24', 'BG24', 'MG21', 'MG12'];

/** A fact the station uses with its documented value as the default, though no source confirms it for this part. */
export type UncertainFact =
  | 'credentialsPage'
  | 'nvm3Region'
  | 'nvm3H5'
  | 'jlinkDevice'
  | 'temperatureLetter';

/** Absolute addresses of the DEVINFO words the part catalogue reads (debug-access.md §2.3, §2.4). */
export interface DevinfoLayout {
  readonly base: number;
  /** The byte that tells the series apart: 0x80 on Series 2, the DEVICE_FAMILY code on Series 1 (§2.2). */
  readonly familyByte: number;
  readonly part: number;
  /** MSIZE: flash KiB in bits 15:0, SRAM KiB above. */
  readonly msize: number;
  /** Temperature grade [7:0], package type [15:8] and pin count [23:16]: PKGINFO on Series 2, MEMINFO on Series 1. */
  readonly pkginfo: number;
  /** The word with the flash page-size code: MEMINFO [7:0] on Series 2, MEMINFO [31:24] on Series 1 (the same word as pkginfo). */
  readonly meminfo: number;
  readonly eui64Low: number;
  readonly eui64High: number;
}

export interface FamilyLayout {
  readonly family: FamilyId;
  readonly series: Series;
  /** The two letters after "EFR32": MG (Mighty Gecko, Matter/Thread/Zigbee), BG (Blue Gecko). */
  readonly familyLetters: 'MG' | 'BG';
  /** The two digits after the letters (24, 21, 12). */
  readonly familyNumber: number;
  /**
   * The letters allowed after the family number, with the DEVINFO code each one gives: on Series 2 the
   * letter is the thousands of DEVICENUM (A = 0, B = 1, C = 2); on Series 1 it selects DEVICE_FAMILY
   * (MG12P = 28, MG12B = 29, MG12V = 30).
   */
  readonly featureLetters: Readonly<Record<string, number>>;
  /** Series 2 only: DEVINFO.PART.FAMILY (MG = 1, BG = 2). */
  readonly devinfoFamilyCode: number | null;
  readonly flashBase: number;
  readonly pageSize: number;
  /** Flash sizes the SDK knows for the family, in KiB. */
  readonly flashSizesKiB: readonly number[];
  readonly sramBase: number;
  /** SRAM KiB assumed when making DEVINFO words for a part whose SRAM is not known (the family's largest). */
  readonly defaultSramKiB: number;
  readonly devinfo: DevinfoLayout;
  /** NVM3 instance size the Matter firmware reserves directly below the credentials page (NVM3_DEFAULT_NVM_SIZE). */
  readonly nvm3Size: number;
  /** The H5 word of every NVM3 page header: family bits, write size, memory-mapped flag, page-size code, format 0xFFFF. */
  readonly nvm3H5: number;
  /** Flash sizes (KiB) whose credentials-page address a source documents (elsewhere it is derived from the rule). */
  readonly documentedCredentialsFlashKiB: readonly number[];
  /** Flash sizes (KiB) whose NVM3 region a source documents (elsewhere it is derived from the rule). */
  readonly documentedNvm3FlashKiB: readonly number[];
  /** J-Link `Device = …` names confirmed in a source; others follow the same pattern unverified. */
  readonly verifiedJlinkDevices: readonly string[];
  /** Family-wide facts that are defaults rather than confirmed values. */
  readonly uncertain: readonly UncertainFact[];
}

/** Fields of a layout that a caller may replace, for the values the fact sheets leave uncertain. */
export interface LayoutOverrides {
  readonly nvm3Size?: number;
  readonly nvm3H5?: number;
  readonly flashSizesKiB?: readonly number[];
}

const KIB = 1024;
export const SERIES2_FAMILY_BYTE = 0x80;
export const FAMILY_BYTE_ADDRESS = 0x0fe081fe;

/** Series 2 DEVINFO (MG24, BG24 and MG21 share it): debug-access.md §2.3. */
const SERIES2_DEVINFO: DevinfoLayout = {
  base: 0x0fe08000,
  familyByte: FAMILY_BYTE_ADDRESS,
  part: 0x0fe08004,
  meminfo: 0x0fe08008,
  msize: 0x0fe0800c,
  pkginfo: 0x0fe08010,
  eui64Low: 0x0fe08048,
  eui64High: 0x0fe0804c,
};

/** Series 1 (EFR32MG12P) DEVINFO: debug-access.md §2.4. */
const SERIES1_DEVINFO: DevinfoLayout = {
  base: 0x0fe081b0,
  familyByte: FAMILY_BYTE_ADDRESS,
  part: 0x0fe081fc,
  meminfo: 0x0fe081e4,
  msize: 0x0fe081f8,
  pkginfo: 0x0fe081e4,
  eui64Low: 0x0fe081f0,
  eui64High: 0x0fe081f4,
};

/** NVM3_DEFAULT_NVM_SIZE of the Matter board configs (silabs-provisioning.md §1.1). */
const MATTER_NVM3_SIZE = 40 * KIB;

/**
 * H5 = format 0xFFFF | page-size code << 13 | memory-mapped << 12 | write size << 11 | family bits.
 * 0xFFFF9800 is read from Silicon Labs' blank MG24 image (nvm3-and-peers.md §A.1): code 4 = 8 KiB.
 */
export function nvm3H5Word(pageSize: number, options: { writeSize?: 0 | 1; memoryMapped?: boolean; familyBits?: number } = {}): number {
  const code = Math.log2(pageSize / 512);
  const writeSize = options.writeSize ?? 1;
  const mapped = options.memoryMapped ?? true;
  const family = (options.familyBits ?? 0) & 0x7ff;
  return (0xffff0000 | ((code & 7) << 13) | (mapped ? 1 << 12 : 0) | (writeSize << 11) | family) >>> 0;
}

const MG24_H5 = 0xffff9800;

const FAMILIES: Readonly<Record<FamilyId, FamilyLayout>> = {
  MG24: {
    family: 'MG24',
    series: 2,
    familyLetters: 'MG',
    familyNumber: 24,
    featureLetters: { A: 0, B: 1, C: 2 },
    devinfoFamilyCode: 1,
    flashBase: 0x08000000,
    pageSize: 8 * KIB,
    flashSizesKiB: [768, 1024, 1536],
    sramBase: 0x20000000,
    defaultSramKiB: 256,
    devinfo: SERIES2_DEVINFO,
    nvm3Size: MATTER_NVM3_SIZE,
    nvm3H5: MG24_H5,
    documentedCredentialsFlashKiB: [1536],
    documentedNvm3FlashKiB: [1536],
    verifiedJlinkDevices: ['EFR32MG24BxxxF1536'],
    uncertain: [],
  },
  BG24: {
    family: 'BG24',
    series: 2,
    familyLetters: 'BG',
    familyNumber: 24,
    featureLetters: { A: 0, B: 1, C: 2 },
    devinfoFamilyCode: 2,
    flashBase: 0x08000000,
    pageSize: 8 * KIB,
    flashSizesKiB: [768, 1024, 1536],
    sramBase: 0x20000000,
    defaultSramKiB: 256,
    devinfo: SERIES2_DEVINFO,
    nvm3Size: MATTER_NVM3_SIZE,
    // Same die configuration as MG24; no BG24 NVM3 image was read.
    nvm3H5: MG24_H5,
    documentedCredentialsFlashKiB: [],
    documentedNvm3FlashKiB: [],
    verifiedJlinkDevices: [],
    uncertain: ['nvm3H5'],
  },
  MG21: {
    family: 'MG21',
    series: 2,
    familyLetters: 'MG',
    familyNumber: 21,
    featureLetters: { A: 0, B: 1, C: 2 },
    devinfoFamilyCode: 1,
    flashBase: 0x00000000,
    pageSize: 8 * KIB,
    flashSizesKiB: [512, 768, 1024],
    sramBase: 0x20000000,
    defaultSramKiB: 96,
    devinfo: SERIES2_DEVINFO,
    // The Silabs provision tool does not support MG21; the Matter layout is derived from the same rule.
    nvm3Size: MATTER_NVM3_SIZE,
    nvm3H5: nvm3H5Word(8 * KIB),
    documentedCredentialsFlashKiB: [],
    documentedNvm3FlashKiB: [],
    verifiedJlinkDevices: ['EFR32MG21AxxxF1024', 'EFR32MG21BxxxF1024'],
    uncertain: ['nvm3H5'],
  },
  MG12: {
    family: 'MG12',
    series: 1,
    familyLetters: 'MG',
    familyNumber: 12,
    featureLetters: { P: 28, B: 29, V: 30 },
    devinfoFamilyCode: null,
    flashBase: 0x00000000,
    pageSize: 2 * KIB,
    flashSizesKiB: [512, 1024],
    sramBase: 0x20000000,
    defaultSramKiB: 256,
    devinfo: SERIES1_DEVINFO,
    // NVM3 size on MG12 Matter builds is not documented; 40 KiB (20 pages) is the SDK default.
    nvm3Size: MATTER_NVM3_SIZE,
    nvm3H5: nvm3H5Word(2 * KIB),
    documentedCredentialsFlashKiB: [1024],
    documentedNvm3FlashKiB: [],
    verifiedJlinkDevices: ['EFR32MG12PxxxF1024'],
    uncertain: ['nvm3H5'],
  },
};

export function isFamilyId(value: string): value is FamilyId {
  return (SUPPORTED_FAMILIES as readonly string[]).includes(value);
}

/** The layout of a family, with any uncertain values replaced by the caller's. */
export function familyLayout(family: FamilyId, overrides: LayoutOverrides = {}): FamilyLayout {
  const base = FAMILIES[family];
  if (overrides.nvm3Size === undefined && overrides.nvm3H5 === undefined && overrides.flashSizesKiB === undefined) return base;
  return {
    ...base,
    nvm3Size: overrides.nvm3Size ?? base.nvm3Size,
    nvm3H5: overrides.nvm3H5 ?? base.nvm3H5,
    flashSizesKiB: overrides.flashSizesKiB ?? base.flashSizesKiB,
  };
}

/** The layout whose letters and number match ("MG" + 24), if the station has one. */
export function findFamily(familyLetters: string, familyNumber: number): FamilyId | null {
  for (const id of SUPPORTED_FAMILIES) {
    const layout = FAMILIES[id];
    if (layout.familyLetters === familyLetters && layout.familyNumber === familyNumber) return id;
  }
  return null;
}

/** SEGGER's device name for `Device = …`: EFR32 + letters + number + feature letter + "xxxF" + flash KiB (debug-access.md §1.7). */
export function jlinkDeviceName(layout: FamilyLayout, featureLetter: string, flashKiB: number): string {
  return `EFR32${layout.familyLetters}${layout.familyNumber}${featureLetter}xxxF${flashKiB}`;
}
