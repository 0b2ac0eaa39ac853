/**
 * The chip's own description of itself: DEVINFO words read over the debug port (debug-access.md
 * §2.2–2.4). The probe reads the family byte at 0x0FE081FE first (identifySeries tells it which
 * words to read next), then the PART, MSIZE, PKGINFO/MEMINFO and EUI-64 words; partFromDevinfo
 * turns them into the same PartInfo an orderable part number gives. devinfoFromPart goes the other
 * way, for the simulated chip and for tests.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import {
  familyLayout,
  SERIES2_FAMILY_BYTE,
  SUPPORTED_FAMILIES,
  type DevinfoLayout,
  type FamilyId,
  type FamilyLayout,
  type Series,
} from './families';
import {
  completePartInfo,
  DEFAULT_TEMPERATURE_LETTERS,
  PACKAGE_TYPES,
  TEMPERATURE_RANGES,
  type PartInfo,
  type PartOptions,
} from './partInfo';

export interface DevinfoWords {
  /** The byte at 0x0FE081FE: 0x80 on Series 2, DEVICE_FAMILY on Series 1. */
  readonly familyByte: number;
  readonly part: number;
  readonly msize: number;
  /** Series 2: PKGINFO. Series 1: MEMINFO, which holds the same fields plus the page-size code. */
  readonly pkginfo: number;
  /** Series 2 MEMINFO (page-size code in bits 7:0); checked when given. Unused on Series 1. */
  readonly meminfo?: number;
  /** Series 2 INFO (PRODREV in bits 23:16); optional. On Series 1 PROD_REV is part of PART. */
  readonly info?: number;
  readonly eui64Low?: number;
  readonly eui64High?: number;
}

function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

