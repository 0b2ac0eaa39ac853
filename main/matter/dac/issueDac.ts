/**
 * DAC issuance under a PAI (Matter Core spec 6.2.2.3; profile as the SDK's chip-cert writes it):
 *
 *   subject     CN, Matter VID, Matter PID (UTF8String, 4 upper-case hex digits)
 *   issuer      the PAI's subject, byte for byte
 *   serial      positive, random, 8–20 bytes (16 by default)
 *   validity    notBefore = now (whole seconds), notAfter default 9999-12-31T23:59:59Z ("no expiry",
 *               GeneralizedTime)
 *   extensions  basicConstraints CA:FALSE (critical), keyUsage digitalSignature (critical),
 *               SKID = SHA-1 of the device key, AKID = the PAI's SKID
 *
 * The device key is either fresh (generated here, for host-generated keys) or comes from the
 * device's CSR (on-chip keys). A PAI is prepared once per lot (prepareDacIssuer: parse, profile,
 * key pairing) and then issues many DACs; each request is refused if the PAI's VID (and PID, when
 * the PAI is product-scoped) does not cover it.
 */
import { randomBytes } from 'node:crypto';
import { failure, success, type Result } from '../../../preload/contract/errors';
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
import { bytesEqual, toHex } from '../certificates/keyIdentifiers';
import { generateP256KeyPair, parsePrivateKey, privateKeyToPem, type P256KeyPair } from '../certificates/keys';
import { parseCertificate, type ParsedCertificate } from '../certificates/parseCertificate';
import { encodePem } from '../certificates/pem';
import { checkCertificateProfile } from '../certificates/profile';
import { formatUpperHex4 } from '../certificates/vidPid';
import { parseDeviceCsr } from './csr';

/** "No well-defined expiration" (RFC 5280 4.1.2.5; the SDK's test DACs use it). */
export const NO_EXPIRY = new Date('9999-12-31T23:59:59Z');
export const DEFAULT_SERIAL_LENGTH = 16;
export const MIN_SERIAL_LENGTH = 8;
export const MAX_SERIAL_LENGTH = 20;
/** X.520 ub-common-name. */
export const MAX_COMMON_NAME_LENGTH = 64;

export interface DacIssuer {
  readonly certificate: ParsedCertificate;
  readonly key: P256KeyPair;
  readonly subjectKeyId: Uint8Array;
  readonly vendorId: number;
  /** Set when the PAI is restricted to one product. */
  readonly productId: number | null;
}

/** Checks a PAI certificate and its private key once, before issuing DACs with them. */
export function prepareDacIssuer(paiCertificate: Uint8Array, paiPrivateKey: Uint8Array): Result<DacIssuer> {
  const parsed = parseCertificate(paiCertificate);
  if (!parsed.ok) return parsed;
  const key = parsePrivateKey(paiPrivateKey);
  if (!key.ok) return key;
  return issuerFrom(parsed.value, key.value);
}

/** The same, from an already parsed certificate and key (the test hierarchy uses it). */
export function issuerFrom(certificate: ParsedCertificate, key: P256KeyPair): Result<DacIssuer> {
  const profile = checkCertificateProfile(certificate, 'PAI');
  if (profile.problems.length > 0) return failure('DAC_ISSUER_INVALID', profile.problems.map((item) => item.detail ?? item.message).join('; '));
  if (!bytesEqual(certificate.publicKey.point, key.point)) {
    return failure('KEY_MISMATCH', `the key's identifier is ${toHex(key.keyId)}, the PAI certificate's is ${toHex(profile.subjectKeyId ?? new Uint8Array())}`);
  }
  const { vendorId, productId } = profile.vidPid;
  if (vendorId === null || profile.subjectKeyId === null) return failure('DAC_ISSUER_INVALID', 'the PAI has no vendor ID or key identifier');
  return success({ certificate, key, subjectKeyId: profile.subjectKeyId, vendorId, productId });
}

export interface DacRequest {
  readonly vendorId: number;
  readonly productId: number;
  /** notBefore; the station clock, passed in. */
  readonly now: Date;
  readonly notAfter?: Date;
  /** The device's CSR (PEM or DER); without it a fresh P-256 key pair is generated. */
  readonly csr?: Uint8Array;
  readonly commonName?: string;
  readonly serialLength?: number;
  /**
   * A serial allocated beforehand (the station allocates it in its database before touching the
   * device, so a crash can never hand it out twice): 8–20 bytes, positive and minimal (first byte
   * 0x01–0x7F). Overrides serialLength and random.
   */
  readonly serialNumber?: Uint8Array;
  /** Random source for the serial (tests pass a deterministic one). */
  readonly random?: (length: number) => Uint8Array;
  /** Key generation for the fresh-key path (tests may pass a fixed key). */
  readonly generateKeyPair?: () => P256KeyPair;
}

