// The Matter SDK's published test credentials (../shared/vectors/chip) written to a board: read-back
// must call them test/example credentials. Also checks the embedded table of SDK test PAAs, PAIs and
// the example DAC against the files it was copied from.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCertificate, parsePrivateKey, readSubjectKeyId, toHex, TrustStore } from '../../main/matter/certificates';
import { checkDevice, findKnownTestCredential, KNOWN_TEST_CREDENTIALS, readDeviceBack, type CheckName, type VerificationReport } from '../../main/station/verify';
import { CD_SIGNING_CERT, loadCommissionerVectors, PAA_FFF1, PAA_NOVID, readPemDer, runVectorTests, vectorPath, vectorsSkipReason } from '../unit/matter/cdVectors';
import { board, deviceValues, expectationsFor, hierarchy, NOW, nvm3Image, program, unwrap } from '../unit/station/verify/provisionedBoard';

const vector = (name: string) => loadCommissionerVectors().find((item) => item.name === name)!;
const failed = (report: VerificationReport): CheckName[] => report.checks.filter((check) => check.status === 'fail').map((check) => check.name);
const message = (report: VerificationReport, name: CheckName) => report.checks.find((check) => check.name === name)!.message;

describe.skipIf(!runVectorTests)(`SDK example credentials on a board${runVectorTests ? '' : ` (${vectorsSkipReason})`}`, () => {
  it('the embedded table matches the SDK files it names', () => {
    const files: Record<string, string> = {
      'Matter Test PAA (VID 0xFFF1)': PAA_FFF1,
      'Matter Test PAA (no VID)': PAA_NOVID,
      'Matter Test DAC 0000 (FFF1/8000, the SDK example DAC)': 'credentials/test/attestation/Chip-Test-DAC-FFF1-8000-0000-Cert.pem',
      'Matter Test PAI FFF1/8000 (older generation)': 'historical/02791f8e8030550d6345bd8ebfceabce8f9b415c/credentials/test/attestation/Chip-Test-PAI-FFF1-8000-Cert.pem',
      'Matter Test PAA FFF1 (older generation)': 'historical/2da60bf0ae7346e5bde1e1a147a88327e35e6a42/credentials/test/attestation/Chip-Test-PAA-FFF1-Cert.pem',
    };
    for (const [name, file] of Object.entries(files)) {
      const certificate = unwrap(parseCertificate(readPemDer(file)));
      const entry = KNOWN_TEST_CREDENTIALS.find((item) => item.name === name)!;
      expect(entry.subjectKeyId, name).toBe(toHex(readSubjectKeyId(certificate)!));
      expect(entry.publicKey, name).toBe(toHex(certificate.publicKey.point));
    }
  });

  it('fails not-test-credentials ("test/example credentials") for a chain to the SDK test PAA the trust store does not hold', async () => {
    const { dac, pai, cd } = vector('struct_cd_format_version_1');
    const chain = await hierarchy();
    const values = await deviceValues(30, chain);
    const port = board();
    await program(port, nvm3Image({ factoryData: values.factoryData, dac, pai, cd }));
    const { dacDer: _issued, ...record } = expectationsFor(values, chain).record!;
    // The SDK's CD signer is accepted here so the CD is not what fails; the trust store is the product's own.
    const expectations = { ...expectationsFor(values, chain), record, cdSigners: [chain.cdSigner.certificate, readPemDer(CD_SIGNING_CERT)] };
    const report = await checkDevice(unwrap(await readDeviceBack(port, { storage: 'nvm3' })), expectations, { now: NOW });
    expect(message(report, 'not-test-credentials')).toMatch(/test\/example credentials: its PAI was issued by the SDK's Matter Test PAA \(VID 0xFFF1\)/);
    // The chain cannot reach the product's PAA either: that is the same fact seen from the trust store.
    expect(failed(report)).toEqual(['chain', 'not-test-credentials']);

    // With the SDK root configured (a test DCL lab) the chain is fine and so is the check.
    const lab = await checkDevice(unwrap(await readDeviceBack(port, { storage: 'nvm3' })), { ...expectations, trustStore: TrustStore.fromCertificates([readPemDer(PAA_FFF1)]) }, { now: NOW });
    expect(failed(lab)).toEqual([]);
    // A production DCL never accepts it.
    const production = await checkDevice(unwrap(await readDeviceBack(port, { storage: 'nvm3' })), { ...expectations, dcl: 'production', trustStore: TrustStore.fromCertificates([readPemDer(PAA_FFF1)]) }, { now: NOW });
    expect(failed(production)).toContain('not-test-credentials');
    expect(message(production, 'not-test-credentials')).toMatch(/production device's chain ends at the SDK's Matter Test PAA/);
  });

  it('the current SDK PAI in the table is the one whose key the SDK publishes (SKID = SHA-1 of the key)', () => {
    const key = unwrap(parsePrivateKey(fs.readFileSync(vectorPath('credentials/test/attestation/Chip-Test-PAI-FFF1-8000-Key.pem'))));
    const entry = findKnownTestCredential('PAI', { publicKey: key.point })!;
    expect(entry.name).toBe('Matter Test PAI FFF1/8000');
    expect(entry.subjectKeyId).toBe(createHash('sha1').update(key.point).digest('hex').toUpperCase());
  });

  it('fails not-test-credentials for the SDK example DAC even when the SDK root is configured', async () => {
    const chain = await hierarchy();
    const values = await deviceValues(31, chain);
    const dac = readPemDer('credentials/test/attestation/Chip-Test-DAC-FFF1-8000-0000-Cert.pem');
    // The example DAC's own PAI certificate is not among the stored files; an older SDK PAI stands in for it.
    const pai = readPemDer('historical/02791f8e8030550d6345bd8ebfceabce8f9b415c/credentials/test/attestation/Chip-Test-PAI-FFF1-8000-Cert.pem');
    const port = board();
    await program(port, nvm3Image({ factoryData: values.factoryData, dac, pai, cd: vector('struct_cd_format_version_1').cd }));
    const expectations = { ...expectationsFor(values, chain), trustStore: TrustStore.fromCertificates([readPemDer(PAA_FFF1)]), cdSigners: [readPemDer(CD_SIGNING_CERT)] };
    const report = await checkDevice(unwrap(await readDeviceBack(port, { storage: 'nvm3' })), expectations, { now: NOW });
    expect(failed(report)).toContain('not-test-credentials');
    expect(message(report, 'not-test-credentials')).toBe("The device holds test/example credentials: its DAC is the SDK's Matter Test DAC 0000 (FFF1/8000, the SDK example DAC), whose private key is public.");
  });
});
