/**
 * Operator PINs: stored as scrypt(PIN, 16-byte random salt) with node:crypto's defaults (N = 16384,
 * r = 8, p = 1) and a 32-byte output, both hex, in operators.pin_hash / pin_salt. verifyPin compares
 * in constant time; signIn is what approvals and other role-gated actions call.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { Operator, OperatorCredentials, OperatorRepository } from './operators';

const PIN_PATTERN = /^[0-9]{4,12}$/;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export function checkPinFormat(pin: string): Result<string> {
  return PIN_PATTERN.test(pin) ? success(pin) : failure('RECORD_PIN_FORMAT', `a PIN of ${pin.length} character(s)${/^[0-9]*$/.test(pin) ? '' : ' that are not all digits'}`);
}

export function hashPin(pin: string, random: (size: number) => Uint8Array = randomBytes): Result<{ readonly pinHash: string; readonly pinSalt: string }> {
  const checked = checkPinFormat(pin);
  if (!checked.ok) return checked;
  const salt = Buffer.from(random(SALT_BYTES));
  return success({ pinHash: scryptSync(pin, salt, HASH_BYTES).toString('hex'), pinSalt: salt.toString('hex') });
}

export function verifyPin(operator: Pick<OperatorCredentials, 'pinHash' | 'pinSalt'>, pin: string): boolean {
  const expected = Buffer.from(operator.pinHash, 'hex');
  if (expected.length !== HASH_BYTES) return false;
  const actual = scryptSync(pin, Buffer.from(operator.pinSalt, 'hex'), HASH_BYTES);
  return timingSafeEqual(expected, actual);
}

/** The active operator with this name and PIN; one error for a wrong name, a wrong PIN or an inactive operator. */
export function signIn(operators: OperatorRepository, name: string, pin: string): Result<Operator> {
  const found = operators.findByName(name);
  if (!found.ok || !found.value.active || !verifyPin(found.value, pin)) return failure('RECORD_PIN_WRONG', `operator "${name}"`);
  const { pinHash: _hash, pinSalt: _salt, ...operator } = found.value;
  return success(operator);
}
