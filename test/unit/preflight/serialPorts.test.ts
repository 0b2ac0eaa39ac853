import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../../preload/contract/errors';
import { checkSerialPorts, describePort } from '../../../main/preflight/serialPorts';

describe('checkSerialPorts', () => {
  it('lists the ports it is given, with manufacturer and serial number when known', async () => {
    const check = await checkSerialPorts({
      list: async () => [
        { path: '/dev/ttyUSB0', manufacturer: 'Silicon Labs', vendorId: '10c4', productId: 'ea60' },
        { path: '/dev/ttyACM0', manufacturer: 'SEGGER', serialNumber: '000440048205', vendorId: '1366', productId: '1015' },
        { path: '/dev/ttyS0', manufacturer: undefined, serialNumber: undefined },
      ],
    });
    expect(check).toMatchObject({ name: 'serial-ports', title: 'Serial ports', ok: true, required: false, fix: null });
    expect(check.message).toBe(
      '3 serial ports: /dev/ttyACM0 (J-Link VCOM, SEGGER, serial 000440048205); /dev/ttyS0; /dev/ttyUSB0 (Silicon Labs).',
    );
    expect(check.detail).toContain('/dev/ttyACM0 manufacturer=SEGGER serialNumber=000440048205 vendorId=1366 productId=1015');
  });

  it('is ok with no ports at all', async () => {
    const check = await checkSerialPorts({ list: async () => [] });
    expect(check).toMatchObject({ ok: true, message: 'No serial ports found.', fix: null });
  });

  it('fails with SERIAL_LIST_FAILED when listing throws', async () => {
    const check = await checkSerialPorts({
      list: async () => {
        throw new Error('udevadm: permission denied');
      },
    });
    expect(check).toMatchObject({
      ok: false,
      required: false,
      message: errorCatalogue.SERIAL_LIST_FAILED.message,
      fix: errorCatalogue.SERIAL_LIST_FAILED.fix,
      detail: 'udevadm: permission denied',
    });
  });

  it('fails when the lister throws synchronously', async () => {
    const check = await checkSerialPorts({
      list: () => {
        throw new Error('binding not loaded');
      },
    });
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('binding not loaded');
  });

  it('gives up on a listing that hangs past the timeout', async () => {
    const started = Date.now();
    const check = await checkSerialPorts({ list: () => new Promise(() => {}), timeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(check).toMatchObject({ ok: false, message: errorCatalogue.SERIAL_LIST_FAILED.message });
    expect(check.detail).toContain('50 ms');
  });

  it('ignores a listing that fails after the timeout answered', async () => {
    let reject: (error: Error) => void = () => {};
    const check = await checkSerialPorts({ list: () => new Promise((_, r) => (reject = r)), timeoutMs: 10 });
    expect(check.ok).toBe(false);
    reject(new Error('late'));
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('runs the real serialport listing without hanging or throwing', async () => {
    const check = await checkSerialPorts();
    expect(check.name).toBe('serial-ports');
    expect(typeof check.ok).toBe('boolean');
  });
});

describe('describePort', () => {
  it('shows the path alone when nothing else is known', () => {
    expect(describePort({ path: 'COM3', manufacturer: ' ' })).toBe('COM3');
  });
});
