/**
 * The CMS envelope of a Certification Declaration (fact sheet §3.1; the Matter SDK's CMS_Sign /
 * CMS_Verify in src/credentials/CertificationDeclaration.cpp): ContentInfo(signedData) → SignedData
 * version 3, digestAlgorithms exactly { sha256 }, encapContentInfo pkcs7-data with the TLV payload,
 * no certificates or CRLs, exactly one SignerInfo version 3 identified by a 20-byte subject key
 * identifier, digest sha256, no signed attributes, ecdsa-with-SHA256 over the payload itself.
 */
import {
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  id_data,
  id_signedData,
} from '@peculiar/asn1-cms';
import { AsnConvert, AsnParser, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectKeyIdentifier } from '@peculiar/asn1-x509';
import { failure, success, type ErrorCode, type Result } from '../../../preload/contract/errors';
import { ecdsaDerToRaw, ecdsaRawToDer } from '../crypto/ecdsaSignature';
import { equalBytes } from './bytes';
import { CD_KEY_ID_LENGTH, CD_MAX_SIZE, decodeCdPayload, encodeCdPayload, type CdContent } from './content';

export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
export const OID_ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

export interface DecodedCd {
  readonly content: CdContent;
  /** The signer's subject key identifier (the "KID"), 20 bytes. */
  readonly signerKeyId: Uint8Array;
  /** The signature as raw r‖s (64 bytes), ready for WebCrypto. */
  readonly signature: Uint8Array;
  /** The TLV payload (eContent): the bytes the signature covers. */
  readonly payload: Uint8Array;
  /** Payload elements after the known fields, ignored like the SDK ignores them. */
  readonly ignoredElements: number;
}

class Refused {
  constructor(readonly code: ErrorCode, readonly detail: string) {}
}

/** Strictly decodes a Certification Declaration (DER CMS SignedData) and its TLV payload. */
export function decodeCertificationDeclaration(der: Uint8Array): Result<DecodedCd> {
  if (der.length > CD_MAX_SIZE) return failure('CD_TOO_LARGE', `${der.length} bytes; the Matter SDK accepts at most ${CD_MAX_SIZE} (kMaxCMSSignedCDMessage)`);
  if (der.length === 0) return failure('CD_MALFORMED', 'the file is empty');
  try {
    const contentInfo = parseDer(der, ContentInfo, 'ContentInfo');
    if (contentInfo.contentType !== id_signedData) throw new Refused('CD_MALFORMED', `ContentInfo contentType is ${contentInfo.contentType}, not signedData (${id_signedData})`);
    const signedData = parseDer(new Uint8Array(contentInfo.content), SignedData, 'SignedData');

    if (signedData.version !== 3) throw new Refused('CD_CMS_VERSION', `SignedData version is ${signedData.version}, not 3`);
    if (signedData.digestAlgorithms.length !== 1) throw new Refused('CD_DIGEST_ALGORITHM', `SignedData lists ${signedData.digestAlgorithms.length} digest algorithms; exactly one (sha256) is allowed`);
    checkAlgorithm(signedData.digestAlgorithms[0], OID_SHA256, 'CD_DIGEST_ALGORITHM', 'SignedData digestAlgorithm', 'sha256');
    const encap = signedData.encapContentInfo;
    if (encap.eContentType !== id_data) throw new Refused('CD_CONTENT_TYPE', `eContentType is ${encap.eContentType}, not pkcs7-data (${id_data})`);
    const single = encap.eContent?.single;
    if (single === undefined) throw new Refused('CD_MALFORMED', encap.eContent === undefined ? 'the SignedData carries no eContent (no payload)' : 'the eContent is not a single OCTET STRING');
    if (signedData.certificates !== undefined) throw new Refused('CD_MALFORMED', 'the SignedData carries certificates; a Certification Declaration has none');
    if (signedData.crls !== undefined) throw new Refused('CD_MALFORMED', 'the SignedData carries CRLs; a Certification Declaration has none');
    if (signedData.signerInfos.length !== 1) throw new Refused('CD_MALFORMED', `the SignedData has ${signedData.signerInfos.length} SignerInfos; exactly one is allowed`);

    const signerInfo = signedData.signerInfos[0] as SignerInfo;
    if (signerInfo.version !== 3) throw new Refused('CD_CMS_VERSION', `SignerInfo version is ${signerInfo.version}, not 3`);
    const keyId = signerInfo.sid.subjectKeyIdentifier;
    if (keyId === undefined) throw new Refused('CD_MALFORMED', 'the SignerInfo names its signer by issuer and serial number; Matter requires the subject key identifier');
    const signerKeyId = new Uint8Array(keyId.buffer);
    if (signerKeyId.length !== CD_KEY_ID_LENGTH) throw new Refused('CD_MALFORMED', `the signer key identifier is ${signerKeyId.length} bytes, not ${CD_KEY_ID_LENGTH}`);
    checkAlgorithm(signerInfo.digestAlgorithm, OID_SHA256, 'CD_DIGEST_ALGORITHM', 'SignerInfo digestAlgorithm', 'sha256');
    if (signerInfo.signedAttrs !== undefined) throw new Refused('CD_SIGNED_ATTRIBUTES', `the SignerInfo has ${signerInfo.signedAttrs.length} signed attribute(s)`);
    checkAlgorithm(signerInfo.signatureAlgorithm, OID_ECDSA_WITH_SHA256, 'CD_SIGNATURE_ALGORITHM', 'SignerInfo signatureAlgorithm', 'ecdsa-with-SHA256');
    if (signerInfo.unsignedAttrs !== undefined) throw new Refused('CD_MALFORMED', 'the SignerInfo has unsigned attributes; a Certification Declaration has none');
    const signature = ecdsaDerToRaw(new Uint8Array(signerInfo.signature.buffer));
    if (signature === null) throw new Refused('CD_MALFORMED', 'the signature is not a DER ECDSA-Sig-Value with P-256-sized r and s');

    const payload = new Uint8Array(single.buffer);
    const decoded = decodeCdPayload(payload);
    if (!decoded.ok) return decoded;
    return success({ content: decoded.value.content, signerKeyId, signature, payload, ignoredElements: decoded.value.ignoredElements });
  } catch (error) {
    if (error instanceof Refused) return failure(error.code, error.detail);
    throw error;
  }
}

