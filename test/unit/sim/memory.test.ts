import { describe, expect, it } from 'vitest';
import { FlashRegion, SimulatedEfr32 } from '../../../main/sim';
import { FAMILY_BYTE_ADDRESS, parseOrderablePartNumber, partFromDevinfo } from '../../../main/silabs/parts';
import { board, CATALOGUE_PARTS, expectFailure, unwrap, word } from './simHelpers';

describe('DEVINFO', () => {
  it.each(CATALOGUE_PARTS)('%s reads back as the same part and EUI-64', async (opn) => {
    const port = board({ part: opn, eui64: '0123456789abcdef' });
    const layout = unwrap(parseOrderablePartNumber(opn)).memory.devinfo;
    const family = unwrap(await port.readMemory(FAMILY_BYTE_ADDRESS, 1, { width: 8 }))[0]!;
    const read = async (address: number): Promise<number> => word(unwrap(await port.readMemory(address, 4)));
    const words = {
      familyByte: family,
      part: await read(layout.part),
      msize: await read(layout.msize),
      pkginfo: await read(layout.pkginfo),
      eui64Low: await read(layout.eui64Low),
      eui64High: await read(layout.eui64High),
      ...(family === 0x80 ? { meminfo: await read(layout.meminfo), info: await read(layout.base) } : {}),
    };
    const decoded = unwrap(partFromDevinfo(words));
    expect(decoded.orderablePartNumber).toBe(opn);
    expect(decoded.eui64).toBe('0123456789abcdef');
  });

  it('gives the worked example PART word and the series byte', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48' });
    expect(word(unwrap(await port.readMemory(0x0fe08004, 4)))).toBe(0x011804ba);
    expect(unwrap(await port.readMemory(FAMILY_BYTE_ADDRESS, 1, { width: 8 }))[0]).toBe(0x80);
    const mg12 = board({ part: 'EFR32MG12P332F1024GL125' });
    expect(unwrap(await mg12.readMemory(FAMILY_BYTE_ADDRESS, 1, { width: 8 }))[0]).toBe(28);
  });

  it('takes the EUI-64 as a bigint and refuses a malformed one', async () => {
    const port = board({ part: 'EFR32MG21A010F1024IM32', eui64: 0x14b457fffe045a8en });
    expect(word(unwrap(await port.readMemory(0x0fe0804c, 4)))).toBe(0x14b457ff);
    expect(word(unwrap(await port.readMemory(0x0fe08048, 4)))).toBe(0xfe045a8e);
    expectFailure(SimulatedEfr32.create({ part: 'EFR32MG21A010F1024IM32', eui64: '12' }), 'SIM_CONFIG_INVALID', 'eui64');
    expectFailure(SimulatedEfr32.create({ part: 'EFR32XX99' }), 'SIM_CONFIG_INVALID', 'part');
  });

  it('is read-only', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48' });
    expectFailure(await port.writeMemory(0x0fe08004, new Uint8Array(4)), 'SIM_FLASH_WRITE_REFUSED', 'writeMemory');
  });
});

describe('flash rules', () => {
  it('erases to 0xFF and programming only clears bits', () => {
    const flash = new FlashRegion('test', 0x1000, 0x800, 0x400);
    expect(flash.read(0x1000, 4)).toEqual(new Uint8Array([0xff, 0xff, 0xff, 0xff]));
    unwrap(flash.programWords(0x1000, new Uint8Array([0x0f, 0xf0, 0xff, 0x00])));
    unwrap(flash.programWords(0x1000, new Uint8Array([0xff, 0x3c, 0x00, 0xff])));
    expect(flash.read(0x1000, 4)).toEqual(new Uint8Array([0x0f, 0x30, 0x00, 0x00]));
    unwrap(flash.erasePage(0x1000));
    expect(flash.read(0x1000, 4)).toEqual(new Uint8Array([0xff, 0xff, 0xff, 0xff]));
  });

  it('catches a third write to the same word between erases, naming its address', () => {
    const flash = new FlashRegion('test', 0x1000, 0x800, 0x400);
    unwrap(flash.programWords(0x1004, new Uint8Array([0xfe, 0xff, 0xff, 0xff])));
    unwrap(flash.programWords(0x1004, new Uint8Array([0xfd, 0xff, 0xff, 0xff])));
    const third = flash.programWords(0x1000, new Uint8Array(8));
    expectFailure(third, 'SIM_FLASH_WRITE_LIMIT', '0x00001004');
    // Nothing of the refused burst was written, not even the word before.
    expect(flash.read(0x1000, 8)).toEqual(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xfc, 0xff, 0xff, 0xff]));
    // An erase of the page resets the count.
    unwrap(flash.erasePage(0x1000));
    unwrap(flash.programWords(0x1004, new Uint8Array(4)));
  });

  it('refuses unaligned words and pages', () => {
    const flash = new FlashRegion('test', 0x1000, 0x800, 0x400);
    expectFailure(flash.programWords(0x1002, new Uint8Array(4)), 'SIM_FLASH_UNALIGNED');
    expectFailure(flash.erasePage(0x1200), 'SIM_FLASH_UNALIGNED');
  });

  it('the chip\'s main flash enforces the same limit', () => {
    const chip = unwrap(SimulatedEfr32.create({ part: 'EFR32MG24B210F1536IM48' }));
    const address = chip.part.memory.credentialsPage + 0x10;
    unwrap(chip.mainFlash.programWords(address, new Uint8Array([1, 2, 3, 4])));
    unwrap(chip.mainFlash.programWords(address, new Uint8Array([1, 2, 3, 4])));
    expectFailure(chip.mainFlash.programWords(address, new Uint8Array([0, 0, 0, 0])), 'SIM_FLASH_WRITE_LIMIT', '0x0817E010');
  });
});

