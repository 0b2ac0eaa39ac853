import { describe, expect, it } from 'vitest';
import { AAP, AAP_CMDKEY_VALUE, AAP_IDR, AHB_AP_IDR_SERIES1, AP, DEBUG_STATUS, DP, LOCK_BITS_BASE, SE_COMMAND, SE_RESPONSE, SERIES1_DLW, SERIES1_DLW_LOCKED } from '../../../main/sim';
import { board, dciCommand, expectFailure, unwrap, word } from './simHelpers';

const MG24 = 'EFR32MG24B210F1536IM48';

async function debugStatus(port: ReturnType<typeof board>): Promise<number> {
  const response = await dciCommand(port, SE_COMMAND.DBG_LOCK_STATUS);
  expect(response.code).toBe(SE_RESPONSE.OK);
  expect(response.payload).toHaveLength(1);
  return response.payload[0]!;
}

describe('Series 2 Secure Engine lock state machine', () => {
  it('GET_STATUS answers 9 words with the debug status word in word 7', async () => {
    const port = board({ part: MG24 });
    const status = await dciCommand(port, SE_COMMAND.GET_STATUS);
    expect(status.code).toBe(SE_RESPONSE.OK);
    expect(status.payload).toHaveLength(9);
    expect(status.payload[7]).toBe(DEBUG_STATUS.DEVICE_ERASE_ENABLED);
    expect(await debugStatus(port)).toBe(DEBUG_STATUS.DEVICE_ERASE_ENABLED);
  });

  it('standard lock → reset closes the port → device erase → reset reopens it with flash erased', async () => {
    const port = board({ part: MG24 });
    const { credentialsPage, nvm3, pageSize } = port.chip.part.memory;
    unwrap(await port.programFlash(credentialsPage, new Uint8Array(pageSize).fill(0x5a)));
    unwrap(await port.programFlash(nvm3.base, new Uint8Array(pageSize).fill(0x11)));

    expect((await dciCommand(port, SE_COMMAND.DBG_LOCK_APPLY)).code).toBe(SE_RESPONSE.OK);
    // Configured at once, but the port stays open until the next reset.
    expect(await debugStatus(port)).toBe(DEBUG_STATUS.LOCK_CONFIGURED | DEBUG_STATUS.DEVICE_ERASE_ENABLED);
    unwrap(await port.readMemory(credentialsPage, 4));

    unwrap(await port.reset('hardware'));
    expectFailure(await port.readMemory(credentialsPage, 4), 'PROBE_ACCESS_DENIED');
    const locked = await debugStatus(port);
    expect(locked & DEBUG_STATUS.PORT_LOCKED).not.toBe(0);
    expect(locked & DEBUG_STATUS.LOCK_CONFIGURED).not.toBe(0);

    expect((await dciCommand(port, SE_COMMAND.DEVICE_ERASE)).code).toBe(SE_RESPONSE.OK);
    // Still closed until reset.
    expectFailure(await port.readMemory(credentialsPage, 4), 'PROBE_ACCESS_DENIED');
    unwrap(await port.reset('hardware'));
    expect(await debugStatus(port)).toBe(DEBUG_STATUS.DEVICE_ERASE_ENABLED);
    expect(unwrap(await port.readMemory(credentialsPage, pageSize)).every((b) => b === 0xff)).toBe(true);
    expect(unwrap(await port.readMemory(nvm3.base, nvm3.size)).every((b) => b === 0xff)).toBe(true);
    // DEVINFO is not flash: it survives.
    expect(word(unwrap(await port.readMemory(0x0fe08004, 4)))).toBe(0x011804ba);
  });

  it('permanent lock: device erase is refused with the SE\'s authorization error, and nothing is erased', async () => {
    const port = board({ part: MG24 });
    const { credentialsPage, pageSize } = port.chip.part.memory;
    unwrap(await port.programFlash(credentialsPage, new Uint8Array(pageSize).fill(0x5a)));
    expect((await dciCommand(port, SE_COMMAND.DBG_LOCK_APPLY)).code).toBe(SE_RESPONSE.OK);
    expect((await dciCommand(port, SE_COMMAND.DEVICE_ERASE_DISABLE)).code).toBe(SE_RESPONSE.OK);
    unwrap(await port.reset('hardware'));
    expect(await debugStatus(port)).toBe(DEBUG_STATUS.LOCK_CONFIGURED | DEBUG_STATUS.PORT_LOCKED);
    expect((await dciCommand(port, SE_COMMAND.DEVICE_ERASE)).code).toBe(SE_RESPONSE.AUTHORIZATION_ERROR);
    unwrap(await port.reset('hardware'));
    expectFailure(await port.readMemory(credentialsPage, 4), 'PROBE_ACCESS_DENIED');
    expect(port.chip.mainFlash.read(credentialsPage, 4)).toEqual(new Uint8Array(4).fill(0x5a));
  });

  it('a part delivered permanently locked refuses erase the same way', async () => {
    const port = board({ part: 'EFR32MG21A010F1024IM32', locked: 'permanent' });
    expectFailure(await port.readMemory(0, 4), 'PROBE_ACCESS_DENIED');
    expect((await dciCommand(port, SE_COMMAND.DEVICE_ERASE)).code).toBe(SE_RESPONSE.AUTHORIZATION_ERROR);
  });

  it('secure debug needs a command key; with one it enables and the status says so', async () => {
    const withoutKey = board({ part: MG24 });
    expect((await dciCommand(withoutKey, SE_COMMAND.DBG_LOCK_ENABLE_SECURE)).code).toBe(SE_RESPONSE.AUTHORIZATION_ERROR);
    const withKey = board({ part: MG24, commandKeyInstalled: true });
    expect((await dciCommand(withKey, SE_COMMAND.DBG_LOCK_ENABLE_SECURE)).code).toBe(SE_RESPONSE.OK);
    expect((await debugStatus(withKey)) & DEBUG_STATUS.SECURE_DEBUG_ENABLED).not.toBe(0);
    expect((await dciCommand(withKey, SE_COMMAND.DBG_LOCK_DISABLE_SECURE)).code).toBe(SE_RESPONSE.OK);
    expect((await debugStatus(withKey)) & DEBUG_STATUS.SECURE_DEBUG_ENABLED).toBe(0);
    const secure = board({ part: MG24, locked: 'secure' });
    expect(await debugStatus(secure)).toBe(DEBUG_STATUS.LOCK_CONFIGURED | DEBUG_STATUS.SECURE_DEBUG_ENABLED | DEBUG_STATUS.PORT_LOCKED);
  });

  it('answers an unknown command with INVALID_COMMAND and READ_SERIAL with the EUI-64', async () => {
    const port = board({ part: MG24, eui64: '14b457fffe045a8e', locked: 'standard' });
    expect((await dciCommand(port, 0x12340000)).code).toBe(SE_RESPONSE.INVALID_COMMAND);
    expect((await dciCommand(port, SE_COMMAND.READ_SERIAL)).payload).toEqual([0, 0, 0x14b457ff, 0xfe045a8e]);
  });
});

