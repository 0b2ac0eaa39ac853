/**
 * The attestation rules of a product configuration: the PAI and its key, VID/PID agreement across the
 * PAI scope, the CD and the Matter fields, the chain to the trust store, the CD's signature and size,
 * and what a production DCL demands. Pure: the files arrive as bytes (inputs.ts).
 */
import {
  checkCertificateProfile,
  derItemsFromFile,
  link,
  looksLikePem,
  parseCertificate,
  parsePrivateKey,
  readAuthorityKeyId,
  TrustStore,
  bytesEqual,
  type ParsedCertificate,
  type TrustedPaa,
} from '../../matter/certificates';
import { checkCdAgainstAttestation, CertificationType, certificationTypeName, decodeCertificationDeclaration, isCsaTestSigner, verifyCertificationDeclaration, type CdContent } from '../../matter/cd';
import { DEFAULT_CREDENTIAL_LIMITS } from '../../silabs/credentialsPage';
import type { ConfigInputs } from './inputs';
import { error, hex16, type ConfigProblem } from './problems';
import type { ProductConfig } from './schema';

/** Test vendor IDs (Matter core §2.5.2): never on a production device. */
export const TEST_VENDOR_IDS = { first: 0xfff1, last: 0xfff4 } as const;
export const isTestVendorId = (vendorId: number) => vendorId >= TEST_VENDOR_IDS.first && vendorId <= TEST_VENDOR_IDS.last;

/**
 * Our rule for "a test PAA": it carries a test vendor ID, or its common name has the word "Test"
 * (the SDK's "Matter Test PAA" with or without VID, chip-cert and Matterline test roots). A
 * production PAA in the DCL is issued to a real vendor or is VID-less with the CA's own name.
 */
export function isTestPaa(paa: TrustedPaa): boolean {
  if (paa.vidPid.vendorId !== null && isTestVendorId(paa.vidPid.vendorId)) return true;
  const commonNames = paa.certificate.subject.attributes.filter((attribute) => attribute.oid === '2.5.4.3').map((attribute) => attribute.value ?? '');
  return commonNames.some((name) => /\btest\b/i.test(name));
}

const PAI = 'attestation.paiCertificate';
const PAI_KEY = 'attestation.paiKey.file';
const TRUST = 'attestation.trustStore';
const CD = 'attestation.certificationDeclaration';
const CD_SIGNERS = 'attestation.cdSigningCertificates';

export async function checkAttestation(config: ProductConfig, inputs: ConfigInputs, now: Date): Promise<ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  const { vendorId } = config.matter;
  const production = config.attestation.dcl === 'production';
  if (production && isTestVendorId(vendorId)) {
    problems.push(error('matter.vendorId', 'CONFIG_TEST_CREDENTIALS_IN_PRODUCTION', `${hex16(vendorId)} is a test vendor ID; use your CSA-assigned vendor ID for a production DCL, or set attestation.dcl to "test"`));
  }

  const pai = checkPai(config, inputs, now, problems);
  const paa = checkChain(pai, inputs, now, production, problems);
  await checkCd(config, inputs, pai, paa, production, problems);
  return problems;
}

