/** Catalogue section — The station: the per-device pipeline, probe workers, lot runs and crash recovery. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const stationErrors = {
  STATION_CANCELLED: {
    message: 'The device job was cancelled before it finished.',
    fix: 'Check the device state in the detail; run the board again to finish it (a board holding our credentials is recognised and not provisioned twice).',
  },
  STATION_STEP_TIMEOUT: {
    message: 'A provisioning step did not finish within its time limit.',
    fix: 'Check the probe cable and the board power, then run the board again; the detail names the step and the limit.',
  },
  STATION_STEP_CRASHED: {
    message: 'A provisioning step stopped on an internal error.',
    fix: 'Export the logs and report the detail; run the board again once the cause is known.',
  },
  STATION_WRONG_PART: {
    message: 'The chip on the board is not the part the product configuration is for.',
    fix: 'Put the board aside: firmware built for one part does not work on another. Check the lot\'s boards and the configuration\'s part number.',
  },
  STATION_PART_LOCKED: {
    message: 'The chip is debug-locked, so the station cannot write to it.',
    fix: 'Put the board aside. Unlocking by device erase wipes everything on the chip, its credentials included; only an engineer should decide to do that (matterline probe erase).',
  },
  STATION_ALREADY_PROVISIONED: {
    message: 'The board already holds credentials this station issued to a device that passed.',
    fix: 'Nothing to do: this board is finished. Take the next board; the detail names its serial number.',
  },
  STATION_ALLOCATION_RELEASED: {
    message: 'Values allocated for a new device were not used because the board already held an unfinished device of ours, which was resumed instead.',
    fix: 'Nothing to do: the allocated serial number is retired and never reused.',
  },
  STATION_VERIFY_FAILED: {
    message: 'Reading the device back after writing found a problem with its credentials.',
    fix: 'Do not ship the board. The detail names the failed checks; run the board again, and if it fails the same way check the configuration and the firmware.',
  },
  STATION_AGENT_UNAVAILABLE: {
    message: 'The provisioning agent did not start on the chip.',
    fix: 'Check the configuration\'s agent setting: flash the agent image, or use firmware that includes the agent.',
  },
  STATION_LABEL_INVALID: {
    message: 'The onboarding codes for the label could not be made from the device\'s values.',
    fix: 'Check the configuration\'s VID, PID, commissioning flow and discovery capabilities; the detail names the value.',
  },
  STATION_INTERRUPTED: {
    message: 'The station stopped (crash, power loss or kill) while this device was being provisioned.',
    fix: 'Put the board on a probe again: read-back tells whether it was finished; it is then completed or provisioned anew, never with reused values.',
  },
  STATION_WORKER_DIED: {
    message: 'The probe\'s worker process stopped unexpectedly while a device was being provisioned.',
    fix: 'Run the board again; if it happens again, export the logs and check the probe connection.',
  },
  STATION_LOT_NOT_RUNNABLE: {
    message: 'The lot cannot be run in its current state.',
    fix: 'Only open or running lots can be run; the detail names the lot and its state.',
  },
  STATION_CONFIG_FILES_CHANGED: {
    message: 'A file the product configuration names changed on disk after the configuration was saved.',
    fix: 'Save the configuration again so the station records the new files (a new version, which QA must approve again for production).',
  },
  STATION_LOCK_NOT_EFFECTIVE: {
    message: 'After the reset the chip\'s debug-lock state is not what the configuration asked for.',
    fix: 'Put the board aside and read it back (matterline readback); check the configuration\'s debug lock and whether the part supports it.',
  },
  STATION_PROBE_UNKNOWN: {
    message: 'The station has no probe by that name.',
    fix: 'Choose a probe from the station\'s list; reopen the run screen if the list changed.',
  },
  STATION_PROBE_BUSY: {
    message: 'The probe is busy with another run.',
    fix: 'Wait for that run to finish or cancel it, or choose an idle probe.',
  },
  STATION_LOT_BUSY: {
    message: 'The lot is being run now.',
    fix: 'Wait for the run to finish, or cancel it from the run screen.',
  },
  STATION_PROBE_NOT_BENCH: {
    message: 'Boards can be placed and removed by the station only on a simulated bench probe.',
    fix: 'Choose the simulated bench probe; on a real fixture, place and remove the board by hand.',
  },
  STATION_BENCH_OCCUPIED: {
    message: 'A board is already on the bench, so another cannot be placed.',
    fix: 'Remove the board on the bench first, then place the next one.',
  },
  STATION_NO_BOARD: {
    message: 'No board is on the probe.',
    fix: 'Connect a board to the probe and try again.',
  },
} as const satisfies Record<string, CatalogueEntry>;
