// Known answers for the onboarding codes: every QR and manual code of matter-credentials.md §4.4
// (upstream Python and C++ tests), the development defaults, Verhoeff reference values and base-38.
import { describe, expect, it } from 'vitest';
import {
  decodeBase38,
  decodeManualCode,
  decodeQrCode,
  encodeBase38,
  encodeManualCode,
  encodeQrCode,
  shortDiscriminator,
  verhoeffCheckDigit,
  verhoeffValidate,
  type SetupPayload,
} from '../../../main/matter/onboarding';

const payload = (fields: Omit<SetupPayload, 'version'>): SetupPayload => ({ version: 0, ...fields });

/** §4.4, upstream `test_matter_setup_payload.py`: all eight rows. */
const pythonVectors = [
  { discriminator: 3840, passcode: 20202021, capabilities: 4, flow: 0, vendorId: 0, productId: 0, qr: 'MT:00000CQM00KA0648G00', manual: '34970112332' },
  { discriminator: 3431, passcode: 49910688, capabilities: 2, flow: 0, vendorId: 0x1317, productId: 0x0002, qr: 'MT:-8VJ0OMV172PX813210', manual: '32140830464' },
  { discriminator: 80, passcode: 54757432, capabilities: 4, flow: 0, vendorId: 0x2345, productId: 0x1023, qr: 'MT:0A.T0RTM00Y0OJ0.510', manual: '00210433428' },
  { discriminator: 3091, passcode: 43338551, capabilities: 4, flow: 2, vendorId: 0x1123, productId: 0x0012, qr: 'MT:KSNK4SIC13-JPR4UY00', manual: '702871264504387000187' },
  { discriminator: 3781, passcode: 12349876, capabilities: 4, flow: 1, vendorId: 1, productId: 1, qr: 'MT:A3L90ARR15G6N57Y900', manual: '745492075300001000013' },
  { discriminator: 3091, passcode: 43338551, capabilities: 2, flow: 2, vendorId: 0x1123, productId: 0x0012, qr: 'MT:KSNK4M5113-JPR4UY00', manual: '702871264504387000187' },
  { discriminator: 174, passcode: 81235604, capabilities: 7, flow: 1, vendorId: 0x45, productId: 0x10, qr: 'MT:EPX0482F26DAVY09R10', manual: '403732495800069000166' },
  { discriminator: 2310, passcode: 23005908, capabilities: 4, flow: 2, vendorId: 0xfff3, productId: 0x8098, qr: 'MT:MZWA6G6026O2XP0II00', manual: '619156140465523329207' },
] as const;

describe('QR payload known answers (§4.4)', () => {
  it.each(pythonVectors)('encodes $qr', ({ qr, manual: _manual, ...fields }) => {
    expect(encodeQrCode(payload(fields))).toEqual({ ok: true, value: qr });
    expect(qr).toHaveLength(22);
  });

  it.each(pythonVectors)('decodes $qr', ({ qr, manual: _manual, ...fields }) => {
    expect(decodeQrCode(qr)).toEqual({ ok: true, value: { ...payload(fields), optionalData: new Uint8Array(0) } });
  });

  it('encodes the development defaults (VID 0xFFF1, PID 0x8000, 3840, 20202021)', () => {
    const dev = { vendorId: 0xfff1, productId: 0x8000, discriminator: 3840, passcode: 20202021, flow: 0 };
    expect(encodeQrCode(payload({ ...dev, capabilities: 2 }))).toEqual({ ok: true, value: 'MT:Y.K9042C00KA0648G00' });
    expect(encodeQrCode(payload({ ...dev, capabilities: 4 }))).toEqual({ ok: true, value: 'MT:Y.K90AFN00KA0648G00' });
    expect(encodeManualCode({ ...dev })).toEqual({ ok: true, value: '34970112332' });
  });
});

