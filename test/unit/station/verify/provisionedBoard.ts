// A simulated MG24 board provisioned the way the station does it (an attestation hierarchy made with
// the project's own code, factory data from a seeded source, a provisioning image programmed through
// the debug port), plus the expectations and record that describe it. Shared by the verification tests.
import { webcrypto } from 'node:crypto';
import type { Result } from '../../../../preload/contract/errors';
import { createCertificationDeclaration, type CdContent } from '../../../../main/matter/cd';
import { TrustStore } from '../../../../main/matter/certificates';
import { createCdSigningCertificate, createPai, createTestPaa, issueDac, testPaiIssuer, type CertificateWithKey } from '../../../../main/matter/dac';
import { encodeManualCode, encodeQrCode, isValidPasscode } from '../../../../main/matter/onboarding';
import { computeSpake2pVerifier } from '../../../../main/matter/spake2p';
import { createFirmwareImage, type FirmwareImage } from '../../../../main/firmware';
import { encodeBase64, type FactoryData } from '../../../../main/silabs/factoryData';
import { buildProvisioningImage, readDacKey } from '../../../../main/silabs/image';
import { parseOrderablePartNumber, type PartInfo } from '../../../../main/silabs/parts';
import { buildSinglePage } from '../../../../main/silabs/singlePage';
import { SimulatedDebugPort, type SimConfig } from '../../../../main/sim';
import { programPages } from '../../../../main/target';
import { uniqueIdSha256, type DeviceRecordExpectation, type VerificationExpectations } from '../../../../main/station/verify';
import { seededRandom } from '../../../support/seededRandom';

