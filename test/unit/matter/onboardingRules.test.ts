// The validity rules (matter-credentials.md §4.1, §4.3): each refusal names the field and the rule.
import { describe, expect, it } from 'vitest';
import {
  checkCapabilities,
  checkDiscriminator,
  checkPasscode,
  checkSetupPayload,
  checkVendorProduct,
  encodeManualCode,
  encodeQrCode,
  INVALID_PASSCODES,
  isValidPasscode,
  type SetupPayload,
} from '../../../main/matter/onboarding';

const base: SetupPayload = { version: 0, vendorId: 0xfff1, productId: 0x8000, flow: 0, capabilities: 2, discriminator: 3840, passcode: 20202021 };

describe('passcode', () => {
  it('accepts 1..99999998 except the eleven forbidden values', () => {
    for (const passcode of [1, 2, 20202021, 12345679, 87654320, 99_999_998]) expect(isValidPasscode(passcode)).toBe(true);
    expect(INVALID_PASSCODES).toEqual([0, 11111111, 22222222, 33333333, 44444444, 55555555, 66666666, 77777777, 88888888, 12345678, 87654321]);
    for (const passcode of INVALID_PASSCODES) {
      expect(checkPasscode(passcode)).toMatchObject({ ok: false, error: { code: 'PASSCODE_INVALID' } });
    }
    expect(checkPasscode(11111111)).toMatchObject({ error: { detail: expect.stringMatching(/11111111.*forbids/) } });
    expect(checkPasscode(0)).toMatchObject({ error: { detail: expect.stringMatching(/outside 1\.\.99999998/) } });
  });

  it('refuses 99999999 (the 8-digit maximum is 99999998), 27-bit values above it, negatives and fractions', () => {
    for (const passcode of [99_999_999, 2 ** 27 - 1, -1, 1.5, Number.NaN]) {
      expect(checkPasscode(passcode)).toMatchObject({ ok: false, error: { code: 'PASSCODE_INVALID', detail: expect.stringMatching(/outside/) } });
    }
  });

  it('is refused by both encoders', () => {
    expect(encodeQrCode({ ...base, passcode: 12345678 })).toMatchObject({ ok: false, error: { code: 'PASSCODE_INVALID' } });
    expect(encodeManualCode({ ...base, passcode: 87654321 })).toMatchObject({ ok: false, error: { code: 'PASSCODE_INVALID' } });
  });
});

describe('discriminator, IDs, flow, capabilities, version', () => {
  it('discriminator 0..4095', () => {
    expect(checkDiscriminator(0).ok).toBe(true);
    expect(checkDiscriminator(4095).ok).toBe(true);
    expect(checkDiscriminator(4096)).toMatchObject({ ok: false, error: { code: 'DISCRIMINATOR_OUT_OF_RANGE', detail: expect.stringMatching(/4096.*0\.\.4095/) } });
    expect(checkDiscriminator(-1)).toMatchObject({ ok: false, error: { code: 'DISCRIMINATOR_OUT_OF_RANGE' } });
  });

  it('vendor ID 0..0xFFF4; product ID 0..0xFFFF and 0 only with vendor 0', () => {
    expect(checkVendorProduct(0, 0).ok).toBe(true);
    expect(checkVendorProduct(0xfff4, 0xffff).ok).toBe(true);
    expect(checkVendorProduct(0, 5).ok).toBe(true);
    expect(checkVendorProduct(0xfff5, 1)).toMatchObject({ ok: false, error: { code: 'ONBOARDING_VENDOR_ID_INVALID', detail: expect.stringMatching(/0xFFF5/) } });
    expect(checkVendorProduct(0x10000, 1)).toMatchObject({ ok: false, error: { code: 'ONBOARDING_VENDOR_ID_INVALID' } });
    expect(checkVendorProduct(0xfff1, 0)).toMatchObject({ ok: false, error: { code: 'ONBOARDING_PRODUCT_ID_INVALID', detail: expect.stringMatching(/only allowed with vendor ID 0/) } });
    expect(checkVendorProduct(0xfff1, 0x10000)).toMatchObject({ ok: false, error: { code: 'ONBOARDING_PRODUCT_ID_INVALID' } });
  });

  it('flow 0..2', () => {
    for (const flow of [0, 1, 2]) expect(checkSetupPayload({ ...base, flow }).ok).toBe(true);
    expect(checkSetupPayload({ ...base, flow: 3 })).toMatchObject({ ok: false, error: { code: 'ONBOARDING_FLOW_INVALID' } });
    expect(encodeManualCode({ ...base, flow: 3 })).toMatchObject({ ok: false, error: { code: 'ONBOARDING_FLOW_INVALID' } });
  });

  it('capabilities: known bits only when producing, any 8 bits when reading, known mask configurable', () => {
    expect(checkCapabilities(0x07).ok).toBe(true);
    expect(checkCapabilities(0x08)).toMatchObject({ ok: false, error: { code: 'ONBOARDING_CAPABILITIES_INVALID', detail: expect.stringMatching(/unknown bits 0x08/) } });
    expect(checkCapabilities(0x08, { mode: 'consume' }).ok).toBe(true);
    expect(checkCapabilities(0x100, { mode: 'consume' })).toMatchObject({ ok: false, error: { code: 'ONBOARDING_CAPABILITIES_INVALID' } });
    expect(checkCapabilities(0x0a, { knownCapabilities: 0x0f }).ok).toBe(true);
    expect(encodeQrCode({ ...base, capabilities: 0x10 })).toMatchObject({ ok: false, error: { code: 'ONBOARDING_CAPABILITIES_INVALID' } });
  });

  it('version 0 only', () => {
    expect(checkSetupPayload({ ...base, version: 1 })).toMatchObject({ ok: false, error: { code: 'ONBOARDING_VERSION_UNSUPPORTED' } });
  });

  it('manual code checks VID/PID only when it carries them (non-standard flow)', () => {
    expect(encodeManualCode({ ...base, vendorId: 0xffff, productId: 0 }).ok).toBe(true);
    expect(encodeManualCode({ ...base, flow: 1, vendorId: 0xffff })).toMatchObject({ ok: false, error: { code: 'ONBOARDING_VENDOR_ID_INVALID' } });
  });

  it('every error carries the catalogue sentences', () => {
    const result = checkDiscriminator(5000);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/\.$/);
      expect(result.error.fix).toMatch(/4095/);
    }
  });
});
