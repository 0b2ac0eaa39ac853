/**
 * Certificate signatures. Node's crypto (OpenSSL) verifies ECDSA over the TBS bytes with the digest
 * the certificate names, on whatever curve the issuer key is on: a PAI on secp256k1 or a SHA-1
 * signature is still checked, so the report says "wrong curve" or "wrong algorithm" (profile.ts)
 * and not, misleadingly, "bad signature".
 */
import { createPublicKey, verify } from 'node:crypto';
import { ecdsaDigest, oidName } from './oids';
import type { ParsedCertificate, PublicKeyInfo } from './parseCertificate';

// Not X509Certificate.verify: it is async (sync TrustStore/chain APIs) and WebCrypto cannot check secp256k1 keys.
export type SignatureCheck = { readonly valid: true } | { readonly valid: false; readonly reason: string };

export function verifyCertificateSignature(certificate: ParsedCertificate, issuerKey: PublicKeyInfo): SignatureCheck {
  return verifyEcdsa(certificate.signatureAlgorithm, certificate.tbs, certificate.signature, issuerKey.spki);
}

/** ECDSA (DER Ecdsa-Sig-Value) over `data` with the key in `spki`, digest from the signature OID. */
export function verifyEcdsa(signatureOid: string, data: Uint8Array, signature: Uint8Array, spki: Uint8Array): SignatureCheck {
  const digest = ecdsaDigest(signatureOid);
  if (digest === null) return { valid: false, reason: `the signature algorithm ${oidName(signatureOid)} is not ECDSA` };
  let key;
  try {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (error) {
    return { valid: false, reason: `the issuer public key cannot be used (${error instanceof Error ? error.message : String(error)})` };
  }
  try {
    return verify(digest, data, { key, dsaEncoding: 'der' }, signature) ? { valid: true } : { valid: false, reason: 'the signature does not match' };
  } catch (error) {
    return { valid: false, reason: `the signature cannot be checked (${error instanceof Error ? error.message : String(error)})` };
  }
}
