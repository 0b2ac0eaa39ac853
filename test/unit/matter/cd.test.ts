import crypto from 'node:crypto';
import {
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  Attribute,
  CertificateSet,
  CertificateChoices,
} from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, Name, SubjectKeyIdentifier } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import {
  CD_MAX_SIZE,
  CSA_TEST_CD_SIGNING_KEY_ID,
  createCertificationDeclaration,
  decodeCdPayload,
  decodeCertificationDeclaration,
  encodeCdPayload,
  verifyCertificationDeclaration,
  type CdContent,
} from '../../../main/matter/cd';
import { ecdsaDerToRaw, ecdsaRawToDer } from '../../../main/matter/crypto/ecdsaSignature';
import { anonymousTag, contextTag, encodeTlv, type TlvElement } from '../../../main/matter/tlv';
import { CD_SIGNING_CERT, SDK_TEST_CD_CONTENT, CD_SIGNING_KEY, readPemDer, runVectorTests, vectorPath, vectorsPresent, vectorsSkipReason } from './cdVectors';
import { seededRandom } from './tlvRandom';
import { importPrivateKey, makeCertificate, makeTestSigner, type TestSigner } from './cdTestSigner';
import fs from 'node:fs';

const hex = (text: string) => new Uint8Array(Buffer.from(text.replace(/[^0-9a-f]/gi, ''), 'hex'));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The test CD of the fact sheet (§2 generation parameters). */
const testContent: CdContent = SDK_TEST_CD_CONTENT;
/** Its payload as the SDK encodes it (fact sheet §3.2). */
const testPayload = '152400012501f1ff360205008018250334122c04135a494732303134315a423333303030312d32342405002406002507769824080018';

async function create(content: CdContent, signer: { privateKey: CryptoKey; subjectKeyId: Uint8Array }): Promise<Uint8Array> {
  const result = await createCertificationDeclaration(content, signer);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value;
}