function checkPai(config: ProductConfig, inputs: ConfigInputs, now: Date, problems: ConfigProblem[]): ParsedCertificate | null {
  const parsed = parseCertificate(inputs.paiCertificate.bytes);
  if (!parsed.ok) {
    problems.push(error(PAI, 'CONFIG_PAI_INVALID', `${inputs.paiCertificate.path} is not a readable certificate (${parsed.error.detail ?? parsed.error.message}); give the PAI as one PEM or DER certificate`));
    return null;
  }
  const pai = parsed.value;
  const profile = checkCertificateProfile(pai, 'PAI');
  if (profile.problems.length > 0) {
    const details = profile.problems.map((item) => (item.detail ?? item.message).replace(/^PAI: /, '')).join('; ');
    problems.push(error(PAI, 'CONFIG_PAI_INVALID', `${inputs.paiCertificate.path} is not a valid PAI (${details}); use the PAI certificate your PKI issued`));
  }
  if (now < pai.notBefore || now > pai.notAfter) {
    problems.push(error(PAI, 'CONFIG_CERTIFICATE_NOT_VALID_NOW', `the PAI is valid from ${pai.notBefore.toISOString()} to ${pai.notAfter.toISOString()}, not at ${now.toISOString()}; use a PAI that is valid now`));
  }

  const key = parsePrivateKey(inputs.paiKey.bytes);
  if (!key.ok) problems.push(error(PAI_KEY, 'CONFIG_PAI_KEY_INVALID', `${inputs.paiKey.path}: ${key.error.detail ?? key.error.message}; give the unencrypted EC P-256 PAI key`));
  else if (!bytesEqual(key.value.point, pai.publicKey.point)) {
    problems.push(error(PAI_KEY, 'CONFIG_PAI_KEY_MISMATCH', `${inputs.paiKey.path} is not the key of the PAI certificate ${inputs.paiCertificate.path}; give the PAI's own private key`));
  }

  const { vendorId, productId } = profile.vidPid;
  if (vendorId === null) {
    problems.push(error(PAI, 'CONFIG_PAI_INVALID', 'the PAI\'s subject carries no vendor ID, so its DACs cannot attest; use a PAI issued for your vendor ID'));
  } else if (vendorId !== config.matter.vendorId) {
    problems.push(error('matter.vendorId', 'CONFIG_VID_MISMATCH', `${hex16(config.matter.vendorId)} differs from the PAI's vendor ID ${hex16(vendorId)}; set it to ${hex16(vendorId)}, which the PAI fixes`));
  }
  if (productId !== null && productId !== config.matter.productId) {
    problems.push(error('matter.productId', 'CONFIG_PID_MISMATCH', `${hex16(config.matter.productId)} differs from the product ID ${hex16(productId)} the PAI is scoped to; set it to ${hex16(productId)}, or use a PAI for this product`));
  }
  return pai;
}

function checkChain(pai: ParsedCertificate | null, inputs: ConfigInputs, now: Date, production: boolean, problems: ConfigProblem[]): TrustedPaa | null {
  const store = TrustStore.fromCertificates(inputs.trustStore.sources);
  if (store.size === 0) {
    const rejected = [...inputs.trustStore.rejected, ...store.rejected].map((item) => `${item.source}: ${item.reason}`);
    problems.push(error(TRUST, 'CONFIG_TRUST_STORE_EMPTY', `no usable PAA certificate was found${rejected.length === 0 ? '' : ` (${rejected.join('; ')})`}; add the PAA that issued your PAI`));
    return null;
  }
  if (pai === null) return null;
  const authorityKeyId = readAuthorityKeyId(pai);
  const paa = (authorityKeyId === null ? undefined : store.findBySubjectKeyId(authorityKeyId)) ?? store.findBySubject(pai.issuer.der) ?? null;
  if (paa === null) {
    problems.push(error(TRUST, 'CONFIG_PAA_NOT_FOUND', `none of its ${store.size} PAA certificate(s) issued the PAI (issuer "${pai.issuer.text}"); add that PAA`));
    return null;
  }
  const broken = link(pai, 'PAI', paa.certificate, 'PAA');
  if (broken.length > 0) {
    problems.push(error(PAI, 'CONFIG_PAI_CHAIN_INVALID', `it does not verify under the PAA ${paa.source} (${broken.map((item) => item.detail ?? item.message).join('; ')}); use the PAI that PAA issued`));
  }
  const paiVendorId = checkCertificateProfile(pai, 'PAI').vidPid.vendorId;
  if (paa.vidPid.vendorId !== null && paiVendorId !== null && paa.vidPid.vendorId !== paiVendorId) {
    problems.push(error(PAI, 'CONFIG_PAI_CHAIN_INVALID', `the PAI's vendor ID ${hex16(paiVendorId)} differs from its PAA's ${hex16(paa.vidPid.vendorId)}; a vendor-scoped PAA only issues PAIs for its own vendor`));
  }
  if (now < paa.certificate.notBefore || now > paa.certificate.notAfter) {
    problems.push(error(TRUST, 'CONFIG_CERTIFICATE_NOT_VALID_NOW', `the PAA ${paa.source} is valid from ${paa.certificate.notBefore.toISOString()} to ${paa.certificate.notAfter.toISOString()}, not at ${now.toISOString()}`));
  }
  if (production && isTestPaa(paa)) {
    problems.push(error(PAI, 'CONFIG_TEST_CREDENTIALS_IN_PRODUCTION', `the PAI chains to the test PAA "${paa.certificate.subject.text}"; use a PAI under a production PAA listed in the DCL, or set attestation.dcl to "test"`));
  }
  return paa;
}

