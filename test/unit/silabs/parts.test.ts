import { describe, expect, it } from 'vitest';
import {
  devinfoFromPart,
  familyLayout,
  identifySeries,
  nvm3H5Word,
  parseOrderablePartNumber,
  partFromDevinfo,
  SUPPORTED_FAMILIES,
  type PartInfo,
} from '../../../main/silabs/parts';
import { seededRandom } from '../../support/seededRandom';

function parsed(opn: string, options?: Parameters<typeof parseOrderablePartNumber>[1]): PartInfo {
  const result = parseOrderablePartNumber(opn, options);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value;
}

describe('parseOrderablePartNumber', () => {
  it('reads EFR32MG24B210F1536IM48 element by element', () => {
    const part = parsed('EFR32MG24B210F1536IM48');
    expect(part).toMatchObject({
      orderablePartNumber: 'EFR32MG24B210F1536IM48',
      family: 'MG24',
      series: 2,
      familyLetters: 'MG',
      familyNumber: 24,
      featureLetter: 'B',
      security: 'secure-vault',
      deviceNumber: 210,
      devinfoDeviceNumber: 1210,
      flashKiB: 1536,
      temperature: { letter: 'I', grade: 1, range: '-40..125 °C' },
      package: { letter: 'M', type: 'QFN' },
      pins: 48,
      suffix: null,
      jlinkDevice: 'EFR32MG24BxxxF1536',
    });
  });

  it('gives the MG24 1536 KiB layout: credentials page 0x0817E000, 40 KiB NVM3 directly below it', () => {
    const { memory, uncertain } = parsed('EFR32MG24B210F1536IM48');
    expect(memory).toMatchObject({ flashBase: 0x08000000, flashSize: 0x180000, pageSize: 0x2000, pageCount: 192, sramBase: 0x20000000 });
    expect(memory.credentialsPage).toBe(0x0817e000);
    // "The last six pages": five NVM3 pages 0x08174000–0x0817DFFF plus the credentials page.
    expect(memory.nvm3).toEqual({ base: 0x08174000, size: 0xa000, pageCount: 5, h5: 0xffff9800 });
    expect(memory.devinfo.part).toBe(0x0fe08004);
    expect(uncertain).toEqual(['temperatureLetter']);
  });

  it('gives the MG12 1024 KiB credentials page 0x000FF800 on 2 KiB pages', () => {
    const part = parsed('EFR32MG12P332F1024GL125');
    expect(part).toMatchObject({ family: 'MG12', series: 1, featureLetter: 'P', security: null, deviceNumber: 332, devinfoDeviceNumber: 332, pins: 125 });
    expect(part.package.type).toBe('BGA');
    expect(part.temperature).toEqual({ letter: 'G', grade: 0, range: '-40..85 °C' });
    expect(part.jlinkDevice).toBe('EFR32MG12PxxxF1024');
    expect(part.memory.credentialsPage).toBe(0x000ff800);
    expect(part.memory.pageSize).toBe(0x800);
    expect(part.memory.nvm3).toEqual({ base: 0x000f5800, size: 40960, pageCount: 20, h5: 0xffff5800 });
    expect(part.memory.devinfo.base).toBe(0x0fe081b0);
    expect(part.uncertain).toEqual(['nvm3H5', 'nvm3Region', 'temperatureLetter']);
  });

  it('derives the other layouts from the last-page rule and marks them uncertain', () => {
    expect(parsed('EFR32MG24A010F1024IM48').memory.credentialsPage).toBe(0x080fe000);
    expect(parsed('EFR32MG24A010F1024IM48').uncertain).toContain('credentialsPage');
    expect(parsed('EFR32MG24A010F1024IM48').uncertain).toContain('jlinkDevice');
    expect(parsed('EFR32MG24A010F768IM48').memory.credentialsPage).toBe(0x080be000);
    const mg21 = parsed('EFR32MG21A010F1024IM32');
    expect(mg21.memory.credentialsPage).toBe(0x000fe000);
    expect(mg21.memory.nvm3.base).toBe(0x000f4000);
    expect(mg21.jlinkDevice).toBe('EFR32MG21AxxxF1024');
    expect(mg21.uncertain).toEqual(['credentialsPage', 'nvm3H5', 'nvm3Region', 'temperatureLetter']);
    const bg24 = parsed('EFR32BG24B220F1536IM48');
    expect(bg24).toMatchObject({ family: 'BG24', jlinkDevice: 'EFR32BG24BxxxF1536' });
    expect(bg24.uncertain).toContain('jlinkDevice');
  });

  it('accepts lower case, spaces around it and a revision suffix', () => {
    const part = parsed('  efr32mg24b210f1536im48-b ');
    expect(part.orderablePartNumber).toBe('EFR32MG24B210F1536IM48-B');
    expect(part.suffix).toBe('B');
  });

  it('names what is wrong', () => {
    const cases: [string, string, RegExp][] = [
      ['', 'PART_NUMBER_MALFORMED', /empty/],
      ['STM32F103C8T6', 'PART_NUMBER_MALFORMED', /"EFR32" at position 1/],
      ['EFR32MG24B21F1536IM48', 'PART_NUMBER_MALFORMED', /three-digit device number at position 11/],
      ['EFR32MG24D210F1536IM48', 'PART_NUMBER_MALFORMED', /feature letter \(A, B, C on EFR32MG24\) at position 10/],
      ['EFR32MG24B210X1536IM48', 'PART_NUMBER_MALFORMED', /"F" and the flash size/],
      ['EFR32MG24B210F1536IZ48', 'PART_NUMBER_MALFORMED', /package letter .* at position 20/],
      ['EFR32MG24B210F1536IM', 'PART_NUMBER_MALFORMED', /pin count/],
      ['EFR32MG24B210F1536IM48XY', 'PART_NUMBER_MALFORMED', /end of the part number at position 23/],
      ['EFR32MG24B210F1536IM48-', 'PART_NUMBER_MALFORMED', /suffix/],
      ['EFR32FG23A010F512IM40', 'PART_FAMILY_UNSUPPORTED', /EFR32FG23/],
      ['EFM32PG22C200F512IM40', 'PART_FAMILY_UNSUPPORTED', /EFM32PG22/],
      ['EFR32MG24B210F2048IM48', 'PART_FLASH_SIZE_UNSUPPORTED', /2048 KiB.*768, 1024, 1536/],
      ['EFR32MG24B210F1536XM48', 'PART_TEMPERATURE_GRADE_UNKNOWN', /"X" at position 19/],
    ];
    for (const [opn, code, detail] of cases) {
      const result = parseOrderablePartNumber(opn);
      expect(result.ok, opn).toBe(false);
      if (!result.ok) {
        expect(result.error.code, opn).toBe(code);
        expect(result.error.detail, opn).toMatch(detail);
      }
    }
  });

  it('takes the uncertain values as parameters', () => {
    const moved = parsed('EFR32MG24B210F1536IM48', { credentialsAddress: 0x0817c000 });
    expect(moved.memory.credentialsPage).toBe(0x0817c000);
    expect(moved.memory.nvm3.base).toBe(0x08172000);
    expect(moved.uncertain).toContain('nvm3Region');
    const bigger = parsed('EFR32MG24B210F1536IM48', { layout: { nvm3Size: 48 * 1024 } });
    expect(bigger.memory.nvm3).toMatchObject({ base: 0x08172000, size: 0xc000, pageCount: 6 });
    expect(parsed('EFR32MG24B210F1536IM48', { nvm3Base: 0x08170000 }).memory.nvm3.base).toBe(0x08170000);
    expect(parsed('EFR32MG21A010F1024IM32', { layout: { nvm3H5: 0xffff9801 } }).memory.nvm3.h5).toBe(0xffff9801);
    expect(parsed('EFR32MG21A010F1024IM32', { layout: { nvm3H5: 0xffff9801 } }).uncertain).not.toContain('nvm3H5');
    expect(parsed('EFR32MG24B210F1536JM48', { temperatureLetters: { J: 2 } }).temperature).toEqual({ letter: 'J', grade: 2, range: '-40..105 °C' });
    expect(parsed('EFR32MG24B210F2048IM48', { layout: { flashSizesKiB: [2048] } }).memory.credentialsPage).toBe(0x081fe000);

    for (const options of [
      { credentialsAddress: 0x0817e001 },
      { credentialsAddress: 0x08180000 },
      { credentialsAddress: 0x07ffe000 },
      { layout: { nvm3Size: 1000 } },
      { layout: { nvm3Size: 0 } },
      { nvm3Base: 0x08176000 },
      { nvm3Base: 0x07ff0000 },
    ]) {
      const result = parseOrderablePartNumber('EFR32MG24B210F1536IM48', options);
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(options)).toBe('PART_LAYOUT_INVALID');
    }
  });
});

