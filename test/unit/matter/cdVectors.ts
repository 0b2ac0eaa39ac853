/**
 * Access to the Matter SDK conformance data in ../shared/vectors/chip (never copied into this
 * repository). Without the folder the vector tests skip with the reason, except under CI, where
 * they fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AsnParser } from '@peculiar/asn1-schema';
import { Certificate, SubjectKeyIdentifier, id_ce_subjectKeyIdentifier } from '@peculiar/asn1-x509';

import { repoRoot, runVectorTests, vectorsPresent, vectorsRoot, vectorsSkipReason } from '../../support/chipVectors';

export { repoRoot, runVectorTests, vectorsPresent, vectorsRoot, vectorsSkipReason };

/** The SDK's test CD as the fact sheet gives its generation parameters (§2): most CD vectors start from it. */
export const SDK_TEST_CD_CONTENT = {
  formatVersion: 1,
  vendorId: 0xfff1,
  productIds: [0x8000],
  deviceTypeId: 0x1234,
  certificateId: 'ZIG20141ZB330001-24',
  securityLevel: 0,
  securityInformation: 0,
  versionNumber: 0x9876,
  certificationType: 0,
} as const;

export const COMMISSIONER_DUT = 'credentials/development/commissioner_dut';
export const CD_SIGNING_CERT = 'credentials/test/certification-declaration/Chip-Test-CD-Signing-Cert.pem';
export const CD_SIGNING_KEY = 'credentials/test/certification-declaration/Chip-Test-CD-Signing-Key.pem';
export const PAA_FFF1 = 'credentials/development/paa-root-certs/Chip-Test-PAA-FFF1-Cert.pem';
export const PAA_NOVID = 'credentials/test/attestation/Chip-Test-PAA-NoVID-Cert.pem';
export const INVALID_PAA = `${COMMISSIONER_DUT}/invalid_paa/paa-Cert.pem`;

export function vectorPath(relative: string): string {
  return path.join(vectorsRoot, relative);
}

export interface CommissionerVector {
  readonly name: string;
  readonly description: string;
  readonly isSuccessCase: boolean;
  readonly basicInfoPid: number | undefined;
  readonly dac: Uint8Array;
  readonly pai: Uint8Array;
  readonly cd: Uint8Array;
}

const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

export function loadCommissionerVectors(root = path.join(vectorsRoot, COMMISSIONER_DUT)): CommissionerVector[] {
  return fs
    .readdirSync(root)
    .filter((name) => fs.existsSync(path.join(root, name, 'test_case_vector.json')))
    .sort()
    .map((name) => {
      const json = JSON.parse(fs.readFileSync(path.join(root, name, 'test_case_vector.json'), 'utf8')) as Record<string, unknown>;
      const flag = json.is_success_case;
      if (flag !== 'true' && flag !== 'false') throw new Error(`${name}: is_success_case is ${String(flag)}`);
      return {
        name,
        description: String(json.description ?? ''),
        isSuccessCase: flag === 'true',
        basicInfoPid: typeof json.basic_info_pid === 'number' ? json.basic_info_pid : undefined,
        dac: fromHex(String(json.dac_cert)),
        pai: fromHex(String(json.pai_cert)),
        cd: fromHex(String(json.certification_declaration)),
      };
    });
}

/** DER of the first PEM block of a vector file. */
export function readPemDer(relative: string): Uint8Array {
  const text = fs.readFileSync(vectorPath(relative), 'utf8');
  const body = /-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/.exec(text)?.[1];
  if (body === undefined) throw new Error(`${relative}: no PEM block`);
  return new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
}

const OID_MATTER_VID = '1.3.6.1.4.1.37244.2.1';
const OID_MATTER_PID = '1.3.6.1.4.1.37244.2.2';

/**
 * VID/PID from the Matter subject attributes only (the CN fallback encoding is the certificates
 * part's job). Read with the asn1-x509 schema: @peculiar/x509's X509Certificate needs a Reflect
 * metadata polyfill that is not a dependency of this project.
 */
export function matterSubjectIds(der: Uint8Array): { vendorId: number | null; productId: number | null } {
  const subject = AsnParser.parse(der, Certificate).tbsCertificate.subject;
  const read = (oid: string) => {
    const attribute = subject.flatMap((rdn) => [...rdn]).find((candidate) => candidate.type === oid);
    if (attribute === undefined) return null;
    const text = attribute.value.toString();
    return /^[0-9A-F]{4}$/.test(text) ? Number.parseInt(text, 16) : Number.NaN;
  };
  return { vendorId: read(OID_MATTER_VID), productId: read(OID_MATTER_PID) };
}

export function certificateSubjectKeyId(der: Uint8Array): Uint8Array {
  const extension = AsnParser.parse(der, Certificate).tbsCertificate.extensions?.find((candidate) => candidate.extnID === id_ce_subjectKeyIdentifier);
  if (extension === undefined) throw new Error('certificate has no subject key identifier');
  return new Uint8Array(AsnParser.parse(extension.extnValue.buffer, SubjectKeyIdentifier).buffer);
}
