/** Catalogue section — Station settings: operators, station id, trust store, CD signers, J-Link library, label template, log export. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const settingsErrors = {
  SETTINGS_OPERATOR_NAME_TAKEN: {
    message: 'An operator with this name already exists (names are compared regardless of case), so no operator was added.',
    fix: 'Choose another name, or reactivate the existing operator and set a new PIN for them.',
  },
  SETTINGS_OWN_ACCOUNT: {
    message: 'Engineers cannot deactivate the operator they are signed in as.',
    fix: 'Ask another engineer to sign in and do it.',
  },
  SETTINGS_LAST_ENGINEER: {
    message: 'This is the station\'s last active engineer, so it was not deactivated: nobody could change settings afterwards.',
    fix: 'Add or reactivate another engineer first, then deactivate this one.',
  },
  SETTINGS_NOT_A_PAA: {
    message: 'The file is not a PAA certificate the station can trust, so it was not added to the trust store.',
    fix: 'Pick a self-signed PAA root (PEM or DER, one certificate), such as one from the DCL or the Matter SDK\'s paa-root-certs; the detail says what is wrong with this one.',
  },
  SETTINGS_CERTIFICATE_DUPLICATE: {
    message: 'The station already holds this certificate, so it was not added again.',
    fix: 'Nothing to do: the detail names the file that already holds it.',
  },
  SETTINGS_CD_SIGNER_INVALID: {
    message: 'The file is not a certificate with an EC P-256 key, so it cannot be a CD signing certificate.',
    fix: 'Pick the CD signing certificate (PEM or DER, one certificate) that matches your CD signing key; the detail says what is wrong with this file.',
  },
  SETTINGS_JLINK_LIBRARY_INVALID: {
    message: 'The path does not name a SEGGER J-Link library file, so it was not saved.',
    fix: 'Give the full path of the library from the J-Link Software Pack: libjlinkarm.so… on Linux, JLink_x64.dll or JLinkARM.dll on Windows, libjlinkarm….dylib on macOS.',
  },
  SETTINGS_LOG_EXPORT_FAILED: {
    message: 'The station\'s logs could not be collected into a zip file.',
    fix: 'Check that the logs folder named in the detail can be read, then export again.',
  },
} as const satisfies Record<string, CatalogueEntry>;
