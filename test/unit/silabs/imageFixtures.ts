// Shared by the factory-data, single-page, image and `matterline image` tests: a real attestation
// chain made with the project's own issuer (PAA → PAI → DAC, and a CD signed by a CD signing
// certificate), random factory data from a seeded source, and the parts the tests use.
import { webcrypto } from 'node:crypto';
import type { Result } from '../../../preload/contract/errors';
import { createCertificationDeclaration, type CdContent } from '../../../main/matter/cd';
import { createCdSigningCertificate, createPai, createTestPaa, issueDac, testPaiIssuer } from '../../../main/matter/dac';
import { isValidPasscode } from '../../../main/matter/onboarding';
import type { FactoryData } from '../../../main/silabs/factoryData';
import { parseOrderablePartNumber, type PartInfo, type PartOptions } from '../../../main/silabs/parts';
import type { TestRandom } from '../../support/seededRandom';

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail ?? result.error.message}`);
  return result.value;
}

export function part(opn = 'EFR32MG24B210F1536IM48', options: PartOptions = {}): PartInfo {
  return unwrap(parseOrderablePartNumber(opn, options));
}

export const MG24 = 'EFR32MG24B210F1536IM48';
export const MG12 = 'EFR32MG12P433F1024GM48';

export interface TestCredentials {
  readonly dac: Uint8Array;
  readonly dacPem: string;
  readonly dacKeyPem: string;
  readonly dacSerial: string;
  readonly pai: Uint8Array;
  readonly paiPem: string;
  readonly paiSerial: string;
  readonly cd: Uint8Array;
  readonly vendorId: number;
  readonly productId: number;
}

const NOW = new Date('2025-06-01T00:00:00Z');
const cache = new Map<string, Promise<TestCredentials>>();

/** PAA → PAI (VID+PID) → DAC with a fresh key, and a development CD for the same VID/PID. Cached per VID/PID/CN. */
export function testCredentials(vendorId = 0xfff1, productId = 0x8005, commonName = 'Matter DAC'): Promise<TestCredentials> {
  const id = `${vendorId}/${productId}/${commonName}`;
  let made = cache.get(id);
  if (made === undefined) {
    made = makeCredentials(vendorId, productId, commonName);
    cache.set(id, made);
  }
  return made;
}

async function makeCredentials(vendorId: number, productId: number, commonName: string): Promise<TestCredentials> {
  const paa = createTestPaa({ notBefore: NOW, vendorId });
  const pai = createPai(paa, { notBefore: NOW, vendorId, productId });
  const dac = unwrap(issueDac(unwrap(testPaiIssuer(pai)), { vendorId, productId, now: NOW, commonName }));
  const signing = createCdSigningCertificate({ notBefore: NOW });
  const pkcs8 = signing.key.privateKey.export({ type: 'pkcs8', format: 'der' });
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const content: CdContent = {
    formatVersion: 1,
    vendorId,
    productIds: [productId],
    deviceTypeId: 0x0016,
    certificateId: 'ZIG20142ZB330003-24',
    securityLevel: 0,
    securityInformation: 0,
    versionNumber: 0x0101,
    certificationType: 0,
  };
  const cd = unwrap(await createCertificationDeclaration(content, { privateKey: privateKey as unknown as CryptoKey, subjectKeyId: signing.key.keyId }));
  return {
    dac: dac.certificate,
    dacPem: dac.certificatePem,
    dacKeyPem: dac.privateKeyPem as string,
    dacSerial: dac.serialNumber,
    pai: pai.certificate,
    paiPem: pai.certificatePem,
    paiSerial: Buffer.from(pai.parsed.serialNumber).toString('hex').toUpperCase(),
    cd,
    vendorId,
    productId,
  };
}

const ALPHABET = ['a', 'Z', '0', ' ', '-', '_', '/', '.', 'é', 'ß', '漢', '🙂'];

/** Text of at most `maxBytes` UTF-8 bytes (multi-byte characters included), possibly empty. */
export function randomText(random: TestRandom, maxBytes: number): string {
  const target = random.int(maxBytes + 1);
  let text = '';
  for (;;) {
    const next = text + random.pick(ALPHABET);
    if (Buffer.byteLength(next, 'utf8') > target) return text;
    text = next;
  }
}

export function randomPasscode(random: TestRandom): number {
  for (;;) {
    const passcode = 1 + random.int(99_999_998);
    if (isValidPasscode(passcode)) return passcode;
  }
}

function randomDate(random: TestRandom): string {
  const date = new Date(Date.UTC(2000 + random.int(60), random.int(12), 1 + random.int(28)));
  return date.toISOString().slice(0, 10);
}

/**
 * Random factory data within every limit of the v1 key map. With `every`, each field is present;
 * otherwise each optional field is present with probability 1/2 (VID, PID, discriminator and
 * passcode, which the setup payload packs together, always are).
 */
export function randomFactoryData(random: TestRandom, options: { every?: boolean; vendorId?: number; productId?: number } = {}): FactoryData {
  const some = <T>(value: () => T): T | undefined => (options.every || random.chance(0.5) ? value() : undefined);
  const data: Record<string, unknown> = {
    vendorId: options.vendorId ?? 1 + random.int(0xfff4),
    productId: options.productId ?? 1 + random.int(0xffff),
    discriminator: random.int(0x1000),
    passcode: randomPasscode(random),
    commissioningFlow: some(() => random.int(3)),
    discoveryCapabilities: some(() => random.int(8)),
    serialNumber: some(() => randomText(random, 32)),
    vendorName: some(() => randomText(random, 32)),
    productName: some(() => randomText(random, 32)),
    productLabel: some(() => randomText(random, 32)),
    productUrl: some(() => randomText(random, 32)),
    partNumber: some(() => randomText(random, 32)),
    hardwareVersion: some(() => random.int(0x10000)),
    hardwareVersionString: some(() => randomText(random, 32)),
    manufacturingDate: some(() => randomDate(random)),
    uniqueId: some(() => random.bytes(1 + random.int(16))),
    spake2pIterations: some(() => 1000 + random.int(99_001)),
    spake2pSalt: some(() => Buffer.from(random.bytes(16 + random.int(17))).toString('base64')),
    spake2pVerifier: some(() => Buffer.from(random.bytes(97)).toString('base64')),
  };
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as FactoryData;
}

/** Extra v1 keys the single page does not hold (NVM3 only). */
export function randomNvm3OnlyData(random: TestRandom): FactoryData {
  return {
    keyId: random.next(),
    softwareVersionString: randomText(random, 64),
    provisionRequest: random.chance(0.5),
    provisionVersion: randomText(random, 32),
    otaTlvEncryptionKeyId: random.next(),
    testEventTriggerKey: random.bytes(16),
  };
}
