/** Catalogue section — Files picked in the window and kept by the station (the file library), and configurations edited in the window. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const fileLibraryErrors = {
  FILE_UPLOAD_NOT_BASE64: {
    message: 'The picked file did not arrive as base64, so the station did not keep it.',
    fix: 'Pick the file again; if it happens again, reload the window.',
  },
  FILE_UPLOAD_EMPTY: {
    message: 'The picked file is empty, so the station did not keep it.',
    fix: 'Pick the file that holds the certificate, key, declaration or image, not an empty one.',
  },
  FILE_UPLOAD_TOO_LARGE: {
    message: 'The picked file is larger than the 16 MiB the station keeps.',
    fix: 'Pick the certificate, key, declaration, JSON or firmware image itself; none of these is that large.',
  },
  FILE_NAME_INVALID: {
    message: 'The picked file\'s name cannot be used to keep it.',
    fix: 'Rename the file to a plain name (no folder, not "." or "..") and pick it again.',
  },
  FILE_NOT_IN_LIBRARY: {
    message: 'The file is not in this station\'s file library.',
    fix: 'Pick the file again so the station keeps it; files are named by their SHA-256 once kept.',
  },
} as const satisfies Record<string, CatalogueEntry>;
