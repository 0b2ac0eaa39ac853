// The credentials page (silabs-provisioning.md §1.3): DAC at 0, PAI and CD at the next 64-byte
// boundary (or the legacy 0x000/0x200/0x400), 0xFF everywhere else; read back from the NVM3 offsets
// and sizes, or from the legacy offsets with lengths from the DER headers.
import { describe, expect, it } from 'vitest';
import {
  buildCredentialsPage,
  derElementLength,
  readCredentialsPage,
  type CredentialFiles,
} from '../../../main/silabs/credentialsPage';
import { seededRandom } from '../../support/seededRandom';
import { testCredentials, unwrap } from './imageFixtures';

/** A DER SEQUENCE of exactly `total` bytes whose content bytes are `fill` (130 and 259 bytes cannot be minimal DER). */
function der(total: number, fill = 0x11): Uint8Array {
  if (total === 130 || total === 259) throw new Error(`no minimal DER element is ${total} bytes long`);
  const header = total - 2 < 0x80 ? 2 : total - 3 < 0x100 ? 3 : 4;
  const length = total - header;
  const bytes = new Uint8Array(total).fill(fill);
  bytes[0] = 0x30;
  if (header === 2) bytes[1] = length;
  else if (header === 3) [bytes[1], bytes[2]] = [0x81, length];
  else [bytes[1], bytes[2], bytes[3]] = [0x82, length >> 8, length & 0xff];
  return bytes;
}

function erasedExcept(page: Uint8Array, ranges: Array<[number, number]>): boolean {
  return [...page].every((byte, i) => ranges.some(([start, end]) => i >= start && i < end) || byte === 0xff);
}

describe('derElementLength', () => {
  it.each<[string, number[], number | null]>([
    ['short form', [0x30, 0x03, 1, 2, 3], 5],
    ['one length byte', [0x30, 0x81, 0x80], 0x83],
    ['two length bytes', [0x30, 0x82, 0x01, 0xf0], 0x1f4],
    ['not a SEQUENCE', [0x31, 0x03, 1, 2, 3], null],
    ['indefinite length', [0x30, 0x80], null],
    ['a long form for a short length', [0x30, 0x81, 0x05], null],
    ['a leading zero length byte', [0x30, 0x82, 0x00, 0x90], null],
    ['a cut header', [0x30, 0x82, 0x01], null],
    ['erased flash', [0xff, 0xff, 0xff, 0xff], null],
  ])('%s', (_name, bytes, expected) => {
    expect(derElementLength(new Uint8Array(bytes), 0)).toBe(expected);
  });
});