export const MG24 = 'EFR32MG24B210F1536IM48';
export const NOW = new Date('2026-06-01T00:00:00Z');
const ISSUED = new Date('2026-05-01T00:00:00Z');
export const VENDOR_ID = 0xfff1;
export const PRODUCT_ID = 0x8000;

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail ?? result.error.message}`);
  return result.value;
}

export function part(opn = MG24): PartInfo {
  return unwrap(parseOrderablePartNumber(opn));
}

export interface Hierarchy {
  readonly paa: CertificateWithKey;
  readonly pai: CertificateWithKey;
  readonly cdSigner: CertificateWithKey;
  readonly cd: Uint8Array;
  readonly trustStore: TrustStore;
}

const hierarchies = new Map<string, Promise<Hierarchy>>();

/** PAA (VID 0xFFF1) → PAI (VID+PID) and a development CD for the product, as the demo configuration makes them. */
export function hierarchy(vendorId = VENDOR_ID, productId = PRODUCT_ID): Promise<Hierarchy> {
  const id = `${vendorId}/${productId}`;
  let made = hierarchies.get(id);
  if (made === undefined) {
    made = makeHierarchy(vendorId, productId);
    hierarchies.set(id, made);
  }
  return made;
}

async function makeHierarchy(vendorId: number, productId: number): Promise<Hierarchy> {
  const paa = createTestPaa({ notBefore: ISSUED, vendorId, commonName: 'Verify Test PAA' });
  const pai = createPai(paa, { notBefore: ISSUED, vendorId, productId, commonName: 'Verify Test PAI' });
  const cdSigner = createCdSigningCertificate({ notBefore: ISSUED, commonName: 'Verify Test CD Signer' });
  const pkcs8 = cdSigner.key.privateKey.export({ type: 'pkcs8', format: 'der' });
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const content: CdContent = {
    formatVersion: 1,
    vendorId,
    productIds: [productId],
    deviceTypeId: 0x0100,
    certificateId: 'MLD00000000000000-0',
    securityLevel: 0,
    securityInformation: 0,
    versionNumber: 1,
    certificationType: 0,
  };
  const cd = unwrap(await createCertificationDeclaration(content, { privateKey: privateKey as unknown as CryptoKey, subjectKeyId: cdSigner.key.keyId }));
  return { paa, pai, cdSigner, cd, trustStore: TrustStore.fromCertificates([paa.certificate]) };
}

export interface DeviceValues {
  readonly factoryData: FactoryData;
  readonly dac: Uint8Array;
  readonly dacKeyPem: string;
  readonly uniqueId: Uint8Array;
}

/** One device's values: a DAC from the PAI and commissioning data from the seed. */
export async function deviceValues(seed: number, chain: Hierarchy, overrides: Partial<FactoryData> = {}): Promise<DeviceValues> {
  const random = seededRandom(seed);
  const dac = unwrap(issueDac(unwrap(testPaiIssuer(chain.pai)), { vendorId: VENDOR_ID, productId: PRODUCT_ID, now: ISSUED, random: (n) => random.bytes(n) }));
  let passcode = 1 + random.int(99_999_998);
  while (!isValidPasscode(passcode)) passcode = 1 + random.int(99_999_998);
  const salt = random.bytes(16);
  const iterations = 1000;
  const verifier = unwrap(await computeSpake2pVerifier({ passcode, salt, iterations }));
  const uniqueId = random.bytes(16);
  const factoryData: FactoryData = {
    serialNumber: `ML-S01-${String(seed).padStart(6, '0')}`,
    vendorId: VENDOR_ID,
    productId: PRODUCT_ID,
    vendorName: 'Matterline',
    productName: 'Verify Light',
    discriminator: random.int(0x1000),
    passcode,
    commissioningFlow: 0,
    discoveryCapabilities: 0x02,
    spake2pIterations: iterations,
    spake2pSalt: encodeBase64(salt),
    spake2pVerifier: encodeBase64(verifier.verifier),
    uniqueId,
    ...overrides,
  };
  return { factoryData, dac: dac.certificate, dacKeyPem: dac.privateKeyPem!, uniqueId };
}

/** The station's record and expectations for a device with these values. */
export function expectationsFor(values: DeviceValues, chain: Hierarchy, more: Partial<VerificationExpectations> = {}): VerificationExpectations {
  const data = values.factoryData;
  const payload = { version: 0, vendorId: VENDOR_ID, productId: PRODUCT_ID, flow: 0, capabilities: 0x02, discriminator: data.discriminator!, passcode: data.passcode! };
  const record: DeviceRecordExpectation = {
    serialNumber: data.serialNumber!,
    eui64: '14b457fffe000001',
    dacDer: values.dac,
    discriminator: data.discriminator!,
    passcode: data.passcode!,
    iterations: data.spake2pIterations!,
    saltBase64: data.spake2pSalt!,
    uniqueIdSha256: uniqueIdSha256(values.uniqueId),
    qrPayload: unwrap(encodeQrCode(payload)),
    manualCode: unwrap(encodeManualCode(payload)),
  };
  return {
    partNumber: MG24,
    storage: 'nvm3',
    vendorId: VENDOR_ID,
    productId: PRODUCT_ID,
    dcl: 'test',
    trustStore: chain.trustStore,
    cdSigners: [chain.cdSigner.certificate],
    record,
    ...more,
  };
}

export function board(config: Partial<SimConfig> = {}): SimulatedDebugPort {
  return unwrap(SimulatedDebugPort.create({ part: MG24, ...config }));
}

/** Programs every segment of the image through the debug port, as the write step does. */
export async function program(port: SimulatedDebugPort, image: FirmwareImage): Promise<void> {
  for (const segment of image.segments) unwrap(await programPages(port, segment.address, segment.bytes));
}

export interface ImageInput {
  readonly factoryData: FactoryData;
  readonly dac: Uint8Array;
  readonly pai: Uint8Array;
  readonly cd: Uint8Array;
  readonly dacKeyPem?: string;
}

export function nvm3Image(input: ImageInput): FirmwareImage {
  return unwrap(buildProvisioningImage({ part: part(), layout: 'nvm3', factoryData: input.factoryData, certificates: { dac: input.dac, pai: input.pai, cd: input.cd } }));
}

/**
 * A single-page image. Built with buildSinglePage directly (not buildProvisioningImage) so a test can
 * store a key that does not belong to the DAC, which the image builder rightly refuses.
 */
export function singlePageImage(input: ImageInput & { readonly dacKeyPem: string }): FirmwareImage {
  const info = part();
  const { uniqueId: _uniqueId, ...data } = input.factoryData;
  const key = unwrap(readDacKey(new TextEncoder().encode(input.dacKeyPem), null));
  const page = unwrap(buildSinglePage({ factoryData: data, certificates: { dac: input.dac, pai: input.pai, cd: input.cd }, dacKey: key }, { pageSize: info.memory.pageSize }));
  return unwrap(createFirmwareImage([{ address: info.memory.credentialsPage, bytes: page }]));
}

/** A healthy, correctly provisioned board with its expectations. */
export async function provisionedBoard(seed: number): Promise<{ port: SimulatedDebugPort; values: DeviceValues; chain: Hierarchy; expectations: VerificationExpectations }> {
  const chain = await hierarchy();
  const values = await deviceValues(seed, chain);
  const port = board();
  await program(port, nvm3Image({ factoryData: values.factoryData, dac: values.dac, pai: chain.pai.certificate, cd: chain.cd }));
  return { port, values, chain, expectations: expectationsFor(values, chain) };
}
