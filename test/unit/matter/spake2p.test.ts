// SPAKE2+ verifier: the upstream known answer and its intermediates (matter-credentials.md §5), the
// self-computed extra vectors, the ranges, and that PBKDF2 leaves the event loop free.
import { createHash, pbkdf2Sync } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { computeSpake2pVerifier, decodeSpake2pVerifier, type Spake2pVerifier } from '../../../main/matter/spake2p';

const keySalt = new TextEncoder().encode('SPAKE2P Key Salt');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function verifier(passcode: number, salt: Uint8Array, iterations: number): Promise<Spake2pVerifier> {
  const result = await computeSpake2pVerifier({ passcode, salt, iterations });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value;
}

describe('known answers', () => {
  it('20202021, "SPAKE2P Key Salt", 1000 iterations (upstream spake2p README)', async () => {
    expect(base64(keySalt)).toBe('U1BBS0UyUCBLZXkgU2FsdA==');
    const result = await verifier(20202021, keySalt, 1000);
    expect(base64(result.verifier)).toBe(
      'uWFwqugDNGiEck/po7KHwwMwwqZgN10XuyBajPGuyzUEV/iree4lOrao5GuwnlQ65CJzbeUB49s31EH+NEkg0JVI5MGCQGMMT/SRPFNRODm3wH/MBiehuFc6FJ/NH6Rmzw==',
    );
    expect(hex(result.w0)).toBe('b96170aae803346884724fe9a3b287c30330c2a660375d17bb205a8cf1aecb35');
    expect(hex(result.L)).toBe(
      '0457f8ab79ee253ab6a8e46bb09e543ae422736de501e3db37d441fe344920d09548e4c18240630c4ff4913c53513839b7c07fcc0627a1b8573a149fcd1fa466cf',
    );
    expect(result.verifier).toHaveLength(97);
    expect(result.w1).toHaveLength(32);
    // L really is w1·G.
    expect(hex(p256.Point.BASE.multiply(BigInt(`0x${hex(result.w1)}`)).toBytes(false))).toBe(hex(result.L));
  });

  it('the password is the passcode as 4 little-endian bytes (intermediate ws of the fact sheet)', () => {
    const ws = pbkdf2Sync(Buffer.from([0x25, 0x42, 0x34, 0x01]), keySalt, 1000, 80, 'sha256');
    expect(ws.toString('hex')).toBe(
      'aba60c30416b8f4177f5e16ad514cfd9577513f02fd60506b1049d0f2c7310010e5e40bfd86b4ef681a88b71e9e2a853985a7def916ea30e01b8722fbf7d0e38856c12cd64c225bb24ef21417e0e44e5',
    );
  });

  it('self-computed (not upstream): 20202021, "SPAKE2P Key Salt", 100000 iterations', async () => {
    expect(base64((await verifier(20202021, keySalt, 100_000)).verifier)).toBe(
      'BCMjDQW7FrLSgv9ZW5D1W9cA8c0yQ2tN4f1QQfgD+MoENd8breHKdlp+QKUscKcIXk/Shcg2gTI2uB1L/ueeNnt+XjN5tigYh8x54X7VEShMCsDclyR3Y5YYP4rsJ7ENUw==',
    );
  });

  it('self-computed (not upstream): 12345679, 32-byte ASCII salt, 15000 iterations', async () => {
    const salt = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
    expect(base64((await verifier(12345679, salt, 15_000)).verifier)).toBe(
      'W9jw5V6at7OtMtCJbyGsaZIgNtaVLA7yfLqzcbrjWwIE1UcLZzWl5dJPNJqFSvigjjR6pI6JcoyK2h9Hnt617mg3N6+zktt++vrThbAFwf5XC43ZcwNPxShxIsmkXMOo7Q==',
    );
  });
});

