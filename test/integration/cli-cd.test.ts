// `matterline cd inspect|create`, run in process through runCli with a capturing output: JSON keys,
// exit codes 0/1/2, catalogue errors naming the file (never a stack trace).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCertificationDeclaration } from '../../main/matter/cd';
import { runMatterline as matterline } from '../support/cliHarness';
import { makeTestSigner, toPem, type TestSigner } from '../unit/matter/cdTestSigner';
import { CD_SIGNING_CERT, SDK_TEST_CD_CONTENT, CD_SIGNING_KEY, COMMISSIONER_DUT, runVectorTests, vectorPath, vectorsPresent, vectorsSkipReason } from '../unit/matter/cdVectors';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-cd-'));
const file = (name: string, content?: string | Uint8Array) => {
  const full = path.join(work, name);
  if (content !== undefined) fs.writeFileSync(full, content);
  return full;
};


const INSPECT_KEYS = [
  'formatVersion',
  'vendorId',
  'productIds',
  'deviceTypeId',
  'certificateId',
  'securityLevel',
  'securityInformation',
  'versionNumber',
  'certificationType',
  'dacOriginVendorId',
  'dacOriginProductId',
  'authorizedPaaList',
  'signerKeyId',
  'signatureValid',
];

let signerPromise: Promise<{ signer: TestSigner; cert: string; key: string; sec1: string }> | undefined;
function signer() {
  signerPromise ??= makeTestSigner().then((made) => ({
    signer: made,
    cert: file('signer-cert.pem', made.certificatePem),
    key: file('signer-key.pem', made.pkcs8Pem),
    sec1: file('signer-key-sec1.pem', made.sec1Pem),
  }));
  return signerPromise;
}

const baseCreate = (cert: string, key: string, out: string) => ['cd', 'create', '--vid', '0xFFF1', '--pid', '0x8000,0x8001', '--pid', '32770', '--device-type', '0x0100', '--certificate-id', 'CSA00000SWC00000-01', '--signer-cert', cert, '--signer-key', key, '--out', out];

