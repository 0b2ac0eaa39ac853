/**
 * The SPAKE2+ verifier a Matter device stores instead of its passcode (matter-credentials.md §5,
 * the SDK's Spake2pVerifier::Generate):
 *
 *   ws = PBKDF2-HMAC-SHA256(password = passcode as 4-byte little-endian, salt, iterations, 80 bytes)
 *   w0 = ws[0..40) mod n,  w1 = ws[40..80) mod n   (big-endian, n = P-256 group order)
 *   L  = w1·G, uncompressed (65 bytes)
 *   verifier = w0 (32 bytes) ‖ L = 97 bytes, usually carried as base64
 *
 * Event loop: at 100 000 iterations PBKDF2 takes tens of milliseconds of CPU, per device. It runs
 * through node:crypto's callback `pbkdf2`, which does the work on libuv's thread pool, so the main
 * process keeps answering IPC, probe events and the window meanwhile (pbkdf2Sync would freeze them).
 * The one scalar multiplication that follows is well under a millisecond and stays inline.
 */
import { pbkdf2 as nodePbkdf2 } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { failure, success, type Result } from '../../preload/contract/errors';
import { passcodeProblem } from './onboarding/rules';

export const SPAKE2P_MIN_ITERATIONS = 1000;
export const SPAKE2P_MAX_ITERATIONS = 100_000;
export const SPAKE2P_MIN_SALT_LENGTH = 16;
export const SPAKE2P_MAX_SALT_LENGTH = 32;
/** kSpake2p_WS_Length: 32 bytes of group element plus 8 extra, so the reduction mod n is unbiased. */
export const SPAKE2P_WS_LENGTH = 40;
export const SPAKE2P_VERIFIER_LENGTH = 97;

const ORDER = p256.Point.Fn.ORDER;

/** PBKDF2-HMAC-SHA256 that must not block the caller's thread. */
export type Pbkdf2Sha256 = (password: Uint8Array, salt: Uint8Array, iterations: number, length: number) => Promise<Uint8Array>;

export interface Spake2pInput {
  readonly passcode: number;
  readonly salt: Uint8Array;
  readonly iterations: number;
}

export interface Spake2pVerifier {
  readonly w0: Uint8Array;
  /** Secret; the device needs only w0 and L. */
  readonly w1: Uint8Array;
  readonly L: Uint8Array;
  /** w0 ‖ L, 97 bytes. */
  readonly verifier: Uint8Array;
}

/** node:crypto's thread-pool PBKDF2, promisified. */
export const threadPoolPbkdf2: Pbkdf2Sha256 = (password, salt, iterations, length) =>
  new Promise((resolve, reject) => {
    nodePbkdf2(password, salt, iterations, length, 'sha256', (error, key) => (error ? reject(error) : resolve(new Uint8Array(key))));
  });

export function checkSpake2pParameters(input: Spake2pInput): Result<Spake2pInput> {
  const problem = passcodeProblem(input.passcode);
  if (problem !== undefined) return failure('PASSCODE_INVALID', problem);
  if (!Number.isInteger(input.iterations) || input.iterations < SPAKE2P_MIN_ITERATIONS || input.iterations > SPAKE2P_MAX_ITERATIONS) {
    return failure('SPAKE2P_ITERATIONS_OUT_OF_RANGE', `iterations ${input.iterations} is outside ${SPAKE2P_MIN_ITERATIONS}..${SPAKE2P_MAX_ITERATIONS}`);
  }
  if (input.salt.length < SPAKE2P_MIN_SALT_LENGTH || input.salt.length > SPAKE2P_MAX_SALT_LENGTH) {
    return failure('SPAKE2P_SALT_LENGTH', `salt is ${input.salt.length} bytes; it must be ${SPAKE2P_MIN_SALT_LENGTH} to ${SPAKE2P_MAX_SALT_LENGTH}`);
  }
  return success(input);
}

export async function computeSpake2pVerifier(input: Spake2pInput, options: { pbkdf2?: Pbkdf2Sha256 } = {}): Promise<Result<Spake2pVerifier>> {
  const checked = checkSpake2pParameters(input);
  if (!checked.ok) return checked;

  const password = new Uint8Array(4);
  new DataView(password.buffer).setUint32(0, input.passcode, true);
  let ws: Uint8Array;
  try {
    ws = await (options.pbkdf2 ?? threadPoolPbkdf2)(password, input.salt, input.iterations, 2 * SPAKE2P_WS_LENGTH);
  } catch (error) {
    return failure('SPAKE2P_DERIVATION_FAILED', `PBKDF2: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (ws.length !== 2 * SPAKE2P_WS_LENGTH) return failure('SPAKE2P_DERIVATION_FAILED', `PBKDF2 returned ${ws.length} bytes instead of 80`);

  const w0 = bytesToBigInt(ws.subarray(0, SPAKE2P_WS_LENGTH)) % ORDER;
  const w1 = bytesToBigInt(ws.subarray(SPAKE2P_WS_LENGTH)) % ORDER;
  // w1 = 0 has probability ~2^-256; the multiplication would have no valid result, so refuse it.
  if (w1 === 0n) return failure('SPAKE2P_DERIVATION_FAILED', 'w1 reduced to zero modulo the group order; use another salt');
  const L = p256.Point.BASE.multiply(w1).toBytes(false);
  const w0Bytes = bigIntToBytes(w0, 32);
  const verifier = new Uint8Array(SPAKE2P_VERIFIER_LENGTH);
  verifier.set(w0Bytes, 0);
  verifier.set(L, 32);
  return success({ w0: w0Bytes, w1: bigIntToBytes(w1, 32), L, verifier });
}

/** Splits a stored verifier and checks it: 97 bytes, w0 < n, L an uncompressed point on P-256. */
export function decodeSpake2pVerifier(verifier: Uint8Array): Result<{ w0: Uint8Array; L: Uint8Array }> {
  if (verifier.length !== SPAKE2P_VERIFIER_LENGTH) {
    return failure('SPAKE2P_VERIFIER_INVALID', `verifier is ${verifier.length} bytes instead of ${SPAKE2P_VERIFIER_LENGTH}`);
  }
  const w0 = verifier.slice(0, 32);
  const L = verifier.slice(32);
  if (bytesToBigInt(w0) >= ORDER) return failure('SPAKE2P_VERIFIER_INVALID', 'w0 is not below the P-256 group order');
  if (L[0] !== 0x04) return failure('SPAKE2P_VERIFIER_INVALID', `L starts with 0x${(L[0] ?? 0).toString(16).padStart(2, '0')}, not 0x04 (uncompressed)`);
  try {
    p256.Point.fromBytes(L).assertValidity();
  } catch (error) {
    return failure('SPAKE2P_VERIFIER_INVALID', `L is not a point on P-256: ${error instanceof Error ? error.message : String(error)}`);
  }
  return success({ w0, L });
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--, rest >>= 8n) bytes[i] = Number(rest & 0xffn);
  return bytes;
}
