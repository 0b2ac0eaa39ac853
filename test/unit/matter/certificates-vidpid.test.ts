// VID/PID extraction, one rule of fact sheet 1.2 at a time, including the 19 CN fallback encodings
// of the SDK's commissioner_dut generator (most of which are not among the saved vectors).
import { describe, expect, it } from 'vitest';
import { CN_SEARCH_LENGTH, extractVidPid, findHexAfterPrefix, type DistinguishedName, type VidPid } from '../../../main/matter/certificates';
import { OID } from '../../../main/matter/certificates/oids';

type Attribute = [oid: string, value: string | null];
const CN = OID.commonName;
const VID = OID.matterVendorId;
const PID = OID.matterProductId;

function name(...attributes: Attribute[]): DistinguishedName {
  return { der: new Uint8Array(), attributes: attributes.map(([oid, value]) => ({ oid, value })), text: '' };
}

function extracted(...attributes: Attribute[]): VidPid {
  const result = extractVidPid(name(...attributes));
  if (!result.ok) throw new Error(`expected success, got ${result.error.detail}`);
  return result.value;
}

function invalid(...attributes: Attribute[]): string {
  const result = extractVidPid(name(...attributes));
  expect(result.ok).toBe(false);
  if (result.ok) return '';
  expect(result.error.code).toBe('CERT_VIDPID_INVALID');
  return result.error.detail ?? '';
}

describe('Matter VID/PID attributes', () => {
  it('reads 4 upper-case hex digits', () => {
    expect(extracted([CN, 'Matter Test DAC'], [VID, 'FFF1'], [PID, '8000'])).toEqual({ vendorId: 0xfff1, productId: 0x8000, source: 'matter-attributes' });
    expect(extracted([VID, '0001'], [PID, '00B1'])).toEqual({ vendorId: 1, productId: 0xb1, source: 'matter-attributes' });
  });

  it.each([
    ['lower case', 'fff1'],
    ['mixed case', 'FfF1'],
    ['3 digits', 'FF1'],
    ['5 digits', 'FFF10'],
    ['not hex', 'FFFG'],
    ['0x prefix', '0xF1'],
    ['leading space', ' FFF'],
    ['empty', ''],
  ])('refuses a VID attribute that is %s', (_, value) => {
    expect(invalid([VID, value], [PID, '8000'])).toContain('Matter VID attribute');
    expect(invalid([VID, 'FFF1'], [PID, value])).toContain('Matter PID attribute');
  });

  it('refuses a value that is not a string', () => {
    expect(invalid([VID, null])).toContain('not a string');
  });

  it('refuses a second VID or a second PID attribute, even with the same value', () => {
    expect(invalid([VID, 'FFF1'], [VID, 'FFF1'], [PID, '8000'])).toContain('two Matter VID');
    expect(invalid([VID, 'FFF1'], [PID, '8000'], [PID, '8001'])).toContain('two Matter PID');
  });

  it('reports a missing attribute as absent (whether that is allowed is the role\'s rule)', () => {
    expect(extracted([CN, 'Matter Test PAI'], [VID, 'FFF1'])).toEqual({ vendorId: 0xfff1, productId: null, source: 'matter-attributes' });
    expect(extracted([CN, 'Matter Test PAA'])).toEqual({ vendorId: null, productId: null, source: 'none' });
  });
});

