import { describe, expect, it } from 'vitest';
import { errorCatalogue, isErrorCode } from '../../../preload/contract/errors';
import { JLINK_GLOBAL_ERRORS, describeJlinkError, jlinkFailure } from '../../../main/probes/jlink/errors';

// SEGGER's global error codes (research/debug-access.md §1.4): -1 and -256..-274.
const SEGGER_CODES = [-1, ...Array.from({ length: 19 }, (_, index) => -256 - index)];

describe('J-Link global error codes', () => {
  it('maps every documented code to a catalogue entry with a sentence and a fix', () => {
    expect(Object.keys(JLINK_GLOBAL_ERRORS).map(Number).sort((a, b) => a - b)).toEqual([...SEGGER_CODES].sort((a, b) => a - b));
    for (const returned of SEGGER_CODES) {
      const { code, meaning } = describeJlinkError(returned);
      expect(isErrorCode(code), `${returned} → ${code}`).toBe(true);
      expect(code.startsWith('JLINK_')).toBe(true);
      expect(meaning).not.toBe('');
      const entry = errorCatalogue[code];
      expect(entry.message).toMatch(/\.$/);
      expect(entry.fix).not.toBe('');
      // The sentence is for a person: no raw number in it.
      expect(entry.message).not.toMatch(/-\d{1,3}/);
    }
  });

  it('gives a different code where the technician does something different', () => {
    expect(describeJlinkError(-256).code).toBe('JLINK_NO_CONNECTION');
    expect(describeJlinkError(-257).code).toBe('JLINK_NO_CONNECTION');
    expect(describeJlinkError(-259).code).toBe('JLINK_TARGET_POWER');
    expect(describeJlinkError(-261).code).toBe('JLINK_NO_CPU');
    for (const flash of [-265, -266, -267]) expect(describeJlinkError(flash).code).toBe('JLINK_FLASH_FAILED');
    expect(describeJlinkError(-270).code).toBe('JLINK_WRITE_FAILED');
    expect(describeJlinkError(-274).code).toBe('JLINK_TARGET_ASLEEP');
    expect(describeJlinkError(-1).code).toBe('JLINK_ERROR');
    expect(describeJlinkError(-9999)).toEqual({ code: 'JLINK_ERROR', meaning: 'error code not documented by SEGGER' });
  });

  it('keeps the number, the meaning and the library text in the detail', () => {
    const failed = jlinkFailure('JLINKARM_ReadMemEx 0x0FE081FC', -259, ' VTref is 0.0 V \n');
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.code).toBe('JLINK_TARGET_POWER');
    expect(failed.error.message).toBe(errorCatalogue.JLINK_TARGET_POWER.message);
    expect(failed.error.detail).toBe('JLINKARM_ReadMemEx 0x0FE081FC returned -259 (VCC failure (target not powered)): VTref is 0.0 V');

    const silent = jlinkFailure('JLINKARM_Connect', -1, null);
    expect(silent.ok ? null : silent.error.detail).toBe('JLINKARM_Connect returned -1 (unspecified error)');
  });
});
