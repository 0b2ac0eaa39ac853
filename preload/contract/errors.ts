/**
 * The one error catalogue. Every failure the station reports — over IPC, on the command line or in
 * the window — is one of these codes: a fixed sentence saying what happened and a sentence saying
 * what to do. Specifics (a path, an OS error, a field name) travel in `detail`, never in the sentence,
 * so the sentences can be reviewed and translated in one place.
 *
 * This module imports only its own sections: main, preload, the bridge client and the renderer all use it.
 */
import { certificationDeclarationErrors } from './catalogue/cd';
import { matterCertificateErrors } from './catalogue/certificates';
import type { CatalogueEntry } from './catalogue/entry';
import { firmwareFileErrors } from './catalogue/firmware';
import { nvm3Errors } from './catalogue/nvm3';
import { onboardingErrors } from './catalogue/onboarding';
import { probeErrors } from './catalogue/probes';
import { productConfigErrors } from './catalogue/config';
import { recordErrors } from './catalogue/records';
import { sessionErrors } from './catalogue/session';
import { stationErrors } from './catalogue/station';
import { verificationErrors } from './catalogue/verify';
import { fileLibraryErrors } from './catalogue/library';
import { qaErrors } from './catalogue/qa';
import { historyErrors } from './catalogue/history';
import { jlinkErrors } from './catalogue/jlink';
import { labelErrors } from './catalogue/labels';
import { settingsErrors } from './catalogue/settings';
import { silabsErrors } from './catalogue/silabs';

export type { CatalogueEntry } from './catalogue/entry';

