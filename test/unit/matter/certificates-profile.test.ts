// The PAA/PAI/DAC profile (fact sheet 1.1 and 1.3), one rule at a time: each certificate below is
// a conforming one with exactly one thing changed, built with our own builder, and must produce
// exactly the one problem for that rule.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AttestationProblem } from '../../../main/matter/attestationProblem';
import {
  authorityKeyIdentifier,
  basicConstraints,
  buildCertificate,
  checkCertificateProfile,
  generateP256KeyPair,
  parseCertificate,
  keyUsage,
  KeyUsageBit,
  matterName,
  parseCertificateDer,
  parsePrivateKey,
  subjectKeyIdentifier,
  type CertificateRole,
  type CertificateTemplate,
  type ExtensionSpec,
  type ParsedCertificate,
} from '../../../main/matter/certificates';
import { OID } from '../../../main/matter/certificates/oids';
import {
  derBitString,
  derObjectIdentifier,
  derOctetString,
  derSequence,
  derSet,
  derTlv,
  derUtf8String,
  ISSUED_FROM,
  SDK_FILES,
  describeWithVectors,
  makeHierarchy,
  unwrap,
  vectorFile,
} from './attestationFixtures';

const { paa, pai } = makeHierarchy({ vendorId: 0xfff1 });
const subjectKey = generateP256KeyPair();
const DS = KeyUsageBit.digitalSignature;
const CA_USAGE = [KeyUsageBit.keyCertSign, KeyUsageBit.cRLSign];

type Template = { -readonly [K in keyof CertificateTemplate]: CertificateTemplate[K] };

function template(role: CertificateRole): Template {
  const extensions: ExtensionSpec[] =
    role === 'DAC'
      ? [basicConstraints(false), keyUsage([DS]), subjectKeyIdentifier(subjectKey.keyId), authorityKeyIdentifier(pai.key.keyId)]
      : role === 'PAI'
        ? [basicConstraints(true, 0), keyUsage(CA_USAGE), subjectKeyIdentifier(subjectKey.keyId), authorityKeyIdentifier(paa.key.keyId)]
        : [basicConstraints(true, 1), keyUsage(CA_USAGE), subjectKeyIdentifier(subjectKey.keyId), authorityKeyIdentifier(subjectKey.keyId)];
  const subject =
    role === 'DAC'
      ? matterName({ commonName: 'Test DAC', vendorId: 0xfff1, productId: 0x8000 })
      : role === 'PAI'
        ? matterName({ commonName: 'Test PAI', vendorId: 0xfff1 })
        : matterName({ commonName: 'Test PAA' });
  return {
    serialNumber: Uint8Array.of(0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0),
    issuer: role === 'DAC' ? pai.parsed.subject.der : role === 'PAI' ? paa.parsed.subject.der : subject,
    subject,
    notBefore: ISSUED_FROM,
    notAfter: new Date('9999-12-31T23:59:59Z'),
    subjectPublicKeyInfo: subjectKey.spki,
    extensions,
  };
}

function build(role: CertificateRole, change: (certificate: Template) => void = () => {}): ParsedCertificate {
  const certificate = template(role);
  change(certificate);
  const signer = role === 'DAC' ? pai.key.privateKey : role === 'PAI' ? paa.key.privateKey : subjectKey.privateKey;
  return unwrap(parseCertificateDer(buildCertificate(certificate, signer)));
}

function problems(role: CertificateRole, change?: (certificate: Template) => void): AttestationProblem[] {
  return checkCertificateProfile(build(role, change), role).problems;
}

function expectOnly(found: AttestationProblem[], code: string, detail: RegExp): void {
  expect(found.map((item) => item.code), JSON.stringify(found)).toEqual([code]);
  expect(found[0]?.detail).toMatch(detail);
}

