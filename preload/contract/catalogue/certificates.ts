/** Catalogue section — Matter certificates: parsing, the PAA/PAI/DAC profiles, chains, trust store and DAC issuance. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const matterCertificateErrors = {} as const satisfies Record<string, CatalogueEntry>;
