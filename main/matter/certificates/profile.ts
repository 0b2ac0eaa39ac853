/**
 * The Matter attestation certificate profile, checked one rule at a time for a PAA, PAI or DAC
 * (fact sheet 1.1, the SDK's VerifyAttestationCertificateFormat, and the per-type VID/PID presence
 * rules of 1.3). Each broken rule is one AttestationProblem whose detail starts with the role, so a
 * report lists everything wrong with a certificate at once instead of stopping at the first rule.
 */
import { createPublicKey } from 'node:crypto';
import { KeyUsage } from '@peculiar/asn1-x509';
import type { ErrorCode } from '../../../preload/contract/errors';
import { problem, type AttestationProblem } from '../attestationProblem';
import { decodeExtension, readAuthorityKeyId, readSubjectKeyId } from './keyIdentifiers';
import { OID, oidName } from './oids';
import type { CertificateExtension, ParsedCertificate } from './parseCertificate';
import { extractVidPid, formatUpperHex4, type VidPid } from './vidPid';
import { x509 } from './x509';

export type CertificateRole = 'PAA' | 'PAI' | 'DAC';

/** Key identifiers are SHA-1 sized (the SDK's kSubjectKeyIdentifierLength / kAuthorityKeyIdentifierLength). */
export const KEY_IDENTIFIER_LENGTH = 20;
/** The SDK's kMaxCertificateSerialNumberLength (RFC 5280 4.1.2.2). */
export const MAX_SERIAL_LENGTH = 20;

const { digitalSignature: KU_DIGITAL_SIGNATURE, keyCertSign: KU_KEY_CERT_SIGN, cRLSign: KU_CRL_SIGN } = x509.KeyUsageFlags;

/**
 * Critical extensions that X.509 path validation (OpenSSL's, which the SDK uses) understands; any
 * other critical extension makes the chain fail, whatever the Matter rules say about "other extensions".
 */
const UNDERSTOOD_CRITICAL = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.extendedKeyUsage,
  OID.subjectAltName,
  '2.5.29.30', // nameConstraints
  '2.5.29.32', // certificatePolicies
  '2.5.29.33', // policyMappings
  '2.5.29.36', // policyConstraints
  '2.5.29.54', // inhibitAnyPolicy
]);

export interface ProfileReport {
  readonly problems: AttestationProblem[];
  /** VID/PID as read from the subject (null fields when absent or unreadable). */
  readonly vidPid: VidPid;
  /** subjectKeyIdentifier when present and well formed. */
  readonly subjectKeyId: Uint8Array | null;
  /** authorityKeyIdentifier's keyIdentifier when present and well formed. */
  readonly authorityKeyId: Uint8Array | null;
}