describe('matterline cd create → inspect', () => {
  it('creates a development CD and inspects it with and without the signing certificate', async () => {
    const { signer: made, cert, key } = await signer();
    const out = file('dev.der');
    const created = await matterline(...baseCreate(cert, key, out), '--version-number', '7', '--dac-origin-vid', '0xFFF2', '--dac-origin-pid', '0x8001', '--authorized-paa-skid', '6A:FD:22:77:1F:51:1F:EC:BF:16:41:97:67:10:DC:DC:31:A1:71:7E', '--json');
    expect(created.code, created.stdout + created.stderr).toBe(0);
    expect(created.json()).toMatchObject({ ok: true, out, signer: 'imported', vendorId: 0xfff1, productIds: [0x8000, 0x8001, 0x8002], signatureValid: true });
    const der = new Uint8Array(fs.readFileSync(out));
    expect(decodeCertificationDeclaration(der).ok).toBe(true);

    const plain = await matterline('cd', 'inspect', out, '--json');
    expect(plain.code).toBe(0);
    expect(Object.keys(plain.json())).toEqual(INSPECT_KEYS);
    expect(plain.json()).toEqual({
      formatVersion: 1,
      vendorId: 0xfff1,
      productIds: [0x8000, 0x8001, 0x8002],
      deviceTypeId: 0x0100,
      certificateId: 'CSA00000SWC00000-01',
      securityLevel: 0,
      securityInformation: 0,
      versionNumber: 7,
      certificationType: 0,
      dacOriginVendorId: 0xfff2,
      dacOriginProductId: 0x8001,
      authorizedPaaList: ['6AFD22771F511FECBF1641976710DCDC31A1717E'],
      signerKeyId: Buffer.from(made.subjectKeyId).toString('hex').toUpperCase(),
      signatureValid: null,
    });

    const verified = await matterline('cd', 'inspect', out, '--signer-cert', cert, '--json');
    expect(verified.code).toBe(0);
    expect(verified.json().signatureValid).toBe(true);

    const human = await matterline('cd', 'inspect', out, '--signer-cert', cert);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/vendor id +0xFFF1 \(65521\)/);
    expect(human.stdout).toMatch(/product ids \(3\) +0x8000, 0x8001, 0x8002/);
    expect(human.stdout).toMatch(/signature +valid \(an imported signing certificate\)/);
    expect(human.stdout).toMatch(/The declaration verifies\./);
  });

  it('accepts a SEC1 key and optional fields absent come out as null', async () => {
    const { cert, sec1 } = await signer();
    const out = file('sec1.der');
    expect((await matterline(...baseCreate(cert, sec1, out))).code).toBe(0);
    const inspected = (await matterline('cd', 'inspect', out, '--json')).json();
    expect(inspected).toMatchObject({ dacOriginVendorId: null, dacOriginProductId: null, authorizedPaaList: null });
  });

  it('exit 1 when the signature does not verify, or no signing certificate has the key id', async () => {
    const { cert, key } = await signer();
    const out = file('tampered.der');
    expect((await matterline(...baseCreate(cert, key, out))).code).toBe(0);
    const der = fs.readFileSync(out);
    der[der.indexOf(Buffer.from('CSA0'))] = 0x58;
    fs.writeFileSync(out, der);
    const bad = await matterline('cd', 'inspect', out, '--signer-cert', cert, '--json');
    expect(bad.code).toBe(1);
    expect(bad.json()).toMatchObject({ signatureValid: false, certificateId: 'XSA00000SWC00000-01' });
    expect(bad.stderr).toMatch(/CD_SIGNATURE_INVALID/);

    const other = await makeTestSigner();
    const unknown = await matterline('cd', 'inspect', out, '--signer-cert', file('other.pem', other.certificatePem));
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/FAIL CD_SIGNER_UNKNOWN/);
    // Without a signing certificate nothing is claimed: exit 0, signatureValid null.
    expect((await matterline('cd', 'inspect', out, '--json')).json().signatureValid).toBeNull();
  });

  it('exit 2 naming the file for unreadable, garbage, truncated and oversize CDs; never a stack trace', async () => {
    const { cert, key } = await signer();
    const good = file('good.der');
    expect((await matterline(...baseCreate(cert, key, good))).code).toBe(0);
    const der = fs.readFileSync(good);
    const cases: Array<[string, string, RegExp]> = [
      [path.join(work, 'missing.der'), 'FILE_UNREADABLE', /missing\.der/],
      [file('garbage.der', 'this is not a CD'), 'CD_MALFORMED', /garbage\.der: ContentInfo cannot be parsed/],
      [file('truncated.der', der.subarray(0, der.length - 10)), 'CD_MALFORMED', /truncated\.der/],
      [file('oversize.der', new Uint8Array(2000).fill(0x30)), 'CD_TOO_LARGE', /oversize\.der: 2000 bytes; the Matter SDK accepts at most 790/],
      [file('empty.der', ''), 'CD_MALFORMED', /empty\.der: the file is empty/],
      [file('bad.pem', '-----BEGIN CMS-----\n!!!\n-----END CMS-----\n'), 'CD_MALFORMED', /bad\.pem: the CMS block is not valid base64/],
    ];
    for (const [target, code, detail] of cases) {
      const json = await matterline('cd', 'inspect', target, '--json');
      expect(json.code, target).toBe(2);
      const { error } = json.json() as { error: { code: string; detail: string } };
      expect(error.code).toBe(code);
      expect(error.detail).toMatch(detail);
      const human = await matterline('cd', 'inspect', target);
      expect(human.code).toBe(2);
      expect(human.stderr).toMatch(new RegExp(`^error ${code}: `));
      expect(human.stderr).toMatch(/detail: .*/);
      expect(human.stderr + human.stdout).not.toMatch(/\n\s+at /);
    }
  });

  it('a CD in PEM form is read too', async () => {
    const { cert, key } = await signer();
    const out = file('pem-source.der');
    expect((await matterline(...baseCreate(cert, key, out))).code).toBe(0);
    const pem = file('cd.pem', toPem('CMS', new Uint8Array(fs.readFileSync(out))));
    const run = await matterline('cd', 'inspect', pem, '--signer-cert', cert, '--json');
    expect(run.code).toBe(0);
    expect(run.json().signatureValid).toBe(true);
  });

  it('exit 2 for a bad signing certificate or key, or a key that is not the certificate\'s', async () => {
    const { cert, key } = await signer();
    const good = file('for-signer-check.der');
    expect((await matterline(...baseCreate(cert, key, good))).code).toBe(0);
    const garbageCert = file('garbage-cert.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const inspect = await matterline('cd', 'inspect', good, '--signer-cert', garbageCert, '--json');
    expect(inspect.code).toBe(2);
    expect(inspect.json()).toMatchObject({ ok: false, error: { code: 'CD_SIGNER_CERT_INVALID', detail: expect.stringContaining('garbage-cert.pem') } });

    const other = await makeTestSigner();
    const mismatch = await matterline(...baseCreate(cert, file('other-key.pem', other.pkcs8Pem), file('never.der')), '--json');
    expect(mismatch.code).toBe(2);
    expect(mismatch.json()).toMatchObject({ error: { code: 'CD_SIGNING_KEY_MISMATCH' } });
    expect(fs.existsSync(path.join(work, 'never.der'))).toBe(false);

    const notAKey = await matterline(...baseCreate(cert, cert, file('never2.der')), '--json');
    expect(notAKey.code).toBe(2);
    expect(notAKey.json()).toMatchObject({ error: { code: 'CD_SIGNING_KEY_INVALID', detail: expect.stringContaining('signer-cert.pem') } });

    const p384 = (await import('node:crypto')).generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const wrongCurve = await matterline(...baseCreate(cert, file('p384.pem', String(p384.privateKey.export({ type: 'pkcs8', format: 'pem' }))), file('never3.der')), '--json');
    expect(wrongCurve.json()).toMatchObject({ error: { code: 'CD_SIGNING_KEY_INVALID', detail: expect.stringMatching(/secp384r1, not EC P-256/) } });
  });

  it('exit 2 for bad options: certificate id length, PAA key id, lone dac-origin option, bad numbers', async () => {
    const { cert, key } = await signer();
    const cases: Array<[string[], string, RegExp]> = [
      [['--certificate-id', 'SHORT'], 'CD_CONTENT_INVALID', /exactly 19 characters/],
      [['--authorized-paa-skid', 'abcd'], 'CLI_BAD_ARGUMENT', /20 bytes as 40 hex digits/],
      [['--dac-origin-vid', '0xFFF2'], 'CLI_BAD_ARGUMENT', /go together/],
      [['--certification-type', '3'], 'CLI_BAD_ARGUMENT', /--certification-type 3: expected a whole number from 0 to 2/],
      [['--pid', '0x10000'], 'CLI_BAD_ARGUMENT', /--pid 0x10000/],
    ];
    for (const [extra, code, detail] of cases) {
      const run = await matterline(...baseCreate(cert, key, file('never4.der')), ...extra, '--json');
      expect(run.code, extra.join(' ')).toBe(2);
      expect(run.json()).toMatchObject({ ok: false, error: { code, detail: expect.stringMatching(detail) } });
    }
    const missing = await matterline('cd', 'create', '--vid', '1', '--json');
    expect(missing.code).toBe(2);
    expect(missing.json()).toMatchObject({ error: { code: 'CLI_BAD_ARGUMENT' } });
  });
});

