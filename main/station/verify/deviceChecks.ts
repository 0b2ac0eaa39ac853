/** The checks about the chip itself: which part, its debug lock, and whether credentials are there at all. */
import { fail, listed, pass, skip, type CheckContext } from './checkContext';
import type { CheckResult } from './types';

/** part: DEVINFO's orderable part number is the configured one (and the EUI-64 the record's, when it names one). */
export function checkPart(context: CheckContext): CheckResult {
  const { readback, expectations } = context;
  if (readback.identity === null) return skip('part', 'The part number cannot be read while the debug port is locked.');
  const actual = readback.identity.partNumber;
  if (actual.toUpperCase() !== expectations.partNumber.toUpperCase()) {
    return fail('part', `The chip is a ${actual}, but the configuration is for ${expectations.partNumber}.`);
  }
  const record = expectations.record;
  if (record?.eui64 !== undefined && record.eui64.toLowerCase() !== readback.eui64) {
    return fail('part', `The chip's EUI-64 is ${readback.eui64 ?? 'unknown'}, but the record is for ${record.eui64.toLowerCase()}, so this is another board.`);
  }
  return pass('part', `The chip is a ${actual} (EUI-64 ${readback.eui64 ?? 'unknown'}).`);
}

/** lock: the debug lock is the one expected (none before the lock step; the configured mode after it). */
export function checkLock(context: CheckContext): CheckResult {
  const expected = context.expectations.expectedLock ?? 'none';
  const actual = context.readback.lockState;
  if (actual === expected) return pass('lock', expected === 'none' ? 'The debug port is open and no lock is configured.' : `The ${actual} debug lock is applied, as expected.`);
  if (expected === 'none') return fail('lock', `The part carries a ${actual} debug lock${context.readback.locked ? ' and its port is closed' : ''}, but it should be unlocked at this point.`);
  if (actual === 'none') return fail('lock', `The part is not locked, but the ${expected} debug lock should have been applied.`);
  return fail('lock', `The part carries a ${actual} debug lock instead of the expected ${expected} one.`);
}

const FACTORY_FIELDS = ['serialNumber', 'vendorId', 'productId', 'discriminator', 'passcode', 'spake2pIterations', 'spake2pSalt', 'spake2pVerifier'] as const;
const TITLES = { dac: 'DAC', pai: 'PAI', cd: 'CD' } as const;

/** present: DAC, PAI, CD and the factory values are all there and readable; otherwise the firmware falls back to example values. */
export function checkPresent(context: CheckContext): CheckResult {
  const { readback, parsed } = context;
  if (readback.locked) return skip('present', 'The credentials cannot be read while the debug port is locked.');
  if (parsed === null) {
    const erased = readback.regions.every((region) => region.bytes.every((byte) => byte === 0xff));
    if (erased) return fail('present', 'No credentials: the firmware would fall back to example credentials.');
    const why = (readback.parseError?.detail ?? readback.parseError?.message ?? 'unreadable').replace(/\.$/, '');
    return fail('present', `No readable credentials (${why}): the firmware would fall back to example credentials.`);
  }
  const missing = (['dac', 'pai', 'cd'] as const).filter((name) => !parsed.certificates[name].present).map((name) => TITLES[name]);
  const fields = FACTORY_FIELDS.filter((field) => parsed.factoryData[field] === undefined);
  if (missing.length === 3 && fields.length === FACTORY_FIELDS.length) return fail('present', 'No credentials: the firmware would fall back to example credentials.');
  if (missing.length > 0) return fail('present', `The ${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} missing: the firmware would fall back to example credentials.`);
  const unreadable = (['dac', 'pai', 'cd'] as const).filter((name) => parsed.certificates[name].error !== null);
  if (unreadable.length > 0) return fail('present', `The ${listed(unreadable.map((name) => TITLES[name]))} cannot be read: ${parsed.certificates[unreadable[0]!].error}.`);
  if (fields.length > 0) return fail('present', `The factory data lacks ${listed([...fields])}: the firmware would fall back to its build-time defaults.`);
  return pass('present', `DAC, PAI, CD and factory data are present (${parsed.layout} layout).`);
}