describe('CD payload (TLV)', () => {
  it('encodes the test CD byte for byte as the SDK does, with dac_origin and the PAA list too', () => {
    expect(encodeCdPayload(testContent)).toEqual({ ok: true, value: hex(testPayload) });
    const origin = encodeCdPayload({ ...testContent, dacOriginVendorId: 0xfff2, dacOriginProductId: 0x8001 });
    expect(origin.ok && toHex(origin.value)).toBe(`${testPayload.slice(0, -2)}2509f2ff250a018018`);
    const paa = encodeCdPayload({ ...testContent, authorizedPaaList: [hex('6afd22771f511fecbf1641976710dcdc31a1717e')] });
    expect(paa.ok && toHex(paa.value)).toBe(`${testPayload.slice(0, -2)}360b10146afd22771f511fecbf1641976710dcdc31a1717e1818`);
  });

  it('decodes it back', () => {
    expect(decodeCdPayload(hex(testPayload))).toEqual({ ok: true, value: { content: testContent, ignoredElements: 0 } });
  });

  const u = (tag: number, value: number | bigint): TlvElement => ({ tag: contextTag(tag), type: 'unsigned', value });
  const fields = (): TlvElement[] => [
    u(0, 1),
    u(1, 0xfff1),
    { tag: contextTag(2), type: 'array', value: [{ tag: anonymousTag, type: 'unsigned', value: 0x8000 }] },
    u(3, 0x1234),
    { tag: contextTag(4), type: 'utf8', value: 'ZIG20141ZB330001-24' },
    u(5, 0),
    u(6, 0),
    u(7, 0x9876),
    u(8, 0),
  ];
  const payload = (members: TlvElement[], root: Partial<TlvElement> = {}) => {
    const encoded = encodeTlv({ tag: anonymousTag, type: 'structure', value: members, ...root } as TlvElement);
    if (!encoded.ok) throw new Error(encoded.error.detail);
    return encoded.value;
  };
  const replace = (index: number, element: TlvElement | null) => {
    const members = fields();
    if (element === null) members.splice(index, 1);
    else members[index] = element;
    return members;
  };
  const paaList = (count: number, length = 20): TlvElement => ({ tag: contextTag(11), type: 'array', value: Array.from({ length: count }, (_, i) => ({ tag: anonymousTag, type: 'bytes', value: new Uint8Array(length).fill(i + 1) })) });

  const refused: Array<[string, Uint8Array, RegExp]> = [
    ['not TLV', hex('15 24 00 01'), /^TLV at byte 4: missing end-of-container/],
    ['not a structure', hex('17 18'), /the payload is a list with anonymous, not an anonymous structure/],
    ['format_version missing', payload(replace(0, null)), /format_version \(tag 0\) is missing: found context tag 1 in its place/],
    ['vendor_id missing', payload(replace(1, null)), /vendor_id \(tag 1\) is missing/],
    ['product_id_array missing', payload(replace(2, null)), /product_id_array \(tag 2\) is missing/],
    ['device_type_id missing', payload(replace(3, null)), /device_type_id \(tag 3\) is missing/],
    ['certificate_id missing', payload(replace(4, null)), /certificate_id \(tag 4\) is missing/],
    ['security_level missing', payload(replace(5, null)), /security_level \(tag 5\) is missing/],
    ['security_information missing', payload(replace(6, null)), /security_information \(tag 6\) is missing/],
    ['version_number missing', payload(replace(7, null)), /version_number \(tag 7\) is missing/],
    ['certification_type missing', payload(replace(8, null)), /certification_type \(tag 8\) is missing$/],
    ['fields out of order', payload([fields()[1] as TlvElement, fields()[0] as TlvElement, ...fields().slice(2)]), /format_version \(tag 0\) is missing: found context tag 1/],
    ['signed format_version', payload(replace(0, { tag: contextTag(0), type: 'signed', value: 1 })), /format_version is a signed integer, not an unsigned integer/],
    ['vendor_id > 16 bits', payload(replace(1, u(1, 0x10000))), /vendor_id 65536 is larger than 65535/],
    ['device_type_id > 32 bits', payload(replace(3, u(3, 0x100000000))), /device_type_id 4294967296 is larger than 4294967295/],
    ['security_level > 8 bits', payload(replace(5, u(5, 256))), /security_level 256 is larger than 255/],
    ['certification_type > 8 bits', payload(replace(8, u(8, 256))), /certification_type 256 is larger than 255/],
    ['product id > 16 bits', payload(replace(2, { tag: contextTag(2), type: 'array', value: [{ tag: anonymousTag, type: 'unsigned', value: 0x10000 }] })), /product_id_array\[0\] 65536 is larger than 65535/],
    ['product ids as a list', payload(replace(2, { tag: contextTag(2), type: 'list', value: [] })), /product_id_array is a list, not an array/],
    ['101 product ids', payload(replace(2, { tag: contextTag(2), type: 'array', value: Array.from({ length: 101 }, (_, i) => ({ tag: anonymousTag, type: 'unsigned', value: i + 1 })) })), /101 entries; at most 100/],
    ['certificate_id of 18 characters', payload(replace(4, { tag: contextTag(4), type: 'utf8', value: 'ZIG20141ZB330001-2' })), /is 18 bytes long; it must be exactly 19 characters/],
    ['certificate_id of 20 characters', payload(replace(4, { tag: contextTag(4), type: 'utf8', value: 'ZIG20141ZB330001-244' })), /is 20 bytes long/],
    ['certificate_id with a NUL', payload(replace(4, { tag: contextTag(4), type: 'utf8', value: 'ZIG20141ZB330001-2\0' })), /contains a NUL character/],
    ['certificate_id as bytes', payload(replace(4, { tag: contextTag(4), type: 'bytes', value: new Uint8Array(19) })), /certificate_id is an octet string, not a UTF-8 string/],
    ['dac_origin_vendor_id alone', payload([...fields(), u(9, 0xfff2)]), /dac_origin_vendor_id \(tag 9\) is present but dac_origin_product_id \(tag 10\) does not follow it/],
    ['dac_origin_product_id alone', payload([...fields(), u(10, 0x8001)]), /dac_origin_product_id \(tag 10\) is present without dac_origin_vendor_id/],
    ['authorized_paa_list entry of 19 bytes', payload([...fields(), paaList(1, 19)]), /authorized_paa_list\[0\] is 19 bytes; a PAA key id is 20 bytes/],
    ['11 authorized PAAs', payload([...fields(), paaList(11)]), /11 entries; at most 10/],
    ['authorized_paa_list as a structure', payload([...fields(), { tag: contextTag(11), type: 'structure', value: [] }]), /authorized_paa_list is a structure, not an array/],
    ['a known tag again after its place', payload([...fields(), paaList(1), u(9, 1)]), /context tag 9 appears out of order or twice/],
    ['oversize payload', new Uint8Array(608), /larger than the 607-byte maximum/],
  ];
  it.each(refused)('%s → CD_PAYLOAD_MALFORMED', (_name, bytes, detail) => {
    const result = decodeCdPayload(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CD_PAYLOAD_MALFORMED');
    expect(result.error.detail).toMatch(detail);
  });

  it('accepts an empty product id list and an empty PAA list (the SDK decoder does; the rules reject them later)', () => {
    const result = decodeCdPayload(payload([...replace(2, { tag: contextTag(2), type: 'array', value: [] }), paaList(0)]));
    expect(result.ok && result.value.content.productIds).toEqual([]);
    expect(result.ok && result.value.content.authorizedPaaList).toEqual([]);
  });

  it('ignores future fields after the known ones, like the SDK', () => {
    const result = decodeCdPayload(payload([...fields(), u(12, 7), { tag: { kind: 'commonProfile', tagNumber: 1 }, type: 'null', value: null }]));
    expect(result).toEqual({ ok: true, value: { content: testContent, ignoredElements: 2 } });
  });

  const invalidContent: Array<[string, Partial<CdContent>, RegExp]> = [
    ['no product ids', { productIds: [] }, /1 to 100 product ids \(got 0\)/],
    ['101 product ids', { productIds: Array.from({ length: 101 }, (_, i) => i) }, /got 101/],
    ['product id out of range', { productIds: [0x10000] }, /product_id_array\[0\] 65536 must be a whole number from 0 to 65535/],
    ['certificate id of 18 characters', { certificateId: 'ZIG20141ZB330001-2' }, /exactly 19 characters/],
    ['vendor id negative', { vendorId: -1 }, /vendor_id -1/],
    ['fractional device type', { deviceTypeId: 1.5 }, /device_type_id 1.5/],
    ['only dac_origin_vendor_id', { dacOriginVendorId: 0xfff2 }, /must be given together/],
    ['empty PAA list', { authorizedPaaList: [] }, /leave it out to allow any PAA/],
    ['PAA key id of 19 bytes', { authorizedPaaList: [new Uint8Array(19)] }, /authorized_paa_list\[0\] must be a 20-byte key id/],
  ];
  it.each(invalidContent)('refuses to encode %s → CD_CONTENT_INVALID', (_name, change, detail) => {
    const result = encodeCdPayload({ ...testContent, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('CD_CONTENT_INVALID');
      expect(result.error.detail).toMatch(detail);
    }
  });
});

describe('ECDSA signature formats', () => {
  it('round-trips raw r‖s through DER, with leading zeros and high bits', () => {
    const cases = [
      '00'.repeat(31) + '01' + 'ff'.repeat(32),
      '80' + '00'.repeat(31) + '7f' + 'ff'.repeat(31),
      '0000' + 'ab'.repeat(30) + '00' + '80'.repeat(31),
    ];
    for (const raw of cases) {
      const der = ecdsaRawToDer(hex(raw));
      expect(toHex(ecdsaDerToRaw(der) ?? new Uint8Array())).toBe(raw);
    }
    expect(toHex(ecdsaRawToDer(hex('00'.repeat(31) + '01' + '80' + '00'.repeat(31))))).toBe('3026020101022100' + '80' + '00'.repeat(31));
  });

  it('round-trips real WebCrypto signatures', async () => {
    const { privateKey, publicKey } = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    for (let i = 0; i < 20; i++) {
      const data = new Uint8Array([i]);
      const raw = new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, data));
      const back = ecdsaDerToRaw(ecdsaRawToDer(raw));
      expect(back).toEqual(raw);
      expect(await globalThis.crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, back as Uint8Array<ArrayBuffer>, data)).toBe(true);
    }
  });

  it.each([
    ['non-minimal r', '3007020200010201 01'],
    ['negative r', '3006020180020101'],
    ['zero r', '3006020100020101'],
    ['r longer than 32 bytes', `302a022501${'00'.repeat(36)}020101`],
    ['trailing byte', '300602010102010100'],
    ['long-form length', '308106020101020101'],
    ['not a sequence', '0201010201 01'],
    ['garbage', 'ffff'],
  ])('refuses %s', (_name, der) => {
    expect(ecdsaDerToRaw(hex(der))).toBeNull();
  });
});

