/**
 * A test attestation hierarchy made with the project's own code: a PAA (self-signed root, optionally
 * VID-scoped), PAIs under it (VID-scoped or VID+PID-scoped) and a CD signing certificate. The demo
 * (issue 6) creates these on first run, and tests use them instead of third-party files. Profiles
 * mirror the SDK's test roots (fact sheet 1.1 and 1.4): PAA CA:TRUE pathLen 1, PAI CA:TRUE pathLen 0,
 * keyUsage keyCertSign + cRLSign, SKID = SHA-1 of the key, AKID = the issuer's SKID (the PAA's own).
 * These are test credentials: devices carrying them only commission with test PAAs trusted.
 */
import { randomBytes } from 'node:crypto';
import type { Result } from '../../../preload/contract/errors';
import {
  authorityKeyIdentifier,
  basicConstraints,
  buildCertificate,
  keyUsage,
  KeyUsageBit,
  matterName,
  randomSerialNumber,
  subjectKeyIdentifier,
} from '../certificates/buildCertificate';
import { toHex } from '../certificates/keyIdentifiers';
import { generateP256KeyPair, privateKeyToPem, type P256KeyPair } from '../certificates/keys';
import { parseCertificateDer, type ParsedCertificate } from '../certificates/parseCertificate';
import { encodePem } from '../certificates/pem';
import { issuerFrom, NO_EXPIRY, type DacIssuer } from './issueDac';

export interface CertificateWithKey {
  readonly certificate: Uint8Array;
  readonly certificatePem: string;
  readonly parsed: ParsedCertificate;
  readonly key: P256KeyPair;
  readonly privateKeyPem: string;
  /** Upper-case hex. */
  readonly subjectKeyId: string;
}

export interface TestCertificateOptions {
  readonly notBefore: Date;
  readonly notAfter?: Date;
  readonly commonName?: string;
  readonly random?: (length: number) => Uint8Array;
  readonly keyPair?: P256KeyPair;
}

const CA_KEY_USAGE = keyUsage([KeyUsageBit.keyCertSign, KeyUsageBit.cRLSign]);

export function createTestPaa(options: TestCertificateOptions & { readonly vendorId?: number }): CertificateWithKey {
  return selfSignedAuthority(matterName({ commonName: options.commonName ?? 'Matterline Test PAA', vendorId: options.vendorId }), options);
}

/** A PAI under `paa`: VID-scoped, or VID+PID-scoped when `productId` is given. */
export function createPai(paa: CertificateWithKey, options: TestCertificateOptions & { readonly vendorId: number; readonly productId?: number }): CertificateWithKey {
  const key = options.keyPair ?? generateP256KeyPair();
  return finish(
    buildCertificate(
      {
        serialNumber: serial(options),
        issuer: paa.parsed.subject.der,
        subject: matterName({ commonName: options.commonName ?? 'Matterline Test PAI', vendorId: options.vendorId, productId: options.productId }),
        notBefore: wholeSeconds(options.notBefore),
        notAfter: options.notAfter ?? NO_EXPIRY,
        subjectPublicKeyInfo: key.spki,
        extensions: [basicConstraints(true, 0), CA_KEY_USAGE, subjectKeyIdentifier(key.keyId), authorityKeyIdentifier(paa.key.keyId)],
      },
      paa.key.privateKey,
    ),
    key,
  );
}

/** A self-signed CD signing certificate, shaped like the SDK's "Matter Test CD Signing Authority". */
export function createCdSigningCertificate(options: TestCertificateOptions): CertificateWithKey {
  return selfSignedAuthority(matterName({ commonName: options.commonName ?? 'Matterline Test CD Signing Authority' }), options);
}

/** A self-signed CA (PAA or CD signer): CA:TRUE pathLen 1, keyCertSign + cRLSign, AKID = its own SKID. */
function selfSignedAuthority(name: Uint8Array, options: TestCertificateOptions): CertificateWithKey {
  const key = options.keyPair ?? generateP256KeyPair();
  return finish(
    buildCertificate(
      {
        serialNumber: serial(options),
        issuer: name,
        subject: name,
        notBefore: wholeSeconds(options.notBefore),
        notAfter: options.notAfter ?? NO_EXPIRY,
        subjectPublicKeyInfo: key.spki,
        extensions: [basicConstraints(true, 1), CA_KEY_USAGE, subjectKeyIdentifier(key.keyId), authorityKeyIdentifier(key.keyId)],
      },
      key.privateKey,
    ),
    key,
  );
}

/** The PAI ready to issue DACs (see issueDac). */
export function testPaiIssuer(pai: CertificateWithKey): Result<DacIssuer> {
  return issuerFrom(pai.parsed, pai.key);
}

function finish(der: Uint8Array, key: P256KeyPair): CertificateWithKey {
  const parsed = parseCertificateDer(der);
  // Our own builder produced these bytes; failing to read them back is a bug, not an input error.
  if (!parsed.ok) throw new Error(`built an unreadable certificate: ${parsed.error.detail ?? ''}`);
  return {
    certificate: der,
    certificatePem: encodePem('CERTIFICATE', der),
    parsed: parsed.value,
    key,
    privateKeyPem: privateKeyToPem(key.privateKey),
    subjectKeyId: toHex(key.keyId),
  };
}

function serial(options: TestCertificateOptions): Uint8Array {
  return randomSerialNumber(16, options.random ?? ((length) => new Uint8Array(randomBytes(length))));
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
