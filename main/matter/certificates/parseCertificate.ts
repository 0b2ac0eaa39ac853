/**
 * X.509 certificate bytes (PEM or DER) → a plain view of the fields the Matter rules look at. Only
 * damage that makes the file unreadable is an error here (CERT_MALFORMED, with the reason in the
 * detail); everything the Matter profile forbids but that still parses (wrong version, wrong curve,
 * missing extensions) is kept, so profile.ts can name each rule that is broken.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, type Name } from '@peculiar/asn1-x509';
import { failure, success, type Result } from '../../../preload/contract/errors';
import { derContent, derSlice, readDerChildren, readDerElement, trailingBytes } from './der';
import { namedCurve } from './keys';
import { OID } from './oids';
import { derItemsFromFile } from './pem';

export interface NameAttribute {
  readonly oid: string;
  /** The text, or null when the value is not a string type. */
  readonly value: string | null;
}

export interface DistinguishedName {
  /** The Name exactly as encoded (issuer/subject chaining compares these bytes). */
  readonly der: Uint8Array;
  /** Attributes in order (every RDN flattened). */
  readonly attributes: readonly NameAttribute[];
  /** "CN=Matter Test DAC, VID=FFF1, PID=8000" for messages. */
  readonly text: string;
}

export interface CertificateExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The extnValue OCTET STRING's content: the DER of the extension itself. */
  readonly value: Uint8Array;
}

export interface PublicKeyInfo {
  /** SubjectPublicKeyInfo DER, as Node's crypto takes it. */
  readonly spki: Uint8Array;
  readonly algorithm: string;
  /** Named curve OID for EC keys, null otherwise. */
  readonly curve: string | null;
  /** The subjectPublicKey bits (for EC: the point, 0x04‖X‖Y when uncompressed). */
  readonly point: Uint8Array;
}

export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** The signed bytes (TBSCertificate). */
  readonly tbs: Uint8Array;
  /** 1, 2 or 3 (the encoded field plus one). */
  readonly version: number;
  readonly serialNumber: Uint8Array;
  /** The outer signatureAlgorithm and the one inside the TBS (RFC 5280 requires them equal). */
  readonly signatureAlgorithm: string;
  readonly tbsSignatureAlgorithm: string;
  /** DER Ecdsa-Sig-Value for ECDSA. */
  readonly signature: Uint8Array;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: PublicKeyInfo;
  readonly extensions: readonly CertificateExtension[];
}

const CERT_LABELS = ['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE'];

/** Exactly one certificate from a file's bytes (PEM with one CERTIFICATE block, or DER). */
export function parseCertificate(bytes: Uint8Array): Result<ParsedCertificate> {
  const items = derItemsFromFile(bytes, CERT_LABELS, 'certificate');
  if (!items.ok) return failure('CERT_MALFORMED', items.reason);
  if (items.value.length !== 1) return failure('CERT_MALFORMED', `the file holds ${items.value.length} certificates where one was expected`);
  return parseCertificateDer(items.value[0] as Uint8Array);
}

/** Every certificate in a file (a PEM bundle may hold several; a DER file holds one). */
export function parseCertificates(bytes: Uint8Array): Result<ParsedCertificate[]> {
  const items = derItemsFromFile(bytes, CERT_LABELS, 'certificate');
  if (!items.ok) return failure('CERT_MALFORMED', items.reason);
  const parsed: ParsedCertificate[] = [];
  for (const [index, der] of items.value.entries()) {
    const one = parseCertificateDer(der);
    if (!one.ok) return items.value.length === 1 ? one : failure('CERT_MALFORMED', `certificate ${index + 1} of ${items.value.length}: ${one.error.detail ?? ''}`);
    parsed.push(one.value);
  }
  return success(parsed);
}

