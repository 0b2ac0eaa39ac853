// Read back and verify a simulated MG24 board provisioned as the station does it: every check passes
// on a healthy board, and each fault fails exactly the check meant to catch it.
import { describe, expect, it } from 'vitest';
import { checkDevice, readDeviceBack, type CheckName, type VerificationExpectations, type VerificationReport } from '../../main/station/verify';
import type { SimulatedDebugPort } from '../../main/sim';
import { applyLock } from '../../main/target';
import { TrustStore } from '../../main/matter/certificates';
import { createCdSigningCertificate, createTestPaa } from '../../main/matter/dac';
import { computeSpake2pVerifier } from '../../main/matter/spake2p';
import { encodeBase64 } from '../../main/silabs/factoryData';
import { board, deviceValues, expectationsFor, hierarchy, NOW, nvm3Image, part, program, provisionedBoard, singlePageImage, unwrap } from '../unit/station/verify/provisionedBoard';

async function verify(port: SimulatedDebugPort, expectations: VerificationExpectations, storage: 'nvm3' | 'single-page' | 'auto' = 'nvm3'): Promise<VerificationReport> {
  const readback = unwrap(await readDeviceBack(port, { storage, timeoutMs: 2000 }));
  return checkDevice(readback, expectations, { now: NOW });
}

function failed(report: VerificationReport): CheckName[] {
  return report.checks.filter((check) => check.status === 'fail').map((check) => check.name);
}

function message(report: VerificationReport, name: CheckName): string {
  return report.checks.find((check) => check.name === name)!.message;
}