const withExtensions = (replace: (extensions: ExtensionSpec[]) => ExtensionSpec[]) => (certificate: Template) => {
  certificate.extensions = replace(certificate.extensions.slice());
};
const without = (oid: string) => withExtensions((extensions) => extensions.filter((extension) => extension.oid !== oid));
const replaced = (spec: ExtensionSpec) => withExtensions((extensions) => extensions.map((extension) => (extension.oid === spec.oid ? spec : extension)));
const duplicated = (oid: string) => withExtensions((extensions) => [...extensions, ...extensions.filter((extension) => extension.oid === oid)]);
const added = (spec: ExtensionSpec) => withExtensions((extensions) => [...extensions, spec]);
const nonCritical = (spec: ExtensionSpec): ExtensionSpec => ({ ...spec, critical: false });
const critical = (spec: ExtensionSpec): ExtensionSpec => ({ ...spec, critical: true });

describe('a conforming certificate of each role has no problem', () => {
  it.each(['PAA', 'PAI', 'DAC'] as const)('%s', (role) => {
    const report = checkCertificateProfile(build(role), role);
    expect(report.problems).toEqual([]);
    expect(report.subjectKeyId).toEqual(subjectKey.keyId);
  });

  it('the project\'s own test PAA and PAI conform', () => {
    expect(checkCertificateProfile(paa.parsed, 'PAA').problems).toEqual([]);
    expect(checkCertificateProfile(pai.parsed, 'PAI').problems).toEqual([]);
  });
});

describe('version, serial, signature algorithm, key', () => {
  it('X.509 v2 (version field 1) and v1', () => {
    expectOnly(problems('DAC', (c) => (c.version = 2)), 'CERT_VERSION_INVALID', /^DAC: the version field says v2$/);
    expectOnly(problems('PAI', (c) => (c.version = 1)), 'CERT_VERSION_INVALID', /v1/);
  });

  it('serial numbers: 20 bytes is the maximum, 21 is refused; zero and negative are refused', () => {
    expect(problems('DAC', (c) => (c.serialNumber = new Uint8Array(20).fill(0x11)))).toEqual([]);
    expectOnly(problems('DAC', (c) => (c.serialNumber = new Uint8Array(21).fill(0x11))), 'CERT_SERIAL_INVALID', /21 bytes/);
    expectOnly(problems('DAC', (c) => (c.serialNumber = Uint8Array.of(0x00))), 'CERT_SERIAL_INVALID', /not positive/);
    expectOnly(problems('DAC', (c) => (c.serialNumber = Uint8Array.of(0x80, 0x01))), 'CERT_SERIAL_INVALID', /not positive/);
  });

  it.each([
    [OID.ecdsaWithSha1, 'ecdsa-with-SHA1'],
    [OID.ecdsaWithSha384, 'ecdsa-with-SHA384'],
  ])('signed with %s', (oid, shown) => {
    expectOnly(problems('DAC', (c) => (c.signatureAlgorithm = oid)), 'CERT_SIGNATURE_ALGORITHM_INVALID', new RegExp(`signed with ${shown}`));
    expectOnly(problems('PAI', (c) => (c.signatureAlgorithm = oid)), 'CERT_SIGNATURE_ALGORITHM_INVALID', /^PAI: /);
  });

  it.each([
    ['secp256k1', 'secp256k1'],
    ['secp384r1', 'P-384'],
  ])('a key on %s', (curve, shown) => {
    const other = generateKeyPairSync('ec', { namedCurve: curve }).publicKey;
    const key = new Uint8Array(other.export({ type: 'spki', format: 'der' }));
    expectOnly(problems('DAC', (c) => (c.subjectPublicKeyInfo = key)), 'CERT_PUBLIC_KEY_INVALID', new RegExp(`on ${shown}`));
  });

  it('an RSA key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const spki = new Uint8Array(rsa.export({ type: 'spki', format: 'der' }));
    expectOnly(problems('DAC', (c) => (c.subjectPublicKeyInfo = spki)), 'CERT_PUBLIC_KEY_INVALID', /RSA, not EC/);
  });

  it('a compressed P-256 point', () => {
    const point = subjectKey.point;
    const compressed = Uint8Array.of(0x02 | ((point[64] as number) & 1), ...point.slice(1, 33));
    const spki = derSequence(derSequence(derObjectIdentifier(OID.ecPublicKey), derObjectIdentifier(OID.prime256v1)), derBitString(compressed));
    expectOnly(problems('DAC', (c) => (c.subjectPublicKeyInfo = spki)), 'CERT_PUBLIC_KEY_INVALID', /not in uncompressed form \(33 bytes\)/);
  });

  it('a P-256 point that is not on the curve', () => {
    const bad = subjectKey.point.slice();
    bad[64] = (bad[64] as number) ^ 0x01;
    const spki = derSequence(derSequence(derObjectIdentifier(OID.ecPublicKey), derObjectIdentifier(OID.prime256v1)), derBitString(bad));
    expectOnly(problems('DAC', (c) => (c.subjectPublicKeyInfo = spki)), 'CERT_PUBLIC_KEY_INVALID', /not on the curve/);
  });
});

