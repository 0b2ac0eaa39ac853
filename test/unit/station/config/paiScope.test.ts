// applyPaiScope: the PAI fills and locks VID (and PID when PID-scoped).
import { describe, expect, it } from 'vitest';
import { createPai, createTestPaa } from '../../../../main/matter/dac';
import { applyPaiScope, readPaiScope } from '../../../../main/station/config';
import { baseConfig, NOT_BEFORE } from '../../../fixtures/config/workspace';

const paa = createTestPaa({ notBefore: NOT_BEFORE });

describe('applyPaiScope', () => {
  it('a VID+PID-scoped PAI fills and locks both', () => {
    const pai = createPai(paa, { notBefore: NOT_BEFORE, vendorId: 0x1234, productId: 0x5678 });
    const config = baseConfig();
    const scoped = applyPaiScope(config, pai.certificate);
    if (!scoped.ok) throw new Error(scoped.error.detail);
    expect(scoped.value.config.matter.vendorId).toBe(0x1234);
    expect(scoped.value.config.matter.productId).toBe(0x5678);
    expect(scoped.value.lockedFields).toEqual(['matter.vendorId', 'matter.productId']);
    expect(config.matter.vendorId).toBe(0xfff1); // the input is not changed
  });

  it('a VID-scoped PAI fills and locks only the vendor ID (PEM accepted)', () => {
    const pai = createPai(paa, { notBefore: NOT_BEFORE, vendorId: 0x1234 });
    const scoped = applyPaiScope(baseConfig(), new TextEncoder().encode(pai.certificatePem));
    if (!scoped.ok) throw new Error(scoped.error.detail);
    expect(scoped.value.config.matter).toMatchObject({ vendorId: 0x1234, productId: 0x8000 });
    expect(scoped.value.lockedFields).toEqual(['matter.vendorId']);
    expect(scoped.value.scope).toEqual({ vendorId: 0x1234, productId: null });
  });

  it('a PAI without a vendor ID, or not a certificate, is refused', () => {
    expect(readPaiScope(paa.certificate)).toMatchObject({ ok: false, error: { code: 'CONFIG_PAI_INVALID' } });
    expect(readPaiScope(new Uint8Array([1, 2, 3]))).toMatchObject({ ok: false, error: { code: 'CONFIG_PAI_INVALID' } });
  });
});