describe('Certification Declaration: create → decode → verify', () => {
  let signerPromise: Promise<TestSigner> | undefined;
  const signer = () => (signerPromise ??= makeTestSigner());

  it('round-trips the full content and verifies with the signing certificate', async () => {
    const s = await signer();
    const content: CdContent = { ...testContent, productIds: [0x8000, 0x8001, 0x1], certificationType: 1, dacOriginVendorId: 0xfff2, dacOriginProductId: 0x8001, authorizedPaaList: [new Uint8Array(20).fill(0xab)] };
    const der = await create(content, s);
    expect(der.length).toBeLessThanOrEqual(CD_MAX_SIZE);
    const decoded = decodeCertificationDeclaration(der);
    expect(decoded.ok && decoded.value.content).toEqual(content);
    expect(decoded.ok && toHex(decoded.value.signerKeyId)).toBe(toHex(s.subjectKeyId));
    const verified = await verifyCertificationDeclaration(der, [s.certificate]);
    expect(verified).toEqual({ ok: true, value: { content, signerKeyId: toHex(s.subjectKeyId).toUpperCase(), signatureValid: true, signer: 'imported', problems: [] } });
  });

  it('round-trips random contents (seeded)', async () => {
    const s = await signer();
    const random = seededRandom(2024);
    const int = (max: number) => Math.floor(random() * (max + 1));
    for (let i = 0; i < 40; i++) {
      const origin = random() < 0.5;
      const content: CdContent = {
        formatVersion: int(3),
        vendorId: int(0xffff),
        productIds: Array.from({ length: 1 + int(99) }, () => int(0xffff)),
        deviceTypeId: int(0xffffffff),
        certificateId: Array.from({ length: 19 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'[int(36)]).join(''),
        securityLevel: int(0xff),
        securityInformation: int(0xffff),
        versionNumber: int(0xffff),
        certificationType: int(0xff),
        ...(origin ? { dacOriginVendorId: int(0xffff), dacOriginProductId: int(0xffff) } : {}),
        ...(random() < 0.5 ? { authorizedPaaList: Array.from({ length: 1 + int(9) }, () => crypto.randomBytes(20) as Uint8Array).map((b) => new Uint8Array(b)) } : {}),
      };
      const der = await create(content, s);
      const decoded = decodeCertificationDeclaration(der);
      expect(decoded.ok && decoded.value.content, `case ${i}`).toEqual(content);
      const verified = await verifyCertificationDeclaration(der, [s.certificate]);
      expect(verified.ok && verified.value.signatureValid).toBe(true);
    }
  });

  it('fits the largest content the SDK allows within its 790-byte limit', async () => {
    const s = await signer();
    const der = await create({ ...testContent, productIds: Array.from({ length: 100 }, () => 0xffff), deviceTypeId: 0xffffffff, securityInformation: 0xffff, dacOriginVendorId: 0xffff, dacOriginProductId: 0xffff, authorizedPaaList: Array.from({ length: 10 }, () => new Uint8Array(20)) }, s);
    expect(der.length).toBeLessThanOrEqual(CD_MAX_SIZE);
    expect(decodeCertificationDeclaration(der).ok).toBe(true);
  });

  it('no single changed byte anywhere verifies (and nothing throws)', async () => {
    const s = await signer();
    const der = await create(testContent, s);
    for (let index = 0; index < der.length; index++) {
      const tampered = der.slice();
      tampered[index] = (tampered[index] as number) ^ 0x01;
      const verified = await verifyCertificationDeclaration(tampered, [s.certificate]);
      expect(verified.ok && verified.value.signatureValid && verified.value.problems.length === 0, `byte ${index}`).toBe(false);
    }
  });

  it('a changed payload byte → CD_SIGNATURE_INVALID', async () => {
    const s = await signer();
    const der = await create(testContent, s);
    const at = Buffer.from(der).indexOf(Buffer.from('ZIG2'));
    const tampered = der.slice();
    tampered[at] = 0x58; // 'X'
    const verified = await verifyCertificationDeclaration(tampered, [s.certificate]);
    expect(verified.ok && verified.value.content.certificateId).toBe('XIG20141ZB330001-24');
    expect(verified.ok && verified.value.signatureValid).toBe(false);
    expect(verified.ok && verified.value.problems.map((p) => p.code)).toEqual(['CD_SIGNATURE_INVALID']);
  });

  it('unknown signer: no certificate, or none with the key id → CD_SIGNER_UNKNOWN, signer null', async () => {
    const s = await signer();
    const other = await makeTestSigner();
    const der = await create(testContent, s);
    for (const certificates of [[], [other.certificate]]) {
      const verified = await verifyCertificationDeclaration(der, certificates);
      expect(verified.ok && verified.value).toMatchObject({ signatureValid: false, signer: null, problems: [{ code: 'CD_SIGNER_UNKNOWN' }] });
    }
  });

  it('a certificate with the key id but another key → CD_SIGNATURE_INVALID', async () => {
    const s = await signer();
    const impostor = await makeTestSigner({ subjectKeyId: s.subjectKeyId });
    const der = await create(testContent, s);
    const verified = await verifyCertificationDeclaration(der, [impostor.certificate]);
    expect(verified.ok && verified.value).toMatchObject({ signatureValid: false, signer: 'imported', problems: [{ code: 'CD_SIGNATURE_INVALID' }] });
    // With both, the right one is found.
    const both = await verifyCertificationDeclaration(der, [impostor.certificate, s.certificate]);
    expect(both.ok && both.value).toMatchObject({ signatureValid: true, problems: [] });
  });

  it('an unusable signing certificate is bad input → CD_SIGNER_CERT_INVALID', async () => {
    const s = await signer();
    const der = await create(testContent, s);
    const garbage = await verifyCertificationDeclaration(der, [s.certificate, new Uint8Array([1, 2, 3])]);
    expect(garbage).toMatchObject({ ok: false, error: { code: 'CD_SIGNER_CERT_INVALID', detail: expect.stringMatching(/^signing certificate 2: not a DER X\.509 certificate/) } });
    const p384 = crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const p384Cert = await makeCertificate(new Uint8Array(p384.publicKey.export({ type: 'spki', format: 'der' })), s.subjectKeyId, s.privateKey);
    const wrongCurve = await verifyCertificationDeclaration(der, [p384Cert]);
    expect(wrongCurve).toMatchObject({ ok: false, error: { code: 'CD_SIGNER_CERT_INVALID', detail: expect.stringMatching(/not an EC P-256 key/) } });
  });

  it('refuses a bad signer or key id when creating', async () => {
    const s = await signer();
    expect(await createCertificationDeclaration(testContent, { privateKey: s.privateKey, subjectKeyId: new Uint8Array(19) })).toMatchObject({ ok: false, error: { code: 'CD_CONTENT_INVALID' } });
    const ecdh = await globalThis.crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    expect(await createCertificationDeclaration(testContent, { privateKey: ecdh.privateKey, subjectKeyId: s.subjectKeyId })).toMatchObject({ ok: false, error: { code: 'CD_SIGNING_KEY_INVALID' } });
    expect(await createCertificationDeclaration({ ...testContent, productIds: [] }, s)).toMatchObject({ ok: false, error: { code: 'CD_CONTENT_INVALID' } });
  });
});

describe('Certification Declaration: strict CMS decoding', () => {
  const sha256 = () => new AlgorithmIdentifier({ algorithm: '2.16.840.1.101.3.4.2.1' });
  const kid = new Uint8Array(20).fill(7);
  const derSignature = ecdsaRawToDer(new Uint8Array(64).fill(1));
  interface Variant {
    contentType?: string;
    version?: number;
    digestAlgorithms?: AlgorithmIdentifier[];
    eContentType?: string;
    eContent?: EncapsulatedContent | undefined;
    certificates?: CertificateSet;
    signerInfos?: SignerInfo[];
    signerInfo?: Partial<SignerInfo>;
  }
  const build = (variant: Variant = {}) => {
    const signerInfo = new SignerInfo({
      version: 3,
      sid: new SignerIdentifier({ subjectKeyIdentifier: new SubjectKeyIdentifier(kid) }),
      digestAlgorithm: sha256(),
      signatureAlgorithm: new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.2' }),
      signature: new OctetString(derSignature),
      ...variant.signerInfo,
    });
    const signedData = new SignedData({
      version: variant.version ?? 3,
      digestAlgorithms: new DigestAlgorithmIdentifiers(variant.digestAlgorithms ?? [sha256()]),
      encapContentInfo: new EncapsulatedContentInfo({
        eContentType: variant.eContentType ?? '1.2.840.113549.1.7.1',
        eContent: 'eContent' in variant ? variant.eContent : new EncapsulatedContent({ single: new OctetString(hex(testPayload)) }),
      }),
      certificates: variant.certificates,
      signerInfos: new SignerInfos(variant.signerInfos ?? [signerInfo]),
    });
    return new Uint8Array(AsnConvert.serialize(new ContentInfo({ contentType: variant.contentType ?? '1.2.840.113549.1.7.2', content: AsnConvert.serialize(signedData) })));
  };

  it('the reference layout decodes', () => {
    const decoded = decodeCertificationDeclaration(build());
    expect(decoded.ok && decoded.value.content).toEqual(testContent);
    expect(decoded.ok && toHex(decoded.value.payload)).toBe(testPayload);
  });

  const cases: Array<[string, string, () => Uint8Array, RegExp]> = [
    ['empty input', 'CD_MALFORMED', () => new Uint8Array(), /the file is empty/],
    ['garbage', 'CD_MALFORMED', () => hex('deadbeef'), /ContentInfo cannot be parsed as ASN\.1/],
    ['PEM text instead of DER', 'CD_MALFORMED', () => new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'), /cannot be parsed/],
    ['truncated', 'CD_MALFORMED', () => build().subarray(0, 100), /cannot be parsed as ASN\.1/],
    ['a trailing byte', 'CD_MALFORMED', () => Uint8Array.from([...build(), 0]), /1 trailing byte\(s\) after the ContentInfo/],
    ['BER long-form length', 'CD_MALFORMED', () => { const der = build(); return Uint8Array.from([0x30, 0x82, 0x00, der[2] as number, ...der.subarray(3)]); }, /ContentInfo is not in DER form/],
    ['oversize', 'CD_TOO_LARGE', () => new Uint8Array(CD_MAX_SIZE + 1), /791 bytes; the Matter SDK accepts at most 790/],
    ['contentType data', 'CD_MALFORMED', () => build({ contentType: '1.2.840.113549.1.7.1' }), /contentType is 1\.2\.840\.113549\.1\.7\.1, not signedData/],
    ['SignedData version 2', 'CD_CMS_VERSION', () => build({ version: 2 }), /SignedData version is 2, not 3/],
    ['digest sha1', 'CD_DIGEST_ALGORITHM', () => build({ digestAlgorithms: [new AlgorithmIdentifier({ algorithm: '1.3.14.3.2.26' })] }), /SignedData digestAlgorithm is 1\.3\.14\.3\.2\.26, not sha256/],
    ['two digest algorithms', 'CD_DIGEST_ALGORITHM', () => build({ digestAlgorithms: [sha256(), sha256()] }), /lists 2 digest algorithms/],
    ['sha256 with NULL parameters', 'CD_DIGEST_ALGORITHM', () => build({ digestAlgorithms: [new AlgorithmIdentifier({ algorithm: '2.16.840.1.101.3.4.2.1', parameters: null })] }), /carries parameters/],
    ['eContentType MS Authenticode', 'CD_CONTENT_TYPE', () => build({ eContentType: '1.3.6.1.4.1.311.2.1.4' }), /eContentType is 1\.3\.6\.1\.4\.1\.311\.2\.1\.4, not pkcs7-data/],
    ['no eContent', 'CD_MALFORMED', () => build({ eContent: undefined }), /carries no eContent/],
    ['certificates included', 'CD_MALFORMED', () => build({ certificates: new CertificateSet([new CertificateChoices({ certificate: new Certificate() })]) }), /carries certificates/],
    ['no SignerInfo', 'CD_MALFORMED', () => build({ signerInfos: [] }), /has 0 SignerInfos/],
    ['SignerInfo version 2', 'CD_CMS_VERSION', () => build({ signerInfo: { version: 2 } }), /SignerInfo version is 2, not 3/],
    ['signer by issuer and serial', 'CD_MALFORMED', () => build({ signerInfo: { sid: new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: new Name(), serialNumber: new Uint8Array([1]).buffer }) }) } }), /by issuer and serial number/],
    ['19-byte key id', 'CD_MALFORMED', () => build({ signerInfo: { sid: new SignerIdentifier({ subjectKeyIdentifier: new SubjectKeyIdentifier(new Uint8Array(19)) }) } }), /key identifier is 19 bytes, not 20/],
    ['SignerInfo digest sha1', 'CD_DIGEST_ALGORITHM', () => build({ signerInfo: { digestAlgorithm: new AlgorithmIdentifier({ algorithm: '1.3.14.3.2.26' }) } }), /SignerInfo digestAlgorithm is 1\.3\.14\.3\.2\.26/],
    ['signed attributes', 'CD_SIGNED_ATTRIBUTES', () => build({ signerInfo: { signedAttrs: [new Attribute({ attrType: '1.2.840.113549.1.9.3', attrValues: [AsnConvert.serialize(new OctetString(new Uint8Array(1)))] })] } }), /1 signed attribute/],
    ['ecdsa-with-SHA1', 'CD_SIGNATURE_ALGORITHM', () => build({ signerInfo: { signatureAlgorithm: new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.1' }) } }), /signatureAlgorithm is 1\.2\.840\.10045\.4\.1, not ecdsa-with-SHA256/],
    ['signature not DER ECDSA', 'CD_MALFORMED', () => build({ signerInfo: { signature: new OctetString(new Uint8Array(64).fill(1)) } }), /not a DER ECDSA-Sig-Value/],
    ['payload not a CD', 'CD_PAYLOAD_MALFORMED', () => build({ eContent: new EncapsulatedContent({ single: new OctetString(hex('1518')) }) }), /format_version \(tag 0\) is missing/],
  ];
  it.each(cases)('%s → %s', (_name, code, make, detail) => {
    const result = decodeCertificationDeclaration(make());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.detail).toMatch(detail);
  });

  it('never throws on any prefix or on random bytes', () => {
    const der = build();
    for (let length = 0; length < der.length; length++) {
      const result = decodeCertificationDeclaration(der.subarray(0, length));
      expect(result.ok, `prefix ${length}`).toBe(false);
    }
    const random = seededRandom(99);
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256));
      if (random() < 0.5 && bytes.length > 2) bytes[0] = 0x30;
      expect(decodeCertificationDeclaration(bytes).ok).toBe(false);
    }
  });
});

