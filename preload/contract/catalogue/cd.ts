/** Catalogue section — Certification Declarations: CMS, TLV payload, signature, policy and VID/PID rules. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const certificationDeclarationErrors = {} as const satisfies Record<string, CatalogueEntry>;
