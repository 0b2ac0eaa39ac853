// The PAA trust store (pure, from bytes) and the folder loader that feeds it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { basicConstraints, buildCertificate, keyUsage, KeyUsageBit, matterName, subjectKeyIdentifier, TrustStore } from '../../../main/matter/certificates';
import { createTestPaa, issueDac } from '../../../main/matter/dac';
import { loadTrustStoreFolders } from '../../../main/services/trustStoreFolders';
import { ISSUED_FROM, SDK_FILES, T0, describeWithVectors, makeHierarchy, unwrap, vectorFile } from './attestationFixtures';

const { paa, pai, issuer } = makeHierarchy({ vendorId: 0xfff1 });
const otherPaa = createTestPaa({ notBefore: ISSUED_FROM, vendorId: 0xfff2, commonName: 'Other PAA' });
const text = (value: string) => new TextEncoder().encode(value);

describe('TrustStore.fromCertificates', () => {
  it('holds PAAs from PEM or DER and finds them by key identifier and by subject', () => {
    const store = TrustStore.fromCertificates([text(paa.certificatePem), otherPaa.certificate]);
    expect(store.size).toBe(2);
    expect(store.rejected).toEqual([]);
    expect(store.findBySubjectKeyId(paa.key.keyId)?.source).toBe('#1');
    expect(store.findBySubjectKeyId(otherPaa.key.keyId)?.vidPid.vendorId).toBe(0xfff2);
    expect(store.findBySubject(otherPaa.parsed.subject.der)?.source).toBe('#2');
    expect(store.findBySubjectKeyId(pai.key.keyId)).toBeUndefined();
  });

  it('reads every PAA of a PEM bundle', () => {
    const store = TrustStore.fromCertificates([{ name: 'bundle.pem', bytes: text(paa.certificatePem + otherPaa.certificatePem) }]);
    expect(store.paas.map((item) => item.source)).toEqual(['bundle.pem (certificate 1)', 'bundle.pem (certificate 2)']);
  });

  it('keeps out everything that is not a usable PAA, with the reason', () => {
    const dac = unwrap(issueDac(issuer, { vendorId: 0xfff1, productId: 1, now: T0 }));
    // Self-signed but not a CA: fails the PAA profile.
    const notCa = createTestPaa({ notBefore: ISSUED_FROM });
    const leafKey = notCa.key;
    const selfSignedLeaf = buildCertificate(
      {
        serialNumber: Uint8Array.of(0x11, 2, 3, 4, 5, 6, 7, 8),
        issuer: matterName({ commonName: 'Leaf' }),
        subject: matterName({ commonName: 'Leaf' }),
        notBefore: ISSUED_FROM,
        notAfter: new Date('2030-01-01T00:00:00Z'),
        subjectPublicKeyInfo: leafKey.spki,
        extensions: [basicConstraints(false), keyUsage([KeyUsageBit.digitalSignature]), subjectKeyIdentifier(leafKey.keyId)],
      },
      leafKey.privateKey,
    );
    // A root whose self-signature was damaged.
    const broken = paa.certificate.slice();
    broken[broken.length - 5] = (broken[broken.length - 5] as number) ^ 0xff;
    // The same key re-certified with another serial: a different certificate with the same SKID.
    const reissued = createTestPaa({ notBefore: new Date('2024-02-01T00:00:00Z'), keyPair: paa.key });

    const store = TrustStore.fromCertificates([
      { name: 'paa.pem', bytes: text(paa.certificatePem) },
      { name: 'garbage.pem', bytes: text('not a certificate') },
      { name: 'pai.pem', bytes: text(pai.certificatePem) },
      { name: 'dac.der', bytes: dac.certificate },
      { name: 'leaf.der', bytes: selfSignedLeaf },
      { name: 'broken.der', bytes: broken },
      { name: 'copy.pem', bytes: text(paa.certificatePem) },
      { name: 'reissued.der', bytes: reissued.certificate },
      { name: 'key.pem', bytes: text(paa.privateKeyPem) },
    ]);
    expect(store.size).toBe(1);
    const reasons = Object.fromEntries(store.rejected.map((item) => [item.source, item.reason]));
    expect(reasons['garbage.pem']).toMatch(/neither PEM .* nor DER/);
    expect(reasons['pai.pem']).toMatch(/^not self-signed: issued by "CN=Matterline Test PAA"/);
    expect(reasons['dac.der']).toMatch(/^not self-signed/);
    expect(reasons['leaf.der']).toMatch(/^not a valid PAA: basicConstraints is CA:FALSE.*; keyUsage is digitalSignature/);
    expect(reasons['broken.der']).toMatch(/^its self-signature does not verify/);
    expect(reasons['copy.pem']).toBe('the same certificate was already loaded from paa.pem');
    expect(reasons['reissued.der']).toBe(`another PAA with key identifier ${paa.subjectKeyId} was already loaded from paa.pem`);
    expect(reasons['key.pem']).toMatch(/holds EC PRIVATE KEY but no "CERTIFICATE"/);
  });
});

