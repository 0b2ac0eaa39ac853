/**
 * Assembles and signs an X.509 certificate so issued certificates follow the Matter profile exactly
 * as the SDK's chip-cert writes it (fact sheet 1.1, "Observed encoding conventions"): subject CN,
 * then VID, then PID, each in its own SET as UTF8String; the issuer Name copied from the issuer's
 * subject; extensions basicConstraints, keyUsage, SKID, AKID in that order; UTCTime up to 2049 and
 * GeneralizedTime after. Names and extensions are @peculiar/x509's classes, the certificate
 * structure is the @peculiar/asn1-x509 schema. Tests also use it, with the `version`/
 * `signatureAlgorithm` knobs and hand-made extensions, to build certificates that break one rule at
 * a time.
 */
import { sign, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, Extension, Extensions, Name, SubjectPublicKeyInfo, TBSCertificate, Validity } from '@peculiar/asn1-x509';
import { ecdsaDigest, OID } from './oids';
import { formatUpperHex4 } from './vidPid';
import { x509 } from './x509';

export interface ExtensionSpec {
  readonly oid: string;
  readonly critical: boolean;
  /** DER of the extension value (what goes inside extnValue's OCTET STRING). */
  readonly value: Uint8Array;
}

export interface CertificateTemplate {
  /** INTEGER content bytes, as they must appear (positive: first byte below 0x80). */
  readonly serialNumber: Uint8Array;
  /** DER Name of the issuer: the issuer certificate's subject, unchanged. */
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SubjectPublicKeyInfo DER of the certified key. */
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly extensions: readonly ExtensionSpec[];
  /** 3 unless a test wants a broken certificate. */
  readonly version?: 1 | 2 | 3;
  /** ecdsa-with-SHA256 unless a test wants a broken certificate. */
  readonly signatureAlgorithm?: string;
}

/**
 * The certificate's DER, signed with `issuerKey`. Not X509CertificateGenerator: it only signs
 * asynchronously (WebCrypto), always writes v3 and cannot sign with a chosen non-key algorithm.
 */
export function buildCertificate(template: CertificateTemplate, issuerKey: KeyObject): Uint8Array {
  const signatureAlgorithm = template.signatureAlgorithm ?? OID.ecdsaWithSha256;
  const digest = ecdsaDigest(signatureAlgorithm);
  if (digest === null) throw new RangeError(`cannot sign with ${signatureAlgorithm}`);
  // RFC 5758: ECDSA AlgorithmIdentifiers carry no parameters.
  const algorithm = new AlgorithmIdentifier({ algorithm: signatureAlgorithm });
  const tbsCertificate = new TBSCertificate({
    version: (template.version ?? 3) - 1,
    serialNumber: copy(template.serialNumber),
    signature: algorithm,
    issuer: AsnConvert.parse(template.issuer, Name),
    validity: new Validity({ notBefore: wholeSeconds(template.notBefore), notAfter: wholeSeconds(template.notAfter) }),
    subject: AsnConvert.parse(template.subject, Name),
    subjectPublicKeyInfo: AsnConvert.parse(template.subjectPublicKeyInfo, SubjectPublicKeyInfo),
  });
  // Extensions whatever the version field says, so tests can build the SDK's "v2 with extensions" case.
  if (template.extensions.length > 0) {
    tbsCertificate.extensions = new Extensions(
      template.extensions.map((spec) => new Extension({ extnID: spec.oid, critical: spec.critical, extnValue: new OctetString(copy(spec.value)) })),
    );
  }
  const tbs = new Uint8Array(AsnConvert.serialize(tbsCertificate));
  const signature = sign(digest, tbs, { key: issuerKey, dsaEncoding: 'der' });
  return new Uint8Array(AsnConvert.serialize(new Certificate({ tbsCertificate, signatureAlgorithm: algorithm, signatureValue: copy(signature) })));
}

export interface MatterNameFields {
  readonly commonName?: string;
  readonly vendorId?: number;
  readonly productId?: number;
}

/** CN, VID, PID — each its own RDN, UTF8String, VID/PID as 4 upper-case hex digits. */
export function matterName({ commonName, vendorId, productId }: MatterNameFields): Uint8Array {
  const rdn = (oid: string, value: string) => ({ [oid]: [{ utf8String: value }] });
  return new Uint8Array(
    new x509.Name([
      ...(commonName === undefined ? [] : [rdn(OID.commonName, commonName)]),
      ...(vendorId === undefined ? [] : [rdn(OID.matterVendorId, formatUpperHex4(vendorId))]),
      ...(productId === undefined ? [] : [rdn(OID.matterProductId, formatUpperHex4(productId))]),
    ]).toArrayBuffer(),
  );
}

// ---- extensions, as the profile wants them ----------------------------------------------------------

function spec(extension: x509.Extension): ExtensionSpec {
  return { oid: extension.type, critical: extension.critical, value: new Uint8Array(extension.value) };
}

/** DAC: `30 00`; PAI: CA:TRUE pathLen 0; PAA: CA:TRUE pathLen 1 (the SDK's test PAA). */
export function basicConstraints(ca: boolean, pathLen?: number): ExtensionSpec {
  return spec(new x509.BasicConstraintsExtension(ca, pathLen, true));
}

export const KeyUsageBit = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const;

/** keyUsage as a DER named-bit BIT STRING (trailing zero bits dropped): DAC `03 02 07 80`, CA `03 02 01 06`. */
export function keyUsage(bits: readonly number[], critical = true): ExtensionSpec {
  return spec(new x509.KeyUsagesExtension(bits.reduce((flags, bit) => flags | (1 << bit), 0), critical));
}

export function subjectKeyIdentifier(keyId: Uint8Array): ExtensionSpec {
  return spec(new x509.SubjectKeyIdentifierExtension(Buffer.from(keyId).toString('hex'), false));
}

export function authorityKeyIdentifier(keyId: Uint8Array): ExtensionSpec {
  return spec(new x509.AuthorityKeyIdentifierExtension(Buffer.from(keyId).toString('hex'), false));
}

/**
 * Positive serial of exactly `length` content bytes: the top byte is 0x40–0x7F, so no 0x00 pad is
 * needed. Own code: the library's serial generator has no injectable random source nor this rule.
 */
export function randomSerialNumber(length: number, random: (length: number) => Uint8Array): Uint8Array {
  const bytes = random(length).slice(0, length);
  if (bytes.length !== length) throw new RangeError(`the random source gave ${bytes.length} bytes, not ${length}`);
  bytes[0] = ((bytes[0] as number) & 0x3f) | 0x40;
  return bytes;
}

function copy(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
