/**
 * Assembles and signs an X.509 certificate byte by byte, so issued certificates follow the Matter
 * profile exactly as the SDK's chip-cert writes it (fact sheet 1.1, "Observed encoding
 * conventions"): subject CN, then VID, then PID, each in its own SET as UTF8String; the issuer Name
 * copied byte for byte from the issuer's subject; extensions basicConstraints, keyUsage, SKID, AKID
 * in that order; UTCTime up to 2049 and GeneralizedTime after. Tests also use it, with the
 * `version`/`signatureAlgorithm` knobs and hand-made extensions, to build certificates that break
 * one rule at a time.
 */
import { sign, type KeyObject } from 'node:crypto';
import {
  derBitString,
  derBoolean,
  derExplicit,
  derImplicitPrimitive,
  derIntegerBytes,
  derObjectIdentifier,
  derOctetString,
  derSequence,
  derSet,
  derSmallInteger,
  derTime,
  derUtf8String,
} from './der';
import { ecdsaDigest, OID } from './oids';
import { formatUpperHex4 } from './vidPid';

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

/** The certificate's DER, signed with `issuerKey`. */
export function buildCertificate(template: CertificateTemplate, issuerKey: KeyObject): Uint8Array {
  const signatureAlgorithm = template.signatureAlgorithm ?? OID.ecdsaWithSha256;
  const digest = ecdsaDigest(signatureAlgorithm);
  if (digest === null) throw new RangeError(`cannot sign with ${signatureAlgorithm}`);
  // RFC 5758: ECDSA AlgorithmIdentifiers carry no parameters.
  const algorithm = derSequence(derObjectIdentifier(signatureAlgorithm));
  const version = template.version ?? 3;
  const extensions = template.extensions.map((extension) =>
    derSequence(derObjectIdentifier(extension.oid), ...(extension.critical ? [derBoolean(true)] : []), derOctetString(extension.value)),
  );
  const tbs = derSequence(
    ...(version === 1 ? [] : [derExplicit(0, derSmallInteger(version - 1))]),
    derIntegerBytes(template.serialNumber),
    algorithm,
    template.issuer,
    derSequence(derTime(template.notBefore), derTime(template.notAfter)),
    template.subject,
    template.subjectPublicKeyInfo,
    // Extensions whatever the version field says, so tests can build the SDK's "v2 with extensions" case.
    ...(extensions.length > 0 ? [derExplicit(3, derSequence(...extensions))] : []),
  );
  const signature = sign(digest, tbs, { key: issuerKey, dsaEncoding: 'der' });
  return derSequence(tbs, algorithm, derBitString(new Uint8Array(signature)));
}

export interface MatterNameFields {
  readonly commonName?: string;
  readonly vendorId?: number;
  readonly productId?: number;
}

/** CN, VID, PID — each its own RDN, UTF8String, VID/PID as 4 upper-case hex digits. */
export function matterName({ commonName, vendorId, productId }: MatterNameFields): Uint8Array {
  const rdn = (oid: string, value: string) => derSet(derSequence(derObjectIdentifier(oid), derUtf8String(value)));
  return derSequence(
    ...(commonName === undefined ? [] : [rdn(OID.commonName, commonName)]),
    ...(vendorId === undefined ? [] : [rdn(OID.matterVendorId, formatUpperHex4(vendorId))]),
    ...(productId === undefined ? [] : [rdn(OID.matterProductId, formatUpperHex4(productId))]),
  );
}

// ---- extensions, as the profile wants them ----------------------------------------------------------

/** DAC: `30 00`; PAI: CA:TRUE pathLen 0; PAA: CA:TRUE pathLen 1 (the SDK's test PAA). */
export function basicConstraints(ca: boolean, pathLen?: number): ExtensionSpec {
  const fields = [...(ca ? [derBoolean(true)] : []), ...(pathLen === undefined ? [] : [derSmallInteger(pathLen)])];
  return { oid: OID.basicConstraints, critical: true, value: derSequence(...fields) };
}

export const KeyUsageBit = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const;

/** keyUsage as a DER named-bit BIT STRING (trailing zero bits dropped): DAC `03 02 07 80`, CA `03 02 01 06`. */
export function keyUsage(bits: readonly number[], critical = true): ExtensionSpec {
  const highest = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[Math.floor(bit / 8)] = (bytes[Math.floor(bit / 8)] as number) | (0x80 >> bit % 8);
  return { oid: OID.keyUsage, critical, value: derBitString(bytes, 7 - (highest % 8)) };
}

export function subjectKeyIdentifier(keyId: Uint8Array): ExtensionSpec {
  return { oid: OID.subjectKeyIdentifier, critical: false, value: derOctetString(keyId) };
}

export function authorityKeyIdentifier(keyId: Uint8Array): ExtensionSpec {
  return { oid: OID.authorityKeyIdentifier, critical: false, value: derSequence(derImplicitPrimitive(0, keyId)) };
}

/** Positive serial of exactly `length` content bytes: the top byte is 0x40–0x7F, so no 0x00 pad is needed. */
export function randomSerialNumber(length: number, random: (length: number) => Uint8Array): Uint8Array {
  const bytes = random(length).slice(0, length);
  if (bytes.length !== length) throw new RangeError(`the random source gave ${bytes.length} bytes, not ${length}`);
  bytes[0] = ((bytes[0] as number) & 0x3f) | 0x40;
  return bytes;
}