export interface IssuedDac {
  readonly certificate: Uint8Array;
  readonly certificatePem: string;
  /** The device key when it was generated here; null on the CSR path (the key never left the chip). */
  readonly privateKeyPem: string | null;
  readonly keyPair: P256KeyPair | null;
  /** Upper-case hex. */
  readonly serialNumber: string;
  readonly subjectKeyId: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export function issueDac(issuer: DacIssuer, request: DacRequest): Result<IssuedDac> {
  const { vendorId, productId } = request;
  if (!Number.isInteger(vendorId) || vendorId < 0x0001 || vendorId > 0xfffe) return failure('DAC_REQUEST_INVALID', `vendor ID ${vendorId}`);
  if (!Number.isInteger(productId) || productId < 0x0001 || productId > 0xffff) return failure('DAC_REQUEST_INVALID', `product ID ${productId}`);
  if (vendorId !== issuer.vendorId || (issuer.productId !== null && productId !== issuer.productId)) {
    const scope = issuer.productId === null ? `VID ${formatUpperHex4(issuer.vendorId)}, any PID` : `VID ${formatUpperHex4(issuer.vendorId)}, PID ${formatUpperHex4(issuer.productId)}`;
    return failure('DAC_SCOPE_MISMATCH', `requested VID ${formatUpperHex4(vendorId)} PID ${formatUpperHex4(productId)}; the PAI covers ${scope}`);
  }
  const notBefore = new Date(Math.floor(request.now.getTime() / 1000) * 1000);
  const notAfter = request.notAfter ?? NO_EXPIRY;
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime()) || notAfter.getTime() <= notBefore.getTime()) {
    return failure('DAC_REQUEST_INVALID', `notAfter ${notAfter.toISOString()} is not after notBefore ${notBefore.toISOString()}`);
  }
  const pai = issuer.certificate;
  if (notBefore.getTime() < pai.notBefore.getTime() || notBefore.getTime() > pai.notAfter.getTime()) {
    return failure('DAC_ISSUER_INVALID', `the PAI is valid ${pai.notBefore.toISOString()} to ${pai.notAfter.toISOString()}, not at ${notBefore.toISOString()}`);
  }
  const serialLength = request.serialLength ?? DEFAULT_SERIAL_LENGTH;
  if (!Number.isInteger(serialLength) || serialLength < MIN_SERIAL_LENGTH || serialLength > MAX_SERIAL_LENGTH) return failure('DAC_REQUEST_INVALID', `serial length ${serialLength} bytes`);
  const commonName = request.commonName ?? 'Matter DAC';
  if (commonName.length === 0 || commonName.length > MAX_COMMON_NAME_LENGTH) return failure('DAC_REQUEST_INVALID', `common name of ${commonName.length} characters (1–${MAX_COMMON_NAME_LENGTH})`);

  let subjectKey: { spki: Uint8Array; keyId: Uint8Array };
  let keyPair: P256KeyPair | null = null;
  if (request.csr !== undefined) {
    const csr = parseDeviceCsr(request.csr);
    if (!csr.ok) return csr;
    subjectKey = csr.value;
  } else {
    keyPair = (request.generateKeyPair ?? generateP256KeyPair)();
    subjectKey = keyPair;
  }

  const given = request.serialNumber;
  if (given !== undefined && (given.length < MIN_SERIAL_LENGTH || given.length > MAX_SERIAL_LENGTH || given[0]! < 0x01 || given[0]! > 0x7f)) {
    return failure('DAC_REQUEST_INVALID', `allocated serial of ${given.length} bytes starting 0x${(given[0] ?? 0).toString(16)}: it must be 8–20 bytes with a first byte 0x01–0x7F`);
  }
  const serialNumber = given !== undefined ? Uint8Array.from(given) : randomSerialNumber(serialLength, request.random ?? ((length) => new Uint8Array(randomBytes(length))));
  const certificate = buildCertificate(
    {
      serialNumber,
      issuer: pai.subject.der,
      subject: matterName({ commonName, vendorId, productId }),
      notBefore,
      notAfter,
      subjectPublicKeyInfo: subjectKey.spki,
      extensions: [basicConstraints(false), keyUsage([KeyUsageBit.digitalSignature]), subjectKeyIdentifier(subjectKey.keyId), authorityKeyIdentifier(issuer.subjectKeyId)],
    },
    issuer.key.privateKey,
  );
  return success({
    certificate,
    certificatePem: encodePem('CERTIFICATE', certificate),
    privateKeyPem: keyPair === null ? null : privateKeyToPem(keyPair.privateKey),
    keyPair,
    serialNumber: toHex(serialNumber),
    subjectKeyId: toHex(subjectKey.keyId),
    vendorId,
    productId,
    notBefore,
    notAfter,
  });
}