// On the asn1-x509 schema, not x509.X509Certificate: that hides the version, inner algorithm, encoded serial and Names.
export function parseCertificateDer(der: Uint8Array): Result<ParsedCertificate> {
  // The outer frame first, with our strict reader: it tells truncation from trailing garbage.
  const outer = readDerElement(der, 0);
  if (!outer.ok) return failure('CERT_MALFORMED', outer.reason);
  if (outer.element.tag !== 0x30) return failure('CERT_MALFORMED', 'it does not start with a SEQUENCE, so it is not an X.509 certificate');
  if (outer.element.end !== der.length) return failure('CERT_MALFORMED', trailingBytes(der.length - outer.element.end, 'the certificate'));
  const top = readDerChildren(der, outer.element);
  if (!top.ok) return failure('CERT_MALFORMED', top.reason);
  const [tbsElement, , signatureElement] = top.children;
  if (top.children.length !== 3 || tbsElement === undefined || signatureElement === undefined || tbsElement.tag !== 0x30 || signatureElement.tag !== 0x03) {
    return failure('CERT_MALFORMED', 'it is not a certificate: expected the signed part, the signature algorithm and the signature');
  }
  const tbsChildren = readDerChildren(der, tbsElement);
  if (!tbsChildren.ok) return failure('CERT_MALFORMED', tbsChildren.reason);
  const fields = tbsChildren.children[0]?.tag === 0xa0 ? tbsChildren.children.slice(1) : tbsChildren.children;
  const [, , issuerElement, , subjectElement, spkiElement] = fields;
  if (issuerElement === undefined || subjectElement === undefined || spkiElement === undefined) {
    return failure('CERT_MALFORMED', 'the signed part is missing fields (issuer, validity, subject or public key)');
  }
  const signatureBits = derContent(der, signatureElement);
  if (signatureBits.length < 1 || signatureBits[0] !== 0) return failure('CERT_MALFORMED', 'the signature BIT STRING is empty or has unused bits');

  let certificate: Certificate;
  try {
    certificate = AsnConvert.parse(der, Certificate);
  } catch (error) {
    return failure('CERT_MALFORMED', `ASN.1 structure: ${error instanceof Error ? error.message : String(error)}`);
  }
  const tbs = certificate.tbsCertificate;
  const spki = tbs.subjectPublicKeyInfo;
  const curve = spki.algorithm.algorithm === OID.ecPublicKey ? namedCurve(spki.algorithm.parameters) : null;
  let notBefore: Date;
  let notAfter: Date;
  try {
    notBefore = tbs.validity.notBefore.getTime();
    notAfter = tbs.validity.notAfter.getTime();
  } catch (error) {
    return failure('CERT_MALFORMED', `validity: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) return failure('CERT_MALFORMED', 'the validity dates cannot be read');

  return success({
    der: der.slice(),
    tbs: certificate.tbsCertificateRaw ? new Uint8Array(certificate.tbsCertificateRaw) : derSlice(der, tbsElement),
    version: tbs.version + 1,
    serialNumber: new Uint8Array(tbs.serialNumber),
    signatureAlgorithm: certificate.signatureAlgorithm.algorithm,
    tbsSignatureAlgorithm: tbs.signature.algorithm,
    signature: signatureBits.slice(1),
    issuer: describeName(tbs.issuer, derSlice(der, issuerElement)),
    subject: describeName(tbs.subject, derSlice(der, subjectElement)),
    notBefore,
    notAfter,
    publicKey: { spki: derSlice(der, spkiElement), algorithm: spki.algorithm.algorithm, curve, point: new Uint8Array(spki.subjectPublicKey) },
    extensions: (tbs.extensions ?? []).map((extension) => ({
      oid: extension.extnID,
      critical: extension.critical,
      value: new Uint8Array(extension.extnValue.buffer),
    })),
  });
}

const SHORT_NAMES: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.matterVendorId]: 'VID',
  [OID.matterProductId]: 'PID',
  '2.5.4.6': 'C',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
};

function describeName(name: Name, der: Uint8Array): DistinguishedName {
  const attributes: NameAttribute[] = [];
  for (const rdn of name) {
    for (const attribute of rdn) {
      const value = attribute.value;
      const text = value.utf8String ?? value.printableString ?? value.ia5String ?? value.teletexString ?? value.bmpString ?? value.universalString ?? null;
      attributes.push({ oid: attribute.type, value: text });
    }
  }
  const text = attributes.map((attribute) => `${SHORT_NAMES[attribute.oid] ?? attribute.oid}=${attribute.value ?? '(binary)'}`).join(', ');
  return { der, attributes, text };
}

/** A certificate's serial number as upper-case hex (how openssl and the DCL show it). */
export function serialHex(certificate: ParsedCertificate): string {
  return Buffer.from(certificate.serialNumber).toString('hex').toUpperCase();
}