describe('basicConstraints', () => {
  it.each(['PAA', 'PAI', 'DAC'] as const)('%s: missing, not critical, or repeated', (role) => {
    expectOnly(problems(role, without(OID.basicConstraints)), 'CERT_BASIC_CONSTRAINTS_INVALID', new RegExp(`^${role}: no basicConstraints`));
    const spec = template(role).extensions[0] as ExtensionSpec;
    expectOnly(problems(role, replaced(nonCritical(spec))), 'CERT_BASIC_CONSTRAINTS_INVALID', /is not critical; it must be critical/);
    expectOnly(problems(role, duplicated(OID.basicConstraints)), 'CERT_BASIC_CONSTRAINTS_INVALID', /appears 2 times/);
  });

  it('DAC: CA:FALSE and no pathLen', () => {
    expectOnly(problems('DAC', replaced(basicConstraints(true))), 'CERT_BASIC_CONSTRAINTS_INVALID', /CA:TRUE; a DAC needs/);
    for (const pathLen of [0, 1, 2]) expectOnly(problems('DAC', replaced(basicConstraints(false, pathLen))), 'CERT_BASIC_CONSTRAINTS_INVALID', new RegExp(`pathLen ${pathLen}`));
  });

  it('PAI: CA:TRUE and pathLen exactly 0', () => {
    expectOnly(problems('PAI', replaced(basicConstraints(false, 0))), 'CERT_BASIC_CONSTRAINTS_INVALID', /CA:FALSE, pathLen 0; a PAI needs/);
    expectOnly(problems('PAI', replaced(basicConstraints(true))), 'CERT_BASIC_CONSTRAINTS_INVALID', /CA:TRUE; a PAI needs/);
    for (const pathLen of [1, 2]) expectOnly(problems('PAI', replaced(basicConstraints(true, pathLen))), 'CERT_BASIC_CONSTRAINTS_INVALID', new RegExp(`pathLen ${pathLen}`));
  });

  it('PAA: CA:TRUE with pathLen 1 or none', () => {
    expect(problems('PAA', replaced(basicConstraints(true)))).toEqual([]);
    for (const pathLen of [0, 2]) expectOnly(problems('PAA', replaced(basicConstraints(true, pathLen))), 'CERT_BASIC_CONSTRAINTS_INVALID', new RegExp(`pathLen ${pathLen}`));
    expectOnly(problems('PAA', replaced(basicConstraints(false))), 'CERT_BASIC_CONSTRAINTS_INVALID', /CA:FALSE/);
  });
});