const describeVectors = runVectorTests ? describe : describe.skip;
if (!runVectorTests) describe('CSA test key policy', () => it.skip(vectorsSkipReason, () => {}));

describeVectors('CSA test key policy (with the SDK test CD signing key from ../shared/vectors)', () => {
  it('the vector folder is present', () => expect(vectorsPresent, vectorsSkipReason).toBe(true));

  const testSigner = async () => {
    const keyObject = crypto.createPrivateKey(fs.readFileSync(vectorPath(CD_SIGNING_KEY), 'utf8'));
    return { privateKey: await importPrivateKey(keyObject), subjectKeyId: hex(CSA_TEST_CD_SIGNING_KEY_ID), keyObject };
  };

  it('development: accepted; provisional: accepted unless turned off; official and reserved: refused', async () => {
    const signer = await testSigner();
    const certificate = readPemDer(CD_SIGNING_CERT);
    const verdict = async (certificationType: number, options = {}) => {
      const verified = await verifyCertificationDeclaration(await create({ ...testContent, certificationType }, signer), [certificate], options);
      if (!verified.ok) throw new Error(verified.error.code);
      expect(verified.value.signer).toBe('csa-test');
      expect(verified.value.signatureValid).toBe(true);
      return verified.value.problems.map((entry) => entry.code);
    };
    expect(await verdict(0)).toEqual([]);
    expect(await verdict(1)).toEqual([]);
    expect(await verdict(1, { allowTestKeyForProvisional: false })).toEqual(['CD_TEST_KEY_NOT_ALLOWED']);
    expect(await verdict(2)).toEqual(['CD_TEST_KEY_NOT_ALLOWED']);
    expect(await verdict(3)).toEqual(['CD_TEST_KEY_NOT_ALLOWED']);
    expect(await verdict(0, { allowTestKey: false })).toEqual(['CD_TEST_KEY_NOT_ALLOWED']);
  });

  it('recognises the test key by its public key even under another key id', async () => {
    const signer = await testSigner();
    const otherKid = new Uint8Array(20).fill(0x42);
    const spki = new Uint8Array(crypto.createPublicKey(signer.keyObject).export({ type: 'spki', format: 'der' }));
    const certificate = await makeCertificate(spki, otherKid, signer.privateKey, 'Not obviously the test key');
    const der = await create({ ...testContent, certificationType: 2 }, { privateKey: signer.privateKey, subjectKeyId: otherKid });
    const verified = await verifyCertificationDeclaration(der, [certificate]);
    expect(verified.ok && verified.value).toMatchObject({ signer: 'csa-test', signatureValid: true, problems: [{ code: 'CD_TEST_KEY_NOT_ALLOWED' }] });
  });

  it('an imported (non-test) signer may sign an official declaration', async () => {
    const signer = await makeTestSigner();
    const verified = await verifyCertificationDeclaration(await create({ ...testContent, certificationType: 2 }, signer), [signer.certificate]);
    expect(verified.ok && verified.value).toMatchObject({ signer: 'imported', signatureValid: true, problems: [] });
  });
});
