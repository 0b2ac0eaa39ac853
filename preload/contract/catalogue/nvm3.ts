/** Catalogue section — NVM3 regions: page headers, objects, reading and writing. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const nvm3Errors = {} as const satisfies Record<string, CatalogueEntry>;
