/**
 * parseProvisioningImage: a firmware image (or a read-back of the chip's flash) → what Silicon Labs
 * firmware would find in it: the layout, the factory values, the certificates summarised, NVM3
 * statistics and every problem as a warning. Pure, and total: damaged input gives warnings or a
 * catalogue error, never an exception.
 *
 * Layout detection: NVM3 pages at the expected base (the part's, or `nvm3Base`) mean the nvm3
 * layout; otherwise a readable single page at the credentials-page address means single-page;
 * otherwise, when no base was given, a run of NVM3 pages anywhere in the image (as `commander nvm3
 * read` searches) is used with a warning.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { hexAddress, readImageRange, type FirmwareImage } from '../../firmware';
import { CREDENTIAL_NAMES, readCredentialsPage, type CredentialName } from '../credentialsPage';
import { decodeFactoryData, type FactoryData } from '../factoryData';
import { findNvm3Regions, readNvm3, type Nvm3Contents, type Nvm3RegionCandidate, type NvmGeometry } from '../nvm3';
import type { PartInfo } from '../parts';
import { readSinglePage } from '../singlePage';
import { nvm3GeometryOf } from './build';
import { checkStoredDacKey, summarizeCd, summarizeCertificate, vidPidWarnings, type Placement } from './credentials';
import type { CertificateSummary, ImageWarning, Nvm3Summary, ParsedProvisioningImage, ParseProvisioningImageOptions } from './types';

function hasDataIn(image: FirmwareImage, address: number, length: number): boolean {
  const end = address + length;
  return image.segments.some((segment) => segment.address < end && segment.address + segment.bytes.length > address);
}

function isFirmwareImage(image: unknown): image is FirmwareImage {
  return (
    image !== null &&
    typeof image === 'object' &&
    Array.isArray((image as FirmwareImage).segments) &&
    (image as FirmwareImage).segments.every((segment) => segment !== null && typeof segment === 'object' && Number.isInteger(segment.address) && segment.bytes instanceof Uint8Array)
  );
}

type Nvm3Found = { geometry: NvmGeometry; contents: Nvm3Contents };

function readRegion(image: FirmwareImage, geometry: NvmGeometry): Result<Nvm3Found> {
  const bytes = readImageRange(image, geometry.baseAddress, geometry.pageSize * geometry.pageCount);
  const contents = readNvm3(bytes, geometry);
  return contents.ok ? success({ geometry, contents: contents.value }) : contents;
}

/**
 * Where to read NVM3. A base the caller gave is read as it is. Otherwise the runs of NVM3 pages in
 * the image decide (as `commander nvm3 read` searches for them): runs lying inside the part's region
 * mean that region (a damaged page inside it is then reported by the reader); a run reaching beyond
 * it, or one elsewhere, is read with a warning, since the firmware was evidently built with another
 * NVM3 base or size. Null when there is nothing to read.
 */
function locateNvm3(image: FirmwareImage, part: PartInfo, options: ParseProvisioningImageOptions, warnings: ImageWarning[]): Result<Nvm3Found> | null {
  const expected = nvm3GeometryOf(part, options.nvm3Base ?? part.memory.nvm3.base);
  const start = expected.baseAddress;
  const end = start + expected.pageSize * expected.pageCount;
  const hasData = hasDataIn(image, start, end - start);
  if (options.nvm3Base !== undefined) return hasData ? readRegion(image, expected) : null;

  const runs = image.segments.flatMap((segment) => findNvm3Regions(segment.bytes, segment.address, part.memory.pageSize));
  const runEnd = (run: Nvm3RegionCandidate) => run.baseAddress + run.pageCount * run.pageSize;
  const overlapping = runs.filter((run) => run.baseAddress < end && runEnd(run) > start);
  if (overlapping.length > 0 && overlapping.every((run) => run.baseAddress >= start && runEnd(run) <= end)) return readRegion(image, expected);
  // A run reaching past the region, or else the highest run (NVM3 sits right below the credentials page).
  const chosen = overlapping.find((run) => run.baseAddress < start || runEnd(run) > end) ?? runs.reduce<Nvm3RegionCandidate | undefined>((best, run) => (best === undefined || run.baseAddress > best.baseAddress ? run : best), undefined);
  if (chosen === undefined) return hasData ? readRegion(image, expected) : null;
  const read = readRegion(image, { ...expected, baseAddress: chosen.baseAddress, pageCount: chosen.pageCount });
  if (read.ok) {
    warnings.push({
      code: 'nvm3-found-elsewhere',
      source: 'image',
      message: `the part's NVM3 region is ${hexAddress(start)}–${hexAddress(end - 1)}, but the image has ${chosen.pageCount} NVM3 pages at ${hexAddress(chosen.baseAddress)}; read those (give --nvm3-base to choose)`,
    });
  }
  return read;
}

