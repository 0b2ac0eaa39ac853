/**
 * Who signed a Certification Declaration, whether the signature holds, and whether that signer may
 * sign a declaration of this certification type (fact sheet §3.3; the Matter SDK's
 * DefaultDACVerifier::ValidateCertificationDeclarationSignature).
 */
import { AsnConvert, AsnParser } from '@peculiar/asn1-schema';
import { Certificate, SubjectKeyIdentifier, id_ce_subjectKeyIdentifier } from '@peculiar/asn1-x509';
import { failure, success, type Result } from '../../../preload/contract/errors';
import { problem, type AttestationProblem } from '../attestationProblem';
import { equalBytes, toHex } from './bytes';
import { decodeCertificationDeclaration } from './cms';
import { CertificationType, certificationTypeName, type CdContent } from './content';

/** KID of the CSA test CD signing key ("Matter Test CD Signing Authority"), from the SDK's gCdSigningKeys. */
export const CSA_TEST_CD_SIGNING_KEY_ID = '62FA823359ACFAA9963E1CFA140ADDF504F37160';
/** Its public key (uncompressed P-256 point), so the test key is recognised whatever certificate carries it. */
export const CSA_TEST_CD_SIGNING_PUBLIC_KEY =
  '043C398922452B55CAF389C25BD1BCA4656952CCB90E8869249AD8474653014CBF95D687965E036B521C51037E6B8CEDEFCA1EB44046694FA08882EED6519DECBA';

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** DER of the namedCurve parameter prime256v1 (1.2.840.10045.3.1.7). */
const P256_PARAMETERS = '06082A8648CE3D030107';

export interface VerifyCdOptions {
  /** Accept declarations signed with the CSA test key at all (default true, like SDK builds with test keys enabled). */
  readonly allowTestKey?: boolean;
  /**
   * Accept test-key declarations of certification type provisional (default true, the SDK's
   * kEnableCdTestKeysForProvisionalCds; upstream issue #42460 plans to turn this off).
   */
  readonly allowTestKeyForProvisional?: boolean;
}

export type CdSignerKind = 'csa-test' | 'imported';

export interface VerifiedCd {
  readonly content: CdContent;
  /** The CD's KID, upper-case hex. */
  readonly signerKeyId: string;
  /** The ECDSA signature verifies over the payload with the certificate whose SKID is the KID. */
  readonly signatureValid: boolean;
  /** The CSA test key, a certificate the user imported, or null when no certificate has the KID. */
  readonly signer: CdSignerKind | null;
  /** Empty when the declaration is signed by a known signer that may sign this certification type. */
  readonly problems: readonly AttestationProblem[];
}

interface SignerCertificate extends CdSignerCertificateInfo {
  readonly index: number;
}

/** Is this the CSA test signing key (by KID or by public key)? */
export function isCsaTestSigner(subjectKeyId: Uint8Array | null, publicKey?: Uint8Array): boolean {
  return (subjectKeyId !== null && toHex(subjectKeyId) === CSA_TEST_CD_SIGNING_KEY_ID) || (publicKey !== undefined && toHex(publicKey) === CSA_TEST_CD_SIGNING_PUBLIC_KEY);
}

/**
 * Decodes the declaration, finds its signer among `signerCertificates` (DER X.509) by subject key
 * identifier, verifies the ECDSA P-256/SHA-256 signature over the payload and applies the test-key
 * policy: the CSA test key signs development declarations, and provisional ones unless
 * `allowTestKeyForProvisional` is false; never official or reserved types. A malformed declaration
 * or an unusable certificate is a failure; everything else is reported in `problems`.
 */
