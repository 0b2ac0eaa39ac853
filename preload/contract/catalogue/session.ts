/** Catalogue section — Sign-in sessions and roles: who is signed in in a window and what that role may do. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const sessionErrors = {
  SESSION_REQUIRED: {
    message: 'Nobody is signed in in this window, so the station refused the action.',
    fix: 'Sign in with your operator name and PIN, then try again.',
  },
  SESSION_ROLE_FORBIDDEN: {
    message: 'The signed-in operator\'s role may not do this.',
    fix: 'Ask an operator with the role named in the detail to sign in and do it.',
  },
  SESSION_FIRST_RUN_DONE: {
    message: 'This station already has operators, so a first engineer cannot be created this way.',
    fix: 'Sign in with an existing operator; an engineer adds new operators in Settings.',
  },
  SESSION_LOCKED_OUT: {
    message: 'Too many wrong PINs were typed for this operator name, so signing in with it is paused for 30 seconds.',
    fix: 'Wait 30 seconds, then type the PIN again carefully; an engineer can set a new PIN if it is lost.',
  },
} as const satisfies Record<string, CatalogueEntry>;
