/** Catalogue section — SEGGER J-Link probes through SEGGER's own library (issue 8): loading it, its global error codes, probe selection. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

/**
 * JLINK_LIBRARY_NOT_FOUND lives in the general section (preflight reports it too). The library's
 * negative return codes map here by what the technician has to do (main/probes/jlink/errors.ts);
 * the detail always carries the number, SEGGER's meaning and the library's own error text.
 */
export const jlinkErrors = {
  // Loading the library (main/probes/jlink/library.ts).
  JLINK_LIBRARY_TOO_OLD: {
    message: 'The J-Link library found is older than version 6, which Matterline does not support.',
    fix: 'Install a current J-Link Software and Documentation Pack from SEGGER, or point the station settings at a newer library; the detail names the version found.',
  },
  JLINK_LIBRARY_LOAD_FAILED: {
    message: 'The J-Link library file was found but could not be loaded.',
    fix: 'Check that the file is SEGGER\'s library for this computer (64-bit, this operating system) and not damaged; reinstall the J-Link software if unsure. The detail names the file and the reason.',
  },
  JLINK_LIBRARY_BUSY: {
    message: 'This copy of the J-Link library is already driving another probe.',
    fix: 'Close the other probe first; each probe needs its own copy of the library. The detail names the probe in use.',
  },
  // Selecting and opening a probe (main/probes/jlink/jlinkSession.ts).
  JLINK_PROBE_NOT_FOUND: {
    message: 'No J-Link probe with this serial number is connected.',
    fix: 'Check the serial number printed on the probe and its USB cable, then list the probes again; the detail names the serial asked for and the ones found.',
  },
  JLINK_OPEN_FAILED: {
    message: 'The J-Link probe could not be opened.',
    fix: 'Close any other program using the probe (J-Link Commander, Simplicity Studio, another station), unplug and replug it, then try again; the detail has the library\'s message.',
  },
  JLINK_LOCKED_REFUSED_UNSECURE: {
    message: 'The part is debug-locked; the J-Link library offered to unlock it by erasing the whole chip, and Matterline refused.',
    fix: 'Nothing on the device was changed. Check the lock state; only an explicit device erase (which wipes the attestation data) unlocks it.',
  },
  // The library's global error codes (SEGGER JLINKARM_GLOBAL_ERROR).
  JLINK_NO_CONNECTION: {
    message: 'The J-Link probe stopped answering over USB.',
    fix: 'Check that the probe is plugged in (try another USB cable or port), then start the step again.',
  },
  JLINK_TARGET_POWER: {
    message: 'The J-Link probe sees no supply voltage on the board (VTref).',
    fix: 'Power the board and check that the debug cable carries VTref, then try again.',
  },
  JLINK_NO_CPU: {
    message: 'The J-Link probe found no CPU on the debug interface.',
    fix: 'Check the SWD cable, its orientation and the board power; seat the board again and retry.',
  },
  JLINK_TARGET_ASLEEP: {
    message: 'The CPU is in a low-power mode and does not answer the debugger.',
    fix: 'Reset the board (or hold it in reset while connecting) and try again.',
  },
  JLINK_FLASH_FAILED: {
    message: 'Programming the flash through J-Link failed (compare, program or verify).',
    fix: 'Retry the device; if it fails again set the board aside as a flash failure. The detail names the stage.',
  },
  JLINK_WRITE_FAILED: {
    message: 'Writing the device\'s memory through J-Link failed.',
    fix: 'Check the SWD connection and the board power, then retry the device.',
  },
  JLINK_ERROR: {
    message: 'The J-Link library reported an error.',
    fix: 'Retry the step; if it repeats, export the logs and report the code and text in the detail.',
  },
} as const satisfies Record<string, CatalogueEntry>;