describe('keyUsage', () => {
  it.each(['PAA', 'PAI', 'DAC'] as const)('%s: missing, not critical, or repeated', (role) => {
    expectOnly(problems(role, without(OID.keyUsage)), 'CERT_KEY_USAGE_INVALID', /no keyUsage/);
    const spec = template(role).extensions[1] as ExtensionSpec;
    expectOnly(problems(role, replaced(nonCritical(spec))), 'CERT_KEY_USAGE_INVALID', /not critical/);
    expectOnly(problems(role, duplicated(OID.keyUsage)), 'CERT_KEY_USAGE_INVALID', /appears 2 times/);
  });

  it('DAC: exactly digitalSignature (DER 03 02 07 80)', () => {
    expect(Buffer.from(keyUsage([DS]).value).toString('hex')).toBe('03020780');
    expectOnly(problems('DAC', replaced(keyUsage([4]))), 'CERT_KEY_USAGE_INVALID', /keyAgreement; a DAC needs exactly digitalSignature/);
    expectOnly(problems('DAC', replaced(keyUsage([DS, KeyUsageBit.keyCertSign]))), 'CERT_KEY_USAGE_INVALID', /digitalSignature, keyCertSign/);
    expectOnly(problems('DAC', replaced(keyUsage([DS, KeyUsageBit.cRLSign]))), 'CERT_KEY_USAGE_INVALID', /crlSign/);
    expectOnly(problems('DAC', replaced(keyUsage([DS, 1]))), 'CERT_KEY_USAGE_INVALID', /nonRepudiation/);
  });

  it.each(['PAI', 'PAA'] as const)('%s: keyCertSign and cRLSign (03 02 01 06), digitalSignature allowed, nothing else', (role) => {
    expect(Buffer.from(keyUsage(CA_USAGE).value).toString('hex')).toBe('03020106');
    expect(problems(role, replaced(keyUsage([DS, ...CA_USAGE])))).toEqual([]);
    expectOnly(problems(role, replaced(keyUsage([KeyUsageBit.keyCertSign]))), 'CERT_KEY_USAGE_INVALID', /keyCertSign; a .* needs keyCertSign and cRLSign/);
    expectOnly(problems(role, replaced(keyUsage([KeyUsageBit.cRLSign]))), 'CERT_KEY_USAGE_INVALID', /crlSign;/);
    expectOnly(problems(role, replaced(keyUsage([2, ...CA_USAGE]))), 'CERT_KEY_USAGE_INVALID', /keyEncipherment/);
  });
});

describe('subjectKeyIdentifier and authorityKeyIdentifier', () => {
  it.each(['PAA', 'PAI', 'DAC'] as const)('%s: SKID mandatory, non-critical, once, 20 bytes', (role) => {
    expectOnly(problems(role, without(OID.subjectKeyIdentifier)), 'CERT_SUBJECT_KEY_ID_INVALID', /no subjectKeyIdentifier/);
    expectOnly(problems(role, replaced(critical(subjectKeyIdentifier(subjectKey.keyId)))), 'CERT_SUBJECT_KEY_ID_INVALID', /is critical; it must be non-critical/);
    expectOnly(problems(role, replaced(subjectKeyIdentifier(subjectKey.keyId.slice(0, 8)))), 'CERT_SUBJECT_KEY_ID_INVALID', /is 8 bytes/);
    expectOnly(problems(role, duplicated(OID.subjectKeyIdentifier)), 'CERT_SUBJECT_KEY_ID_INVALID', /appears 2 times/);
  });

  it.each(['PAI', 'DAC'] as const)('%s: AKID mandatory, non-critical, 20-byte keyIdentifier', (role) => {
    const issuerKeyId = role === 'DAC' ? pai.key.keyId : paa.key.keyId;
    expectOnly(problems(role, without(OID.authorityKeyIdentifier)), 'CERT_AUTHORITY_KEY_ID_INVALID', /no authorityKeyIdentifier/);
    expectOnly(problems(role, replaced(critical(authorityKeyIdentifier(issuerKeyId)))), 'CERT_AUTHORITY_KEY_ID_INVALID', /is critical/);
    expectOnly(problems(role, replaced(authorityKeyIdentifier(issuerKeyId.slice(0, 19)))), 'CERT_AUTHORITY_KEY_ID_INVALID', /19 bytes/);
    // An AKID naming the issuer by serial number only, without keyIdentifier.
    const serialOnly: ExtensionSpec = { oid: OID.authorityKeyIdentifier, critical: false, value: derSequence(derTlv(0x82, Uint8Array.of(1))) };
    expectOnly(problems(role, replaced(serialOnly)), 'CERT_AUTHORITY_KEY_ID_INVALID', /no keyIdentifier/);
  });

  it('PAA: AKID optional', () => {
    expect(problems('PAA', without(OID.authorityKeyIdentifier))).toEqual([]);
  });
});