function nvm3Summary(found: Nvm3Found): Nvm3Summary {
  const { geometry, contents } = found;
  return {
    base: geometry.baseAddress,
    pageSize: geometry.pageSize,
    pages: contents.pages.length,
    objects: contents.objects.size,
    deletedKeys: contents.deletedKeys.length,
    eraseCounts: contents.pages.map((page) => page.eraseCount ?? null),
    fifoStartPage: contents.fifoStartPage,
    unusedBytes: contents.unusedBytes,
  };
}

function summarise(
  files: Record<CredentialName, Uint8Array | null>,
  placements: Record<CredentialName, Placement>,
  factoryData: FactoryData,
  warnings: ImageWarning[],
): { certificates: Record<CredentialName, CertificateSummary>; dacPoint: Uint8Array | null } {
  const dac = summarizeCertificate('dac', files.dac, placements.dac);
  const pai = summarizeCertificate('pai', files.pai, placements.pai);
  const certificates = { dac: dac.summary, pai: pai.summary, cd: summarizeCd(files.cd, placements.cd) };
  const facts: Partial<Record<CredentialName, { vendorId: number | null; productIds: readonly number[] }>> = {};
  for (const name of CREDENTIAL_NAMES) {
    const summary = certificates[name];
    if (summary.error !== null) warnings.push({ code: 'certificate-unreadable', source: 'certificates', credential: name, message: summary.error });
    if (!summary.present || summary.error !== null) continue;
    facts[name] = { vendorId: summary.vendorId, productIds: summary.productIds ?? (summary.productId === null ? [] : [summary.productId]) };
  }
  warnings.push(...vidPidWarnings(facts, factoryData));
  return { certificates, dacPoint: dac.point };
}

function parseNvm3Layout(image: FirmwareImage, part: PartInfo, found: Nvm3Found, options: ParseProvisioningImageOptions, warnings: ImageWarning[]): Result<ParsedProvisioningImage> {
  for (const warning of found.contents.warnings) {
    warnings.push({ code: warning.code, source: 'nvm3', message: warning.message, ...(warning.key === undefined ? {} : { key: warning.key }) });
  }
  const decoded = decodeFactoryData(found.contents.objects, { keyMap: options.keyMap, maxLengths: options.maxLengths });
  if (!decoded.ok) return decoded;
  const factoryData = decoded.value.factoryData;
  for (const warning of decoded.value.warnings) warnings.push({ ...warning, source: 'factory-data' });

  const { pageSize, credentialsPage } = part.memory;
  let address = credentialsPage;
  if (factoryData.credentialsBaseAddress === undefined) {
    warnings.push({ code: 'credentials-base-missing', source: 'credentials', message: `NVM3 has no credentials base address; read the part's credentials page ${hexAddress(credentialsPage)}` });
  } else {
    address = factoryData.credentialsBaseAddress;
    if (address !== credentialsPage) {
      warnings.push({ code: 'credentials-base-differs', source: 'credentials', message: `NVM3 puts the credentials at ${hexAddress(address)}, not at the part's last page ${hexAddress(credentialsPage)}; read ${hexAddress(address)} as the firmware does` });
    }
  }

  const files: Record<CredentialName, Uint8Array | null> = { dac: null, pai: null, cd: null };
  const placements = {} as Record<CredentialName, Placement>;
  for (const name of CREDENTIAL_NAMES) placements[name] = { source: null, address: null, offset: null, size: null };
  if (!hasDataIn(image, address, pageSize)) {
    warnings.push({ code: 'credentials-page-missing', source: 'credentials', message: `the image holds nothing at the credentials page ${hexAddress(address)}` });
  } else {
    const page = readCredentialsPage(readImageRange(image, address, pageSize), {
      locations: {
        dac: { offset: factoryData.dacOffset, size: factoryData.dacSize },
        pai: { offset: factoryData.paiOffset, size: factoryData.paiSize },
        cd: { offset: factoryData.cdOffset, size: factoryData.cdSize },
      },
    });
    if (!page.ok) return page;
    for (const warning of page.value.warnings) warnings.push({ ...warning, source: 'credentials' });
    for (const name of CREDENTIAL_NAMES) {
      const read = page.value[name];
      files[name] = read.bytes;
      placements[name] = { source: read.source, address: (address + read.offset) >>> 0, offset: read.offset, size: read.size };
    }
  }
  const { certificates } = summarise(files, placements, factoryData, warnings);
  return success({ layout: 'nvm3', factoryData, certificates, files, dacKey: null, credentialsAddress: address, nvm3: nvm3Summary(found), warnings });
}

