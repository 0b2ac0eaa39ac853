// Reading certificate files: PEM and DER, and every way a file can be unreadable (CERT_MALFORMED
// with the reason in the detail, never an exception).
import { describe, expect, it } from 'vitest';
import { encodePem, parseCertificate, parseCertificates, serialHex } from '../../../main/matter/certificates';
import { OID } from '../../../main/matter/certificates/oids';
import { ISSUED_FROM, SDK_FILES, describeWithVectors, makeHierarchy, vectorFile } from './attestationFixtures';

const { paa, pai } = makeHierarchy({ vendorId: 0xfff1, productId: 0x8000 });

function malformedDetail(bytes: Uint8Array): string {
  const parsed = parseCertificate(bytes);
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return '';
  expect(parsed.error.code).toBe('CERT_MALFORMED');
  return parsed.error.detail ?? '';
}

describe('parseCertificate', () => {
  it('reads the same certificate from DER and from PEM', () => {
    const fromDer = parseCertificate(pai.certificate);
    const fromPem = parseCertificate(new TextEncoder().encode(pai.certificatePem));
    expect(fromDer.ok && fromPem.ok).toBe(true);
    if (!fromDer.ok || !fromPem.ok) return;
    expect(fromPem.value.der).toEqual(fromDer.value.der);
    const certificate = fromDer.value;
    expect(certificate.version).toBe(3);
    expect(certificate.signatureAlgorithm).toBe(OID.ecdsaWithSha256);
    expect(certificate.publicKey).toMatchObject({ algorithm: OID.ecPublicKey, curve: OID.prime256v1 });
    expect(certificate.publicKey.point).toEqual(pai.key.point);
    expect(certificate.subject.text).toBe('CN=Matterline Test PAI, VID=FFF1, PID=8000');
    expect(certificate.issuer.der).toEqual(paa.parsed.subject.der);
    expect(certificate.notBefore).toEqual(ISSUED_FROM);
    expect(certificate.notAfter).toEqual(new Date('9999-12-31T23:59:59Z'));
    expect(certificate.extensions.map((extension) => [extension.oid, extension.critical])).toEqual([
      [OID.basicConstraints, true],
      [OID.keyUsage, true],
      [OID.subjectKeyIdentifier, false],
      [OID.authorityKeyIdentifier, false],
    ]);
    expect(serialHex(certificate)).toMatch(/^[4-7][0-9A-F]{31}$/);
  });

  it('accepts text around the PEM block, as `openssl x509 -text` writes it', () => {
    const text = `Certificate:\n    Data: (dump)\n${pai.certificatePem}trailing notes\n`;
    expect(parseCertificate(new TextEncoder().encode(text)).ok).toBe(true);
  });

  it('refuses an empty file', () => {
    expect(malformedDetail(new Uint8Array())).toMatch(/empty/);
  });

  it('refuses garbage that is neither PEM nor DER, naming the first byte', () => {
    expect(malformedDetail(new TextEncoder().encode('hello, this is not a certificate'))).toMatch(/neither PEM .* nor DER .*0x68/);
  });

  it('refuses PEM whose body is not base64', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB!!!notbase64\n-----END CERTIFICATE-----\n';
    expect(malformedDetail(new TextEncoder().encode(pem))).toMatch(/not valid base64: character "!"/);
  });

  it('refuses PEM cut off before its END line', () => {
    const cut = pai.certificatePem.slice(0, 200);
    expect(malformedDetail(new TextEncoder().encode(cut))).toMatch(/no matching "-----END CERTIFICATE-----"/);
  });

  it('refuses PEM base64 that is cut short or padded wrongly', () => {
    const lines = pai.certificatePem.split('\n');
    const shortened = [...lines.slice(0, 3), lines[3]?.slice(0, 10), ...lines.slice(-2)].join('\n');
    expect(malformedDetail(new TextEncoder().encode(shortened))).toMatch(/cut off or padded wrongly|truncated/);
  });

  it('refuses a PEM file that holds only a private key', () => {
    expect(malformedDetail(new TextEncoder().encode(pai.privateKeyPem))).toMatch(/holds EC PRIVATE KEY but no "CERTIFICATE"/);
  });

  it('refuses DER truncated at any length, saying it is truncated', () => {
    for (let length = 1; length < pai.certificate.length; length += 1) {
      const detail = malformedDetail(pai.certificate.slice(0, length));
      expect(detail, `cut at ${length}`).toMatch(/truncated|cut off|no element|the length is missing/);
    }
  });

  it('refuses bytes after the certificate', () => {
    const padded = new Uint8Array([...pai.certificate, 0x00, 0x00, 0x00]);
    expect(malformedDetail(padded)).toMatch(/3 unexpected bytes follow the certificate/);
  });

  it('refuses a DER SEQUENCE that is not a certificate', () => {
    expect(malformedDetail(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01))).toMatch(/not a certificate/);
  });

  it('never throws on damaged input: random byte flips give a certificate or CERT_MALFORMED', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 400; round += 1) {
      const damaged = pai.certificate.slice();
      for (let flips = 0; flips < 1 + (round % 4); flips += 1) damaged[next() % damaged.length] = next() % 256;
      const parsed = parseCertificate(damaged);
      if (!parsed.ok) expect(parsed.error.code).toBe('CERT_MALFORMED');
    }
  });

  it('takes exactly one certificate; parseCertificates reads a bundle', () => {
    const bundle = new TextEncoder().encode(paa.certificatePem + pai.certificatePem);
    expect(malformedDetail(bundle)).toMatch(/holds 2 certificates where one was expected/);
    const all = parseCertificates(bundle);
    expect(all.ok && all.value.map((certificate) => certificate.subject.text)).toEqual(['CN=Matterline Test PAA', 'CN=Matterline Test PAI, VID=FFF1, PID=8000']);
  });

  it('writes PEM that reads back to the same DER', () => {
    const pem = encodePem('CERTIFICATE', paa.certificate);
    expect(pem.split('\n').every((line) => line.length <= 64)).toBe(true);
    const back = parseCertificate(new TextEncoder().encode(pem));
    expect(back.ok && back.value.der).toEqual(paa.certificate);
  });
});

describeWithVectors('parseCertificate on the Matter SDK test roots', () => {
  it('reads the SDK test PAA (PEM) with its VID attribute and 9999 expiry', () => {
    const parsed = parseCertificate(vectorFile(...SDK_FILES.paaFff1));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.subject.text).toBe('CN=Matter Test PAA, VID=FFF1');
    expect(parsed.value.notAfter.toISOString()).toBe('9999-12-31T23:59:59.000Z');
    expect(serialHex(parsed.value)).toBe('4EA8E83182D41C1C');
  });
});
