/**
 * `matterline dac issue` and `matterline attest verify`, run in-process through runCli as the
 * command line runs them: JSON shapes, exit codes 0/1/2, files written, and malformed input reported
 * with the file and the problem (never a stack trace).
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  authorityKeyIdentifier,
  basicConstraints,
  buildCertificate,
  encodePem,
  keyUsage,
  KeyUsageBit,
  matterName,
  subjectKeyIdentifier,
} from '../../main/matter/certificates';
import { createPai, createTestPaa, issueDac, testPaiIssuer } from '../../main/matter/dac';
import { buildCsr, chipVectorsDir, csrKey, csrPem, describeWithVectors, ISSUED_FROM, SDK_FILES, T0, unwrap } from '../unit/matter/attestationFixtures';
import { runMatterline } from '../support/cliHarness';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-cli-attest-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const target = path.join(work, name);
  fs.writeFileSync(target, content);
  return target;
};

async function cli(...args: string[]) {
  const run = await runMatterline(...args);
  return { code: run.code, out: run.stdout, err: run.stderr, json: run.json };
}

const paa = createTestPaa({ notBefore: ISSUED_FROM, vendorId: 0xfff1 });
const pai = createPai(paa, { notBefore: ISSUED_FROM, vendorId: 0xfff1 });
const paaFile = file('paa.pem', paa.certificatePem);
const paiFile = file('pai.pem', pai.certificatePem);
const paiKeyFile = file('pai.key', pai.privateKeyPem);

describe('matterline dac issue', () => {
  it('issues a DAC with a new key pair: JSON report, certificate, private key with mode 0600', async () => {
    const outCert = path.join(work, 'dac1.pem');
    const outKey = path.join(work, 'dac1.key');
    const run = await cli('dac', 'issue', '--pai-cert', paiFile, '--pai-key', paiKeyFile, '--vid', '0xFFF1', '--pid', '32768', '--out-cert', outCert, '--out-key', outKey, '--not-after', '2040-01-01T00:00:00Z', '--json');
    expect(run.code, run.out).toBe(0);
    expect(run.json()).toEqual({
      serial: expect.stringMatching(/^[4-7][0-9A-F]{31}$/),
      subjectKeyId: expect.stringMatching(/^[0-9A-F]{40}$/),
      vendorId: 0xfff1,
      productId: 0x8000,
      notBefore: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      notAfter: '2040-01-01T00:00:00.000Z',
      files: { certificate: outCert, privateKey: outKey },
    });
    expect(fs.readFileSync(outCert, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(fs.readFileSync(outKey, 'utf8')).toMatch(/^-----BEGIN EC PRIVATE KEY-----/);
    expect(fs.statSync(outKey).mode & 0o777).toBe(0o600);

    const verify = await cli('attest', 'verify', '--dac', outCert, '--pai', paiFile, '--paa', paaFile, '--json');
    expect(verify.code).toBe(0);
    expect(verify.json()).toEqual({ valid: true, vendorId: 0xfff1, productId: 0x8000, errors: [] });
  });

  it('issues for a device CSR, writing DER when asked; the report names only the certificate', async () => {
    const csr = file('device.csr', csrPem(buildCsr(csrKey({ kind: 'p256' }))));
    const outCert = path.join(work, 'dac2.der');
    const run = await cli('dac', 'issue', '--pai-cert', paiFile, '--pai-key', paiKeyFile, '--vid', '65521', '--pid', '0x0001', '--csr', csr, '--out-cert', outCert, '--json');
    expect(run.code, run.out).toBe(0);
    expect(run.json().files).toEqual({ certificate: outCert });
    expect(fs.readFileSync(outCert)[0]).toBe(0x30);
  });

  it('prints a human summary without --json', async () => {
    const run = await cli('dac', 'issue', '--pai-cert', paiFile, '--pai-key', paiKeyFile, '--vid', '0xFFF1', '--pid', '2', '--out-cert', path.join(work, 'dac3.pem'), '--out-key', path.join(work, 'dac3.key'));
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^DAC issued: VID 0xFFF1 PID 0x0002, serial [0-9A-F]{32}\n/);
    expect(run.out).toMatch(/private key: .*dac3\.key \(mode 0600\)/);
  });

  it('refuses --out-key together with --csr, and a new key without --out-key (exit 2)', async () => {
    const csr = file('device2.csr', csrPem(buildCsr(csrKey({ kind: 'p256' }))));
    const both = await cli('dac', 'issue', '--pai-cert', paiFile, '--pai-key', paiKeyFile, '--vid', '0xFFF1', '--pid', '1', '--csr', csr, '--out-key', path.join(work, 'x.key'), '--out-cert', path.join(work, 'x.pem'), '--json');
    expect(both.code).toBe(2);
    expect(both.json()).toMatchObject({ ok: false, error: { code: 'CLI_BAD_ARGUMENT', detail: expect.stringMatching(/--csr.*cannot be used with.*--out-key|--out-key.*--csr/) } });
    const neither = await cli('dac', 'issue', '--pai-cert', paiFile, '--pai-key', paiKeyFile, '--vid', '0xFFF1', '--pid', '1', '--out-cert', path.join(work, 'y.pem'), '--json');
    expect(neither.code).toBe(2);
    expect(neither.json()).toMatchObject({ error: { code: 'CLI_BAD_ARGUMENT', detail: expect.stringMatching(/--out-key/) } });
    expect(fs.existsSync(path.join(work, 'y.pem'))).toBe(false);
  });

  it('never overwrites an existing private key (exit 1, nothing written)', async () => {
    const outKey = file('existing.key', 'keep me');
    const outCert = path.join(work, 'dac4.pem');
    const run = await cli('dac', 'issue', '--pai-cert', paiFile, '--pai-key', paiKeyFile, '--vid', '0xFFF1', '--pid', '1', '--out-cert', outCert, '--out-key', outKey, '--json');
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ error: { code: 'FILE_NOT_WRITABLE', detail: expect.stringMatching(/existing\.key: the file already exists/) } });
    expect(fs.readFileSync(outKey, 'utf8')).toBe('keep me');
    expect(fs.existsSync(outCert)).toBe(false);
  });

  it('refuses a VID/PID outside the PAI\'s scope, and out-of-range numbers (exit 2)', async () => {
    const args = ['dac', 'issue', '--pai-cert', paiFile, '--pai-key', paiKeyFile, '--out-cert', path.join(work, 'z.pem'), '--out-key', path.join(work, 'z.key'), '--json'];
    const scope = await cli(...args, '--vid', '0xFFF2', '--pid', '1');
    expect(scope.code).toBe(2);
    expect(scope.json()).toMatchObject({ error: { code: 'DAC_SCOPE_MISMATCH' } });
    const range = await cli(...args, '--vid', '0x10000', '--pid', '1');
    expect(range.code).toBe(2);
    expect(range.json()).toMatchObject({ error: { code: 'CLI_BAD_ARGUMENT', detail: expect.stringMatching(/--vid 0x10000/) } });
    const instant = await cli(...args, '--vid', '0xFFF1', '--pid', '1', '--not-after', 'tomorrow');
    expect(instant.code).toBe(2);
  });

  it('names the file when the PAI key or certificate is unusable (exit 2)', async () => {
    const args = ['--vid', '0xFFF1', '--pid', '1', '--out-cert', path.join(work, 'w.pem'), '--out-key', path.join(work, 'w.key'), '--json'];
    const garbageKey = file('garbage.key', 'not a key');
    const badKey = await cli('dac', 'issue', '--pai-cert', paiFile, '--pai-key', garbageKey, ...args);
    expect(badKey.code).toBe(2);
    expect(badKey.json()).toMatchObject({ error: { code: 'KEY_MALFORMED', detail: expect.stringContaining(`--pai-key ${garbageKey}: `) } });
    const p384 = file('p384.key', generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString());
    expect((await cli('dac', 'issue', '--pai-cert', paiFile, '--pai-key', p384, ...args)).json()).toMatchObject({ error: { code: 'KEY_NOT_P256' } });
    const wrongKey = await cli('dac', 'issue', '--pai-cert', paiFile, '--pai-key', file('paa.key', paa.privateKeyPem), ...args);
    expect(wrongKey.json()).toMatchObject({ error: { code: 'KEY_MISMATCH' } });
    const truncated = await cli('dac', 'issue', '--pai-cert', file('pai-cut.der', pai.certificate.slice(0, 90)), '--pai-key', paiKeyFile, ...args);
    expect(truncated.code).toBe(2);
    expect(truncated.json()).toMatchObject({ error: { code: 'CERT_MALFORMED', detail: expect.stringMatching(/--pai-cert .*pai-cut\.der: truncated/) } });
    const tampered = file('bad.csr', csrPem(buildCsr(csrKey({ kind: 'p256' }), { tamper: 'signature' })));
    const badCsr = await cli('dac', 'issue', '--pai-cert', paiFile, '--pai-key', paiKeyFile, '--vid', '0xFFF1', '--pid', '1', '--csr', tampered, '--out-cert', path.join(work, 'v.pem'), '--json');
    expect(badCsr.code).toBe(2);
    expect(badCsr.json()).toMatchObject({ error: { code: 'CSR_SIGNATURE_INVALID', detail: expect.stringContaining(`--csr ${tampered}`) } });
  });
});

describe('matterline attest verify', () => {
  const dac = unwrap(issueDac(unwrap(testPaiIssuer(pai)), { vendorId: 0xfff1, productId: 0x8000, now: T0 }));
  const dacFile = file('dac.der', dac.certificate);

  it('exit 1 with every problem listed when the chain is wrong', async () => {
    const stranger = file('stranger-paa.pem', createTestPaa({ notBefore: ISSUED_FROM }).certificatePem);
    const run = await cli('attest', 'verify', '--dac', dacFile, '--pai', paiFile, '--paa', stranger, '--at', '2025-06-01T00:00:00Z', '--json');
    expect(run.code).toBe(1);
    const report = run.json();
    expect(report).toMatchObject({ valid: false, vendorId: 0xfff1, productId: 0x8000 });
    expect(report.errors).toEqual([
      { code: 'CHAIN_ISSUER_MISMATCH', message: expect.any(String), detail: 'PAI issuer is "CN=Matterline Test PAA, VID=FFF1" but the PAA subject is "CN=Matterline Test PAA"' },
      { code: 'CHAIN_ISSUER_MISMATCH', message: expect.any(String), detail: expect.stringMatching(/PAI authorityKeyIdentifier/) },
      { code: 'CHAIN_SIGNATURE_INVALID', message: expect.any(String), detail: expect.any(String) },
    ]);
  });

  it('--at sets the verification time', async () => {
    const run = await cli('attest', 'verify', '--dac', dacFile, '--pai', paiFile, '--paa', paaFile, '--at', '2024-06-01T00:00:00Z', '--json');
    expect(run.code).toBe(1);
    expect(run.json().errors).toEqual([expect.objectContaining({ code: 'DAC_NOT_YET_VALID' })]);
  });

  it('--trust loads a folder of PAAs and reports what it skipped', async () => {
    const folder = path.join(work, 'trust');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'paa.pem'), paa.certificatePem);
    fs.writeFileSync(path.join(folder, 'pai.pem'), pai.certificatePem);
    const run = await cli('attest', 'verify', '--dac', dacFile, '--pai', paiFile, '--trust', folder, '--json');
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ valid: true, trustStore: { paas: 1, rejected: [{ source: path.join(folder, 'pai.pem'), reason: expect.stringMatching(/^not self-signed/) }] } });
    const human = await cli('attest', 'verify', '--dac', dacFile, '--pai', paiFile, '--trust', folder);
    expect(human.out).toMatch(/^VALID: VID 0xFFF1 PID 0x8000\ntrust store: 1 PAA\n {2}skipped .*pai\.pem: not self-signed/);
  });

  describe('unusable input: exit 2, the catalogue error naming the file and the problem', () => {
    const expectBadInput = async (args: string[], code: string, detail: RegExp) => {
      const run = await cli('attest', 'verify', ...args, '--json');
      expect(run.code, run.out).toBe(2);
      expect(run.json()).toMatchObject({ ok: false, error: { code, message: expect.any(String), fix: expect.any(String), detail: expect.stringMatching(detail) } });
      const human = await cli('attest', 'verify', ...args);
      expect(human.code).toBe(2);
      expect(human.err).toMatch(new RegExp(`^error ${code}: .+\\n {2}detail: .+\\n {2}fix: .+`));
    };

    it('a truncated DER certificate', async () => {
      const cut = file('dac-cut.der', dac.certificate.slice(0, dac.certificate.length - 20));
      await expectBadInput(['--dac', cut, '--pai', paiFile, '--paa', paaFile], 'CERT_MALFORMED', /^--dac .*dac-cut\.der: truncated/);
    });

    it('garbage PEM', async () => {
      const garbage = file('pai-garbage.pem', '-----BEGIN CERTIFICATE-----\nthis is @@ not base64\n-----END CERTIFICATE-----\n');
      await expectBadInput(['--dac', dacFile, '--pai', garbage, '--paa', paaFile], 'CERT_MALFORMED', /^--pai .*pai-garbage\.pem: the CERTIFICATE block is not valid base64/);
    });

    it('a file that is not a certificate at all', async () => {
      const text = file('notes.txt', 'hello');
      await expectBadInput(['--dac', dacFile, '--pai', paiFile, '--paa', text], 'CERT_MALFORMED', /^--paa .*notes\.txt: it is neither PEM/);
    });

    it('a certificate whose key is on another curve', async () => {
      const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey;
      const k1Spki = new Uint8Array(k1.export({ type: 'spki', format: 'der' }));
      const k1Dac = buildCertificate(
        {
          serialNumber: Uint8Array.of(0x33, 1, 2, 3, 4, 5, 6, 7),
          issuer: pai.parsed.subject.der,
          subject: matterName({ commonName: 'DAC', vendorId: 0xfff1, productId: 0x8000 }),
          notBefore: T0,
          notAfter: new Date('9999-12-31T23:59:59Z'),
          subjectPublicKeyInfo: k1Spki,
          extensions: [basicConstraints(false), keyUsage([KeyUsageBit.digitalSignature]), subjectKeyIdentifier(new Uint8Array(20).fill(3)), authorityKeyIdentifier(pai.key.keyId)],
        },
        pai.key.privateKey,
      );
      const k1File = file('dac-k1.pem', encodePem('CERTIFICATE', k1Dac));
      await expectBadInput(['--dac', k1File, '--pai', paiFile, '--paa', paaFile], 'CERT_KEY_UNSUPPORTED', /^--dac .*dac-k1\.pem: the public key is EC on secp256k1, not P-256$/);
    });

    it('a CD over the size limit, and a CD that is not a CMS', async () => {
      await expectBadInput(['--dac', dacFile, '--pai', paiFile, '--paa', paaFile, '--cd', file('big.cd', new Uint8Array(1000).fill(0x30))], 'CD_TOO_LARGE', /^--cd .*big\.cd: 1000 bytes/);
      await expectBadInput(['--dac', dacFile, '--pai', paiFile, '--paa', paaFile, '--cd', file('junk.cd', new TextEncoder().encode('junk'))], 'CD_MALFORMED', /^--cd .*junk\.cd: /);
    });

    it('a missing file', async () => {
      await expectBadInput(['--dac', path.join(work, 'nope.der'), '--pai', paiFile, '--paa', paaFile], 'FILE_UNREADABLE', /^--dac .*nope\.der: .*ENOENT/);
    });

    it('an empty or missing trust folder', async () => {
      const empty = path.join(work, 'empty-trust');
      fs.mkdirSync(empty);
      await expectBadInput(['--dac', dacFile, '--pai', paiFile, '--trust', empty], 'TRUST_STORE_EMPTY', /no certificate files were found/);
      await expectBadInput(['--dac', dacFile, '--pai', paiFile, '--trust', path.join(work, 'no-such-dir')], 'TRUST_FOLDER_UNREADABLE', /no-such-dir/);
    });

    it('--paa and --trust together, or neither', async () => {
      await expectBadInput(['--dac', dacFile, '--pai', paiFile, '--paa', paaFile, '--trust', work], 'CLI_BAD_ARGUMENT', /--paa|--trust/);
      await expectBadInput(['--dac', dacFile, '--pai', paiFile], 'CLI_BAD_ARGUMENT', /--paa FILE or trusted roots with --trust DIR/);
    });
  });
});

describeWithVectors('matterline attest verify on SDK vectors', () => {
  const extract = (caseName: string) => {
    const vector = JSON.parse(fs.readFileSync(path.join(chipVectorsDir, 'credentials', 'development', 'commissioner_dut', caseName, 'test_case_vector.json'), 'utf8')) as Record<string, string>;
    return {
      dac: file(`${caseName}-dac.der`, Buffer.from(vector.dac_cert ?? '', 'hex')),
      pai: file(`${caseName}-pai.der`, Buffer.from(vector.pai_cert ?? '', 'hex')),
      cd: file(`${caseName}-cd.der`, Buffer.from(vector.certification_declaration ?? '', 'hex')),
    };
  };
  const trust = path.join(chipVectorsDir, 'credentials', 'development', 'paa-root-certs');
  const signer = path.join(chipVectorsDir, ...SDK_FILES.cdSigningCert);

  it('a success case passes with the SDK test roots and the CSA test CD signer (exit 0)', async () => {
    const { dac, pai: paiDer, cd } = extract('struct_cd_format_version_1');
    const run = await cli('attest', 'verify', '--dac', dac, '--pai', paiDer, '--trust', trust, '--cd', cd, '--cd-signer', signer, '--at', '2026-06-01T00:00:00Z', '--json');
    expect(run.code, run.out).toBe(0);
    expect(run.json()).toMatchObject({ valid: true, vendorId: 0xfff1, productId: 0x8000, errors: [] });
  });

  it('without --cd-signer the test CD cannot be trusted: there is no built-in signer list (exit 1)', async () => {
    const { dac, pai: paiDer, cd } = extract('struct_cd_format_version_1');
    const run = await cli('attest', 'verify', '--dac', dac, '--pai', paiDer, '--trust', trust, '--cd', cd, '--at', '2026-06-01T00:00:00Z', '--json');
    expect(run.code).toBe(1);
    expect(run.json().errors).toEqual([expect.objectContaining({ code: 'CD_SIGNER_UNKNOWN' })]);
  });

  it('a failure case fails for its rule (exit 1)', async () => {
    const { dac, pai: paiDer, cd } = extract('struct_cd_cms_signature');
    const run = await cli('attest', 'verify', '--dac', dac, '--pai', paiDer, '--trust', trust, '--cd', cd, '--cd-signer', signer, '--at', '2026-06-01T00:00:00Z', '--json');
    expect(run.code).toBe(1);
    expect(run.json().errors).toEqual([expect.objectContaining({ code: 'CD_SIGNATURE_INVALID' })]);
  });

  it('the secp256k1 DAC vector is unusable input on the command line (exit 2)', async () => {
    const { dac, pai: paiDer } = extract('struct_dac_sig_curve_secp256k1');
    const run = await cli('attest', 'verify', '--dac', dac, '--pai', paiDer, '--trust', trust, '--json');
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({ error: { code: 'CERT_KEY_UNSUPPORTED', detail: expect.stringContaining('secp256k1') } });
  });
});
