/**
 * The Matter credentials page of Silicon Labs firmware (`matter_provision_default`): the last flash
 * page, holding the DER DAC, PAI and CD and nothing else (silabs-provisioning.md §1.3).
 *
 * - No header, no magic: raw DER blobs; every other byte stays 0xFF (erased).
 * - Aligned layout (v2.x generator firmware, the default here): DAC at 0, then PAI and CD each at the
 *   next 64-byte boundary after the previous file. Typical certificates land at 0x000/0x200/0x400.
 * - Legacy layout (v1.x generator firmware): fixed offsets DAC 0x000, PAI 0x200, CD 0x400.
 * - The firmware never assumes offsets: it reads base, offsets and sizes from NVM3 (0x087221–0x087227);
 *   only firmware built with SL_PROVISION_VERSION_1_0 falls back to the fixed offsets when they are missing.
 *
 * Pure: bytes in, bytes out.
 */
import { failure, success, type Result } from '../../preload/contract/errors';

export type CredentialName = 'dac' | 'pai' | 'cd';
export const CREDENTIAL_NAMES: readonly CredentialName[] = ['dac', 'pai', 'cd'];
const TITLES: Readonly<Record<CredentialName, string>> = { dac: 'DAC', pai: 'PAI', cd: 'CD' };

export type CredentialFiles = Readonly<Record<CredentialName, Uint8Array>>;

export interface CredentialLocation {
  /** From the credentials base address. */
  readonly offset: number;
  readonly size: number;
}

export type CredentialLocations = Readonly<Record<CredentialName, CredentialLocation>>;

/** Next-file alignment of the v2.x generator firmware (ProvisionStorageDefault.cpp). */
export const CREDENTIAL_ALIGNMENT = 64;
/** The v1.x generator firmware's fixed offsets, also the fallback of SL_PROVISION_VERSION_1_0 builds. */
export const LEGACY_CREDENTIAL_OFFSETS: Readonly<Record<CredentialName, number>> = { dac: 0x000, pai: 0x200, cd: 0x400 };
/** Largest file the provision tool and the firmware's buffers take (parameters.yaml, ProvisionStorage.h kCertificationSizeMax). */
export const DEFAULT_CREDENTIAL_LIMITS: Readonly<Record<CredentialName, number>> = { dac: 500, pai: 500, cd: 350 };

export type CredentialsLayout = 'aligned' | 'legacy';

export interface BuildCredentialsPageOptions {
  /** The part's flash page size (8192 on Series 2, 2048 on MG12). */
  readonly pageSize: number;
  /** Default 'aligned'. */
  readonly layout?: CredentialsLayout;
  /** Aligned layout only; default 64. */
  readonly alignment?: number;
  /** Per-file limits in bytes; default DEFAULT_CREDENTIAL_LIMITS. */
  readonly maxSizes?: Partial<Record<CredentialName, number>>;
}

export interface BuiltCredentialsPage {
  /** Exactly one page. */
  readonly page: Uint8Array;
  /** What goes into NVM3 0x087222–0x087227. */
  readonly locations: CredentialLocations;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

export function checkPageSize(pageSize: number): Result<number> {
  if (!Number.isInteger(pageSize) || pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return failure('CREDS_PAGE_INVALID', `page size ${String(pageSize)} is not a power of two from 512 to 65536`);
  }
  return success(pageSize);
}

/** DAC at 0, PAI and CD after it (aligned or fixed), 0xFF everywhere else. */
export function buildCredentialsPage(files: CredentialFiles, options: BuildCredentialsPageOptions): Result<BuiltCredentialsPage> {
  const pageSize = checkPageSize(options.pageSize);
  if (!pageSize.ok) return pageSize;
  const layout = options.layout ?? 'aligned';
  const alignment = options.alignment ?? CREDENTIAL_ALIGNMENT;
  if (!Number.isInteger(alignment) || alignment < 4 || alignment % 4 !== 0) {
    return failure('CREDS_PAGE_INVALID', `alignment ${String(alignment)} is not a positive multiple of 4 (flash is written in words)`);
  }
  for (const name of CREDENTIAL_NAMES) {
    const bytes = files[name];
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) return failure('CREDS_CERTIFICATE_INVALID', `the ${TITLES[name]} is empty`);
    const limit = options.maxSizes?.[name] ?? DEFAULT_CREDENTIAL_LIMITS[name];
    if (bytes.length > limit) return failure('CREDS_FILE_TOO_LARGE', `the ${TITLES[name]} is ${bytes.length} bytes; the limit is ${limit}`);
  }

