/** Catalogue section — SEGGER J-Link probes through SEGGER's own library (issue 8): loading it, its global error codes, probe selection. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const jlinkErrors = {
} as const satisfies Record<string, CatalogueEntry>;