describe('Series 1 (MG12) lock word and AAP', () => {
  const MG12 = 'EFR32MG12P332F1024GL125';

  async function ap0Idr(port: ReturnType<typeof board>): Promise<number> {
    unwrap(await port.writeDp(DP.SELECT, 0x000000f0));
    const idr = unwrap(await port.readAp(0, 0xc));
    unwrap(await port.writeDp(DP.SELECT, 0));
    return idr;
  }

  it('programming the debug lock word locks at the next pin reset; AAP erase-unlock reopens it', async () => {
    const port = board({ part: MG12 });
    const { credentialsPage, pageSize } = port.chip.part.memory;
    unwrap(await port.programFlash(credentialsPage, new Uint8Array(pageSize).fill(0x33)));
    expect(await ap0Idr(port)).toBe(AHB_AP_IDR_SERIES1);

    const lockPage = new Uint8Array(pageSize).fill(0xff);
    new DataView(lockPage.buffer).setUint32(SERIES1_DLW - LOCK_BITS_BASE, SERIES1_DLW_LOCKED, true);
    unwrap(await port.programFlash(LOCK_BITS_BASE, lockPage));
    expect(word(unwrap(await port.readMemory(SERIES1_DLW, 4)))).toBe(SERIES1_DLW_LOCKED);
    // A system reset does not read the lock word; a pin reset does.
    unwrap(await port.reset('system'));
    unwrap(await port.readMemory(credentialsPage, 4));
    unwrap(await port.reset('hardware'));
    expect(await ap0Idr(port)).toBe(AAP_IDR);
    expectFailure(await port.readMemory(credentialsPage, 4), 'PROBE_ACCESS_DENIED');
    expect(unwrap(await port.readAp(0, AAP.STATUS)) & 2).toBe(2);

    // Without the key the command is ignored.
    unwrap(await port.writeAp(0, AAP.CMD, 1));
    expect(port.chip.mainFlash.read(credentialsPage, 1)[0]).toBe(0x33);
    unwrap(await port.writeAp(0, AAP.CMDKEY, AAP_CMDKEY_VALUE));
    unwrap(await port.writeAp(0, AAP.CMD, 1));
    expect(unwrap(await port.readAp(0, AAP.STATUS)) & 1).toBe(0);
    unwrap(await port.reset('hardware'));
    expect(await ap0Idr(port)).toBe(AHB_AP_IDR_SERIES1);
    expect(unwrap(await port.readMemory(credentialsPage, pageSize)).every((b) => b === 0xff)).toBe(true);
    expect(word(unwrap(await port.readMemory(SERIES1_DLW, 4)))).toBe(0xffffffff);
  });

  it('a part delivered locked shows the AAP; a permanently locked one ignores erase', async () => {
    const locked = board({ part: MG12, locked: 'standard' });
    expect(await ap0Idr(locked)).toBe(AAP_IDR);
    const permanent = board({ part: MG12, locked: 'permanent' });
    unwrap(await permanent.writeAp(0, AAP.CMDKEY, AAP_CMDKEY_VALUE));
    unwrap(await permanent.writeAp(0, AAP.CMD, 1));
    unwrap(await permanent.reset('hardware'));
    expect(await ap0Idr(permanent)).toBe(AAP_IDR);
    expect(unwrap(await permanent.readAp(0, AP.IDR))).toBe(AAP_IDR);
  });
});