  const page = new Uint8Array(pageSize.value).fill(0xff);
  const locations = {} as Record<CredentialName, CredentialLocation>;
  let next = 0;
  for (const [index, name] of CREDENTIAL_NAMES.entries()) {
    const bytes = files[name];
    const offset = layout === 'legacy' ? LEGACY_CREDENTIAL_OFFSETS[name] : next;
    const end = offset + bytes.length;
    const following = CREDENTIAL_NAMES[index + 1];
    if (layout === 'legacy' && following !== undefined && end > LEGACY_CREDENTIAL_OFFSETS[following]) {
      return failure(
        'CREDS_PAGE_OVERFLOW',
        `the ${TITLES[name]} (${bytes.length} bytes at 0x${offset.toString(16)}) runs into the ${TITLES[following]} at 0x${LEGACY_CREDENTIAL_OFFSETS[following].toString(16)} of the legacy layout`,
      );
    }
    if (end > pageSize.value) {
      return failure('CREDS_PAGE_OVERFLOW', `the ${TITLES[name]} (${bytes.length} bytes at offset 0x${offset.toString(16)}) ends at ${end}, past the ${pageSize.value}-byte page`);
    }
    page.set(bytes, offset);
    locations[name] = { offset, size: bytes.length };
    next = roundUp(end, alignment);
  }
  return success({ page, locations });
}

/** A DER element's total length (header + content) from its header, or null when it is not a definite-length SEQUENCE. */
export function derElementLength(bytes: Uint8Array, offset: number): number | null {
  if (offset < 0 || offset + 2 > bytes.length || bytes[offset] !== 0x30) return null;
  const first = bytes[offset + 1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || offset + 2 + count > bytes.length) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i]!;
  // DER uses the shortest form; a long form for a short length is not DER.
  if (length < 0x80 || (count > 1 && bytes[offset + 2] === 0)) return null;
  return 2 + count + length;
}

export type CredentialSource = 'nvm3' | 'legacy';

export interface CredentialRead {
  /** The file's bytes, or null when nothing usable is there. */
  readonly bytes: Uint8Array | null;
  readonly offset: number;
  /** From NVM3, or from the DER header in the legacy fallback; null when unknown. */
  readonly size: number | null;
  readonly source: CredentialSource;
}

export type CredentialsWarningCode =
  | 'location-incomplete' // NVM3 has the offset or the size but not both: the legacy offset was used
  | 'location-outside-page' // NVM3 points past the page end
  | 'slot-erased' // nothing written where the file should be
  | 'not-der' // the bytes there do not start a DER SEQUENCE
  | 'der-length-mismatch' // the DER header's length differs from NVM3's size
  | 'overlap'; // two files share bytes

export interface CredentialsWarning {
  readonly code: CredentialsWarningCode;
  readonly credential: CredentialName;
  readonly message: string;
}

export interface CredentialsPageContents {
  readonly dac: CredentialRead;
  readonly pai: CredentialRead;
  readonly cd: CredentialRead;
  /** 'mixed' when some offsets came from NVM3 and some from the legacy fallback. */
  readonly source: CredentialSource | 'mixed';
  readonly warnings: readonly CredentialsWarning[];
}

export interface ReadCredentialsPageOptions {
  /** Offsets and sizes from NVM3 (0x087222–0x087227), as far as present; missing ones use the legacy offsets. */
  readonly locations?: Partial<Record<CredentialName, { readonly offset?: number; readonly size?: number }>>;
}

function isErased(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte !== 0xff) return false;
  return true;
}