function parseSinglePageLayout(image: FirmwareImage, part: PartInfo, options: ParseProvisioningImageOptions, warnings: ImageWarning[]): Result<ParsedProvisioningImage> {
  const { pageSize, credentialsPage } = part.memory;
  const page = readSinglePage(readImageRange(image, credentialsPage, pageSize), { maxLengths: options.maxLengths });
  if (!page.ok) return page;
  for (const warning of page.value.warnings) warnings.push({ ...warning, source: 'single-page' });
  const files = { ...page.value.certificates };
  const placements = {} as Record<CredentialName, Placement>;
  for (const name of CREDENTIAL_NAMES) {
    const bytes = files[name];
    placements[name] = { source: bytes === null ? null : 'single-page', address: null, offset: null, size: bytes === null ? null : bytes.length };
  }
  const { certificates, dacPoint } = summarise(files, placements, page.value.factoryData, warnings);
  if (page.value.dacKey !== null) {
    const problem = checkStoredDacKey(page.value.dacKey, dacPoint);
    if (problem !== null) warnings.push(problem);
  }
  return success({
    layout: 'single-page',
    factoryData: page.value.factoryData,
    certificates,
    files,
    dacKey: page.value.dacKey,
    credentialsAddress: credentialsPage,
    nvm3: null,
    warnings,
  });
}

/** Whether the credentials-page address holds something that reads as a non-empty single page. */
function singlePagePresent(image: FirmwareImage, part: PartInfo): boolean {
  const { pageSize, credentialsPage } = part.memory;
  if (!hasDataIn(image, credentialsPage, pageSize)) return false;
  const page = readSinglePage(readImageRange(image, credentialsPage, pageSize));
  return page.ok && page.value.argumentCount > 0;
}

export function parseProvisioningImage(image: FirmwareImage, part: PartInfo, options: ParseProvisioningImageOptions = {}): Result<ParsedProvisioningImage> {
  if (!isFirmwareImage(image)) return failure('IMAGE_NO_PROVISIONING_DATA', 'the image has no segments');
  const { pageSize, credentialsPage, nvm3 } = part.memory;
  const base = options.nvm3Base ?? nvm3.base;
  if (options.nvm3Base !== undefined && (!Number.isInteger(base) || base < 0 || base % pageSize !== 0 || base + nvm3.size > 2 ** 32)) {
    return failure('IMAGE_NO_PROVISIONING_DATA', `the NVM3 base ${String(base)} is not a ${pageSize}-byte page boundary`);
  }
  const warnings: ImageWarning[] = [];

  if (options.layout === 'single-page') return parseSinglePageLayout(image, part, options, warnings);
  const found = locateNvm3(image, part, options, warnings);
  if (found !== null && found.ok) return parseNvm3Layout(image, part, found.value, options, warnings);
  if (options.layout === 'nvm3') {
    if (found !== null) return found;
    return failure('IMAGE_NO_PROVISIONING_DATA', `no NVM3 pages at ${hexAddress(base)} (${nvm3.size} bytes) or elsewhere in the image`);
  }
  if (singlePagePresent(image, part)) return parseSinglePageLayout(image, part, options, warnings);

  const nvm3Problem = found === null ? (hasDataIn(image, base, nvm3.size) ? 'no valid NVM3 page' : 'no data') : found.error.detail;
  const creds = hasDataIn(image, credentialsPage, pageSize) ? 'data that is not a readable single page (and no NVM3 points to it)' : 'no data';
  return failure(
    'IMAGE_NO_PROVISIONING_DATA',
    `part ${part.orderablePartNumber}: NVM3 region ${hexAddress(base)} (${nvm3.size} bytes): ${nvm3Problem ?? 'unreadable'}; credentials page ${hexAddress(credentialsPage)}: ${creds}`,
  );
}