const describeVectors = runVectorTests ? describe : describe.skip;
if (!runVectorTests) describe('matterline cd with the SDK test signing key', () => it.skip(vectorsSkipReason, () => {}));

describeVectors('matterline cd with the SDK test signing key and vectors (../shared/vectors)', () => {
  it('the vector folder is present', () => expect(vectorsPresent, vectorsSkipReason).toBe(true));

  const cert = vectorPath(CD_SIGNING_CERT);
  const key = vectorPath(CD_SIGNING_KEY);

  it('creates development and provisional CDs with the test key; refuses official', async () => {
    const dev = await matterline(...baseCreate(cert, key, file('test-dev.der')), '--json');
    expect(dev.code, dev.stdout).toBe(0);
    expect(dev.json()).toMatchObject({ signer: 'csa-test', signerKeyId: '62FA823359ACFAA9963E1CFA140ADDF504F37160', certificationType: 0 });
    const provisional = await matterline(...baseCreate(cert, key, file('test-prov.der')), '--certification-type', '1', '--json');
    expect(provisional.code).toBe(0);
    expect(provisional.stderr).toMatch(/#42460/);
    const official = await matterline(...baseCreate(cert, key, file('test-official.der')), '--certification-type', '2', '--json');
    expect(official.code).toBe(2);
    expect(official.json()).toMatchObject({ error: { code: 'CD_TEST_KEY_NOT_ALLOWED' } });
    expect(fs.existsSync(path.join(work, 'test-official.der'))).toBe(false);
  });

  const vectorCd = (name: string) => {
    const json = JSON.parse(fs.readFileSync(vectorPath(`${COMMISSIONER_DUT}/${name}/test_case_vector.json`), 'utf8')) as { certification_declaration: string };
    return file(`${name}.der`, Buffer.from(json.certification_declaration, 'hex'));
  };

  it('inspects the SDK vectors: valid (0), bad signature (1), official with the test key (1), unsupported content type (2)', async () => {
    const valid = await matterline('cd', 'inspect', vectorCd('struct_cd_format_version_1'), '--signer-cert', cert, '--json');
    expect(valid.code).toBe(0);
    expect(valid.json()).toEqual({
      ...SDK_TEST_CD_CONTENT,
      dacOriginVendorId: null,
      dacOriginProductId: null,
      authorizedPaaList: null,
      signerKeyId: '62FA823359ACFAA9963E1CFA140ADDF504F37160',
      signatureValid: true,
    });
    const badSignature = await matterline('cd', 'inspect', vectorCd('struct_cd_cms_signature'), '--signer-cert', cert, '--json');
    expect(badSignature.code).toBe(1);
    expect(badSignature.json().signatureValid).toBe(false);
    const official = await matterline('cd', 'inspect', vectorCd('struct_cd_official_cd'), '--signer-cert', cert);
    expect(official.code).toBe(1);
    expect(official.stdout).toMatch(/FAIL CD_TEST_KEY_NOT_ALLOWED/);
    const msac = await matterline('cd', 'inspect', vectorCd('struct_cd_cms_econtent_type_msac'), '--json');
    expect(msac.code).toBe(2);
    expect(msac.json()).toMatchObject({ error: { code: 'CD_CONTENT_TYPE', detail: expect.stringContaining('struct_cd_cms_econtent_type_msac.der') } });
  });
});