/** The three files of a credentials page: at the NVM3 offsets where given, else at the legacy fixed offsets with DER lengths. */
export function readCredentialsPage(page: Uint8Array, options: ReadCredentialsPageOptions = {}): Result<CredentialsPageContents> {
  if (!(page instanceof Uint8Array) || page.length === 0) return failure('CREDS_PAGE_INVALID', 'the credentials page is empty');
  const warnings: CredentialsWarning[] = [];
  const reads = {} as Record<CredentialName, CredentialRead>;
  for (const name of CREDENTIAL_NAMES) {
    const title = TITLES[name];
    const given = options.locations?.[name];
    const offset = given?.offset;
    const size = given?.size;
    if (offset !== undefined && size !== undefined) {
      if (offset < 0 || size <= 0 || offset + size > page.length) {
        warnings.push({ code: 'location-outside-page', credential: name, message: `NVM3 puts the ${title} at offset ${offset} with ${size} bytes, outside the ${page.length}-byte page` });
        reads[name] = { bytes: null, offset, size, source: 'nvm3' };
        continue;
      }
      const bytes = page.slice(offset, offset + size);
      if (isErased(bytes)) {
        warnings.push({ code: 'slot-erased', credential: name, message: `the ${title} at offset 0x${offset.toString(16)} is erased` });
        reads[name] = { bytes: null, offset, size, source: 'nvm3' };
        continue;
      }
      const derLength = derElementLength(page, offset);
      if (derLength === null) warnings.push({ code: 'not-der', credential: name, message: `the ${title} at offset 0x${offset.toString(16)} does not start with a DER SEQUENCE` });
      else if (derLength !== size) {
        warnings.push({ code: 'der-length-mismatch', credential: name, message: `NVM3 says the ${title} is ${size} bytes, its DER header says ${derLength}` });
      }
      reads[name] = { bytes, offset, size, source: 'nvm3' };
      continue;
    }
    if (offset !== undefined || size !== undefined) {
      warnings.push({
        code: 'location-incomplete',
        credential: name,
        message: `NVM3 has the ${title}'s ${offset !== undefined ? 'offset' : 'size'} but not its ${offset !== undefined ? 'size' : 'offset'}; the legacy offset 0x${LEGACY_CREDENTIAL_OFFSETS[name].toString(16)} was used`,
      });
    }
    const legacy = LEGACY_CREDENTIAL_OFFSETS[name];
    if (legacy >= page.length || page[legacy] === 0xff) {
      warnings.push({ code: 'slot-erased', credential: name, message: `nothing is written at the legacy ${title} offset 0x${legacy.toString(16)}` });
      reads[name] = { bytes: null, offset: legacy, size: null, source: 'legacy' };
      continue;
    }
    const derLength = derElementLength(page, legacy);
    if (derLength === null || legacy + derLength > page.length) {
      warnings.push({ code: 'not-der', credential: name, message: `the bytes at the legacy ${title} offset 0x${legacy.toString(16)} are not a complete DER SEQUENCE` });
      reads[name] = { bytes: null, offset: legacy, size: null, source: 'legacy' };
      continue;
    }
    reads[name] = { bytes: page.slice(legacy, legacy + derLength), offset: legacy, size: derLength, source: 'legacy' };
  }

  for (let i = 0; i < CREDENTIAL_NAMES.length; i++) {
    for (let k = i + 1; k < CREDENTIAL_NAMES.length; k++) {
      const a = reads[CREDENTIAL_NAMES[i]!];
      const b = reads[CREDENTIAL_NAMES[k]!];
      if (a.bytes === null || b.bytes === null) continue;
      if (a.offset < b.offset + b.bytes.length && b.offset < a.offset + a.bytes.length) {
        warnings.push({ code: 'overlap', credential: CREDENTIAL_NAMES[k]!, message: `the ${TITLES[CREDENTIAL_NAMES[i]!]} and the ${TITLES[CREDENTIAL_NAMES[k]!]} share bytes` });
      }
    }
  }
  const sources = new Set(CREDENTIAL_NAMES.map((name) => reads[name].source));
  const source = sources.size === 1 ? [...sources][0]! : 'mixed';
  return success({ dac: reads.dac, pai: reads.pai, cd: reads.cd, source, warnings });
}