describe('programFlash', () => {
  it('erases, programs and verifies whole pages, reporting progress', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48' });
    const memory = port.chip.part.memory;
    const data = new Uint8Array(memory.pageSize * 2).map((_, i) => (i * 7) & 0xff);
    const progress: number[] = [];
    unwrap(await port.programFlash(memory.nvm3.base, data, { onProgress: (p) => progress.push(p.doneBytes) }));
    expect(progress).toEqual([0, memory.pageSize, memory.pageSize * 2]);
    expect(unwrap(await port.readMemory(memory.nvm3.base, data.length))).toEqual(data);
    // Programming the same pages again works: each pass erases first.
    unwrap(await port.programFlash(memory.nvm3.base, data.map((b) => b ^ 0xff)));
    expect(unwrap(await port.readMemory(memory.nvm3.base, 4))).toEqual(data.slice(0, 4).map((b) => b ^ 0xff));
  });

  it('refuses ranges that are not whole pages inside one flash region', async () => {
    const port = board({ part: 'EFR32MG21A010F1024IM32' });
    expectFailure(await port.programFlash(0x100, new Uint8Array(0x2000)), 'SIM_FLASH_UNALIGNED', 'programFlash');
    expectFailure(await port.programFlash(0, new Uint8Array(0x1000)), 'SIM_FLASH_UNALIGNED');
    expectFailure(await port.programFlash(0x000fe000, new Uint8Array(0x4000)), 'SIM_ADDRESS_UNMAPPED');
  });
});

describe('readMemory / writeMemory', () => {
  it('reaches SRAM at 8, 16 and 32 bits and refuses plain writes into flash', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48' });
    unwrap(await port.writeMemory(0x20000000, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])));
    unwrap(await port.writeMemory(0x20000001, new Uint8Array([0xaa]), { width: 8 }));
    unwrap(await port.writeMemory(0x20000006, new Uint8Array([0xbb, 0xcc]), { width: 16 }));
    expect(unwrap(await port.readMemory(0x20000000, 8, { width: 16 }))).toEqual(new Uint8Array([1, 0xaa, 3, 4, 5, 6, 0xbb, 0xcc]));
    expectFailure(await port.writeMemory(0x08000000, new Uint8Array(4)), 'SIM_FLASH_WRITE_REFUSED', '0x08000000');
    expectFailure(await port.readMemory(0x20000002, 4), 'SIM_ACCESS_INVALID');
    expectFailure(await port.readMemory(0x30000000, 4), 'SIM_ADDRESS_UNMAPPED', 'readMemory');
  });

  it('halts and resumes the core through DHCSR as a probe does', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48' });
    unwrap(await port.writeMemory(0xe000edf0, new Uint8Array([3, 0, 0x5f, 0xa0])));
    expect(word(unwrap(await port.readMemory(0xe000edf0, 4))) & (1 << 17)).not.toBe(0);
    unwrap(await port.go());
    expect(port.chip.isHalted).toBe(false);
    unwrap(await port.reset('halt'));
    expect(port.chip.isHalted).toBe(true);
    unwrap(await port.reset('system'));
    expect(port.chip.isHalted).toBe(false);
  });
});