export function checkCertificateProfile(certificate: ParsedCertificate, role: CertificateRole): ProfileReport {
  const problems: AttestationProblem[] = [];
  const report = (code: ErrorCode, detail: string) => problems.push(problem(code, `${role}: ${detail}`));

  if (certificate.version !== 3) report('CERT_VERSION_INVALID', `the version field says v${certificate.version}`);

  const serial = certificate.serialNumber;
  if (serial.length === 0) report('CERT_SERIAL_INVALID', 'the serial number is empty');
  else if (serial.length > MAX_SERIAL_LENGTH) report('CERT_SERIAL_INVALID', `the serial number is ${serial.length} bytes long`);
  else if (((serial[0] as number) & 0x80) !== 0 || serial.every((byte) => byte === 0)) report('CERT_SERIAL_INVALID', 'the serial number is not positive');

  if (certificate.signatureAlgorithm !== OID.ecdsaWithSha256) {
    report('CERT_SIGNATURE_ALGORITHM_INVALID', `signed with ${oidName(certificate.signatureAlgorithm)}`);
  } else if (certificate.tbsSignatureAlgorithm !== certificate.signatureAlgorithm) {
    report('CERT_SIGNATURE_ALGORITHM_INVALID', `the signed part names ${oidName(certificate.tbsSignatureAlgorithm)} but the signature is ${oidName(certificate.signatureAlgorithm)}`);
  }

  const keyProblem = publicKeyProblem(certificate);
  if (keyProblem !== null) report('CERT_PUBLIC_KEY_INVALID', keyProblem);

  const byOid = new Map<string, CertificateExtension[]>();
  for (const extension of certificate.extensions) byOid.set(extension.oid, [...(byOid.get(extension.oid) ?? []), extension]);
  const single = (oid: string, code: ErrorCode, mandatory: boolean, critical: boolean): CertificateExtension | null => {
    const found = byOid.get(oid) ?? [];
    if (found.length === 0) {
      if (mandatory) report(code, `no ${oidName(oid)} extension`);
      return null;
    }
    if (found.length > 1) report(code, `${oidName(oid)} appears ${found.length} times`);
    const extension = found[0] as CertificateExtension;
    if (extension.critical !== critical) report(code, `${oidName(oid)} is ${extension.critical ? 'critical' : 'not critical'}; it must be ${critical ? 'critical' : 'non-critical'}`);
    return extension;
  };

  const basic = single(OID.basicConstraints, 'CERT_BASIC_CONSTRAINTS_INVALID', true, true);
  if (basic !== null) {
    const parsed = decodeExtension(basic, x509.BasicConstraintsExtension);
    if (parsed === null) report('CERT_BASIC_CONSTRAINTS_INVALID', 'basicConstraints cannot be decoded');
    else {
      const pathLen = parsed.pathLength;
      const shown = `CA:${parsed.ca ? 'TRUE' : 'FALSE'}${pathLen === undefined ? '' : `, pathLen ${pathLen}`}`;
      if (role === 'DAC' && (parsed.ca || pathLen !== undefined)) report('CERT_BASIC_CONSTRAINTS_INVALID', `basicConstraints is ${shown}; a DAC needs CA:FALSE without pathLen`);
      if (role === 'PAI' && (!parsed.ca || pathLen !== 0)) report('CERT_BASIC_CONSTRAINTS_INVALID', `basicConstraints is ${shown}; a PAI needs CA:TRUE, pathLen 0`);
      if (role === 'PAA' && (!parsed.ca || (pathLen !== undefined && pathLen !== 1))) report('CERT_BASIC_CONSTRAINTS_INVALID', `basicConstraints is ${shown}; a PAA needs CA:TRUE with pathLen 1 or none`);
    }
  }

  const usage = single(OID.keyUsage, 'CERT_KEY_USAGE_INVALID', true, true);
  if (usage !== null) {
    const parsed = decodeExtension(usage, x509.KeyUsagesExtension);
    if (parsed === null) report('CERT_KEY_USAGE_INVALID', 'keyUsage cannot be decoded');
    else {
      const bits: number = parsed.usages;
      // Named as before (asn1-x509's KeyUsage names, alphabetical), so messages stay the same.
      const shown = new KeyUsage(bits).toJSON().join(', ') || 'no bits';
      if (role === 'DAC' && bits !== KU_DIGITAL_SIGNATURE) report('CERT_KEY_USAGE_INVALID', `keyUsage is ${shown}; a DAC needs exactly digitalSignature`);
      if (role !== 'DAC') {
        const allowed = KU_DIGITAL_SIGNATURE | KU_KEY_CERT_SIGN | KU_CRL_SIGN;
        if ((bits & KU_KEY_CERT_SIGN) === 0 || (bits & KU_CRL_SIGN) === 0 || (bits & ~allowed) !== 0) {
          report('CERT_KEY_USAGE_INVALID', `keyUsage is ${shown}; a ${role} needs keyCertSign and cRLSign, optionally digitalSignature, and nothing else`);
        }
      }
    }
  }

  let subjectKeyId: Uint8Array | null = null;
  if (single(OID.subjectKeyIdentifier, 'CERT_SUBJECT_KEY_ID_INVALID', true, false) !== null) {
    const bytes = readSubjectKeyId(certificate);
    if (bytes === null) report('CERT_SUBJECT_KEY_ID_INVALID', 'subjectKeyIdentifier cannot be decoded');
    else if (bytes.length !== KEY_IDENTIFIER_LENGTH) report('CERT_SUBJECT_KEY_ID_INVALID', `subjectKeyIdentifier is ${bytes.length} bytes`);
    else subjectKeyId = bytes;
  }

  let authorityKeyId: Uint8Array | null = null;
  const akid = single(OID.authorityKeyIdentifier, 'CERT_AUTHORITY_KEY_ID_INVALID', role !== 'PAA', false);
  if (akid !== null) {
    const keyId = readAuthorityKeyId(certificate);
    if (decodeExtension(akid, x509.AuthorityKeyIdentifierExtension) === null) report('CERT_AUTHORITY_KEY_ID_INVALID', 'authorityKeyIdentifier cannot be decoded');
    else if (keyId === null) report('CERT_AUTHORITY_KEY_ID_INVALID', 'authorityKeyIdentifier has no keyIdentifier');
    else if (keyId.length !== KEY_IDENTIFIER_LENGTH) report('CERT_AUTHORITY_KEY_ID_INVALID', `the authority keyIdentifier is ${keyId.length} bytes`);
    else authorityKeyId = keyId;
  }

  for (const extension of certificate.extensions) {
    if (extension.critical && !UNDERSTOOD_CRITICAL.has(extension.oid)) report('CERT_CRITICAL_EXTENSION_UNKNOWN', `critical extension ${oidName(extension.oid)}`);
  }

  const extracted = extractVidPid(certificate.subject);
  let vidPid: VidPid = { vendorId: null, productId: null, source: 'none' };
  if (!extracted.ok) report('CERT_VIDPID_INVALID', extracted.error.detail ?? 'unreadable VID/PID');
  else {
    vidPid = extracted.value;
    if (role === 'DAC' && vidPid.vendorId === null) report('DAC_VID_MISSING', `subject ${certificate.subject.text}`);
    if (role === 'DAC' && vidPid.productId === null) report('DAC_PID_MISSING', `subject ${certificate.subject.text}`);
    if (role === 'PAI' && vidPid.vendorId === null) report('PAI_VID_MISSING', `subject ${certificate.subject.text}`);
    if (role === 'PAA' && vidPid.productId !== null) report('PAA_PID_PRESENT', `PID ${formatUpperHex4(vidPid.productId)}`);
  }

  return { problems, vidPid, subjectKeyId, authorityKeyId };
}

function publicKeyProblem(certificate: ParsedCertificate): string | null {
  const key = certificate.publicKey;
  if (key.algorithm !== OID.ecPublicKey) return `the key is ${oidName(key.algorithm)}, not EC`;
  if (key.curve !== OID.prime256v1) return `the key is on ${key.curve === null ? 'explicit or unknown curve parameters' : oidName(key.curve)}`;
  if (key.point.length !== 65 || key.point[0] !== 0x04) return `the P-256 point is not in uncompressed form (${key.point.length} bytes)`;
  try {
    createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' });
  } catch {
    return 'the P-256 point is not on the curve';
  }
  return null;
}
