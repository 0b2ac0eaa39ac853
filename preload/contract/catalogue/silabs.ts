/** Catalogue section — EFR32 parts (OPN and DEVINFO) and Provision Protocol v2. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const silabsErrors = {} as const satisfies Record<string, CatalogueEntry>;