async function checkCd(config: ProductConfig, inputs: ConfigInputs, pai: ParsedCertificate | null, paa: TrustedPaa | null, production: boolean, problems: ConfigProblem[]): Promise<void> {
  const file = inputs.certificationDeclaration;
  const der = cdDer(file.bytes);
  if (der === null) {
    problems.push(error(CD, 'CONFIG_CD_INVALID', `${file.path} holds no single PEM block or DER declaration; give the CD as DER or one PEM block`));
    return;
  }
  if (der.length > DEFAULT_CREDENTIAL_LIMITS.cd) {
    problems.push(error(CD, 'CONFIG_CD_TOO_LARGE', `${file.path} is ${der.length} bytes but the device stores at most ${DEFAULT_CREDENTIAL_LIMITS.cd}; use a CD with fewer product ids`));
  }
  const decoded = decodeCertificationDeclaration(der);
  if (!decoded.ok) {
    problems.push(error(CD, 'CONFIG_CD_INVALID', `${file.path} is not a readable Certification Declaration (${decoded.error.detail ?? decoded.error.message}); use the CD issued for this product`));
    return;
  }
  const content: CdContent = decoded.value.content;
  const { vendorId, productId } = config.matter;
  const paiVidPid = pai === null ? null : checkCertificateProfile(pai, 'PAI').vidPid;
  const mismatches = checkCdAgainstAttestation(content, {
    dacVendorId: vendorId,
    dacProductId: productId,
    paiVendorId: paiVidPid?.vendorId ?? vendorId,
    paiProductId: paiVidPid?.productId ?? null,
    paaSubjectKeyId: paa?.subjectKeyId ?? new Uint8Array(0),
    basicInformationVendorId: vendorId,
    basicInformationProductId: productId,
  }).filter((item) => paa !== null || item.code !== 'CD_PAA_NOT_AUTHORIZED');
  // The SDK's checks name the DAC, the PAI and Basic Information separately; here all three carry the
  // configured VID/PID, so the same mismatch is said once, in the configuration's terms.
  const pids = content.productIds.map(hex16).join(', ') || 'none';
  const sentences = mismatches.map((item) => {
    if (item.code === 'CD_VID_MISMATCH') return `its vendor_id ${hex16(content.vendorId)} differs from the vendor ID ${hex16(vendorId)}`;
    if (item.code === 'CD_PID_NOT_LISTED' && !content.productIds.includes(productId)) return `its product ids (${pids}) do not include the product ID ${hex16(productId)}`;
    return item.detail ?? item.message;
  });
  for (const sentence of new Set(sentences)) {
    problems.push(error(CD, 'CONFIG_CD_MISMATCH', `${sentence}; use the CD issued for vendor ${hex16(vendorId)} listing product ${hex16(productId)}`));
  }

  const signers: Uint8Array[] = [];
  for (const signer of inputs.cdSigningCertificates) {
    const items = derItemsFromFile(signer.bytes, ['CERTIFICATE'], 'certificate');
    if (!items.ok) problems.push(error(signer.field, 'CONFIG_CD_SIGNATURE', `${signer.path} is not a readable certificate (${items.reason}); give the CD signing certificate as PEM or DER`));
    else signers.push(...items.value);
  }
  const verified = await verifyCertificationDeclaration(der, signers);
  if (!verified.ok) {
    problems.push(error(CD_SIGNERS, 'CONFIG_CD_SIGNATURE', `${verified.error.detail ?? verified.error.message}; give P-256 signing certificates`));
  } else {
    for (const item of verified.value.problems) {
      problems.push(error(CD_SIGNERS, 'CONFIG_CD_SIGNATURE', `the CD ${file.path} does not verify (${item.detail ?? item.message}); add the certificate that signed it`));
    }
  }

  if (production) {
    if (content.certificationType !== CertificationType.official) {
      problems.push(error(CD, 'CONFIG_TEST_CREDENTIALS_IN_PRODUCTION', `the CD is of certification type ${content.certificationType} (${certificationTypeName(content.certificationType)}); a production DCL needs the official CD (type 2) the CSA issued`));
    }
    if (isCsaTestSigner(decoded.value.signerKeyId)) {
      problems.push(error(CD, 'CONFIG_TEST_CREDENTIALS_IN_PRODUCTION', 'the CD is signed with the CSA test signing key; a production DCL needs the CD the CSA signed with its production key'));
    }
  }
}

/** DER as it is, or the one block of a PEM file (any label: CMS, PKCS7, ...). */
function cdDer(bytes: Uint8Array): Uint8Array | null {
  if (!looksLikePem(bytes)) return bytes;
  const items = derItemsFromFile(bytes, ['CMS', 'PKCS7', 'CERTIFICATION DECLARATION'], 'Certification Declaration');
  return items.ok && items.value.length === 1 ? (items.value[0] as Uint8Array) : null;
}
