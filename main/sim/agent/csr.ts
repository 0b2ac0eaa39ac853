/**
 * The PKCS#10 request the on-chip agent returns for its freshly generated P-256 key: subject CN plus
 * the Matter VID/PID attributes (the tool v2.8 form, silabs-provisioning.md §3.4), self-signed with
 * ecdsa-with-SHA256. Synchronous (node:crypto), so the agent can answer within one RTT exchange.
 */
import { sign, type KeyObject } from 'node:crypto';
import { CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { matterName } from '../../matter/certificates/buildCertificate';
import { OID } from '../../matter/certificates/oids';
import { encodePem } from '../../matter/certificates/pem';

export interface AgentCsrSubject {
  readonly commonName?: string;
  readonly vendorId?: number;
  readonly productId?: number;
}

/** DER of the request. */
export function buildAgentCsr(privateKey: KeyObject, spki: Uint8Array, subject: AgentCsrSubject): Uint8Array {
  const info = new CertificationRequestInfo({
    version: 0,
    subject: AsnConvert.parse(matterName({ commonName: subject.commonName ?? 'Matter DAC', vendorId: subject.vendorId, productId: subject.productId }), Name),
    subjectPKInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
  });
  const tbs = new Uint8Array(AsnConvert.serialize(info));
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const request = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 }),
    signature: new Uint8Array(signature).buffer,
  });
  return new Uint8Array(AsnConvert.serialize(request));
}

/** PEM text as the firmware sends it: NUL-terminated. */
export function agentCsrPem(der: Uint8Array): Uint8Array {
  return new TextEncoder().encode(`${encodePem('CERTIFICATE REQUEST', der)}\0`);
}