describe('DEVINFO', () => {
  it('encodes the known PART and MSIZE words of EFR32MG24B210F1536IM48 and EFR32MG21A010F1024IM32', () => {
    const words = devinfoFromPart(parsed('EFR32MG24B210F1536IM48'));
    expect(words.familyByte).toBe(0x80);
    expect(words.part).toBe(0x011804ba);
    expect(words.msize).toBe(0x01000600);
    expect(words.pkginfo).toBe(0x00304d01);
    expect(words.meminfo).toBe(3);
    expect(devinfoFromPart(parsed('EFR32MG21A010F1024IM32')).part).toBe(0x0115000a);
    const mg12 = devinfoFromPart(parsed('EFR32MG12P332F1024GL125'), { sramKiB: 256, productionRevision: 0x83 });
    expect(mg12).toEqual({ familyByte: 28, part: 0x831c014c, msize: 0x01000400, pkginfo: 0x017d4c00 });
  });

  it('decodes the chip words back into the part, with SRAM, revision and EUI-64', () => {
    const result = partFromDevinfo({
      familyByte: 0x80,
      part: 0x011804ba,
      msize: 0x01000600,
      pkginfo: 0x00304d01,
      meminfo: 0x00000003,
      info: 0x00020000,
      eui64Low: 0xfe045a8e,
      eui64High: 0x14b457ff,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      orderablePartNumber: 'EFR32MG24B210F1536IM48',
      sramKiB: 256,
      productionRevision: 2,
      eui64: '14b457fffe045a8e',
    });
    expect(result.value.memory.credentialsPage).toBe(0x0817e000);
  });

  it('tells the series apart from the byte at 0x0FE081FE', () => {
    const s2 = identifySeries(0x80);
    expect(s2.ok && s2.value.series).toBe(2);
    expect(s2.ok && s2.value.devinfo.msize).toBe(0x0fe0800c);
    const s1 = identifySeries(28);
    expect(s1.ok && s1.value).toMatchObject({ series: 1, family: 'MG12' });
    expect(s1.ok && s1.value.devinfo.part).toBe(0x0fe081fc);
    for (const byte of [0x00, 0xff, 16, 0x81]) {
      const r = identifySeries(byte);
      expect(r.ok ? 'ok' : r.error.code).toBe('PART_SERIES_UNKNOWN');
    }
    const locked = identifySeries(0xff);
    expect(!locked.ok && locked.error.detail).toMatch(/locked/);
  });

  it('refuses words that do not describe a supported part', () => {
    const good = { familyByte: 0x80, part: 0x011804ba, msize: 0x01000600, pkginfo: 0x00304d01 };
    const cases: [Parameters<typeof partFromDevinfo>[0], string][] = [
      [{ ...good, part: 0x03170000 }, 'PART_FAMILY_UNSUPPORTED'], // ZG23
      [{ ...good, part: 0x07150000 }, 'PART_FAMILY_UNSUPPORTED'], // MR21
      [{ ...good, part: 0x01180000 + 5210 }, 'PART_DEVINFO_INVALID'], // letter F
      [{ ...good, msize: 0x01000000 }, 'PART_DEVINFO_INVALID'],
      [{ ...good, msize: 0x01000200 }, 'PART_FLASH_SIZE_UNSUPPORTED'],
      [{ ...good, pkginfo: 0x00305801 }, 'PART_DEVINFO_INVALID'], // 'X'
      [{ ...good, pkginfo: 0x00304d07 }, 'PART_DEVINFO_INVALID'], // grade 7
      [{ ...good, pkginfo: 0x00004d01 }, 'PART_DEVINFO_INVALID'], // 0 pins
      [{ ...good, meminfo: 1 }, 'PART_DEVINFO_INVALID'], // 2 KiB pages on MG24
      [{ ...good, part: -1 }, 'PART_DEVINFO_INVALID'],
      [{ ...good, familyByte: 0x180 }, 'PART_DEVINFO_INVALID'],
      [{ ...good, familyByte: 0xff }, 'PART_SERIES_UNKNOWN'],
      [{ familyByte: 28, part: 0x001d014c, msize: 0x01000400, pkginfo: 0x017d4c00 }, 'PART_DEVINFO_INVALID'], // family byte ≠ PART
      [{ familyByte: 28, part: 0x001c0400, msize: 0x01000400, pkginfo: 0x017d4c00 }, 'PART_DEVINFO_INVALID'], // 1024 > 999
      [{ familyByte: 28, part: 0x001c014c, msize: 0x01000400, pkginfo: 0x037d4c00 }, 'PART_DEVINFO_INVALID'], // 8 KiB pages on MG12
    ];
    for (const [words, code] of cases) {
      const result = partFromDevinfo(words);
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(words)).toBe(code);
    }
  });

  it('keeps an unknown grade letter as "?" rather than failing to identify the chip', () => {
    const result = partFromDevinfo({ familyByte: 0x80, part: 0x011804ba, msize: 0x01000600, pkginfo: 0x00304d02 });
    expect(result.ok && result.value.orderablePartNumber).toBe('EFR32MG24B210F1536?M48');
    expect(result.ok && result.value.temperature).toEqual({ letter: null, grade: 2, range: '-40..105 °C' });
  });
});

