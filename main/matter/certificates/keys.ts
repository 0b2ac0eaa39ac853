/**
 * EC P-256 keys for signing certificates. Keys are Node KeyObjects (OpenSSL underneath): they sign
 * synchronously and read every usual file form — PEM "EC PRIVATE KEY" (SEC1, what chip-cert and
 * openssl ecparam write), PEM "PRIVATE KEY" (PKCS#8), or the same as DER.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ECParameters } from '@peculiar/asn1-ecc';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { failure, success, type Result } from '../../../preload/contract/errors';
import { computeKeyIdentifier } from './keyIdentifiers';
import { decodePemBlocks, looksLikePem } from './pem';

export interface P256KeyPair {
  readonly privateKey: KeyObject;
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
  /** The uncompressed point 0x04‖X‖Y (65 bytes). */
  readonly point: Uint8Array;
  /** SHA-1 of the point: the SKID a certificate for this key carries. */
  readonly keyId: Uint8Array;
}

export function generateP256KeyPair(): P256KeyPair {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return describeKey(privateKey);
}

/** A private key file's bytes → a P-256 key pair; KEY_MALFORMED / KEY_NOT_P256 otherwise. */
export function parsePrivateKey(bytes: Uint8Array): Result<P256KeyPair> {
  let key: KeyObject;
  try {
    key = importPrivateKey(bytes);
  } catch (error) {
    return failure('KEY_MALFORMED', error instanceof KeyFileError ? error.message : `it is not a private key (${error instanceof Error ? error.message : String(error)})`);
  }
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
    return failure('KEY_NOT_P256', `it is a ${key.asymmetricKeyType ?? 'unknown'} key${details?.namedCurve ? ` on ${details.namedCurve}` : ''}${details?.modulusLength ? ` of ${details.modulusLength} bits` : ''}`);
  }
  return success(describeKey(key));
}

export function describeKey(privateKey: KeyObject): P256KeyPair {
  const spki = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
  const point = publicKeyPoint(spki);
  return { privateKey, spki, point, keyId: computeKeyIdentifier(point) };
}

/** The subjectPublicKey bits of an SPKI. */
export function publicKeyPoint(spki: Uint8Array): Uint8Array {
  return new Uint8Array(AsnConvert.parse(spki, SubjectPublicKeyInfo).subjectPublicKey);
}

/** The named-curve OID of EC AlgorithmIdentifier parameters; null for explicit or unreadable parameters. */
export function namedCurve(parameters: ArrayBuffer | null | undefined): string | null {
  if (!parameters) return null;
  try {
    return AsnConvert.parse(parameters, ECParameters).namedCurve ?? null;
  } catch {
    return null;
  }
}

/** PEM "EC PRIVATE KEY" (SEC1), the form the SDK's tools write and read. */
export function privateKeyToPem(privateKey: KeyObject): string {
  return privateKey.export({ type: 'sec1', format: 'pem' }).toString();
}

class KeyFileError extends Error {}

function importPrivateKey(bytes: Uint8Array): KeyObject {
  if (bytes.length === 0) throw new KeyFileError('the file is empty');
  if (looksLikePem(bytes)) {
    const blocks = decodePemBlocks(new TextDecoder('latin1').decode(bytes));
    if (!blocks.ok) throw new KeyFileError(blocks.reason);
    if (blocks.value.some((block) => block.label === 'ENCRYPTED PRIVATE KEY')) throw new KeyFileError('the key is encrypted; give it unencrypted (openssl ec -in key.pem -out plain.pem)');
    const block = blocks.value.find((item) => item.label === 'EC PRIVATE KEY' || item.label === 'PRIVATE KEY');
    if (block === undefined) throw new KeyFileError(`it holds ${blocks.value.map((item) => item.label).join(', ')} but no "EC PRIVATE KEY" or "PRIVATE KEY" block`);
    return createPrivateKey({ key: Buffer.from(block.der), format: 'der', type: block.label === 'EC PRIVATE KEY' ? 'sec1' : 'pkcs8' });
  }
  try {
    return createPrivateKey({ key: Buffer.from(bytes), format: 'der', type: 'pkcs8' });
  } catch {
    return createPrivateKey({ key: Buffer.from(bytes), format: 'der', type: 'sec1' });
  }
}
