import { describe, expect, it } from 'vitest';
import type { Result } from '../../../preload/contract/errors';
import { applyLock, deviceErase, identify, readLockStatus, readRegion, resetTarget, withDci } from '../../../main/target';
import { SERIES1_DLW_ADDRESS } from '../../../main/target/lock';
import { board } from './simBoard';

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail ?? ''}`);
  return result.value;
}

const MG24 = 'EFR32MG24B210F1536IM48';
const MG12 = 'EFR32MG12P332F1024GL125';

/** Puts recognisable bytes in the credentials page and the NVM3 region of an unlocked board. */
async function provisionLikeData(port: ReturnType<typeof board>): Promise<{ credentials: number; nvm3: number; nvm3Size: number; pageSize: number }> {
  const { part } = ok(await identify(port));
  const { credentialsPage, nvm3, pageSize } = part.memory;
  ok(await port.programFlash(credentialsPage, new Uint8Array(pageSize).fill(0x5a)));
  ok(await port.programFlash(nvm3.base, new Uint8Array(nvm3.size).fill(0x3c)));
  return { credentials: credentialsPage, nvm3: nvm3.base, nvm3Size: nvm3.size, pageSize };
}

describe('Series 2 debug lock through the DCI', () => {
  it('a new part reads unlocked with device erase enabled', async () => {
    expect(ok(await readLockStatus(board({ part: MG24 })))).toEqual({ locked: false, debugLockConfigured: false, deviceEraseEnabled: true, secureDebugEnabled: false });
  });

  it('standard lock → refused memory, DCI reads locked → device erase → credentials and NVM3 erased, access back', async () => {
    const port = board({ part: MG24 });
    const where = await provisionLikeData(port);
    expect(ok(await readRegion(port, where.credentials, 16))).toEqual(new Uint8Array(16).fill(0x5a));

    const locked = ok(await applyLock(port, 'standard'));
    expect(locked).toEqual({ locked: true, debugLockConfigured: true, deviceEraseEnabled: true, secureDebugEnabled: false });
    const refused = await readRegion(port, where.credentials, 16);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('TARGET_LOCKED');
    // The DCI still answers on the locked part.
    expect(ok(await readLockStatus(port)).locked).toBe(true);

    const erased = ok(await deviceErase(port, { confirmed: true }));
    expect(erased).toEqual({ locked: false, debugLockConfigured: false, deviceEraseEnabled: true, secureDebugEnabled: false });
    expect(ok(await readRegion(port, where.credentials, where.pageSize))).toEqual(new Uint8Array(where.pageSize).fill(0xff));
    expect(ok(await readRegion(port, where.nvm3, where.nvm3Size))).toEqual(new Uint8Array(where.nvm3Size).fill(0xff));
    expect(ok(await identify(port)).partNumber).toBe(MG24);
  });

  it('lock status is read without touching the AHB-AP (AP #0) or memory', async () => {
    const port = board({ part: MG24, locked: 'standard' });
    const touched: string[] = [];
    const spy = new Proxy(port, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (name === 'readMemory' || name === 'writeMemory' || ((name === 'readAp' || name === 'writeAp') && args[0] === 0)) touched.push(String(name));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    expect(ok(await readLockStatus(spy)).locked).toBe(true);
    expect(touched).toEqual([]);
  });

  it('the lock configured by DBG_LOCK_APPLY bites only at the reset', async () => {
    const port = board({ part: MG24 });
    ok(await withDci(port, {}, (session) => session.command('DBG_LOCK_APPLY')));
    expect(ok(await readLockStatus(port))).toEqual({ locked: false, debugLockConfigured: true, deviceEraseEnabled: true, secureDebugEnabled: false });
    expect(ok(await readRegion(port, 0x08000000, 4))).toEqual(new Uint8Array(4).fill(0xff));
    ok(await resetTarget(port, 'hardware'));
    expect(ok(await readLockStatus(port)).locked).toBe(true);
  });

  it('permanent lock → device erase is refused with the SE\'s authorization error', async () => {
    const port = board({ part: MG24 });
    expect(ok(await applyLock(port, 'permanent'))).toEqual({ locked: true, debugLockConfigured: true, deviceEraseEnabled: false, secureDebugEnabled: false });
    const erase = await deviceErase(port, { confirmed: true });
    expect(erase.ok).toBe(false);
    if (erase.ok) return;
    expect(erase.error.code).toBe('TARGET_SE_ERROR');
    expect(erase.error.detail).toMatch(/^DEVICE_ERASE: SE response 0x0002 \(authorization error\)/);
    expect(ok(await readLockStatus(port)).locked).toBe(true);
  });

  it('secure lock needs a command key: refused without one, nothing changed', async () => {
    const port = board({ part: MG24 });
    const refused = await applyLock(port, 'secure');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('TARGET_SECURE_LOCK_UNAVAILABLE');
    expect(ok(await readLockStatus(port))).toEqual({ locked: false, debugLockConfigured: false, deviceEraseEnabled: true, secureDebugEnabled: false });
  });

  it('secure lock with a command key: secure debug on, locked, device erase disabled', async () => {
    const port = board({ part: MG24, commandKeyInstalled: true });
    expect(ok(await applyLock(port, 'secure'))).toEqual({ locked: true, debugLockConfigured: true, deviceEraseEnabled: false, secureDebugEnabled: true });
  });

  it('device erase refuses without explicit confirmation and touches nothing', async () => {
    const port = board({ part: MG24, locked: 'standard' });
    const erase = await deviceErase(port, { confirmed: false });
    expect(erase.ok).toBe(false);
    if (!erase.ok) expect(erase.error.code).toBe('TARGET_ERASE_NOT_CONFIRMED');
    expect(ok(await readLockStatus(port)).locked).toBe(true);
  });

  it('a disconnect during the DCI exchange names the command', async () => {
    const port = board({ part: MG24, faults: [{ kind: 'disconnect', at: 'readAp', occurrence: 3 }] });
    const status = await readLockStatus(port);
    expect(status.ok).toBe(false);
    if (status.ok) return;
    expect(status.error.code).toBe('PROBE_DISCONNECTED');
    expect(status.error.detail).toMatch(/^(DCI connect|DBG_LOCK_STATUS)/);
  });
});

describe('Series 1 lock word and AAP', () => {
  it('standard lock programs the DLW; after the reset AP #0 is the AAP and memory is refused', async () => {
    const port = board({ part: MG12 });
    const where = await provisionLikeData(port);
    const status = ok(await applyLock(port, 'standard'));
    expect(status).toEqual({ locked: true, debugLockConfigured: true, deviceEraseEnabled: true, secureDebugEnabled: false });
    expect(port.chip.series1LockWordSet()).toBe(true);
    const refused = await readRegion(port, where.credentials, 4);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('TARGET_LOCKED');

    // AAP DEVICEERASE wipes main flash and the lock-bits page; access returns after the reset.
    expect(ok(await deviceErase(port, { confirmed: true }))).toEqual({ locked: false, debugLockConfigured: false, deviceEraseEnabled: true, secureDebugEnabled: false });
    expect(ok(await readRegion(port, where.credentials, where.pageSize))).toEqual(new Uint8Array(where.pageSize).fill(0xff));
    expect(ok(await readRegion(port, SERIES1_DLW_ADDRESS, 4))).toEqual(new Uint8Array(4).fill(0xff));
  });

  it('the lock word alone does not lock until a pin reset', async () => {
    const port = board({ part: MG12 });
    ok(await port.programFlash(0x0fe04000, (() => {
      const page = new Uint8Array(2048).fill(0xff);
      new DataView(page.buffer).setUint32(0x1fc, 0xfffffff0, true);
      return page;
    })()));
    expect(ok(await readLockStatus(port))).toEqual({ locked: false, debugLockConfigured: true, deviceEraseEnabled: true, secureDebugEnabled: false });
    ok(await resetTarget(port, 'hardware'));
    expect(ok(await readLockStatus(port)).locked).toBe(true);
  });

  it('permanent lock clears the AAP lock word: the AAP erase does nothing and the erase is refused', async () => {
    const port = board({ part: MG12 });
    expect(ok(await applyLock(port, 'permanent')).locked).toBe(true);
    expect(port.chip.series1AapLocked()).toBe(true);
    const erase = await deviceErase(port, { confirmed: true });
    expect(erase.ok).toBe(false);
    if (!erase.ok) expect(erase.error.code).toBe('TARGET_ERASE_REFUSED');
  });

  it('an unlocked Series 1 part is erased page by page, lock bits included', async () => {
    const port = board({ part: MG12 });
    const where = await provisionLikeData(port);
    expect(ok(await deviceErase(port, { confirmed: true })).locked).toBe(false);
    expect(ok(await readRegion(port, where.credentials, 8))).toEqual(new Uint8Array(8).fill(0xff));
  });

  it('Series 1 has no secure debug lock', async () => {
    const lock = await applyLock(board({ part: MG12 }), 'secure');
    expect(lock.ok).toBe(false);
    if (!lock.ok) expect(lock.error.code).toBe('TARGET_OPERATION_UNSUPPORTED');
  });

  it('a part delivered locked reads locked through the AAP', async () => {
    expect(ok(await readLockStatus(board({ part: MG12, locked: 'standard' }))).locked).toBe(true);
  });
});