export interface CdSigner {
  /** ECDSA P-256 private key (WebCrypto), usage "sign". */
  readonly privateKey: CryptoKey;
  /** The subject key identifier of the signing certificate (20 bytes): the CD's KID. */
  readonly subjectKeyId: Uint8Array;
}

/**
 * Creates a Certification Declaration the way the SDK's chip-cert does: the payload encoded in tag
 * order with the shortest integers, signed with ECDSA P-256/SHA-256 over the payload, in the CMS
 * layout above. For development CDs in demo and test lots; the certification-type policy is the
 * caller's (see verifyCertificationDeclaration).
 */
export async function createCertificationDeclaration(content: CdContent, signer: CdSigner): Promise<Result<Uint8Array>> {
  if (!(signer.subjectKeyId instanceof Uint8Array) || signer.subjectKeyId.length !== CD_KEY_ID_LENGTH) {
    return failure('CD_CONTENT_INVALID', `the signer key identifier must be ${CD_KEY_ID_LENGTH} bytes`);
  }
  const payload = encodeCdPayload(content);
  if (!payload.ok) return payload;
  const algorithm = signer.privateKey.algorithm as EcKeyAlgorithm;
  if (signer.privateKey.type !== 'private' || algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256' || !signer.privateKey.usages.includes('sign')) {
    return failure('CD_SIGNING_KEY_INVALID', `got a ${signer.privateKey.type} ${algorithm.name} ${algorithm.namedCurve ?? ''} key with usages [${signer.privateKey.usages.join(', ')}]`);
  }
  const raw = new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signer.privateKey, new Uint8Array(payload.value)));
  const der = assembleCertificationDeclaration(payload.value, signer.subjectKeyId, ecdsaRawToDer(raw));
  if (der.length > CD_MAX_SIZE) return failure('CD_CONTENT_INVALID', `the declaration would be ${der.length} bytes, more than the ${CD_MAX_SIZE} the SDK accepts`);
  return success(der);
}

/** The CMS layout around a payload, a KID and a DER signature (exported for byte-exact tests). */
export function assembleCertificationDeclaration(payload: Uint8Array, signerKeyId: Uint8Array, derSignature: Uint8Array): Uint8Array {
  const sha256 = () => new AlgorithmIdentifier({ algorithm: OID_SHA256 });
  const signedData = new SignedData({
    version: 3,
    digestAlgorithms: new DigestAlgorithmIdentifiers([sha256()]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data, eContent: new EncapsulatedContent({ single: new OctetString(payload) }) }),
    signerInfos: new SignerInfos([
      new SignerInfo({
        version: 3,
        sid: new SignerIdentifier({ subjectKeyIdentifier: new SubjectKeyIdentifier(signerKeyId) }),
        digestAlgorithm: sha256(),
        signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID_ECDSA_WITH_SHA256 }),
        signature: new OctetString(derSignature),
      }),
    ]),
  });
  const contentInfo = new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) });
  return new Uint8Array(AsnConvert.serialize(contentInfo));
}

/** Parses with the schema and requires DER: re-encoding must reproduce the input exactly (no BER forms, no trailing bytes). */
function parseDer<T>(bytes: Uint8Array, schema: new () => T, what: string): T {
  let parsed: T;
  try {
    parsed = AsnParser.parse(bytes.slice(), schema);
  } catch (error) {
    throw new Refused('CD_MALFORMED', `${what} cannot be parsed as ASN.1: ${error instanceof Error ? error.message : String(error)}`);
  }
  let again: Uint8Array;
  try {
    again = new Uint8Array(AsnConvert.serialize(parsed));
  } catch (error) {
    throw new Refused('CD_MALFORMED', `${what} cannot be re-encoded: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!equalBytes(again, bytes)) {
    throw new Refused('CD_MALFORMED', again.length < bytes.length && equalBytes(again, bytes.subarray(0, again.length)) ? `${bytes.length - again.length} trailing byte(s) after the ${what}` : `${what} is not in DER form`);
  }
  return parsed;
}

function checkAlgorithm(algorithm: AlgorithmIdentifier | undefined, oid: string, code: ErrorCode, where: string, name: string): void {
  if (algorithm === undefined) throw new Refused(code, `${where} is missing`);
  if (algorithm.algorithm !== oid) throw new Refused(code, `${where} is ${algorithm.algorithm}, not ${name} (${oid})`);
  if (algorithm.parameters !== undefined) throw new Refused(code, `${where} ${name} carries parameters; Matter encodes it without`);
}