describe('manual pairing code known answers (§4.4)', () => {
  it.each(pythonVectors)('encodes $manual', ({ qr: _qr, manual, ...fields }) => {
    expect(encodeManualCode(fields)).toEqual({ ok: true, value: manual });
  });

  it.each(pythonVectors)('decodes $manual', ({ qr: _qr, manual, ...fields }) => {
    const long = fields.flow !== 0;
    expect(decodeManualCode(manual)).toEqual({
      ok: true,
      value: {
        vendorId: long ? fields.vendorId : null,
        productId: long ? fields.productId : null,
        flow: long ? 2 : 0, // the 21-digit form only says "not standard"; the SDK reports custom
        shortDiscriminator: shortDiscriminator(fields.discriminator),
        passcode: fields.passcode,
      },
    });
  });

  // Upstream TestManualCode.cpp gives the 10/20-digit prefixes; check digits per the fact sheet.
  it.each([
    { flow: 0, vendorId: 0, productId: 0, code: '24129507533' },
    { flow: 2, vendorId: 0, productId: 0, code: '641295075300000000008' },
    { flow: 2, vendorId: 1, productId: 1, code: '641295075300001000017' },
    { flow: 0, vendorId: 45367, productId: 14526, code: '24129507533' },
  ])('C++ case flow $flow VID $vendorId PID $productId → $code', ({ code, ...ids }) => {
    expect(encodeManualCode({ ...ids, passcode: 12345679, discriminator: 2560 })).toEqual({ ok: true, value: code });
  });

  it('accepts the dashes and spaces labels print', () => {
    expect(decodeManualCode('3497-011-2332')).toMatchObject({ ok: true, value: { passcode: 20202021, shortDiscriminator: 15 } });
    expect(decodeManualCode(' 7028 7126 4504 3870 00187 ')).toMatchObject({ ok: true, value: { vendorId: 0x1123, productId: 0x12 } });
  });
});

describe('Verhoeff', () => {
  it.each([
    ['236', 3],
    ['12345', 1],
    ['142857', 0],
    ['123456789012', 0],
    ['8473643095483728456789', 2],
    ['3497011233', 2],
    ['70287126450438700018', 7],
  ] as const)('check digit of %s is %i', (digits, check) => {
    expect(verhoeffCheckDigit(digits)).toBe(check);
    expect(verhoeffValidate(digits + String(check))).toBe(true);
    expect(verhoeffValidate(digits + String((check + 1) % 10))).toBe(false);
  });

  it('catches every single-digit error and every adjacent swap of a code', () => {
    const code = '702871264504387000187';
    for (let i = 0; i < code.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === code[i]) continue;
        expect(verhoeffValidate(code.slice(0, i) + String(d) + code.slice(i + 1))).toBe(false);
      }
      if (i + 1 < code.length && code[i] !== code[i + 1]) {
        expect(verhoeffValidate(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBe(false);
      }
    }
  });
});

describe('base-38', () => {
  it('packs 3 bytes into 5 digits, 2 into 4, 1 into 2, least significant digit first', () => {
    expect(encodeBase38(Uint8Array.of(0))).toBe('00');
    expect(encodeBase38(Uint8Array.of(255))).toBe('R6'); // 255 = 6·38 + 27
    expect(encodeBase38(Uint8Array.of(0xff, 0xff))).toBe('NE71'); // 65535 = ((1·38 + 7)·38 + 14)·38 + 23
    expect(encodeBase38(Uint8Array.of(1, 0, 0))).toBe('10000'); // little-endian: the first byte is least significant
    expect(encodeBase38(new Uint8Array(11))).toBe('0'.repeat(19));
  });

  it('decodes what it encodes, for every group length', () => {
    for (const bytes of [Uint8Array.of(), Uint8Array.of(7), Uint8Array.of(0xff, 0xff), Uint8Array.of(0xff, 0xff, 0xff), Uint8Array.of(1, 2, 3, 4, 5, 6, 7)]) {
      expect(decodeBase38(encodeBase38(bytes))).toEqual({ ok: true, value: bytes });
    }
  });

  it('refuses characters outside the alphabet, impossible lengths and overflowing groups', () => {
    expect(decodeBase38('0000a')).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID', detail: expect.stringMatching(/"a" at position 5/) } });
    expect(decodeBase38('000')).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID' } });
    expect(decodeBase38('000000')).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID' } });
    expect(decodeBase38('..')).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID', detail: expect.stringMatching(/more than 1 byte/) } });
    expect(decodeBase38('....')).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID' } });
    expect(decodeBase38('.....')).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID' } });
  });
});
