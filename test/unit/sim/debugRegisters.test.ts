import { describe, expect, it } from 'vitest';
import { AHB_AP_IDR_SERIES2, AP, DCI_ID, DCI_ID_VALUE, DCI_STATUS, DP, DPIDR_SERIES1, DPIDR_SERIES2 } from '../../../main/sim';
import { board, expectFailure, unwrap } from './simHelpers';

describe('SW-DP registers', () => {
  it('identifies the series by DPIDR and acknowledges power-up requests', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48' });
    expect(unwrap(await port.readDp(DP.DPIDR))).toBe(DPIDR_SERIES2);
    expect(unwrap(await board({ part: 'EFR32MG12P332F1024GL125' }).readDp(DP.DPIDR))).toBe(DPIDR_SERIES1);
    unwrap(await port.writeDp(DP.ABORT, 0x1e));
    unwrap(await port.writeDp(DP.CTRL_STAT, 0x50000000));
    expect(unwrap(await port.readDp(DP.CTRL_STAT)) >>> 0).toBe(0xf0000000);
    unwrap(await port.writeDp(DP.SELECT, 0x01000000));
    expect(unwrap(await port.readDp(DP.SELECT))).toBe(0x01000000);
    expectFailure(await port.readDp(0x10), 'SIM_ACCESS_INVALID', 'readDp');
  });

  it('sets STICKYERR on a faulting AP access and clears it through ABORT', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48' });
    unwrap(await port.writeAp(0, AP.CSW, 0x23000002));
    unwrap(await port.writeAp(0, AP.TAR, 0x30000000));
    expectFailure(await port.readAp(0, AP.DRW), 'SIM_ADDRESS_UNMAPPED', 'readAp');
    expect(unwrap(await port.readDp(DP.CTRL_STAT)) & (1 << 5)).not.toBe(0);
    unwrap(await port.writeDp(DP.ABORT, 0x1e));
    expect(unwrap(await port.readDp(DP.CTRL_STAT)) & (1 << 5)).toBe(0);
  });
});

describe('AHB-AP (AP #0)', () => {
  it('reads its IDR through the bank SELECT names, and memory through CSW/TAR/DRW', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48' });
    unwrap(await port.writeDp(DP.SELECT, 0x000000f0));
    expect(unwrap(await port.readAp(0, 0xc))).toBe(AHB_AP_IDR_SERIES2);
    expect(unwrap(await port.readDp(DP.RDBUFF))).toBe(AHB_AP_IDR_SERIES2);
    unwrap(await port.writeDp(DP.SELECT, 0));
    unwrap(await port.writeAp(0, AP.CSW, 0x23000012)); // 32-bit, auto-increment
    unwrap(await port.writeAp(0, AP.TAR, 0x0fe08004));
    expect(unwrap(await port.readAp(0, AP.DRW))).toBe(0x011804ba);
    expect(unwrap(await port.readAp(0, AP.TAR))).toBe(0x0fe08008);
    // Write SRAM word by word with auto-increment, then read a byte on its lane.
    unwrap(await port.writeAp(0, AP.TAR, 0x20000100));
    unwrap(await port.writeAp(0, AP.DRW, 0x11223344));
    unwrap(await port.writeAp(0, AP.DRW, 0x55667788));
    expect(unwrap(await port.readMemory(0x20000100, 8))).toEqual(new Uint8Array([0x44, 0x33, 0x22, 0x11, 0x88, 0x77, 0x66, 0x55]));
    unwrap(await port.writeAp(0, AP.CSW, 0x23000000)); // 8-bit, no increment
    unwrap(await port.writeAp(0, AP.TAR, 0x20000102));
    expect(unwrap(await port.readAp(0, AP.DRW))).toBe(0x00220000);
    // Banked data registers BD0–BD3 reach the 16-byte block TAR points into.
    unwrap(await port.writeAp(0, AP.TAR, 0x20000100));
    expect(unwrap(await port.readAp(0, AP.BD0 + 4))).toBe(0x55667788);
  });

  it('refuses memory access through DRW and readMemory while locked', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48', locked: 'standard' });
    unwrap(await port.writeAp(0, AP.CSW, 0x23000002));
    unwrap(await port.writeAp(0, AP.TAR, 0x0fe08004));
    expectFailure(await port.readAp(0, AP.DRW), 'PROBE_ACCESS_DENIED', 'readAp');
    expectFailure(await port.readMemory(0x0fe08004, 4), 'PROBE_ACCESS_DENIED', 'readMemory');
    expectFailure(await port.writeMemory(0x20000000, new Uint8Array(4)), 'PROBE_ACCESS_DENIED', 'writeMemory');
    expectFailure(await port.programFlash(0x08000000, new Uint8Array(0x2000)), 'PROBE_ACCESS_DENIED', 'programFlash');
    expectFailure(await port.halt(), 'PROBE_ACCESS_DENIED', 'halt');
    expectFailure(await port.reset('system'), 'PROBE_ACCESS_DENIED', 'reset');
    // The IDR is still readable: the AP is there, it just refuses the bus.
    expect(unwrap(await port.readAp(0, AP.IDR))).toBe(AHB_AP_IDR_SERIES2);
  });
});

describe('DCI (AP #1) registers', () => {
  it('identifies itself and reads STATUS idle', async () => {
    const port = board({ part: 'EFR32MG21A010F1024IM32', locked: 'standard' });
    unwrap(await port.writeDp(DP.SELECT, 0x01000000));
    unwrap(await port.writeAp(1, AP.CSW, 0x22000002));
    unwrap(await port.writeAp(1, AP.TAR, DCI_ID));
    expect(unwrap(await port.readAp(1, AP.DRW))).toBe(DCI_ID_VALUE);
    unwrap(await port.writeAp(1, AP.TAR, DCI_STATUS));
    expect(unwrap(await port.readAp(1, AP.DRW))).toBe(0);
    unwrap(await port.writeAp(1, AP.TAR, 0x2000));
    expectFailure(await port.readAp(1, AP.DRW), 'SIM_ADDRESS_UNMAPPED');
  });

  it('has no AP #1 on Series 1', async () => {
    const port = board({ part: 'EFR32MG12P332F1024GL125' });
    unwrap(await port.writeAp(1, AP.TAR, DCI_ID));
    expect(unwrap(await port.readAp(1, AP.DRW))).toBe(0);
  });
});