describe('buildCredentialsPage', () => {
  it('puts the DAC at 0 and PAI and CD each at the next 64-byte boundary, 0xFF elsewhere', () => {
    const files: CredentialFiles = { dac: der(300, 0xd0), pai: der(200, 0xa0), cd: der(242, 0xc0) };
    const { page, locations } = unwrap(buildCredentialsPage(files, { pageSize: 8192 }));
    expect(page).toHaveLength(8192);
    expect(locations).toEqual({ dac: { offset: 0, size: 300 }, pai: { offset: 0x140, size: 200 }, cd: { offset: 0x240, size: 242 } });
    expect([...page.subarray(0, 300)]).toEqual([...files.dac]);
    expect([...page.subarray(0x140, 0x140 + 200)]).toEqual([...files.pai]);
    expect([...page.subarray(0x240, 0x240 + 242)]).toEqual([...files.cd]);
    expect(erasedExcept(page, [[0, 300], [0x140, 0x140 + 200], [0x240, 0x240 + 242]])).toBe(true);
  });

  it('lands typical certificates at 0x000, 0x200 and 0x400 (as in the provision tool\'s flash dump)', async () => {
    const credentials = await testCredentials();
    const { locations } = unwrap(buildCredentialsPage({ dac: credentials.dac, pai: credentials.pai, cd: credentials.cd }, { pageSize: 8192 }));
    expect([locations.dac.offset, locations.pai.offset, locations.cd.offset]).toEqual([0x000, 0x200, 0x400]);
    expect(credentials.dac.length).toBeGreaterThan(448); // round64 of 449..512 is 512
  });

  it('packs files that are already aligned without a gap, and starts the next one after an unaligned end', () => {
    const { locations } = unwrap(buildCredentialsPage({ dac: der(64), pai: der(65), cd: der(100) }, { pageSize: 2048 }));
    expect(locations).toEqual({ dac: { offset: 0, size: 64 }, pai: { offset: 64, size: 65 }, cd: { offset: 192, size: 100 } });
  });

  it('writes the legacy fixed layout on request', () => {
    const files: CredentialFiles = { dac: der(300), pai: der(200), cd: der(242) };
    const { page, locations } = unwrap(buildCredentialsPage(files, { pageSize: 2048, layout: 'legacy' }));
    expect(locations).toEqual({ dac: { offset: 0, size: 300 }, pai: { offset: 0x200, size: 200 }, cd: { offset: 0x400, size: 242 } });
    expect(erasedExcept(page, [[0, 300], [0x200, 0x200 + 200], [0x400, 0x400 + 242]])).toBe(true);
  });

  it.each<[string, CredentialFiles, Parameters<typeof buildCredentialsPage>[1], string, RegExp]>([
    ['a DAC over 500 bytes', { dac: der(501), pai: der(100), cd: der(100) }, { pageSize: 8192 }, 'CREDS_FILE_TOO_LARGE', /DAC is 501 bytes; the limit is 500/],
    ['a CD over 350 bytes', { dac: der(100), pai: der(100), cd: der(351) }, { pageSize: 8192 }, 'CREDS_FILE_TOO_LARGE', /CD is 351 bytes/],
    ['an empty PAI', { dac: der(100), pai: new Uint8Array(0), cd: der(100) }, { pageSize: 8192 }, 'CREDS_CERTIFICATE_INVALID', /PAI is empty/],
    ['files past the page end', { dac: der(400), pai: der(400), cd: der(300) }, { pageSize: 1024 }, 'CREDS_PAGE_OVERFLOW', /CD \(300 bytes at offset 0x380\) ends at 1196, past the 1024-byte page/],
    ['a DAC running into the legacy PAI slot', { dac: der(513), pai: der(100), cd: der(100) }, { pageSize: 8192, layout: 'legacy', maxSizes: { dac: 600 } }, 'CREDS_PAGE_OVERFLOW', /runs into the PAI at 0x200/],
    ['a page size that is not a flash page', { dac: der(100), pai: der(100), cd: der(100) }, { pageSize: 3000 }, 'CREDS_PAGE_INVALID', /3000/],
    ['an alignment that is not whole words', { dac: der(100), pai: der(100), cd: der(100) }, { pageSize: 8192, alignment: 6 }, 'CREDS_PAGE_INVALID', /alignment 6/],
  ])('refuses %s', (_name, files, options, code, detail) => {
    const result = buildCredentialsPage(files, options);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(result.ok ? '' : result.error.detail).toMatch(detail);
  });

  it('takes larger files when the firmware was built with larger buffers', () => {
    expect(buildCredentialsPage({ dac: der(600), pai: der(100), cd: der(400) }, { pageSize: 8192, maxSizes: { dac: 600, cd: 400 } }).ok).toBe(true);
  });
});

