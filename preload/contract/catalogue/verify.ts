/** Catalogue section — Verification: reading a device back and checking its credentials against the Matter rules and the station's record. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const verificationErrors = {
  READBACK_OPTIONS_INVALID: {
    message: 'The read-back was asked for a storage layout or timeout it does not know.',
    fix: "Use storage 'nvm3', 'single-page' or 'auto' and a positive timeout; the detail names the value.",
  },
  READBACK_UNKNOWN_DEVICE: {
    message: 'The board read back is not a device this station provisioned.',
    fix: 'Read it back on the station that provisioned it, or check it against its configuration with matterline attest verify on the exported files.',
  },
} as const satisfies Record<string, CatalogueEntry>;