describe('other extensions', () => {
  const eku: ExtensionSpec = { oid: OID.extendedKeyUsage, critical: false, value: derSequence(derObjectIdentifier('1.3.6.1.5.5.7.3.2')) };
  const unknown = (isCritical: boolean): ExtensionSpec => ({ oid: '1.3.6.1.4.1.99999.1', critical: isCritical, value: derOctetString(Uint8Array.of(1)) });

  it('are ignored when present (EKU, AIA, SAN are success cases in commissioner_dut)', () => {
    expect(problems('DAC', added(eku))).toEqual([]);
    expect(problems('PAI', added(eku))).toEqual([]);
    expect(problems('DAC', added(unknown(false)))).toEqual([]);
  });

  it('except an unknown critical one, which X.509 path validation rejects', () => {
    expectOnly(problems('DAC', added(unknown(true))), 'CERT_CRITICAL_EXTENSION_UNKNOWN', /1\.3\.6\.1\.4\.1\.99999\.1/);
  });
});

describe('VID/PID presence per role (fact sheet 1.3)', () => {
  const rdn = (oid: string, value: string) => derSet(derSequence(derObjectIdentifier(oid), derUtf8String(value)));

  it('DAC: VID and PID mandatory', () => {
    expectOnly(problems('DAC', (c) => (c.subject = matterName({ commonName: 'DAC', vendorId: 0xfff1 }))), 'DAC_PID_MISSING', /subject CN=DAC, VID=FFF1/);
    expectOnly(problems('DAC', (c) => (c.subject = matterName({ commonName: 'DAC', productId: 0x8000 }))), 'DAC_VID_MISSING', /PID=8000/);
  });

  it('PAI: VID mandatory, PID optional', () => {
    expectOnly(problems('PAI', (c) => (c.subject = matterName({ commonName: 'PAI' }))), 'PAI_VID_MISSING', /subject CN=PAI/);
    expect(problems('PAI', (c) => (c.subject = matterName({ commonName: 'PAI', vendorId: 1, productId: 2 })))).toEqual([]);
  });

  it('PAA: VID optional, PID forbidden', () => {
    const paaWith = (fields: Parameters<typeof matterName>[0]) => (c: Template) => {
      c.subject = matterName(fields);
      c.issuer = c.subject;
    };
    expect(problems('PAA', paaWith({ commonName: 'PAA', vendorId: 0xfff1 }))).toEqual([]);
    expectOnly(problems('PAA', paaWith({ commonName: 'PAA', vendorId: 0xfff1, productId: 0x8000 })), 'PAA_PID_PRESENT', /PID 8000/);
  });

  it('a malformed VID is CERT_VIDPID_INVALID, for any role', () => {
    const lower = derSequence(rdn(OID.commonName, 'DAC'), rdn(OID.matterVendorId, 'fff1'), rdn(OID.matterProductId, '8000'));
    expectOnly(problems('DAC', (c) => (c.subject = lower)), 'CERT_VIDPID_INVALID', /^DAC: the Matter VID attribute is "fff1"/);
  });
});

describeWithVectors('the SDK\'s own test certificates meet the profile', () => {
  it('test PAAs (FFF1 and NoVID) and the test DAC "Matter Test DAC 0000"', () => {
    expect(checkCertificateProfile(unwrap(parseCertificate(vectorFile(...SDK_FILES.paaFff1))), 'PAA').problems).toEqual([]);
    expect(checkCertificateProfile(unwrap(parseCertificate(vectorFile(...SDK_FILES.paaNoVid))), 'PAA').problems).toEqual([]);
    const dac = checkCertificateProfile(unwrap(parseCertificate(vectorFile(...SDK_FILES.testDac))), 'DAC');
    expect(dac.problems).toEqual([]);
    expect(dac.vidPid).toEqual({ vendorId: 0xfff1, productId: 0x8000, source: 'matter-attributes' });
  });

  it('the SDK test DAC\'s AKID is the SHA-1 of the test PAI key (the SKID rule, RFC 5280 method 1)', () => {
    const paiKey = unwrap(parsePrivateKey(vectorFile(...SDK_FILES.testPaiKey)));
    const dac = checkCertificateProfile(unwrap(parseCertificate(vectorFile(...SDK_FILES.testDac))), 'DAC');
    expect(dac.authorityKeyId).toEqual(paiKey.keyId);
    expect(Buffer.from(paiKey.keyId).toString('hex').toUpperCase()).toBe('AF42B7094DEBD515EC6ECF33B81115225F325288');
  });
});
