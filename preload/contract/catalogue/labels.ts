/** Catalogue section — Device labels: preview, PDF and ZPL. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const labelErrors = {
  LABEL_DEVICE_NOT_PASSED: {
    message: 'This device has not passed provisioning, so it has no label.',
    fix: 'Only a device that passed has onboarding codes to print; run the board again, then print its label.',
  },
  LABEL_CODES_MISSING: {
    message: 'The device passed but its QR payload or manual pairing code is not on record, so no label can be made.',
    fix: 'Read the board back on the QA screen to check its codes, and report the device named in the detail.',
  },
} as const satisfies Record<string, CatalogueEntry>;