export async function verifyCertificationDeclaration(der: Uint8Array, signerCertificates: readonly Uint8Array[], options: VerifyCdOptions = {}): Promise<Result<VerifiedCd>> {
  const decoded = decodeCertificationDeclaration(der);
  if (!decoded.ok) return decoded;
  const { content, signerKeyId, signature, payload } = decoded.value;

  const certificates: SignerCertificate[] = [];
  for (const [index, bytes] of signerCertificates.entries()) {
    const parsed = readSignerCertificate(bytes, index);
    if (!parsed.ok) return parsed;
    certificates.push(parsed.value);
  }

  const keyIdHex = toHex(signerKeyId);
  const candidates = certificates.filter((certificate) => certificate.subjectKeyId !== null && equalBytes(certificate.subjectKeyId, signerKeyId));
  if (candidates.length === 0) {
    const known = certificates.map((certificate) => (certificate.subjectKeyId === null ? `certificate ${certificate.index + 1} has no subject key identifier` : toHex(certificate.subjectKeyId)));
    const detail = `key id ${keyIdHex}${isCsaTestSigner(signerKeyId) ? ' (the CSA test signing key)' : ''}; signing certificates given: ${known.length === 0 ? 'none' : known.join(', ')}`;
    return success({ content, signerKeyId: keyIdHex, signatureValid: false, signer: null, problems: [problem('CD_SIGNER_UNKNOWN', detail)] });
  }

  let signerCertificate: SignerCertificate | null = null;
  for (const candidate of candidates) {
    if (await verifySignature(candidate.spki, signature, payload)) {
      signerCertificate = candidate;
      break;
    }
  }
  const chosen = signerCertificate ?? (candidates[0] as SignerCertificate);
  const signer: CdSignerKind = chosen.csaTest ? 'csa-test' : 'imported';
  if (signerCertificate === null) {
    return success({ content, signerKeyId: keyIdHex, signatureValid: false, signer, problems: [problem('CD_SIGNATURE_INVALID', `key id ${keyIdHex}, checked against signing certificate ${chosen.index + 1}`)] });
  }

  const problems: AttestationProblem[] = [];
  if (signer === 'csa-test') {
    const type = content.certificationType;
    const allowTestKey = options.allowTestKey ?? true;
    const allowProvisional = options.allowTestKeyForProvisional ?? true;
    const typeText = `certification_type ${type} (${certificationTypeName(type)})`;
    if (!allowTestKey) problems.push(problem('CD_TEST_KEY_NOT_ALLOWED', `${typeText}: test keys are not accepted by this station's settings`));
    else if (type === CertificationType.provisional && !allowProvisional) problems.push(problem('CD_TEST_KEY_NOT_ALLOWED', `${typeText}: test keys are not accepted for provisional declarations by this station's settings`));
    else if (type !== CertificationType.developmentAndTest && type !== CertificationType.provisional) problems.push(problem('CD_TEST_KEY_NOT_ALLOWED', `${typeText}: the test key only signs development and provisional declarations`));
  }
  return success({ content, signerKeyId: keyIdHex, signatureValid: true, signer, problems });
}

export interface CdSignerCertificateInfo {
  /** The certificate's subject key identifier (the KID it signs under), or null without the extension. */
  readonly subjectKeyId: Uint8Array | null;
  /** Uncompressed P-256 public key (65 bytes). */
  readonly publicKey: Uint8Array;
  /** DER SubjectPublicKeyInfo, for WebCrypto. */
  readonly spki: Uint8Array;
  /** This is the CSA test CD signing key. */
  readonly csaTest: boolean;
}

/** Reads a CD signing certificate (DER X.509 with an EC P-256 key): its KID and key; CD_SIGNER_CERT_INVALID otherwise. */
export function inspectSignerCertificate(der: Uint8Array): Result<CdSignerCertificateInfo> {
  let certificate: Certificate;
  try {
    certificate = AsnParser.parse(der.slice(), Certificate);
  } catch (error) {
    return failure('CD_SIGNER_CERT_INVALID', `not a DER X.509 certificate (${error instanceof Error ? error.message : String(error)})`);
  }
  const spkiInfo = certificate.tbsCertificate.subjectPublicKeyInfo;
  const parameters = spkiInfo.algorithm.parameters;
  if (spkiInfo.algorithm.algorithm !== OID_EC_PUBLIC_KEY || parameters === undefined || parameters === null || toHex(new Uint8Array(parameters)) !== P256_PARAMETERS) {
    return failure('CD_SIGNER_CERT_INVALID', `its public key is not an EC P-256 key (algorithm ${spkiInfo.algorithm.algorithm})`);
  }
  let subjectKeyId: Uint8Array | null = null;
  const extension = certificate.tbsCertificate.extensions?.find((candidate) => candidate.extnID === id_ce_subjectKeyIdentifier);
  if (extension !== undefined) {
    try {
      subjectKeyId = new Uint8Array(AsnParser.parse(extension.extnValue.buffer, SubjectKeyIdentifier).buffer);
    } catch {
      return failure('CD_SIGNER_CERT_INVALID', 'its subject key identifier extension cannot be read');
    }
  }
  const publicKey = new Uint8Array(spkiInfo.subjectPublicKey);
  return success({ subjectKeyId, publicKey, spki: new Uint8Array(AsnConvert.serialize(spkiInfo)), csaTest: isCsaTestSigner(subjectKeyId, publicKey) });
}

function readSignerCertificate(bytes: Uint8Array, index: number): Result<SignerCertificate> {
  const info = inspectSignerCertificate(bytes);
  if (!info.ok) return failure('CD_SIGNER_CERT_INVALID', `signing certificate ${index + 1}: ${info.error.detail ?? ''}`);
  return success({ index, ...info.value });
}

async function verifySignature(spki: Uint8Array, signature: Uint8Array, payload: Uint8Array): Promise<boolean> {
  try {
    const key = await globalThis.crypto.subtle.importKey('spki', new Uint8Array(spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    return await globalThis.crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, new Uint8Array(signature), new Uint8Array(payload));
  } catch {
    // A point not on the curve cannot verify anything.
    return false;
  }
}
