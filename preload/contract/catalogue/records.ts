/** Catalogue section — Records: allocation of per-device values, lots and their transitions, inspections, reports, DAC bundles and the audit trail. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const recordErrors = {
  RECORD_LOT_TRANSITION_REFUSED: {
    message: 'The lot cannot move from its current status to the one asked for.',
    fix: 'Follow the lot workflow (open → running → awaiting QA → approved or rejected → closed); the detail names both statuses.',
  },
  RECORD_LOT_DECISION_REQUIRED: {
    message: 'A lot is approved or rejected only by recording a QA decision, not by setting its status.',
    fix: 'Approve or reject the lot as a QA operator, with a reason for a rejection.',
  },
  RECORD_CONFIG_NOT_APPROVED: {
    message: 'A production lot can only run on a product configuration that QA has approved.',
    fix: 'Run a sample lot on the configuration named in the detail and have QA approve it, or choose an approved configuration.',
  },
  RECORD_LOT_NOT_RUNNING: {
    message: 'Devices can only be allocated in a lot that is running.',
    fix: 'Start the lot named in the detail (or resume it if it was paused) before provisioning devices in it.',
  },
  RECORD_LOT_FULL: {
    message: 'The lot already has as many passed and in-progress devices as its quantity.',
    fix: 'Create another lot for more devices, or resolve the in-progress attempts first.',
  },
  RECORD_ALLOCATION_EXHAUSTED: {
    message: 'The station could not draw a value that was not already used, so nothing was allocated.',
    fix: 'Check that the station\'s random source works; the detail names the value (DAC serial, passcode or unique id) that kept repeating.',
  },
  RECORD_ATTEMPT_INTERRUPTED: {
    message: 'The station stopped (crash, power loss or kill) while this device was being provisioned.',
    fix: 'Read the board back to find out how far it got; provision it again with freshly allocated values if it is not complete.',
  },
  RECORD_ATTEMPT_FINISHED: {
    message: 'This provisioning attempt has already finished, so its result cannot be set again.',
    fix: 'Refresh the list of interrupted attempts; start a new attempt to provision the board again.',
  },
  RECORD_DAC_SERIAL_MISMATCH: {
    message: 'The DAC recorded for a device does not carry the serial number allocated to that device.',
    fix: 'Issue the DAC with the allocated DAC serial named in the detail; never reuse a DAC from another device.',
  },
  RECORD_DAC_UNREADABLE: {
    message: 'The DAC given to the records is not a readable X.509 certificate.',
    fix: 'Record the DER bytes of the certificate exactly as issued.',
  },
  RECORD_QA_ROLE_REQUIRED: {
    message: 'Only an active QA operator can approve or reject a lot.',
    fix: 'Sign in as a QA operator (matterline operator add NAME --role qa creates one).',
  },
  RECORD_REASON_REQUIRED: {
    message: 'A rejected lot needs a reason, so the engineers know what to change.',
    fix: 'Give the reason in one sentence (for example which check failed on which sample).',
  },
  RECORD_PIN_FORMAT: {
    message: 'An operator PIN must be 4 to 12 digits.',
    fix: 'Choose a PIN of 4 to 12 digits.',
  },
  RECORD_PIN_WRONG: {
    message: 'The operator name or PIN is not correct.',
    fix: 'Check the name and type the PIN again; an engineer can add a new operator if the PIN is lost.',
  },
  RECORD_AUDIT_CHAIN_BROKEN: {
    message: 'The audit trail no longer verifies: an event was changed, removed or inserted outside Matterline.',
    fix: 'Keep a copy of the database as evidence and compare it with a backup; the detail names the first event that does not verify.',
  },
  RECORD_STATION_ID_INVALID: {
    message: 'A station id must be 1 to 16 letters, digits or dashes.',
    fix: 'Choose a short id such as LINE-1; it goes into serial numbers and records.',
  },
} as const satisfies Record<string, CatalogueEntry>;
