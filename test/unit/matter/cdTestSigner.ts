/**
 * Throw-away CD signing keys and certificates for tests, made with node:crypto and the asn1-x509
 * schemas (no third-party certificate files).
 */
import crypto from 'node:crypto';
import { AsnConvert, AsnParser, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Extension,
  Extensions,
  Name,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { ecdsaRawToDer } from '../../../main/matter/crypto/ecdsaSignature';

export interface TestSigner {
  readonly privateKey: CryptoKey;
  readonly subjectKeyId: Uint8Array;
  /** DER X.509 */
  readonly certificate: Uint8Array;
  readonly certificatePem: string;
  readonly pkcs8Pem: string;
  readonly sec1Pem: string;
}

export function toPem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** A self-signed certificate for `spki` carrying `subjectKeyId`, signed by `signingKey` (P-256). */
export async function makeCertificate(spki: Uint8Array, subjectKeyId: Uint8Array | null, signingKey: CryptoKey, commonName = 'Matterline Test CD Signer'): Promise<Uint8Array> {
  const name = new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: '2.5.4.3', value: new AttributeValue({ utf8String: commonName }) })])]);
  const algorithm = new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.2' });
  const extensions =
    subjectKeyId === null
      ? undefined
      : new Extensions([new Extension({ extnID: id_ce_subjectKeyIdentifier, critical: false, extnValue: new OctetString(AsnConvert.serialize(new SubjectKeyIdentifier(subjectKeyId))) })]);
  const tbs = new TBSCertificate({
    version: 2,
    serialNumber: new Uint8Array([0x01, 0x23, 0x45, 0x67]).buffer,
    signature: algorithm,
    issuer: name,
    validity: new Validity({ notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2049-12-31T23:59:59Z') }),
    subject: name,
    subjectPublicKeyInfo: AsnParser.parse(spki, SubjectPublicKeyInfo),
    extensions,
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const raw = new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signingKey, tbsDer));
  const certificate = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: ecdsaRawToDer(raw).slice().buffer });
  return new Uint8Array(AsnConvert.serialize(certificate));
}

export async function importPrivateKey(keyObject: crypto.KeyObject): Promise<CryptoKey> {
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'der' });
  return globalThis.crypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}

/** A fresh P-256 key pair with a self-signed certificate whose SKID is SHA-1 of the public key (or `subjectKeyId`). */
export async function makeTestSigner(options: { subjectKeyId?: Uint8Array; keyPair?: { privateKey: crypto.KeyObject; publicKey: crypto.KeyObject } } = {}): Promise<TestSigner> {
  const { privateKey, publicKey } = options.keyPair ?? crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const subjectKeyId = options.subjectKeyId ?? new Uint8Array(crypto.createHash('sha1').update(spki.subarray(spki.length - 65)).digest());
  const webKey = await importPrivateKey(privateKey);
  const certificate = await makeCertificate(spki, subjectKeyId, webKey);
  return {
    privateKey: webKey,
    subjectKeyId,
    certificate,
    certificatePem: toPem('CERTIFICATE', certificate),
    pkcs8Pem: String(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    sec1Pem: String(privateKey.export({ type: 'sec1', format: 'pem' })),
  };
}
