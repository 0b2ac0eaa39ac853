// Serial-number patterns: tokens, required {station} and {seq}, the 32-character limit.
import { describe, expect, it } from 'vitest';
import { checkSerialPattern, renderSerialNumber } from '../../../../main/station/config';

const values = { stationId: 'ST01', lotId: 42, sequence: 7, date: new Date('2026-03-09T23:00:00Z') };

describe('renderSerialNumber', () => {
  it('renders every token', () => {
    expect(renderSerialNumber('{station}-{lot}-{yyyy}{mm}{dd}-{seq:6}', values)).toEqual({ ok: true, value: 'ST01-42-20260309-000007' });
    expect(renderSerialNumber('SN{station}{seq}', values)).toEqual({ ok: true, value: 'SNST017' });
  });

  it('lets {seq:N} grow past N digits rather than repeat', () => {
    expect(renderSerialNumber('{station}-{seq:2}', { ...values, sequence: 123 })).toEqual({ ok: true, value: 'ST01-123' });
  });

  it('refuses a result longer than 32 characters', () => {
    const rendered = renderSerialNumber('{station}-{seq:6}', { ...values, stationId: 'S'.repeat(30) });
    expect(rendered.ok ? null : rendered.error.code).toBe('CONFIG_SERIAL_PATTERN_INVALID');
  });

  it('refuses spaces coming from the station id', () => {
    expect(renderSerialNumber('{station}-{seq}', { ...values, stationId: 'A B' }).ok).toBe(false);
  });
});

describe('checkSerialPattern', () => {
  it('accepts a pattern with {station}, {lot} and {seq}', () => {
    expect(checkSerialPattern('{station}-{lot}-{yyyy}{mm}{dd}-{seq:6}')).toEqual({ problems: [], assumedLength: 31 });
  });

  it.each([
    ['{station}-{lot}', /no \{seq\}/],
    ['{seq:6}', /no \{station\}/],
    // Each lot counts from 1: without {lot} the second lot repeats the first one's serials.
    ['{station}-{yyyy}{mm}{dd}-{seq:6}', /no \{lot\}/],
    ['{station}-{seq:0}', /width/],
    ['{station}-{seq', /never closed/],
    ['{station} {seq}', /spaces/],
    ['{station}-{lot}-{yyyy}{mm}{dd}-{seq:12}', /more than the 32/],
  ])('refuses "%s"', (pattern, reason) => {
    expect(checkSerialPattern(pattern).problems.join(' ')).toMatch(reason);
  });
});