describe('readCredentialsPage', () => {
  const files: CredentialFiles = { dac: der(300, 0xd0), pai: der(200, 0xa0), cd: der(242, 0xc0) };

  it('reads the files at the NVM3 offsets and sizes', () => {
    const { page, locations } = unwrap(buildCredentialsPage(files, { pageSize: 8192 }));
    const read = unwrap(readCredentialsPage(page, { locations }));
    expect(read.source).toBe('nvm3');
    expect(read.warnings).toEqual([]);
    expect(read.dac).toEqual({ bytes: files.dac, offset: 0, size: 300, source: 'nvm3' });
    expect(read.pai).toEqual({ bytes: files.pai, offset: 0x140, size: 200, source: 'nvm3' });
    expect(read.cd).toEqual({ bytes: files.cd, offset: 0x240, size: 242, source: 'nvm3' });
  });

  it('falls back to the legacy offsets with lengths from the DER headers when NVM3 has none', () => {
    const { page } = unwrap(buildCredentialsPage(files, { pageSize: 8192, layout: 'legacy' }));
    const read = unwrap(readCredentialsPage(page));
    expect(read.source).toBe('legacy');
    expect(read.warnings).toEqual([]);
    expect(read.dac).toEqual({ bytes: files.dac, offset: 0, size: 300, source: 'legacy' });
    expect(read.pai).toEqual({ bytes: files.pai, offset: 0x200, size: 200, source: 'legacy' });
    expect(read.cd).toEqual({ bytes: files.cd, offset: 0x400, size: 242, source: 'legacy' });
  });

  it('mixes the two per file, as the firmware falls back per file, and says so', () => {
    const { page } = unwrap(buildCredentialsPage(files, { pageSize: 8192, layout: 'legacy' }));
    const read = unwrap(readCredentialsPage(page, { locations: { dac: { offset: 0, size: 300 }, pai: { offset: 0x200 } } }));
    expect(read.source).toBe('mixed');
    expect([read.dac.source, read.pai.source, read.cd.source]).toEqual(['nvm3', 'legacy', 'legacy']);
    expect(read.pai.bytes).toEqual(files.pai);
    expect(read.warnings).toEqual([{ code: 'location-incomplete', credential: 'pai', message: "NVM3 has the PAI's offset but not its size; the legacy offset 0x200 was used" }]);
  });

  it('warns about erased slots, bytes that are not DER, sizes that disagree with the DER header, offsets outside the page and overlaps', () => {
    const page = new Uint8Array(2048).fill(0xff);
    page.set(der(300), 0);
    page.set([0x12, 0x34], 0x400);
    const legacy = unwrap(readCredentialsPage(page));
    expect(legacy.warnings.map((warning) => [warning.code, warning.credential])).toEqual([
      ['slot-erased', 'pai'],
      ['not-der', 'cd'],
    ]);
    expect([legacy.pai.bytes, legacy.cd.bytes]).toEqual([null, null]);

    const nvm3 = unwrap(
      readCredentialsPage(page, {
        locations: { dac: { offset: 0, size: 290 }, pai: { offset: 0x100, size: 100 }, cd: { offset: 2000, size: 100 } },
      }),
    );
    expect(nvm3.warnings.map((warning) => [warning.code, warning.credential])).toEqual([
      ['der-length-mismatch', 'dac'],
      ['not-der', 'pai'],
      ['location-outside-page', 'cd'],
      ['overlap', 'pai'],
    ]);
    expect(nvm3.dac.bytes).toHaveLength(290); // the firmware reads NVM3's size, whatever the header says

    const erased = unwrap(readCredentialsPage(new Uint8Array(2048).fill(0xff), { locations: { dac: { offset: 0, size: 300 } } }));
    expect(erased.warnings[0]).toEqual({ code: 'slot-erased', credential: 'dac', message: 'the DAC at offset 0x0 is erased' });
  });

  it('refuses an empty page', () => {
    expect(readCredentialsPage(new Uint8Array(0))).toMatchObject({ ok: false, error: { code: 'CREDS_PAGE_INVALID' } });
  });

  it('round-trips random sizes in both layouts (seeded)', () => {
    const random = seededRandom(64);
    for (let i = 0; i < 500; i++) {
      const layout = random.chance(0.5) ? 'aligned' : 'legacy';
      const limit = 500; // below 0x200, so the legacy slots never overlap
      const size = (max: number) => {
        const total = 2 + random.int(max - 1);
        return total === 130 || total === 259 ? total + 1 : total;
      };
      const sample: CredentialFiles = { dac: der(size(limit - 1), random.int(256)), pai: der(size(limit - 1), random.int(256)), cd: der(size(349), random.int(256)) };
      const built = unwrap(buildCredentialsPage(sample, { pageSize: random.chance(0.5) ? 2048 : 8192, layout }));
      const read = unwrap(readCredentialsPage(built.page, layout === 'aligned' ? { locations: built.locations } : {}));
      expect(read.warnings).toEqual([]);
      expect([read.dac.bytes, read.pai.bytes, read.cd.bytes]).toEqual([sample.dac, sample.pai, sample.cd]);
    }
  });

  it('never throws on random pages and random locations', () => {
    const random = seededRandom(99);
    for (let i = 0; i < 3000; i++) {
      const page = random.chance(0.5) ? random.bytes(1 + random.int(4096)) : new Uint8Array(2048).fill(0xff).map((byte) => (random.chance(0.05) ? random.int(256) : byte));
      const location = () => (random.chance(0.3) ? undefined : { offset: random.chance(0.5) ? random.int(4096) : random.next(), size: random.chance(0.5) ? random.int(600) : random.next() });
      const read = readCredentialsPage(page, { locations: { dac: location(), pai: location(), cd: location() } });
      expect(read.ok).toBe(true);
    }
  });
});
