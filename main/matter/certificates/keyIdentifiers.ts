/**
 * Key identifiers: how Matter certificates point at each other (the PAI's authorityKeyIdentifier is
 * the PAA's subjectKeyIdentifier; the trust store and the CD's authorized-PAA list are keyed by it).
 */
import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AuthorityKeyIdentifier, SubjectKeyIdentifier } from '@peculiar/asn1-x509';
import { OID } from './oids';
import type { ParsedCertificate } from './parseCertificate';

/** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits (for EC, the 65-byte point). Matter uses this. */
export function computeKeyIdentifier(publicKeyBits: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(publicKeyBits).digest());
}

/** The first subjectKeyIdentifier's bytes, or null when absent or undecodable (profile.ts reports why). */
export function readSubjectKeyId(certificate: ParsedCertificate): Uint8Array | null {
  const extension = certificate.extensions.find((item) => item.oid === OID.subjectKeyIdentifier);
  if (extension === undefined) return null;
  try {
    return new Uint8Array(AsnConvert.parse(extension.value, SubjectKeyIdentifier).buffer);
  } catch {
    return null;
  }
}

/** The first authorityKeyIdentifier's keyIdentifier, or null when absent or undecodable. */
export function readAuthorityKeyId(certificate: ParsedCertificate): Uint8Array | null {
  const extension = certificate.extensions.find((item) => item.oid === OID.authorityKeyIdentifier);
  if (extension === undefined) return null;
  try {
    const parsed = AsnConvert.parse(extension.value, AuthorityKeyIdentifier);
    return parsed.keyIdentifier === undefined ? null : new Uint8Array(parsed.keyIdentifier.buffer);
  } catch {
    return null;
  }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