/** General entries live here; each domain keeps its section in ./catalogue/ (codes must not collide). */
const generalErrors = {
  // Requests crossing from the window into main (Electron IPC and the loopback bridge).
  IPC_BAD_REQUEST: {
    message: 'The window sent a request whose contents do not match what the station accepts.',
    fix: 'Reload the window; if it happens again, export the logs and report the request named in the detail.',
  },
  IPC_UNKNOWN_CHANNEL: {
    message: 'The window asked for an operation the station does not have.',
    fix: 'Make sure the window and the station are the same version; reinstall Matterline if they differ.',
  },
  IPC_FORBIDDEN_SENDER: {
    message: 'A request came from a page that is not the Matterline window and was refused.',
    fix: 'Only use the Matterline window; if you did not open another page, report this as a security event.',
  },
  BRIDGE_TOKEN_REQUIRED: {
    message: 'The connection to the station was refused because it did not carry the session token.',
    fix: 'Open the exact address that `npm run web` printed, including the part after #token=.',
  },
  BRIDGE_DISCONNECTED: {
    message: 'The window lost its connection to the station.',
    fix: 'Check that `npm run web` is still running, then reload the page.',
  },
  // Command line.
  CLI_BAD_ARGUMENT: {
    message: 'The command line could not be understood.',
    fix: 'Run the command with --help to see the accepted options.',
  },
  // Local database.
  DB_NOT_WRITABLE: {
    message: 'The station database cannot be opened for writing.',
    fix: 'Choose a database path in a folder you can write to (--db PATH), or fix the folder permissions.',
  },
  DB_NEWER_THAN_APP: {
    message: 'The station database was written by a newer Matterline than this one.',
    fix: 'Update Matterline on this station, or point --db at a database made by this version.',
  },
  DB_MIGRATION_FAILED: {
    message: 'The station database could not be brought up to date, so nothing was changed.',
    fix: 'Keep a copy of the database file, export the logs, and report the migration named in the detail.',
  },
  DB_APPEND_ONLY: {
    message: 'The event log is append-only; changing or deleting a recorded event was refused.',
    fix: 'Record a new event that corrects the earlier one instead.',
  },
  DB_DUPLICATE: {
    message: 'The station database already holds a record with this identifier, so it was not added again.',
    fix: 'Use a new value for the field named in the detail (serial number, name, DAC serial), or open the existing record.',
  },
  DB_INVALID_RECORD: {
    message: 'The station database refused a record that breaks its rules (a missing reference, a value out of range or a wrong state).',
    fix: 'Correct the value named in the detail; if it came from the window unchanged, export the logs and report it.',
  },
  NOT_FOUND: {
    message: 'The record asked for does not exist.',
    fix: 'Check the identifier, or refresh the list you chose it from.',
  },
  // Preflight checks that are not met.
  JLINK_LIBRARY_NOT_FOUND: {
    message: 'SEGGER\'s J-Link library was not found, so real J-Link probes cannot be used (the simulated probe still works).',
    fix: 'Install the J-Link Software and Documentation Pack from SEGGER, or set MATTERLINE_JLINK_LIB to the library file.',
  },
  UDEV_RULES_MISSING: {
    message: 'No udev rule gives this user access to SEGGER J-Link probes (USB vendor 0x1366).',
    fix: 'Run: sudo cp resources/udev/99-matterline-segger.rules /etc/udev/rules.d/ && sudo udevadm control --reload && sudo udevadm trigger, then replug the probe.',
  },
  SERIAL_LIST_FAILED: {
    message: 'The serial ports of this computer could not be listed.',
    fix: 'Check that your user may read /dev/tty* (on Linux: add it to the dialout group) and try again.',
  },
  ELECTRON_RUNTIME_MISSING: {
    message: 'No Electron runtime is installed on this machine, so the desktop window cannot open.',
    fix: 'Use `npm run web` to open the station in a browser, or the `matterline` command line; install Electron\'s runtime to get the window.',
  },
  // The demo's own test attestation hierarchy in the user-data folder.
  DEMO_CREDENTIALS_INCOMPLETE: {
    message: 'The demo credentials folder is incomplete, so the demo cannot issue devices that attest.',
    fix: 'Move the folder named in the detail aside; Matterline creates a fresh demo hierarchy on its next start.',
  },
  // Files named on the command line or picked in the window.
  FILE_UNREADABLE: {
    message: 'A file given to the station could not be read.',
    fix: 'Check the path and permissions of the file named in the detail.',
  },
  FILE_NOT_WRITABLE: {
    message: 'An output file could not be written.',
    fix: 'Choose a path in a folder you can write to; the file is named in the detail.',
  },
  INTERNAL: {
    message: 'The station hit an unexpected internal error.',
    fix: 'Export the logs and report the detail; nothing already recorded was lost.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export const errorCatalogue = {
  ...generalErrors,
  ...matterCertificateErrors,
  ...certificationDeclarationErrors,
  ...onboardingErrors,
  ...nvm3Errors,
  ...silabsErrors,
  ...firmwareFileErrors,
  ...probeErrors,
  ...productConfigErrors,
  ...recordErrors,
  ...verificationErrors,
  ...stationErrors,
  ...sessionErrors,
  ...fileLibraryErrors,
  ...qaErrors,
  ...historyErrors,
  ...jlinkErrors,
  ...labelErrors,
  ...settingsErrors,
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The serialisable form of an error: crosses IPC, the bridge, and CLI JSON output unchanged. */
export interface AppErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  readonly fix: string;
  /** What exactly: the path, field, OS error or library message. Shown one click away. */
  readonly detail?: string;
}

export function appError(code: ErrorCode, detail?: string): AppErrorInfo {
  const entry = errorCatalogue[code];
  return detail === undefined
    ? { code, message: entry.message, fix: entry.fix }
    : { code, message: entry.message, fix: entry.fix, detail };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(errorCatalogue, value);
}

/** Expected outcomes are results, not exceptions. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorInfo };

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure<T = never>(code: ErrorCode, detail?: string): Result<T> {
  return { ok: false, error: appError(code, detail) };
}

/**
 * For the rare place where an expected failure has to unwind through code that cannot return a
 * Result (a constructor, a callback from a library). Catch it at the edge and turn it back into a
 * Result with `error.info`.
 */
export class CatalogueError extends Error {
  readonly info: AppErrorInfo;
  constructor(code: ErrorCode, detail?: string) {
    super(detail === undefined ? errorCatalogue[code].message : `${errorCatalogue[code].message} (${detail})`);
    this.name = 'CatalogueError';
    this.info = appError(code, detail);
  }
}
