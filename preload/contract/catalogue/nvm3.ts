/** Catalogue section — NVM3 regions: page headers, objects, reading and writing. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

// Damaged pages and objects inside a region that can still be read are warnings of the read result,
// not errors: these codes are for a region that cannot be read or written at all.
export const nvm3Errors = {
  NVM3_GEOMETRY_INVALID: {
    message: 'The NVM3 region description (page size, page count, base address or H5 word) is not one NVM3 can use.',
    fix: 'Take the page size, region size and base address from the part catalogue or the firmware\'s map file, and correct the value named in the detail.',
  },
  NVM3_IMAGE_SIZE_MISMATCH: {
    message: 'The NVM3 image is not as long as its region description says (page size times page count).',
    fix: 'Read the whole NVM3 region again, or give the page count and base address that match the image.',
  },
  NVM3_NO_VALID_PAGES: {
    message: 'No page of the region starts with a valid NVM3 page header.',
    fix: 'Check the NVM3 base address and size (--nvm3-base); an erased region has no NVM3 yet and is formatted by the firmware on its first boot.',
  },
  NVM3_KEY_INVALID: {
    message: 'An NVM3 key is outside the 20-bit range 0x00000 to 0xFFFFF.',
    fix: 'Use the key from the factory-data key map (0x0872xx for Matter factory data) named in the detail.',
  },
  NVM3_VALUE_TOO_LARGE: {
    message: 'An NVM3 value is longer than the largest object the firmware accepts.',
    fix: 'Shorten the value named in the detail, or set the maximum object size to the firmware\'s NVM3_DEFAULT_MAX_OBJECT_SIZE if that is larger.',
  },
  NVM3_REGION_FULL: {
    message: 'The values do not fit in the NVM3 region together with the free pages the firmware must keep.',
    fix: 'Remove or shorten values, or use the larger NVM3 region the firmware was built with (NVM3_DEFAULT_NVM_SIZE).',
  },
  NVM3_ERASE_COUNTS_INCONSISTENT: {
    message: 'The erase counts of the region\'s pages differ by more than one, so the firmware would refuse to open it.',
    fix: 'Write a fresh region with the values read from this one, or erase the region and provision it again.',
  },
  NVM3_NOT_A_COUNTER: {
    message: 'A counter was written to an NVM3 key that holds data, which the firmware refuses.',
    fix: 'Delete the key first, or write a data value to it instead.',
  },
  NVM3_OPTION_INVALID: {
    message: 'An NVM3 write option or counter value is out of range.',
    fix: 'Correct the option named in the detail (erase count below 2^27, maximum object size 204 to 4096, counter values 0 to 0xFFFFFFFF).',
  },
} as const satisfies Record<string, CatalogueEntry>;
