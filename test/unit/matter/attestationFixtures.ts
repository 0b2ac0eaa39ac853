/**
 * Shared by the certificate, DAC and attestation tests: where the Matter SDK vectors live (outside
 * the repository, never copied in), a test hierarchy made with our own code, and hand-built CSRs.
 */
import { createPublicKey, generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe } from 'vitest';
import { createPai, createTestPaa, testPaiIssuer, type CertificateWithKey, type DacIssuer } from '../../../main/matter/dac';
import { matterName } from '../../../main/matter/certificates/buildCertificate';
import { encodePem } from '../../../main/matter/certificates/pem';
import type { Result } from '../../../preload/contract/errors';
import { runVectorTests, vectorsRoot as chipVectorsDir } from '../../support/chipVectors';

export { repoRoot, vectorsPresent as chipVectorsPresent, vectorsRoot as chipVectorsDir } from '../../support/chipVectors';
/**
 * Vector suites run when the folder is there, and also under CI where it must be: a missing folder
 * then fails (the first test asserts it, and reading files fails), it never silently skips.
 */
export const describeWithVectors = runVectorTests ? describe : describe.skip;

export function vectorFile(...parts: string[]): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(chipVectorsDir, ...parts)));
}

export const SDK_FILES = {
  paaFff1: ['credentials', 'development', 'paa-root-certs', 'Chip-Test-PAA-FFF1-Cert.pem'],
  paaNoVid: ['credentials', 'test', 'attestation', 'Chip-Test-PAA-NoVID-Cert.pem'],
  cdSigningCert: ['credentials', 'test', 'certification-declaration', 'Chip-Test-CD-Signing-Cert.pem'],
  testDac: ['credentials', 'test', 'attestation', 'Chip-Test-DAC-FFF1-8000-0000-Cert.pem'],
  testPaiKey: ['credentials', 'test', 'attestation', 'Chip-Test-PAI-FFF1-8000-Key.pem'],
  historicalPaa: ['historical', '2da60bf0ae7346e5bde1e1a147a88327e35e6a42', 'credentials', 'test', 'attestation', 'Chip-Test-PAA-FFF1-Cert.pem'],
  historicalPai: ['historical', '02791f8e8030550d6345bd8ebfceabce8f9b415c', 'credentials', 'test', 'attestation', 'Chip-Test-PAI-FFF1-8000-Cert.pem'],
} as const;

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail ?? result.error.message}`);
  return result.value;
}

/** A fixed clock for tests; certificates below are valid from 2024 on. */
export const T0 = new Date('2025-03-01T12:00:00Z');
export const ISSUED_FROM = new Date('2024-01-01T00:00:00Z');

export interface Hierarchy {
  readonly paa: CertificateWithKey;
  readonly pai: CertificateWithKey;
  readonly issuer: DacIssuer;
}

/** PAA (VID-scoped when `paaVendorId` is given) → PAI (VID, or VID+PID) ready to issue DACs. */
export function makeHierarchy(options: { vendorId: number; productId?: number; paaVendorId?: number; notBefore?: Date; notAfter?: Date }): Hierarchy {
  const notBefore = options.notBefore ?? ISSUED_FROM;
  const paa = createTestPaa({ notBefore, vendorId: options.paaVendorId });
  const pai = createPai(paa, { notBefore, notAfter: options.notAfter, vendorId: options.vendorId, productId: options.productId });
  return { paa, pai, issuer: unwrap(testPaiIssuer(pai)) };
}

// ---- raw DER, for inputs no library will encode (broken keys, tampered CSRs) --------------------------

/** One TLV from a tag and its content (definite, minimal length). */
export function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const length: number[] = [];
  for (let rest = content.length; rest > 0; rest = Math.floor(rest / 256)) length.unshift(rest % 256);
  const header = content.length < 0x80 ? [tag, content.length] : [tag, 0x80 | length.length, ...length];
  return Uint8Array.from([...header, ...content]);
}
const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
export const derSequence = (...parts: Uint8Array[]): Uint8Array => derTlv(0x30, concat(parts));
export const derSet = (...parts: Uint8Array[]): Uint8Array => derTlv(0x31, concat(parts));
export const derOctetString = (content: Uint8Array): Uint8Array => derTlv(0x04, content);
export const derUtf8String = (text: string): Uint8Array => derTlv(0x0c, new TextEncoder().encode(text));
export const derExplicit = (tagNumber: number, inner: Uint8Array): Uint8Array => derTlv(0xa0 | tagNumber, inner);
export const derBitString = (content: Uint8Array, unusedBits = 0): Uint8Array => derTlv(0x03, Uint8Array.of(unusedBits, ...content));
/** INTEGER from a small non-negative number. */
export function derSmallInteger(value: number): Uint8Array {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  if (bytes.length === 0 || ((bytes[0] as number) & 0x80) !== 0) bytes.unshift(0);
  return derTlv(0x02, Uint8Array.from(bytes));
}
export function derObjectIdentifier(oid: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = oid.split('.').map(Number);
  const out: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const chunk = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) chunk.unshift((value & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return derTlv(0x06, Uint8Array.from(out));
}

// ---- CSRs built by hand, so tests control every byte (PKCS#10, RFC 2986) ------------------------------

export type CsrKey = { kind: 'p256' } | { kind: 'p384' } | { kind: 'secp256k1' } | { kind: 'rsa' } | { kind: 'given'; key: KeyObject };

export function csrKey(key: CsrKey): KeyObject {
  switch (key.kind) {
    case 'p256':
      return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    case 'p384':
      return generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
    case 'secp256k1':
      return generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey;
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    case 'given':
      return key.key;
  }
}

export function buildCsr(privateKey: KeyObject, options: { tamper?: 'signature' | 'subject'; signatureOid?: string; digest?: string } = {}): Uint8Array {
  const spki = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
  // Like the SDK's CSR: a placeholder subject and an empty attribute set.
  const info = (commonName: string) => derSequence(derSmallInteger(0), matterName({ commonName }), spki, derExplicit(0, new Uint8Array(0)));
  const isRsa = privateKey.asymmetricKeyType === 'rsa';
  const signatureOid = options.signatureOid ?? (isRsa ? '1.2.840.113549.1.1.11' : '1.2.840.10045.4.3.2');
  const algorithm = isRsa ? derSequence(derObjectIdentifier(signatureOid), derTlv(0x05, new Uint8Array(0))) : derSequence(derObjectIdentifier(signatureOid));
  const signature = new Uint8Array(sign(options.digest ?? 'sha256', info('CSA'), isRsa ? privateKey : { key: privateKey, dsaEncoding: 'der' }));
  if (options.tamper === 'signature') signature[signature.length - 3] = (signature[signature.length - 3] as number) ^ 0x01;
  // 'subject': the signature stays the one over the original information, so it no longer matches.
  return derSequence(info(options.tamper === 'subject' ? 'CSB' : 'CSA'), algorithm, derBitString(signature));
}

/**
 * An independent reading of a certificate, by Node's built-in X509Certificate (OpenSSL), to
 * cross-check what our own parser and builder do.
 */
export function nodeX509(der: Uint8Array): X509Certificate {
  return new X509Certificate(Buffer.from(der));
}

export function csrPem(der: Uint8Array): string {
  return encodePem('CERTIFICATE REQUEST', der);
}
