/**
 * Key identifiers: how Matter certificates point at each other (the PAI's authorityKeyIdentifier is
 * the PAA's subjectKeyIdentifier; the trust store and the CD's authorized-PAA list are keyed by it).
 */
import { createHash } from 'node:crypto';
import { OID } from './oids';
import type { CertificateExtension, ParsedCertificate } from './parseCertificate';
import { x509 } from './x509';

/** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits (for EC, the 65-byte point). Matter uses this. */
export function computeKeyIdentifier(publicKeyBits: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(publicKeyBits).digest());
}

/** The first subjectKeyIdentifier's bytes, or null when absent or undecodable (profile.ts reports why). */
export function readSubjectKeyId(certificate: ParsedCertificate): Uint8Array | null {
  const extension = certificate.extensions.find((item) => item.oid === OID.subjectKeyIdentifier);
  const decoded = extension === undefined ? null : decodeExtension(extension, x509.SubjectKeyIdentifierExtension);
  return decoded === null ? null : fromHex(decoded.keyId);
}

/** The first authorityKeyIdentifier's keyIdentifier, or null when absent or undecodable. */
export function readAuthorityKeyId(certificate: ParsedCertificate): Uint8Array | null {
  const extension = certificate.extensions.find((item) => item.oid === OID.authorityKeyIdentifier);
  const decoded = extension === undefined ? null : decodeExtension(extension, x509.AuthorityKeyIdentifierExtension);
  return decoded?.keyId === undefined ? null : fromHex(decoded.keyId);
}

/**
 * One extension as @peculiar/x509's class for it, or null when its value does not decode. One at a
 * time because X509Certificate.extensions throws for the whole list when any one is malformed.
 */
export function decodeExtension<T extends x509.Extension>(extension: CertificateExtension, type: new (raw: BufferSource) => T): T | null {
  try {
    return new type(new x509.Extension(extension.oid, extension.critical, new Uint8Array(extension.value)).rawData);
  } catch {
    return null;
  }
}

function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