describe('round trips and robustness', () => {
  it('OPN → DEVINFO → OPN gives back every part of every family (seeded)', () => {
    const random = seededRandom(0x5eed_0004);
    for (let i = 0; i < 2000; i++) {
      const family = familyLayout(random.pick(SUPPORTED_FAMILIES));
      const feature = random.pick(Object.keys(family.featureLetters));
      const digits = String(random.int(1000)).padStart(3, '0');
      const opn = `EFR32${family.familyLetters}${family.familyNumber}${feature}${digits}F${random.pick(family.flashSizesKiB)}${random.pick(['G', 'I'])}${random.pick(['J', 'L', 'M', 'Q'])}${1 + random.int(255)}`;
      const part = parsed(opn);
      expect(part.orderablePartNumber).toBe(opn);
      const eui64 = Array.from(random.bytes(8), (b) => b.toString(16).padStart(2, '0')).join('');
      const back = partFromDevinfo(devinfoFromPart(part, { eui64 }));
      expect(back.ok, opn).toBe(true);
      if (!back.ok) continue;
      expect(back.value.orderablePartNumber).toBe(opn);
      expect(back.value.memory).toEqual(part.memory);
      expect(back.value.eui64).toBe(eui64);
      expect(back.value.jlinkDevice).toBe(part.jlinkDevice);
    }
  });

  it('never throws on random text or random words', () => {
    const random = seededRandom(0xbad_0004);
    const alphabet = 'EFR32MGBGA0123456789FIJLMQ-xyz ';
    for (let i = 0; i < 10_000; i++) {
      const length = random.int(30);
      let text = random.chance(0.5) ? 'EFR32MG24' : '';
      for (let j = 0; j < length; j++) text += alphabet[random.int(alphabet.length)];
      const result = parseOrderablePartNumber(text);
      if (!result.ok) expect(result.error.code).toMatch(/^PART_/);
      const words = {
        familyByte: random.pick([0x80, 28, 29, 30, random.int(256)]),
        part: random.chance(0.5) ? (0x01180000 | random.int(3000)) >>> 0 : random.next(),
        msize: random.chance(0.5) ? 0x01000600 : random.next(),
        pkginfo: random.chance(0.5) ? 0x00304d01 : random.next(),
        meminfo: random.chance(0.5) ? undefined : random.next(),
      };
      const decoded = partFromDevinfo(words);
      if (!decoded.ok) expect(decoded.error.code).toMatch(/^PART_/);
    }
  });

  it('computes the H5 word of the blank MG24 image from its fields', () => {
    expect(nvm3H5Word(8192)).toBe(0xffff9800);
    expect(nvm3H5Word(2048)).toBe(0xffff5800);
  });
});
