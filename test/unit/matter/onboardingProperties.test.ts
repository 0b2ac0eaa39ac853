// Round-trip properties over a few thousand seeded random payloads, and corrupted codes refused
// with the right catalogue code.
import { describe, expect, it } from 'vitest';
import {
  decodeManualCode,
  decodeQrCode,
  decodeSetupPayloadBitset,
  encodeManualCode,
  encodeQrCode,
  encodeBase38,
  encodeSetupPayloadBitset,
  INVALID_PASSCODES,
  packPayloadBits,
  shortDiscriminator,
  type SetupPayload,
  verhoeffCheckDigit,
} from '../../../main/matter/onboarding';
import { seededRandom } from '../../support/seededRandom';

const CASES = 3000;

/** A random payload that satisfies every produce-mode rule. */
function randomPayload(random: ReturnType<typeof seededRandom>): SetupPayload {
  let passcode = 0;
  while (passcode === 0 || INVALID_PASSCODES.includes(passcode)) passcode = 1 + random.int(99_999_998);
  const vendorId = random.int(20) === 0 ? 0 : 1 + random.int(0xfff4);
  const productId = vendorId === 0 && random.int(2) === 0 ? 0 : 1 + random.int(0xffff);
  return { version: 0, vendorId, productId, flow: random.int(3), capabilities: random.int(8), discriminator: random.int(4096), passcode };
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; detail?: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value;
}

describe('round trips', () => {
  it(`QR: decode(encode(p)) = p for ${CASES} payloads`, () => {
    const random = seededRandom(0x5eed_0001);
    for (let i = 0; i < CASES; i++) {
      const payload = randomPayload(random);
      const qr = unwrap(encodeQrCode(payload));
      expect(qr).toMatch(/^MT:[0-9A-Z.-]{19}$/);
      expect(unwrap(decodeQrCode(qr))).toEqual({ ...payload, optionalData: new Uint8Array(0) });
    }
  });

  it(`manual code: 11 digits for standard flow, 21 otherwise, fields preserved, for ${CASES} payloads`, () => {
    const random = seededRandom(0x5eed_0002);
    const lengths = new Set<number>();
    for (let i = 0; i < CASES; i++) {
      const payload = randomPayload(random);
      const code = unwrap(encodeManualCode(payload));
      const long = payload.flow !== 0;
      expect(code).toHaveLength(long ? 21 : 11);
      lengths.add(code.length);
      expect(unwrap(decodeManualCode(code))).toEqual({
        vendorId: long ? payload.vendorId : null,
        productId: long ? payload.productId : null,
        flow: long ? 2 : 0,
        shortDiscriminator: shortDiscriminator(payload.discriminator),
        passcode: payload.passcode,
      });
    }
    expect([...lengths].sort()).toEqual([11, 21]);
  });

  it(`Silabs bitset: decode(encode(p)) = p, and it is exactly the QR's bytes, for ${CASES} payloads`, () => {
    const random = seededRandom(0x5eed_0003);
    for (let i = 0; i < CASES; i++) {
      const payload = randomPayload(random);
      const bitset = unwrap(encodeSetupPayloadBitset(payload));
      expect(bitset).toHaveLength(11);
      expect(unwrap(decodeSetupPayloadBitset(bitset))).toEqual(payload);
      expect(bitset[10]! >> 4).toBe(0); // padding
    }
  });
});

