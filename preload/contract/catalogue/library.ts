/** Catalogue section — Files picked in the window and kept by the station (the file library), and configurations edited in the window. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const fileLibraryErrors = {
} as const satisfies Record<string, CatalogueEntry>;
