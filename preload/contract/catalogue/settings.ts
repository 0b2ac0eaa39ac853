/** Catalogue section — Station settings: operators, station id, trust store, CD signers, J-Link library, label template, log export. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const settingsErrors = {
} as const satisfies Record<string, CatalogueEntry>;
