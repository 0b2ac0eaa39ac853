/** Catalogue section — History: finding devices, their records, charts and report export. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const historyErrors = {
} as const satisfies Record<string, CatalogueEntry>;
