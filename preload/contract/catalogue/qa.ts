/** Catalogue section — QA read-back in the window. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const qaErrors = {
  QA_PROBE_UNKNOWN: {
    message: 'QA has no probe or board by that name.',
    fix: 'Press Refresh and choose a probe from the list; a simulated board that was removed from the station is no longer listed.',
  },
  QA_PROBE_BUSY: {
    message: 'The board on that probe is being read back already.',
    fix: 'Wait for the read-back going on to finish, then read the board again.',
  },
} as const satisfies Record<string, CatalogueEntry>;