describe('ranges', () => {
  const salt16 = new Uint8Array(16);
  it.each([
    [{ passcode: 20202021, salt: salt16, iterations: 999 }, 'SPAKE2P_ITERATIONS_OUT_OF_RANGE'],
    [{ passcode: 20202021, salt: salt16, iterations: 100_001 }, 'SPAKE2P_ITERATIONS_OUT_OF_RANGE'],
    [{ passcode: 20202021, salt: salt16, iterations: 1000.5 }, 'SPAKE2P_ITERATIONS_OUT_OF_RANGE'],
    [{ passcode: 20202021, salt: new Uint8Array(15), iterations: 1000 }, 'SPAKE2P_SALT_LENGTH'],
    [{ passcode: 20202021, salt: new Uint8Array(33), iterations: 1000 }, 'SPAKE2P_SALT_LENGTH'],
    [{ passcode: 11111111, salt: salt16, iterations: 1000 }, 'PASSCODE_INVALID'],
    [{ passcode: 0, salt: salt16, iterations: 1000 }, 'PASSCODE_INVALID'],
    [{ passcode: 99_999_999, salt: salt16, iterations: 1000 }, 'PASSCODE_INVALID'],
  ] as const)('refuses %o with %s', async (input, code) => {
    expect(await computeSpake2pVerifier(input)).toMatchObject({ ok: false, error: { code } });
  });

  it('accepts the bounds: 1000 and 100000 iterations, 16- and 32-byte salts, passcode 1 and 99999998', async () => {
    const fast = async () => new Uint8Array(80).fill(7); // the bounds are about checks, not PBKDF2 speed
    for (const input of [
      { passcode: 1, salt: new Uint8Array(16), iterations: 1000 },
      { passcode: 99_999_998, salt: new Uint8Array(32), iterations: 100_000 },
    ]) {
      expect((await computeSpake2pVerifier(input, { pbkdf2: fast })).ok).toBe(true);
    }
  });

  it('reports a failing PBKDF2 as a result, not an exception', async () => {
    const broken = async (): Promise<Uint8Array> => {
      throw new Error('thread pool gone');
    };
    expect(await computeSpake2pVerifier({ passcode: 20202021, salt: keySalt, iterations: 1000 }, { pbkdf2: broken })).toMatchObject({
      ok: false,
      error: { code: 'SPAKE2P_DERIVATION_FAILED', detail: expect.stringMatching(/thread pool gone/) },
    });
  });

  it('reduces w0 and w1 modulo the group order (all-0xFF PBKDF2 output)', async () => {
    const result = await computeSpake2pVerifier({ passcode: 20202021, salt: keySalt, iterations: 1000 }, { pbkdf2: async () => new Uint8Array(80).fill(0xff) });
    if (!result.ok) throw new Error(result.error.code);
    const n = p256.Point.Fn.ORDER;
    const expected = (2n ** 320n - 1n) % n;
    expect(BigInt(`0x${hex(result.value.w0)}`)).toBe(expected);
    expect(BigInt(`0x${hex(result.value.w1)}`)).toBe(expected);
  });
});

describe('decodeSpake2pVerifier', () => {
  it('splits a valid verifier and refuses broken ones', async () => {
    const good = (await verifier(20202021, keySalt, 1000)).verifier;
    expect(decodeSpake2pVerifier(good)).toMatchObject({ ok: true, value: { w0: good.slice(0, 32), L: good.slice(32) } });
    expect(decodeSpake2pVerifier(good.slice(0, 96))).toMatchObject({ ok: false, error: { code: 'SPAKE2P_VERIFIER_INVALID', detail: expect.stringMatching(/96 bytes/) } });
    const offCurve = Uint8Array.from(good);
    offCurve[96]! ^= 1;
    expect(decodeSpake2pVerifier(offCurve)).toMatchObject({ ok: false, error: { code: 'SPAKE2P_VERIFIER_INVALID', detail: expect.stringMatching(/not a point/) } });
    const compressed = Uint8Array.from(good);
    compressed[32] = 0x02;
    expect(decodeSpake2pVerifier(compressed)).toMatchObject({ ok: false, error: { code: 'SPAKE2P_VERIFIER_INVALID', detail: expect.stringMatching(/0x02/) } });
    const bigW0 = Uint8Array.from(good);
    bigW0.fill(0xff, 0, 32);
    expect(decodeSpake2pVerifier(bigW0)).toMatchObject({ ok: false, error: { code: 'SPAKE2P_VERIFIER_INVALID', detail: expect.stringMatching(/group order/) } });
  });
});

describe('event loop', () => {
  it('a 100 000-iteration verifier lets a setImmediate callback run before it completes', async () => {
    const order: string[] = [];
    const pending = computeSpake2pVerifier({ passcode: 20202021, salt: keySalt, iterations: 100_000 }).then((result) => {
      order.push('verifier');
      return result;
    });
    // Scheduled after the computation started: with pbkdf2Sync the whole derivation would already
    // have run inside the call above, and the verifier would win this race by construction.
    setImmediate(() => order.push('immediate'));
    setTimeout(() => order.push('timeout'), 0);
    const result = await pending;
    expect(result.ok).toBe(true);
    // Both timers ran while PBKDF2 worked on the thread pool (their relative order is Node's business).
    expect(order.at(-1)).toBe('verifier');
    expect([...order].sort()).toEqual(['immediate', 'timeout', 'verifier']);
  });

  it('a blocking PBKDF2 would fail that same ordering (the test can tell the difference)', async () => {
    const order: string[] = [];
    const blocking = async (password: Uint8Array, salt: Uint8Array, iterations: number, length: number) => new Uint8Array(pbkdf2Sync(password, salt, iterations, length, 'sha256'));
    const pending = computeSpake2pVerifier({ passcode: 20202021, salt: keySalt, iterations: 1000 }, { pbkdf2: blocking }).then(() => order.push('verifier'));
    setImmediate(() => order.push('immediate'));
    await pending;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['verifier', 'immediate']);
  });

  it('concurrent computations give the same verifiers as sequential ones', async () => {
    const salts = Array.from({ length: 8 }, (_, i) => new Uint8Array(16).fill(i));
    const concurrent = await Promise.all(salts.map((salt) => verifier(20202021, salt, 1000)));
    const sequential: Spake2pVerifier[] = [];
    for (const salt of salts) sequential.push(await verifier(20202021, salt, 1000));
    const digest = (list: Spake2pVerifier[]) => createHash('sha256').update(Buffer.concat(list.map((item) => item.verifier))).digest('hex');
    expect(digest(concurrent)).toBe(digest(sequential));
  });
});