describeWithVectors('TrustStore with the SDK test roots', () => {
  it('accepts the current and the historical test PAAs; refuses the historical PAI', () => {
    const store = TrustStore.fromCertificates([
      { name: 'FFF1', bytes: vectorFile(...SDK_FILES.paaFff1) },
      { name: 'NoVID', bytes: vectorFile(...SDK_FILES.paaNoVid) },
      { name: 'historical PAA', bytes: vectorFile(...SDK_FILES.historicalPaa) },
      { name: 'historical PAI', bytes: vectorFile(...SDK_FILES.historicalPai) },
      { name: 'CD signer', bytes: vectorFile(...SDK_FILES.cdSigningCert) },
    ]);
    const keyIds = store.paas.map((item) => `${item.source} ${Buffer.from(item.subjectKeyId).toString('hex').toUpperCase()}`);
    expect(keyIds).toContain('FFF1 6AFD22771F511FECBF1641976710DCDC31A1717E');
    expect(keyIds).toContain('NoVID 785CE705B86B8F4E6FC793AA60CB43EA696882D5');
    expect(keyIds.some((entry) => entry.startsWith('historical PAA 6B7A'))).toBe(true);
    expect(store.rejected.map((item) => item.source)).toEqual(['historical PAI']);
    // The CD signing certificate is shaped like a PAA (self-signed CA, no PID): the store cannot tell
    // it apart, which is why trust folders should hold only PAAs.
    expect(store.size).toBe(4);
  });
});

describe('loadTrustStoreFolders', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-trust-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('loads certificate files from each folder and lists what it skipped', () => {
    const first = path.join(root, 'dcl');
    const second = path.join(root, 'sdk');
    fs.mkdirSync(first);
    fs.mkdirSync(second);
    fs.writeFileSync(path.join(first, 'paa.pem'), paa.certificatePem);
    fs.writeFileSync(path.join(first, 'pai.crt'), pai.certificatePem);
    fs.writeFileSync(path.join(first, 'README.md'), '# roots');
    fs.mkdirSync(path.join(first, 'nested'));
    fs.writeFileSync(path.join(second, 'other.der'), otherPaa.certificate);
    const loaded = unwrap(loadTrustStoreFolders([first, second]));
    expect(loaded.store.size).toBe(2);
    expect(loaded.rejected.map((item) => path.basename(item.source))).toEqual(['pai.crt']);
    expect(loaded.ignored.map((file) => path.basename(file))).toEqual(['README.md']);
  });

  it('fails with TRUST_STORE_EMPTY, saying why, when no PAA is usable', () => {
    const empty = path.join(root, 'empty');
    fs.mkdirSync(empty);
    const none = loadTrustStoreFolders([empty]);
    expect(none.ok || none.error).toMatchObject({ code: 'TRUST_STORE_EMPTY', detail: expect.stringMatching(/no certificate files were found/) });
    fs.writeFileSync(path.join(empty, 'pai.pem'), pai.certificatePem);
    const onlyPai = loadTrustStoreFolders([empty]);
    expect(onlyPai.ok || onlyPai.error).toMatchObject({ code: 'TRUST_STORE_EMPTY', detail: expect.stringMatching(/pai\.pem: not self-signed/) });
  });

  it('fails with TRUST_FOLDER_UNREADABLE for a folder that does not exist', () => {
    const missing = loadTrustStoreFolders([path.join(root, 'missing')]);
    expect(missing.ok || missing.error).toMatchObject({ code: 'TRUST_FOLDER_UNREADABLE', detail: expect.stringMatching(/missing: .*ENOENT/) });
  });
});