describe('CN fallback encoding (commissioner_dut vidpid_fallback_encoding cases)', () => {
  const prefix = 'ACME Matter Devel DAC 5CDA9899';
  const both: VidPid = { vendorId: 0xfff1, productId: 0x00b1, source: 'common-name' };
  // [case, CN, expected VID/PID or 'invalid']; the generator's cases 01–14, 18, 19 (15–17 below).
  const cases: Array<[string, string, Partial<VidPid> | 'invalid']> = [
    ['01', `${prefix} Mvid:FFF1 Mpid:00B1`, both],
    ['02', `${prefix} Mpid:00B1 Mvid:FFF1`, both],
    ['03', `Mpid:00B1,${prefix},Mvid:FFF1`, both],
    ['04', `${prefix} Mvid:FFF1Mpid:00B1`, both],
    ['05', 'Mvid:FFF1ACME Matter Devel DAC 5CDAMpid:00B19899', both],
    ['06', `${prefix} Mvid:FF1 Mpid:00B1`, 'invalid'],
    ['07', `${prefix} Mvid:fff1 Mpid:00B1`, 'invalid'],
    ['08', `${prefix} Mvid:FFF1 Mpid:B1`, 'invalid'],
    ['09', `${prefix} Mpid: Mvid:FFF1`, 'invalid'],
    ['10', 'Mvid:FFF Mpid:00B10x', 'invalid'],
    ['11', 'MpidMvid:FFF10 Matter Test Mpid:00B1', both],
    ['12', 'Matter Devel DAC Mpid:Mvid:Fff1', 'invalid'],
    // Wrong prefix case: "MVID:" is not the prefix, so there is no VID at all (the DAC then lacks one).
    ['13', 'Matter Devel DAC Mpid:00B1 MVID:FFF1', { vendorId: null, productId: 0x00b1, source: 'common-name' }],
    // Wrong separator: no prefix at all, so neither is present.
    ['14', 'Matter Devel DAC Mpid_00B1 Mvid_FFF1', { vendorId: null, productId: null, source: 'none' }],
    ['18', `${prefix} Mvid:FFF1 Mpid:0001`, { vendorId: 0xfff1, productId: 0x0001, source: 'common-name' }],
    ['19', `${prefix} Mvid:FFF1 Mpid:XYZ1`, 'invalid'],
  ];

  it.each(cases)('case %s: %s', (_, commonName, expected) => {
    if (expected === 'invalid') expect(invalid([CN, commonName])).toMatch(/contains "M(vid|pid):" but never followed by 4 upper-case hex digits/);
    else expect(extracted([CN, commonName])).toEqual(expected);
  });

  it('case 15: Matter attributes win over a different CN encoding', () => {
    expect(extracted([CN, 'Mvid:FFF2 Mpid:00B2'], [VID, 'FFF1'], [PID, '00B1'])).toEqual({ vendorId: 0xfff1, productId: 0x00b1, source: 'matter-attributes' });
  });

  it('case 16: Matter attributes win, so FFF2/00B2 is what the certificate says', () => {
    expect(extracted([CN, `${prefix} Mvid:FFF1 Mpid:00B1`], [VID, 'FFF2'], [PID, '00B2'])).toEqual({ vendorId: 0xfff2, productId: 0x00b2, source: 'matter-attributes' });
  });

  it('case 17: a PID attribute alone makes the CN ignored, so there is no VID', () => {
    expect(extracted([CN, `${prefix} Mvid:FFF1`], [PID, '00B1'])).toEqual({ vendorId: null, productId: 0x00b1, source: 'matter-attributes' });
  });

  it('a malformed CN encoding is an error even when Matter attributes are present (the SDK reads every attribute)', () => {
    invalid([CN, `${prefix} Mvid:fff1`], [VID, 'FFF1'], [PID, '00B1']);
  });

  it('the first full match wins: an earlier bad occurrence does not spoil a later good one', () => {
    expect(findHexAfterPrefix('Mvid:ZZZZ Mvid:FFF1', 'Mvid:')).toEqual({ found: 0xfff1 });
    expect(findHexAfterPrefix('Mvid:FFF1 Mvid:ZZZZ', 'Mvid:')).toEqual({ found: 0xfff1 });
    expect(findHexAfterPrefix('Mvid:ZZZZ', 'Mvid:')).toBe('invalid');
    expect(findHexAfterPrefix('no prefix here', 'Mvid:')).toBe('absent');
  });

  it(`searches only the first ${CN_SEARCH_LENGTH} bytes of the CN`, () => {
    const pad = (length: number) => 'x'.repeat(length);
    // "Mvid:FFF1" is 9 bytes: ending exactly at byte 64 is found.
    expect(extracted([CN, `${pad(55)}Mvid:FFF1`])).toMatchObject({ vendorId: 0xfff1 });
    // One byte later the digits are cut: the prefix is there without 4 digits → invalid.
    expect(invalid([CN, `${pad(56)}Mvid:FFF1`])).toContain('Mvid:');
    // Further still the prefix itself is cut: not present.
    expect(extracted([CN, `${pad(60)}Mvid:FFF1`])).toEqual({ vendorId: null, productId: null, source: 'none' });
  });

  it('counts bytes, not characters (UTF-8 CN)', () => {
    // "é" is 2 bytes: 27 of them + a space = 55 bytes, then "Mvid:FFF1" ends at byte 64.
    expect(extracted([CN, `${'é'.repeat(27)} Mvid:FFF1`])).toMatchObject({ vendorId: 0xfff1 });
    expect(invalid([CN, `${'é'.repeat(28)}Mvid:FFF1`])).toContain('Mvid:');
  });

  it('reads the next CN only when the first one yields nothing', () => {
    expect(extracted([CN, 'first'], [CN, 'Mvid:FFF1 Mpid:0001'])).toEqual({ vendorId: 0xfff1, productId: 1, source: 'common-name' });
    expect(extracted([CN, 'Mvid:FFF1'], [CN, 'Mvid:fff2 Mpid:0002'])).toEqual({ vendorId: 0xfff1, productId: null, source: 'common-name' });
  });
});
