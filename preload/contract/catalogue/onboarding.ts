/** Catalogue section — Onboarding codes, SPAKE2+ verifiers and commissioning identifiers. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const onboardingErrors = {} as const satisfies Record<string, CatalogueEntry>;
