/**
 * buildProvisioningImage: factory data + DAC/PAI/CD (+ DAC key) → the bytes Silicon Labs Matter
 * firmware reads, at the part's real addresses (silabs-provisioning.md §8, the minimum recipe):
 *
 * - nvm3: a fresh NVM3 region (the part's, below the credentials page) holding the factory keys,
 *   the credentials base/offsets/sizes and the PSA key id; the credentials page with the DER files.
 *   The DAC key is not part of this image: the firmware keeps it in PSA storage (import it on chip).
 * - single-page: the one page of `matter_provision_flash` at the credentials-page address, DAC key included.
 *
 * Pure: bytes in, a FirmwareImage out.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { createFirmwareImage, hexAddress } from '../../firmware';
import { buildCredentialsPage, CREDENTIAL_NAMES, type CredentialName } from '../credentialsPage';
import { encodeFactoryData, type FactoryData } from '../factoryData';
import { writeNvm3, type NvmGeometry } from '../nvm3';
import type { PartInfo } from '../parts';
import { buildSinglePage } from '../singlePage';
import { readCdFile, readCertificateFile, readDacKey, vidPidWarnings, type CredentialFacts } from './credentials';
import { PROVISIONING_LAYOUTS, type BuildProvisioningImageInput, type BuildProvisioningImageOptions, type ImageRegion, type ProvisioningImage } from './types';

/** PSA key id Silicon Labs firmware uses for the DAC key (AttestationKey.h: PSA_KEY_ID_USER_MIN + 1). */
export const DEFAULT_DAC_KEY_ID = 2;

/** The NVM3 geometry of a part: its region, page size and H5 word. */
export function nvm3GeometryOf(part: PartInfo, base: number = part.memory.nvm3.base): NvmGeometry {
  return { pageSize: part.memory.pageSize, pageCount: part.memory.nvm3.pageCount, baseAddress: base, h5Word: part.memory.nvm3.h5 };
}

function readCredentials(certificates: BuildProvisioningImageInput['certificates']): Result<Record<CredentialName, CredentialFacts>> {
  if (certificates === null || typeof certificates !== 'object') return failure('CREDS_CERTIFICATE_INVALID', 'no certificates were given');
  const facts = {} as Record<CredentialName, CredentialFacts>;
  for (const name of CREDENTIAL_NAMES) {
    const bytes = certificates[name];
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
      return failure(name === 'cd' ? 'CREDS_CD_INVALID' : 'CREDS_CERTIFICATE_INVALID', `the ${name.toUpperCase()} is missing or empty`);
    }
    const read = name === 'cd' ? readCdFile(bytes) : readCertificateFile(name, bytes);
    if (!read.ok) return read;
    facts[name] = read.value;
  }
  return success(facts);
}

export function buildProvisioningImage(input: BuildProvisioningImageInput, options: BuildProvisioningImageOptions = {}): Result<ProvisioningImage> {
  const { part, layout } = input;
  if (!PROVISIONING_LAYOUTS.includes(layout)) return failure('IMAGE_LAYOUT_INVALID', `layout ${JSON.stringify(layout)}`);
  const facts = readCredentials(input.certificates);
  if (!facts.ok) return facts;
  const files = { dac: facts.value.dac.der, pai: facts.value.pai.der, cd: facts.value.cd.der };
  const warnings = vidPidWarnings(facts.value, input.factoryData);
  const { pageSize, credentialsPage } = part.memory;

  if (layout === 'single-page') {
    if (input.dacKey === undefined) return failure('IMAGE_DAC_KEY_REQUIRED', `part ${part.orderablePartNumber}, single page at ${hexAddress(credentialsPage)}`);
    const key = readDacKey(input.dacKey, facts.value.dac.point);
    if (!key.ok) return key;
    const page = buildSinglePage(
      { factoryData: input.factoryData, certificates: files, dacKey: key.value },
      { pageSize, maxLengths: options.maxLengths, knownCapabilities: options.knownCapabilities, maxSizes: options.maxSizes },
    );
    if (!page.ok) return page;
    const image = createFirmwareImage([{ address: credentialsPage, bytes: page.value }]);
    if (!image.ok) return image;
    return success({ ...image.value, layout, regions: [{ name: 'single-page', address: credentialsPage, size: pageSize }], factoryData: input.factoryData, warnings });
  }

  if (input.dacKey !== undefined) return failure('IMAGE_DAC_KEY_NOT_STORED', `part ${part.orderablePartNumber}, --layout nvm3`);
  const creds = buildCredentialsPage(files, { pageSize, layout: options.credentialsLayout, maxSizes: options.maxSizes });
  if (!creds.ok) return creds;
  const { dac, pai, cd } = creds.value.locations;
  const factoryData: FactoryData = {
    ...input.factoryData,
    keyId: input.factoryData.keyId ?? DEFAULT_DAC_KEY_ID,
    credentialsBaseAddress: credentialsPage,
    dacOffset: dac.offset,
    dacSize: dac.size,
    paiOffset: pai.offset,
    paiSize: pai.size,
    cdOffset: cd.offset,
    cdSize: cd.size,
  };
  const entries = encodeFactoryData(factoryData, { keyMap: options.keyMap, maxLengths: options.maxLengths, knownCapabilities: options.knownCapabilities });
  if (!entries.ok) return entries;
  const geometry = nvm3GeometryOf(part);
  const region = writeNvm3(entries.value, geometry, { eraseCount: options.eraseCount, maxObjectSize: options.maxObjectSize });
  if (!region.ok) return region;
  const image = createFirmwareImage([
    { address: geometry.baseAddress, bytes: region.value },
    { address: credentialsPage, bytes: creds.value.page },
  ]);
  if (!image.ok) return image;
  const regions: ImageRegion[] = [
    { name: 'nvm3', address: geometry.baseAddress, size: region.value.length },
    { name: 'credentials', address: credentialsPage, size: pageSize },
  ];
  return success({ ...image.value, layout, regions, factoryData, warnings });
}