function isWord(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/** Which series a family byte means, and where that series keeps its DEVINFO words. */
export function identifySeries(familyByte: number): Result<{ series: Series; family: FamilyId | null; devinfo: DevinfoLayout }> {
  if (familyByte === SERIES2_FAMILY_BYTE) return success({ series: 2, family: null, devinfo: familyLayout('MG24').devinfo });
  for (const id of SUPPORTED_FAMILIES) {
    const layout = familyLayout(id);
    if (layout.series === 1 && Object.values(layout.featureLetters).includes(familyByte)) {
      return success({ series: 1, family: id, devinfo: layout.devinfo });
    }
  }
  return failure(
    'PART_SERIES_UNKNOWN',
    `family byte 0x${(familyByte >>> 0).toString(16).toUpperCase().padStart(2, '0')}; expected 0x80 (Series 2) or 28, 29, 30 (EFR32MG12P/B/V)` +
      (familyByte === 0xff || familyByte === 0 ? ' — an all-ones or all-zeros read usually means a locked or unpowered chip' : ''),
  );
}

function letterFor(layout: FamilyLayout, code: number): string | null {
  for (const [letter, value] of Object.entries(layout.featureLetters)) if (value === code) return letter;
  return null;
}

/** Decode the DEVINFO words into a PartInfo (the OPN comes back as e.g. EFR32MG24B210F1536IM48). */
export function partFromDevinfo(words: DevinfoWords, options: PartOptions = {}): Result<PartInfo> {
  for (const key of ['familyByte', 'part', 'msize', 'pkginfo', 'meminfo', 'info', 'eui64Low', 'eui64High'] as const) {
    const value = words[key];
    if (value === undefined && key !== 'familyByte' && key !== 'part' && key !== 'msize' && key !== 'pkginfo') continue;
    if (!isWord(value) || (key === 'familyByte' && value > 0xff)) return failure('PART_DEVINFO_INVALID', `${key} is not a ${key === 'familyByte' ? 'byte' : '32-bit word'}: ${String(value)}`);
  }
  const identified = identifySeries(words.familyByte);
  if (!identified.ok) return identified;
  const { part, msize, pkginfo } = words;

  let layout: FamilyLayout;
  let featureLetter: string;
  let deviceNumber: number;
  let productionRevision: number | null;
  let pageSizeCode: number | null;
  if (identified.value.series === 2) {
    const familyCode = (part >>> 24) & 0x3f;
    const familyNumber = (part >>> 16) & 0x3f;
    const devicenum = part & 0xffff;
    const id = SUPPORTED_FAMILIES.find((candidate) => {
      const l = familyLayout(candidate);
      return l.series === 2 && l.devinfoFamilyCode === familyCode && l.familyNumber === familyNumber;
    });
    if (id === undefined) {
      const letters = 'FMBZ?P?RS'[familyCode] ?? '?';
      return failure('PART_FAMILY_UNSUPPORTED', `DEVINFO.PART ${hex32(part)}: FAMILY ${familyCode} (${letters}G), FAMILYNUM ${familyNumber}`);
    }
    layout = familyLayout(id, options.layout);
    const letter = letterFor(layout, Math.floor(devicenum / 1000));
    if (letter === null) return failure('PART_DEVINFO_INVALID', `DEVINFO.PART ${hex32(part)}: DEVICENUM ${devicenum} has no feature letter on EFR32${id}`);
    featureLetter = letter;
    deviceNumber = devicenum % 1000;
    productionRevision = words.info === undefined ? null : (words.info >>> 16) & 0xff;
    pageSizeCode = words.meminfo === undefined ? null : words.meminfo & 0xff;
  } else {
    const id = identified.value.family!;
    layout = familyLayout(id, options.layout);
    const deviceFamily = (part >>> 16) & 0xff;
    if (deviceFamily !== words.familyByte) {
      return failure('PART_DEVINFO_INVALID', `DEVINFO.PART ${hex32(part)} says DEVICE_FAMILY ${deviceFamily} but the family byte read ${words.familyByte}`);
    }
    featureLetter = letterFor(layout, deviceFamily)!;
    deviceNumber = part & 0xffff;
    if (deviceNumber > 999) return failure('PART_DEVINFO_INVALID', `DEVINFO.PART ${hex32(part)}: DEVICE_NUMBER ${deviceNumber} has more than three digits`);
    productionRevision = part >>> 24;
    pageSizeCode = pkginfo >>> 24;
  }

  if (pageSizeCode !== null) {
    const pageSize = 2 ** (pageSizeCode + 10);
    if (pageSize !== layout.pageSize) {
      return failure('PART_DEVINFO_INVALID', `MEMINFO page-size code ${pageSizeCode} means ${pageSize}-byte pages; EFR32${layout.family} has ${layout.pageSize}`);
    }
  }

  const flashKiB = msize & 0xffff;
  const sramKiB = layout.series === 2 ? (msize >>> 16) & 0x7ff : msize >>> 16;
  if (flashKiB === 0) return failure('PART_DEVINFO_INVALID', `MSIZE ${hex32(msize)} gives no flash`);

  const grade = pkginfo & 0xff;
  const range = TEMPERATURE_RANGES[grade];
  if (range === undefined) return failure('PART_DEVINFO_INVALID', `TEMPGRADE ${grade} is not a defined grade (0–3)`);
  const packageLetter = String.fromCharCode((pkginfo >>> 8) & 0xff);
  const packageType = PACKAGE_TYPES[packageLetter];
  if (packageType === undefined) return failure('PART_DEVINFO_INVALID', `PKGTYPE 0x${((pkginfo >>> 8) & 0xff).toString(16).toUpperCase()} is not J, L, M or Q`);
  const pins = (pkginfo >>> 16) & 0xff;
  if (pins === 0) return failure('PART_DEVINFO_INVALID', 'PINCOUNT is 0');

  const letters = options.temperatureLetters ?? DEFAULT_TEMPERATURE_LETTERS;
  const temperatureLetter = Object.entries(letters).find(([, value]) => value === grade)?.[0] ?? null;

  const eui64 =
    words.eui64Low !== undefined && words.eui64High !== undefined
      ? (words.eui64High >>> 0).toString(16).padStart(8, '0') + (words.eui64Low >>> 0).toString(16).padStart(8, '0')
      : null;

  return completePartInfo(
    {
      family: layout.family,
      featureLetter,
      deviceNumber,
      flashKiB,
      temperature: { letter: temperatureLetter, grade, range },
      package: { letter: packageLetter, type: packageType },
      pins,
      suffix: null,
      sramKiB,
      productionRevision,
      eui64,
    },
    options,
  );
}

export interface DevinfoFromPartOptions {
  /** Default: the part's SRAM if known, else the family's largest (FamilyLayout.defaultSramKiB). */
  readonly sramKiB?: number;
  /** 16 hex digits; default the part's own, else none. */
  readonly eui64?: string;
  readonly productionRevision?: number;
}

/** The DEVINFO words a chip of this part carries (for the simulated chip; PART of EFR32MG24B210… = 0x011804BA). */
export function devinfoFromPart(part: PartInfo, options: DevinfoFromPartOptions = {}): DevinfoWords {
  const layout = familyLayout(part.family);
  const sramKiB = options.sramKiB ?? part.sramKiB ?? layout.defaultSramKiB;
  const revision = (options.productionRevision ?? part.productionRevision ?? 0) & 0xff;
  const pkgFields = (part.temperature.grade & 0xff) | (part.package.letter.charCodeAt(0) << 8) | ((part.pins & 0xff) << 16);
  const pageCode = Math.log2(layout.pageSize) - 10;
  const eui = options.eui64 ?? part.eui64;
  const euiWords =
    eui !== null && /^[0-9a-fA-F]{16}$/.test(eui)
      ? { eui64High: Number.parseInt(eui.slice(0, 8), 16), eui64Low: Number.parseInt(eui.slice(8), 16) }
      : {};
  if (layout.series === 2) {
    return {
      familyByte: SERIES2_FAMILY_BYTE,
      part: (((layout.devinfoFamilyCode ?? 0) << 24) | (layout.familyNumber << 16) | part.devinfoDeviceNumber) >>> 0,
      msize: (((sramKiB & 0x7ff) << 16) | (part.flashKiB & 0xffff)) >>> 0,
      pkginfo: pkgFields >>> 0,
      meminfo: pageCode,
      info: revision << 16,
      ...euiWords,
    };
  }
  const deviceFamily = layout.featureLetters[part.featureLetter] ?? 0;
  return {
    familyByte: deviceFamily,
    part: ((revision << 24) | (deviceFamily << 16) | part.deviceNumber) >>> 0,
    msize: (((sramKiB & 0xffff) << 16) | (part.flashKiB & 0xffff)) >>> 0,
    pkginfo: ((pageCode << 24) | pkgFields) >>> 0,
    ...euiWords,
  };
}
