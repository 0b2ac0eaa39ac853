// The 11-byte setup-payload bitset Silicon Labs firmware keeps in NVM3 object 0x087205
// (silabs-provisioning.md §2.4): byte-exact against the firmware's own test bitset (matter-shell.md §3.3).
import { describe, expect, it } from 'vitest';
import {
  decodeQrCode,
  decodeSetupPayloadBitset,
  decodeStoredSetupPayload,
  encodeBase38,
  encodeQrCode,
  encodeSetupPayloadBitset,
  PAYLOAD_FIELDS,
  type SetupPayload,
} from '../../../main/matter/onboarding';

/** The hard-coded test bitset of Silabs' ProvisionStorage, printed at boot as MT:6FCJ142C00KA0648G00. */
const silabsTestBitset = Uint8Array.of(0x88, 0xff, 0x2f, 0x00, 0x44, 0x00, 0xe0, 0x4b, 0x84, 0x68, 0x02);
const silabsTestPayload: SetupPayload = { version: 0, vendorId: 0xfff1, productId: 0x8005, flow: 0, capabilities: 2, discriminator: 3840, passcode: 20202021 };

describe('Silabs setup-payload bitset', () => {
  it('encodes the firmware test payload byte for byte', () => {
    expect(encodeSetupPayloadBitset(silabsTestPayload)).toEqual({ ok: true, value: silabsTestBitset });
  });

  it('decodes the firmware test bitset', () => {
    expect(decodeSetupPayloadBitset(silabsTestBitset)).toEqual({ ok: true, value: silabsTestPayload });
  });

  it('is the QR payload before base-38: MT: + base38(bitset) is what the firmware prints', () => {
    expect(`MT:${encodeBase38(silabsTestBitset)}`).toBe('MT:6FCJ142C00KA0648G00');
    expect(encodeQrCode(silabsTestPayload)).toEqual({ ok: true, value: 'MT:6FCJ142C00KA0648G00' });
    expect(decodeQrCode('MT:6FCJ142C00KA0648G00')).toMatchObject({ ok: true, value: silabsTestPayload });
  });

  it('lays the fields out LSB-first at offsets 0, 3, 19, 35, 37, 45, 57, 84', () => {
    let offset = 0;
    const offsets = PAYLOAD_FIELDS.map((field) => [field.name, (offset += field.bits) - field.bits] as const);
    expect(Object.fromEntries(offsets)).toEqual({ version: 0, vendorId: 3, productId: 19, flow: 35, capabilities: 37, discriminator: 45, passcode: 57, padding: 84 });
    expect(offset).toBe(88);
    // One field at a time: vendor ID 1 is bit 3 (byte 0 = 0x08); passcode 1 is bit 57 (byte 7 bit 1).
    const only = (fields: Partial<SetupPayload>) => {
      const result = encodeSetupPayloadBitset({ version: 0, vendorId: 0, productId: 0, flow: 0, capabilities: 0, discriminator: 0, passcode: 1, ...fields });
      if (!result.ok) throw new Error(result.error.code);
      return Array.from(result.value);
    };
    expect(only({})).toEqual([0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0]);
    expect(only({ vendorId: 1, productId: 1 })).toEqual([0x08, 0, 0x08, 0, 0, 0, 0, 0x02, 0, 0, 0]);
    expect(only({ flow: 2 })).toEqual([0, 0, 0, 0, 0x10, 0, 0, 0x02, 0, 0, 0]);
    expect(only({ capabilities: 0x04 })).toEqual([0, 0, 0, 0, 0x80, 0, 0, 0x02, 0, 0, 0]);
    expect(only({ discriminator: 0x800 })).toEqual([0, 0, 0, 0, 0, 0, 0, 0x03, 0, 0, 0]); // bit 56
    expect(only({ passcode: 99_999_998 })).toEqual([0, 0, 0, 0, 0, 0, 0, 0xfc, 0xc1, 0xeb, 0x0b]); // 99999998 << 1 = 0x0BEBC1FC, little-endian from byte 7
  });

  it('refuses a bitset that is not 11 bytes', () => {
    for (const length of [0, 10, 12, 22]) {
      expect(decodeSetupPayloadBitset(new Uint8Array(length))).toMatchObject({ ok: false, error: { code: 'ONBOARDING_BITSET_LENGTH', detail: expect.stringMatching(`${length} bytes`) } });
    }
  });

  it('read-back accepts either the 11-byte bitset or the MT: text (the fact sheet is unsure which the agent returns)', () => {
    expect(decodeStoredSetupPayload(silabsTestBitset)).toEqual({ ok: true, value: silabsTestPayload });
    expect(decodeStoredSetupPayload(new TextEncoder().encode('MT:6FCJ142C00KA0648G00'))).toEqual({ ok: true, value: silabsTestPayload });
    expect(decodeStoredSetupPayload(new TextEncoder().encode('MT:6FCJ142C00KA0648G00\0\0'))).toEqual({ ok: true, value: silabsTestPayload });
    expect(decodeStoredSetupPayload(new TextEncoder().encode('MT:6FCJ142C00KA0648G0'))).toMatchObject({ ok: false, error: { code: 'QR_BASE38_INVALID' } });
    expect(decodeStoredSetupPayload(new Uint8Array(12))).toMatchObject({ ok: false, error: { code: 'ONBOARDING_BITSET_LENGTH' } });
  });
});
