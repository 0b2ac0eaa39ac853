/**
 * Interoperability with OpenSSL (Debian's openssl): a chain issued with our own code passes
 * `openssl verify -x509_strict`, OpenSSL reads our profile as intended, and CSRs and keys made by
 * OpenSSL work with our issuance. Skipped only when openssl is missing outside CI; under CI a
 * missing openssl fails the suite.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAttestation } from '../../main/matter/attestation';
import { parsePrivateKey } from '../../main/matter/certificates';
import { createPai, createTestPaa, issueDac, parseDeviceCsr, prepareDacIssuer } from '../../main/matter/dac';
import { ISSUED_FROM, T0, unwrap } from '../unit/matter/attestationFixtures';

const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const opensslPresent = probe.status === 0;
const describeWithOpenssl = opensslPresent || process.env.CI ? describe : describe.skip;

function openssl(...args: string[]) {
  const run = spawnSync('openssl', args, { encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, out: `${run.stdout ?? ''}${run.stderr ?? ''}` };
}

describeWithOpenssl('OpenSSL interoperability', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-openssl-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  const file = (name: string, content: string | Uint8Array) => {
    const target = path.join(work, name);
    fs.writeFileSync(target, content);
    return target;
  };

  const paa = createTestPaa({ notBefore: ISSUED_FROM, vendorId: 0xfff1 });
  const pai = createPai(paa, { notBefore: ISSUED_FROM, vendorId: 0xfff1, productId: 0x8000 });
  const issuer = unwrap(prepareDacIssuer(pai.certificate, new TextEncoder().encode(pai.privateKeyPem)));

  it('openssl is installed (required under CI)', () => {
    expect(opensslPresent, `openssl version: ${probe.error?.message ?? probe.stderr}`).toBe(true);
  });

  it('`openssl verify -x509_strict` accepts a PAA → PAI → DAC chain we issued', () => {
    const dac = unwrap(issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now: new Date() }));
    const run = openssl('verify', '-x509_strict', '-CAfile', file('paa.pem', paa.certificatePem), '-untrusted', file('pai.pem', pai.certificatePem), file('dac.pem', dac.certificatePem));
    expect(run.out).toMatch(/dac\.pem: OK/);
    expect(run.status).toBe(0);
  });

  it('and refuses one whose DAC was issued under another PAA (the check has teeth)', () => {
    const strangerPaa = createTestPaa({ notBefore: ISSUED_FROM });
    const strangerPai = createPai(strangerPaa, { notBefore: ISSUED_FROM, vendorId: 0xfff1 });
    const stranger = unwrap(issueDac(unwrap(prepareDacIssuer(strangerPai.certificate, new TextEncoder().encode(strangerPai.privateKeyPem))), { vendorId: 0xfff1, productId: 1, now: new Date() }));
    const run = openssl('verify', '-x509_strict', '-CAfile', file('paa2.pem', paa.certificatePem), '-untrusted', file('pai2.pem', strangerPai.certificatePem), file('dac2.pem', stranger.certificatePem));
    expect(run.status).not.toBe(0);
  });

  it('OpenSSL reads our DAC profile: critical CA:FALSE, critical Digital Signature only, key ids, 9999 expiry', () => {
    const dac = unwrap(issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now: T0 }));
    const run = openssl('x509', '-in', file('dac3.pem', dac.certificatePem), '-noout', '-text');
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/Version: 3 \(0x2\)/);
    expect(run.out).toMatch(/Signature Algorithm: ecdsa-with-SHA256/);
    expect(run.out).toMatch(/ASN1 OID: prime256v1/);
    expect(run.out).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(run.out).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
    expect(run.out).toMatch(/Not After : Dec 31 23:59:59 9999 GMT/);
    expect(run.out).toContain(`1.3.6.1.4.1.37244.2.1 = FFF1, 1.3.6.1.4.1.37244.2.2 = 8000`);
    const authorityKeyId = pai.subjectKeyId.match(/../g)?.join(':');
    expect(run.out).toContain(authorityKeyId);
  });

  it('a CSR and key made by OpenSSL: the DAC certifies the device key and verifies', async () => {
    const key = file('device.key', '');
    expect(openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key).status).toBe(0);
    const csrFile = path.join(work, 'device.csr');
    expect(openssl('req', '-new', '-key', key, '-subj', '/O=CSA', '-out', csrFile).status).toBe(0);
    const csr = new Uint8Array(fs.readFileSync(csrFile));
    const dac = unwrap(issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now: T0, csr }));
    const devicePoint = unwrap(parsePrivateKey(new Uint8Array(fs.readFileSync(key)))).point;
    expect(unwrap(parseDeviceCsr(csr)).point).toEqual(devicePoint);
    expect(await verifyAttestation({ dac: dac.certificate, pai: pai.certificate, paa: paa.certificate, now: T0 })).toMatchObject({ valid: true });
  });

  it('a P-384 CSR made by OpenSSL is refused', () => {
    const key = path.join(work, 'p384.key');
    expect(openssl('ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', key).status).toBe(0);
    const csrFile = path.join(work, 'p384.csr');
    expect(openssl('req', '-new', '-key', key, '-subj', '/O=CSA', '-out', csrFile).status).toBe(0);
    expect(parseDeviceCsr(new Uint8Array(fs.readFileSync(csrFile)))).toMatchObject({ ok: false, error: { code: 'CSR_KEY_UNSUPPORTED' } });
  });

  it('a PAI key written by `openssl ecparam -genkey` (EC PARAMETERS block first) is read', () => {
    const key = path.join(work, 'pai.key');
    expect(openssl('ecparam', '-name', 'prime256v1', '-genkey', '-out', key).status).toBe(0);
    const text = fs.readFileSync(key, 'utf8');
    expect(text).toMatch(/BEGIN EC PARAMETERS[\s\S]*BEGIN EC PRIVATE KEY/);
    const keyPair = unwrap(parsePrivateKey(new TextEncoder().encode(text)));
    const ownPai = createPai(paa, { notBefore: ISSUED_FROM, vendorId: 0xfff1, keyPair });
    expect(prepareDacIssuer(ownPai.certificate, new TextEncoder().encode(text)).ok).toBe(true);
  });
});
