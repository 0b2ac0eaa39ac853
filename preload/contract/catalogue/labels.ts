/** Catalogue section — Device labels: preview, PDF and ZPL. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const labelErrors = {
} as const satisfies Record<string, CatalogueEntry>;
