// The pure helpers of read-back verification: record comparison, lock states, test vendor IDs.
import { describe, expect, it } from 'vitest';
import { compareWithRecord, findKnownTestCredential, isTestVendorId, KNOWN_TEST_CREDENTIALS, lockStateOf, sameSalt, uniqueIdSha256, type DeviceReadback } from '../../../../main/station/verify';
import { seededRandom } from '../../../support/seededRandom';

const open = { locked: false, debugLockConfigured: false, deviceEraseEnabled: true, secureDebugEnabled: false };

function readbackWith(factoryData: Record<string, unknown>, eui64 = '14b457fffe000001'): DeviceReadback {
  return {
    locked: false,
    lock: open,
    lockState: 'none',
    identity: null,
    eui64,
    storage: 'nvm3',
    regions: [],
    image: null,
    parsed: { layout: 'nvm3', factoryData, certificates: {} as never, files: { dac: new Uint8Array([1, 2, 3]), pai: null, cd: null }, dacKey: null, credentialsAddress: 0, nvm3: null, warnings: [] },
    parseError: null,
  };
}

describe('lockStateOf', () => {
  it('names the configured lock', () => {
    expect(lockStateOf(open)).toBe('none');
    expect(lockStateOf({ ...open, debugLockConfigured: true })).toBe('standard');
    expect(lockStateOf({ ...open, locked: true, debugLockConfigured: true, deviceEraseEnabled: false })).toBe('permanent');
    expect(lockStateOf({ ...open, locked: true, debugLockConfigured: true, deviceEraseEnabled: false, secureDebugEnabled: true })).toBe('secure');
  });
});

describe('compareWithRecord', () => {
  const random = seededRandom(42);
  const uniqueId = random.bytes(16);
  const data = { serialNumber: 'SN-1', discriminator: 3840, passcode: 20202021, spake2pIterations: 1000, spake2pSalt: 'U1BBS0UyUCBLZXkgU2FsdA==', uniqueId };
  const record = { serialNumber: 'SN-1', eui64: '14B457FFFE000001', dacDer: new Uint8Array([1, 2, 3]), discriminator: 3840, passcode: 20202021, iterations: 1000, saltBase64: 'U1BBS0UyUCBLZXkgU2FsdA==', uniqueIdSha256: uniqueIdSha256(uniqueId) };

  it('finds nothing when the device is the recorded one', () => {
    expect(compareWithRecord(readbackWith(data), record)).toEqual([]);
  });

  it('names every field that differs', () => {
    const other = readbackWith({ ...data, serialNumber: 'SN-2', discriminator: 1, uniqueId: random.bytes(16) }, '14b457fffe000002');
    expect(compareWithRecord(other, { ...record, dacDer: new Uint8Array([9]) }).map((item) => item.field)).toEqual(['eui64', 'serialNumber', 'dac', 'discriminator', 'uniqueId']);
  });

  it('reports a missing value as missing', () => {
    const { spake2pSalt: _salt, ...withoutSalt } = data;
    expect(compareWithRecord(readbackWith(withoutSalt), record)).toEqual([{ field: 'salt', expected: record.saltBase64, actual: 'missing' }]);
  });

  it('hashes the unique id as SHA-256 lower-case hex', () => {
    expect(uniqueIdSha256(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('compares salts as bytes', () => {
    expect(sameSalt('U1BBS0UyUCBLZXkgU2FsdA==', 'U1BBS0UyUCBLZXkgU2FsdA==')).toBe(true);
    expect(sameSalt('U1BBS0UyUCBLZXkgU2FsdA==', 'U1BBS0UyUCBLZXkgU2FsdB==')).toBe(false);
  });
});

describe('known test credentials', () => {
  it('knows the CSA test vendor ID range 0xFFF1–0xFFF4 only', () => {
    expect([0xfff0, 0xfff1, 0xfff4, 0xfff5, null].map(isTestVendorId)).toEqual([false, true, true, false, false]);
  });

  it('finds an entry by key identifier or by public key, for its role only', () => {
    const paa = KNOWN_TEST_CREDENTIALS.find((entry) => entry.role === 'PAA')!;
    const keyId = new Uint8Array(Buffer.from(paa.subjectKeyId, 'hex'));
    expect(findKnownTestCredential('PAA', { subjectKeyId: keyId })).toBe(paa);
    expect(findKnownTestCredential('PAA', { publicKey: new Uint8Array(Buffer.from(paa.publicKey, 'hex')) })).toBe(paa);
    expect(findKnownTestCredential('PAI', { subjectKeyId: keyId })).toBeUndefined();
    expect(findKnownTestCredential('PAA', { subjectKeyId: seededRandom(1).bytes(20) })).toBeUndefined();
  });
});