describe('corrupted codes', () => {
  const qr = 'MT:Y.K9042C00KA0648G00';
  const manual = '34970112332';

  it('QR without the MT: prefix', () => {
    expect(decodeQrCode(qr.slice(3))).toMatchObject({ ok: false, error: { code: 'QR_PREFIX_MISSING' } });
    expect(decodeQrCode(`mt:${qr.slice(3)}`)).toMatchObject({ ok: false, error: { code: 'QR_PREFIX_MISSING' } });
  });

  it('QR with a character outside base-38 (lower case, space, *)', () => {
    expect(decodeQrCode('MT:y.K9042C00KA0648G00')).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID' } });
    expect(decodeQrCode('MT:Y.K90 2C00KA0648G00')).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID' } });
    expect(decodeQrCode(`${qr}*${qr}`)).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID', detail: expect.stringMatching(/several payloads/) } });
  });

  it('QR of the wrong length', () => {
    expect(decodeQrCode(qr.slice(0, -1))).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID' } }); // 18 chars: final group of 3
    expect(decodeQrCode(qr.slice(0, -4))).toMatchObject({ ok: false, error: { code: 'QR_LENGTH_INVALID' } }); // 15 chars = 9 bytes
    expect(decodeQrCode('MT:')).toMatchObject({ ok: false, error: { code: 'QR_LENGTH_INVALID' } });
  });

  it('QR with non-zero padding, a version other than 0 or a reserved flow', () => {
    const bits = unwrap(encodeSetupPayloadBitset({ version: 0, vendorId: 0xfff1, productId: 0x8000, flow: 0, capabilities: 2, discriminator: 3840, passcode: 20202021 }));
    const withPadding = Uint8Array.from(bits);
    withPadding[10]! |= 0x10;
    expect(decodeSetupPayloadBitset(withPadding)).toMatchObject({ ok: false, error: { code: 'ONBOARDING_PADDING_NOT_ZERO' } });
    const version1 = Uint8Array.from(bits);
    version1[0]! |= 0x01;
    expect(decodeSetupPayloadBitset(version1)).toMatchObject({ ok: false, error: { code: 'ONBOARDING_VERSION_UNSUPPORTED' } });
    const flow3 = Uint8Array.from(bits);
    flow3[4]! |= 0x18; // bits 35..36
    expect(decodeSetupPayloadBitset(flow3)).toMatchObject({ ok: false, error: { code: 'ONBOARDING_FLOW_INVALID' } });
  });

  it('QR or bitset whose passcode field holds a forbidden passcode', () => {
    // packPayloadBits checks widths only, so it can build what the encoders refuse to make.
    for (const passcode of [0, 11_111_111, 12_345_678, 99_999_999, 2 ** 27 - 1]) {
      const bits = packPayloadBits({ version: 0, vendorId: 1, productId: 1, flow: 0, capabilities: 2, discriminator: 1, passcode });
      expect(decodeSetupPayloadBitset(bits)).toMatchObject({ ok: false, error: { code: 'PASSCODE_INVALID' } });
      expect(decodeQrCode(`MT:${encodeBase38(bits)}`)).toMatchObject({ ok: false, error: { code: 'PASSCODE_INVALID' } });
    }
  });

  it('manual code with a wrong check digit, or any single digit changed', () => {
    expect(decodeManualCode('34970112331')).toMatchObject({ ok: false, error: { code: 'MANUAL_CODE_CHECK_DIGIT' } });
    const random = seededRandom(0x5eed_0004);
    for (let i = 0; i < 500; i++) {
      const position = random.int(manual.length);
      const digit = String((Number(manual[position]) + 1 + random.int(9)) % 10);
      expect(decodeManualCode(manual.slice(0, position) + digit + manual.slice(position + 1))).toMatchObject({ ok: false, error: { code: 'MANUAL_CODE_CHECK_DIGIT' } });
    }
  });

  it('manual code of the wrong length or with letters', () => {
    for (const code of ['3497011233', '349701123320', '70287126450438700018', '', '3497O112332']) {
      expect(decodeManualCode(code)).toMatchObject({ ok: false, error: { code: 'MANUAL_CODE_LENGTH_INVALID' } });
    }
  });

  it('manual code that passes Verhoeff but is not a version-1 code', () => {
    const withCheck = (digits: string) => digits + String(verhoeffCheckDigit(digits));
    expect(decodeManualCode(withCheck('8497011233'))).toMatchObject({ ok: false, error: { code: 'MANUAL_CODE_MALFORMED', detail: expect.stringMatching(/above 7/) } });
    expect(decodeManualCode(withCheck('7497011233'))).toMatchObject({ ok: false, error: { code: 'MANUAL_CODE_MALFORMED', detail: expect.stringMatching(/only 11 digits/) } });
    expect(decodeManualCode(withCheck('34970112330000100001'))).toMatchObject({ ok: false, error: { code: 'MANUAL_CODE_MALFORMED', detail: expect.stringMatching(/21 digits/) } });
    expect(decodeManualCode(withCheck('3999991233'))).toMatchObject({ ok: false, error: { code: 'MANUAL_CODE_MALFORMED', detail: expect.stringMatching(/65535/) } });
    expect(decodeManualCode(withCheck('74970112337000000001'))).toMatchObject({ ok: false, error: { code: 'MANUAL_CODE_MALFORMED', detail: expect.stringMatching(/16 bits/) } });
    expect(decodeManualCode(withCheck('3000000000'))).toMatchObject({ ok: false, error: { code: 'PASSCODE_INVALID' } });
  });
});
