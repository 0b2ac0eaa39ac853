/**
 * Device certificate signing requests (PKCS#10, RFC 2986), as a Matter device's provisioning agent
 * produces them: the DAC key stays on the chip and only its public key comes out, signed by itself
 * to prove the device holds the private key. Only EC P-256 keys signed with ecdsa-with-SHA256 are
 * accepted; the CSR's subject is ignored (the SDK writes a placeholder), the DAC's subject comes
 * from the product configuration.
 */
import { CertificationRequest } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { failure, success, type Result } from '../../../preload/contract/errors';
import { derContent, derSlice, readDerChildren, readDerElement, trailingBytes } from '../certificates/der';
import { computeKeyIdentifier } from '../certificates/keyIdentifiers';
import { namedCurve } from '../certificates/keys';
import { OID, oidName } from '../certificates/oids';
import { derItemsFromFile } from '../certificates/pem';
import { verifyEcdsa } from '../certificates/signature';

export interface DeviceCsr {
  /** SubjectPublicKeyInfo DER of the device key. */
  readonly spki: Uint8Array;
  /** Uncompressed P-256 point. */
  readonly point: Uint8Array;
  /** SHA-1 of the point: the SKID the DAC will carry. */
  readonly keyId: Uint8Array;
}

export function parseDeviceCsr(bytes: Uint8Array): Result<DeviceCsr> {
  const items = derItemsFromFile(bytes, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'], 'CSR');
  if (!items.ok) return failure('CSR_MALFORMED', items.reason);
  if (items.value.length !== 1) return failure('CSR_MALFORMED', `the file holds ${items.value.length} requests where one was expected`);
  const der = items.value[0] as Uint8Array;

  const outer = readDerElement(der, 0);
  if (!outer.ok) return failure('CSR_MALFORMED', outer.reason);
  if (outer.element.tag !== 0x30) return failure('CSR_MALFORMED', 'it does not start with a SEQUENCE');
  if (outer.element.end !== der.length) return failure('CSR_MALFORMED', trailingBytes(der.length - outer.element.end, 'the request'));
  const top = readDerChildren(der, outer.element);
  if (!top.ok) return failure('CSR_MALFORMED', top.reason);
  const [infoElement, , signatureElement] = top.children;
  if (top.children.length !== 3 || infoElement === undefined || signatureElement === undefined || signatureElement.tag !== 0x03) {
    return failure('CSR_MALFORMED', 'expected the request information, the signature algorithm and the signature');
  }
  const info = readDerChildren(der, infoElement);
  const spkiElement = info.ok ? info.children[2] : undefined;
  if (spkiElement === undefined) return failure('CSR_MALFORMED', 'the request information has no public key');

  let request: CertificationRequest;
  try {
    request = AsnConvert.parse(der, CertificationRequest);
  } catch (error) {
    return failure('CSR_MALFORMED', `ASN.1 structure: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (request.certificationRequestInfo.version !== 0) return failure('CSR_MALFORMED', `version ${request.certificationRequestInfo.version}; PKCS#10 requests are version 0 (v1)`);

  const keyInfo = request.certificationRequestInfo.subjectPKInfo;
  if (keyInfo.algorithm.algorithm !== OID.ecPublicKey) return failure('CSR_KEY_UNSUPPORTED', `the key is ${oidName(keyInfo.algorithm.algorithm)}`);
  const curve = namedCurve(keyInfo.algorithm.parameters);
  if (curve !== OID.prime256v1) return failure('CSR_KEY_UNSUPPORTED', `the EC key is on ${curve === null ? 'explicit or unknown curve parameters' : oidName(curve)}`);
  const point = new Uint8Array(keyInfo.subjectPublicKey);
  if (point.length !== 65 || point[0] !== 0x04) return failure('CSR_KEY_UNSUPPORTED', `the P-256 point is not in uncompressed form (${point.length} bytes)`);

  const algorithm = request.signatureAlgorithm.algorithm;
  if (algorithm !== OID.ecdsaWithSha256) return failure('CSR_SIGNATURE_INVALID', `signed with ${oidName(algorithm)}; only ecdsa-with-SHA256 is accepted`);
  const bits = derContent(der, signatureElement);
  if (bits[0] !== 0) return failure('CSR_MALFORMED', 'the signature BIT STRING has unused bits');
  const spki = derSlice(der, spkiElement);
  const signed = request.certificationRequestInfoRaw ? new Uint8Array(request.certificationRequestInfoRaw) : derSlice(der, infoElement);
  // Own (synchronous) check: Pkcs10CertificateRequest.verify is async and parseDeviceCsr/issueDac are synchronous APIs.
  const check = verifyEcdsa(algorithm, signed, bits.slice(1), spki);
  if (!check.valid) return failure('CSR_SIGNATURE_INVALID', check.reason);

  return success({ spki, point, keyId: computeKeyIdentifier(point) });
}