describe('read back and verify a provisioned MG24', () => {
  it('passes every check on a correctly provisioned board', async () => {
    const { port, expectations } = await provisionedBoard(1);
    const report = await verify(port, expectations);
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ['part', 'pass'],
      ['lock', 'pass'],
      ['present', 'pass'],
      ['dac-identical', 'pass'],
      ['chain', 'pass'],
      ['cd', 'pass'],
      ['vid-pid', 'pass'],
      ['commissioning', 'pass'],
      ['onboarding', 'pass'],
      ['not-test-credentials', 'pass'],
      ['key', 'skip'],
    ]);
    expect(report.passed).toBe(true);
    expect(report.partNumber).toBe('EFR32MG24B210F1536IM48');
    expect(report.eui64).toBe('14b457fffe000001');
    for (const check of report.checks) expect(check.message).toMatch(/^[A-Z].*\.$/);
  });

  it('reads the same board back with storage auto', async () => {
    const { port, expectations } = await provisionedBoard(2);
    const readback = unwrap(await readDeviceBack(port, { storage: 'auto' }));
    expect(readback.parsed?.layout).toBe('nvm3');
    expect(readback.regions.map((region) => region.name)).toEqual(['nvm3', 'credentials']);
    expect((await checkDevice(readback, expectations, { now: NOW })).passed).toBe(true);
  });

  it('dac-identical: fails when the record holds another DAC than the one on the board', async () => {
    const { port, chain, expectations } = await provisionedBoard(3);
    const other = await deviceValues(4, chain);
    const report = await verify(port, { ...expectations, record: { ...expectations.record!, dacDer: other.dac } });
    expect(failed(report)).toEqual(['dac-identical']);
    expect(message(report, 'dac-identical')).toMatch(/not the one the station issued/);
    expect(report.passed).toBe(false);
  });

  it('vid-pid: fails when NVM3 holds another vendor ID than the certificates and the configuration', async () => {
    const chain = await hierarchy();
    const values = await deviceValues(5, chain, { vendorId: 0xfff2 });
    const port = board();
    await program(port, nvm3Image({ factoryData: values.factoryData, dac: values.dac, pai: chain.pai.certificate, cd: chain.cd }));
    const report = await verify(port, expectationsFor(values, chain));
    expect(failed(report)).toEqual(['vid-pid']);
    expect(message(report, 'vid-pid')).toMatch(/the factory data says VID 0xFFF2/);
    expect(report.checks.find((check) => check.name === 'onboarding')!.status).toBe('skip');
  });

  it('present: an erased board has no credentials and would fall back to example credentials', async () => {
    const chain = await hierarchy();
    const values = await deviceValues(6, chain);
    const readback = unwrap(await readDeviceBack(board(), { storage: 'nvm3' }));
    expect(readback.parsed).toBeNull();
    expect(readback.parseError?.code).toBe('NVM3_NO_VALID_PAGES');
    expect(readback.regions.every((region) => region.bytes.every((byte) => byte === 0xff))).toBe(true);
    const report = await checkDevice(readback, expectationsFor(values, chain), { now: NOW });
    expect(failed(report)).toEqual(['present']);
    expect(message(report, 'present')).toBe('No credentials: the firmware would fall back to example credentials.');
    const auto = unwrap(await readDeviceBack(board(), { storage: 'auto' }));
    expect(auto.parseError?.code).toBe('IMAGE_NO_PROVISIONING_DATA');
    expect(failed(await checkDevice(auto, expectationsFor(values, chain), { now: NOW }))).toEqual(['present']);
  });

  it('lock: a locked board reads back as locked with no data, and fails only the lock check', async () => {
    const { port, expectations } = await provisionedBoard(7);
    const status = unwrap(await applyLock(port, 'standard'));
    expect(status.locked).toBe(true);
    const readback = unwrap(await readDeviceBack(port, { storage: 'nvm3' }));
    expect(readback).toMatchObject({ locked: true, lockState: 'standard', identity: null, parsed: null, regions: [], eui64: '14b457fffe000001' });
    const report = await checkDevice(readback, expectations, { now: NOW });
    expect(failed(report)).toEqual(['lock']);
    expect(message(report, 'lock')).toMatch(/standard debug lock and its port is closed/);
    // After the lock step the same board is what the station expects; the data checks cannot run.
    const afterLock = await checkDevice(readback, { ...expectations, expectedLock: 'standard' }, { now: NOW });
    expect(failed(afterLock)).toEqual([]);
    expect(afterLock.checks.find((check) => check.name === 'present')!.status).toBe('skip');
  });

  it('present: NVM3 written but the credentials page erased names the missing files', async () => {
    const chain = await hierarchy();
    const values = await deviceValues(21, chain);
    const image = nvm3Image({ factoryData: values.factoryData, dac: values.dac, pai: chain.pai.certificate, cd: chain.cd });
    const port = board();
    const { credentialsPage, pageSize } = part().memory;
    // NVM3 ends where the credentials page starts, so the image may hold both in one segment: blank the page inside it.
    const segments = image.segments.map((segment) => {
      const bytes = segment.bytes.slice();
      const offset = credentialsPage - segment.address;
      if (offset >= 0 && offset < bytes.length) bytes.fill(0xff, offset, offset + pageSize);
      return { address: segment.address, bytes };
    });
    await program(port, { ...image, segments });
    expect(unwrap(await readDeviceBack(port, { storage: 'nvm3' })).regions.find((region) => region.name === 'credentials')!.bytes.every((byte) => byte === 0xff)).toBe(true);
    const report = await verify(port, expectationsFor(values, chain));
    expect(failed(report)).toEqual(['present']);
    expect(message(report, 'present')).toBe('The DAC, PAI and CD are missing: the firmware would fall back to example credentials.');
  });

  it('lock: a part delivered with a permanent lock reads back as permanent', async () => {
    const chain = await hierarchy();
    const readback = unwrap(await readDeviceBack(board({ locked: 'permanent' }), { storage: 'nvm3' }));
    expect(readback).toMatchObject({ locked: true, lockState: 'permanent', parsed: null });
    const report = await checkDevice(readback, expectationsFor(await deviceValues(22, chain), chain), { now: NOW });
    expect(failed(report)).toEqual(['lock']);
    expect(report.checks.find((check) => check.name === 'part')!.status).toBe('skip');
  });

  it('lock: fails when a lock was expected but the board is open', async () => {
    const { port, expectations } = await provisionedBoard(8);
    const report = await verify(port, { ...expectations, expectedLock: 'permanent' });
    expect(failed(report)).toEqual(['lock']);
    expect(message(report, 'lock')).toMatch(/not locked, but the permanent debug lock/);
  });

  it('not-test-credentials: a production DCL refuses a chain to a test PAA', async () => {
    const { port, expectations } = await provisionedBoard(9);
    const report = await verify(port, { ...expectations, dcl: 'production' });
    expect(failed(report)).toEqual(['not-test-credentials']);
    expect(message(report, 'not-test-credentials')).toMatch(/test PAA \(vendor ID 0xFFF1/);
  });

  it('commissioning: fails when the record holds another passcode', async () => {
    const { port, values, expectations } = await provisionedBoard(10);
    const wrong = values.factoryData.passcode === 20202021 ? 20202022 : 20202021;
    const report = await verify(port, { ...expectations, record: { ...expectations.record!, passcode: wrong } });
    expect(failed(report)).toEqual(['commissioning']);
    expect(message(report, 'commissioning')).toBe(`The device is not the recorded one: the passcode is ${values.factoryData.passcode}, the record says ${wrong}.`);
  });

  it('commissioning: fails when the stored verifier does not derive from the stored passcode', async () => {
    const chain = await hierarchy();
    const base = await deviceValues(11, chain);
    const salt = Buffer.from(base.factoryData.spake2pSalt!, 'base64');
    const foreign = unwrap(await computeSpake2pVerifier({ passcode: base.factoryData.passcode! === 11111112 ? 11111113 : 11111112, salt, iterations: 1000 }));
    const values = { ...base, factoryData: { ...base.factoryData, spake2pVerifier: encodeBase64(foreign.verifier) } };
    const port = board();
    await program(port, nvm3Image({ factoryData: values.factoryData, dac: values.dac, pai: chain.pai.certificate, cd: chain.cd }));
    const report = await verify(port, expectationsFor(values, chain));
    expect(failed(report)).toEqual(['commissioning']);
    expect(message(report, 'commissioning')).toMatch(/verifier does not derive/);
  });

  it('commissioning: compares the unique id by its SHA-256 only', async () => {
    const { port, expectations } = await provisionedBoard(12);
    const report = await verify(port, { ...expectations, record: { ...expectations.record!, uniqueIdSha256: '00'.repeat(32) } });
    expect(failed(report)).toEqual(['commissioning']);
    expect(message(report, 'commissioning')).toMatch(/unique id is SHA-256 [0-9a-f]{64}, the record says SHA-256 0{64}/);
  });

  it('onboarding: fails when the label codes on record belong to another device', async () => {
    const { port, chain, expectations } = await provisionedBoard(13);
    const other = expectationsFor(await deviceValues(14, chain), chain);
    const report = await verify(port, { ...expectations, record: { ...expectations.record!, qrPayload: other.record!.qrPayload, manualCode: other.record!.manualCode } });
    expect(failed(report)).toEqual(['onboarding']);
    expect(message(report, 'onboarding')).toMatch(/^The label does not match the device: the device's QR payload is MT:/);
  });

  it('part: fails when the chip is not the configured part', async () => {
    const { port, expectations } = await provisionedBoard(15);
    const report = await verify(port, { ...expectations, partNumber: 'EFR32MG21A020F1024IM32' });
    expect(failed(report)).toEqual(['part']);
    expect(message(report, 'part')).toBe('The chip is a EFR32MG24B210F1536IM48, but the configuration is for EFR32MG21A020F1024IM32.');
  });

  it('part: fails when the record names another board (EUI-64)', async () => {
    const { port, expectations } = await provisionedBoard(16);
    const report = await verify(port, { ...expectations, record: { ...expectations.record!, eui64: '14B457FFFE0000FF' } });
    expect(failed(report)).toEqual(['part']);
    expect(message(report, 'part')).toMatch(/another board/);
  });

  it('chain: fails when the DAC does not chain to the configured trust store', async () => {
    const { port, expectations } = await provisionedBoard(17);
    const stranger = createTestPaa({ notBefore: new Date('2026-01-01T00:00:00Z'), vendorId: 0xfff1, commonName: 'Unrelated PAA' });
    const report = await verify(port, { ...expectations, trustStore: TrustStore.fromCertificates([stranger.certificate]) });
    expect(failed(report)).toEqual(['chain']);
    expect(message(report, 'chain')).toMatch(/^The DAC does not chain to a trusted PAA under the Matter rules: /);
  });

  it('cd: fails when the CD is not signed by a configured signer', async () => {
    const { port, expectations } = await provisionedBoard(18);
    const stranger = createCdSigningCertificate({ notBefore: new Date('2026-01-01T00:00:00Z'), commonName: 'Unrelated CD signer' });
    const report = await verify(port, { ...expectations, cdSigners: [stranger.certificate] });
    expect(failed(report)).toEqual(['cd']);
    expect(message(report, 'cd')).toMatch(/^The Certification Declaration fails: /);
  });

  it('key: a single-page board passes with its own key and fails with a key that is not the DAC\'s', async () => {
    const chain = await hierarchy();
    const values = await deviceValues(19, chain);
    const expectations = { ...expectationsFor(values, chain), storage: 'single-page' as const };
    const good = board();
    await program(good, singlePageImage({ factoryData: values.factoryData, dac: values.dac, pai: chain.pai.certificate, cd: chain.cd, dacKeyPem: values.dacKeyPem }));
    const single = { ...expectations, record: { ...expectations.record!, uniqueIdSha256: undefined } };
    const passing = await verify(good, single, 'single-page');
    expect(failed(passing)).toEqual([]);
    expect(passing.checks.find((check) => check.name === 'key')!.status).toBe('pass');

    const other = await deviceValues(20, chain);
    const bad = board();
    await program(bad, singlePageImage({ factoryData: values.factoryData, dac: values.dac, pai: chain.pai.certificate, cd: chain.cd, dacKeyPem: other.dacKeyPem }));
    const report = await verify(bad, single, 'single-page');
    expect(failed(report)).toEqual(['key']);
    expect(message(report, 'key')).toMatch(/does not belong to the DAC/);
  });
});

describe('readDeviceBack options and probe trouble', () => {
  it('refuses an unknown storage layout and a bad timeout', async () => {
    const port = board();
    const storage = await readDeviceBack(port, { storage: 'flash' as never });
    expect(storage.ok ? null : storage.error.code).toBe('READBACK_OPTIONS_INVALID');
    const timeout = await readDeviceBack(port, { storage: 'nvm3', timeoutMs: 0 });
    expect(timeout.ok ? null : timeout.error.code).toBe('READBACK_OPTIONS_INVALID');
  });

  it('stops when cancelled, naming the step', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await readDeviceBack(board(), { storage: 'nvm3', signal: controller.signal });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.detail).toMatch(/READBACK/);
  });

  it('names the step when the probe drops off', async () => {
    const port = board({ faults: [{ kind: 'disconnect', at: 'readMemory', occurrence: 8 }] });
    const result = await readDeviceBack(port, { storage: 'nvm3' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('PROBE_DISCONNECTED');
      expect(result.error.detail).toMatch(/^READBACK (identify|nvm3|credentials)/);
    }
  });
});
