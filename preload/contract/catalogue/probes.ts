/** Catalogue section — Debug probes and the simulated EFR32: access, timeouts, faults, locks. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const probeErrors = {} as const satisfies Record<string, CatalogueEntry>;
