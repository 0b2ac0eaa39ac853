/** Catalogue section — QA read-back in the window. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const qaErrors = {
} as const satisfies Record<string, CatalogueEntry>;
