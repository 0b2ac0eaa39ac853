/** Catalogue section — Firmware files: Intel HEX, Motorola S-record and raw binary images. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const firmwareFileErrors = {} as const satisfies Record<string, CatalogueEntry>;
