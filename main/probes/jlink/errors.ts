/**
 * SEGGER's global error codes (research/debug-access.md §1.4, `JLINKARM_GLOBAL_ERROR` in the header,
 * pylink `enums.py:JLinkGlobalErrors`) → one catalogue code per thing the technician does about it.
 * The detail keeps the number, SEGGER's meaning and the library's own error text, so nothing is lost
 * while the window still shows a sentence, never a bare number.
 */
import { failure, type ErrorCode, type Result } from '../../../preload/contract/errors';

export interface JlinkGlobalError {
  /** SEGGER's meaning, in SEGGER's words. */
  readonly meaning: string;
  readonly code: ErrorCode;
}

export const JLINK_GLOBAL_ERRORS: Readonly<Record<number, JlinkGlobalError>> = {
  [-1]: { meaning: 'unspecified error', code: 'JLINK_ERROR' },
  [-256]: { meaning: 'no connection to the emulator', code: 'JLINK_NO_CONNECTION' },
  [-257]: { meaning: 'emulator communication error', code: 'JLINK_NO_CONNECTION' },
  [-258]: { meaning: 'DLL not open', code: 'JLINK_ERROR' },
  [-259]: { meaning: 'VCC failure (target not powered)', code: 'JLINK_TARGET_POWER' },
  [-260]: { meaning: 'invalid handle', code: 'JLINK_ERROR' },
  [-261]: { meaning: 'no CPU found', code: 'JLINK_NO_CPU' },
  [-262]: { meaning: 'emulator feature not supported', code: 'JLINK_ERROR' },
  [-263]: { meaning: 'emulator out of memory', code: 'JLINK_ERROR' },
  // A TIF status error is a broken SWD/JTAG transfer: the same wiring check as "no CPU".
  [-264]: { meaning: 'TIF status error', code: 'JLINK_NO_CPU' },
  [-265]: { meaning: 'flash compare failed', code: 'JLINK_FLASH_FAILED' },
  [-266]: { meaning: 'flash program failed', code: 'JLINK_FLASH_FAILED' },
  [-267]: { meaning: 'flash verify failed', code: 'JLINK_FLASH_FAILED' },
  [-268]: { meaning: 'open file failed', code: 'JLINK_ERROR' },
  [-269]: { meaning: 'unknown file format', code: 'JLINK_ERROR' },
  [-270]: { meaning: 'write target memory failed', code: 'JLINK_WRITE_FAILED' },
  [-271]: { meaning: 'device feature not supported', code: 'JLINK_ERROR' },
  [-272]: { meaning: 'wrong user config', code: 'JLINK_ERROR' },
  [-273]: { meaning: 'no target device selected', code: 'JLINK_ERROR' },
  [-274]: { meaning: 'CPU in low-power mode', code: 'JLINK_TARGET_ASLEEP' },
};

/** The catalogue code and SEGGER's meaning of a negative return; unknown numbers are JLINK_ERROR. */
export function describeJlinkError(returned: number): JlinkGlobalError {
  return JLINK_GLOBAL_ERRORS[returned] ?? { meaning: 'error code not documented by SEGGER', code: 'JLINK_ERROR' };
}

/**
 * The failure for `operation` returning `returned` (< 0). `libraryText` is what the library said
 * through its error-out handler during the call, when it said anything.
 */
export function jlinkFailure<T = never>(operation: string, returned: number, libraryText?: string | null): Result<T> {
  const { meaning, code } = describeJlinkError(returned);
  const text = libraryText === undefined || libraryText === null || libraryText.trim() === '' ? '' : `: ${libraryText.trim()}`;
  return failure(code, `${operation} returned ${returned} (${meaning})${text}`);
}
