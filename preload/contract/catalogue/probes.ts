/** Catalogue section — Debug probes and the simulated EFR32: access, timeouts, faults, locks. Part of the one catalogue in ../errors.ts. */
import type { CatalogueEntry } from './entry';

export const probeErrors = {
  // EFR32 sequences over a debug port (main/target). The detail names the step that failed.
  TARGET_DCI_TIMEOUT: {
    message: 'The Secure Engine did not answer a debug-interface (DCI) command in time.',
    fix: 'Check the SWD wiring and power, reset the board and try again; the detail names the command that got no answer.',
  },
  TARGET_DCI_UNAVAILABLE: {
    message: 'The Secure Engine debug interface (AP #1) did not identify itself, so the lock state cannot be read.',
    fix: 'Make sure the part is an EFR32 Series 2 chip and the probe is connected over SWD; the detail names the value read.',
  },
  TARGET_SE_ERROR: {
    message: 'The Secure Engine refused a debug-interface command.',
    fix: 'Read the SE response code in the detail: an authorization error on device erase means the part is permanently locked and cannot be recovered.',
  },
  TARGET_SERIES_UNKNOWN: {
    message: 'The debug port did not identify a Series 1 or Series 2 EFR32.',
    fix: 'Check the probe address and the SWD wiring; the detail names the DPIDR value read.',
  },
  TARGET_LOCKED: {
    message: 'The part is debug-locked, so its memory cannot be read or written.',
    fix: 'Check the lock state with `matterline probe lock-status`; only a device erase (which wipes the attestation data) unlocks a standard-locked part.',
  },
  TARGET_ERASE_NOT_CONFIRMED: {
    message: 'A device erase was not confirmed, so nothing was erased.',
    fix: 'A device erase wipes all flash, including the Matter attestation credentials and NVM3; repeat with --confirm only if that is intended.',
  },
  TARGET_SECURE_LOCK_UNAVAILABLE: {
    message: 'Secure debug lock needs a public command key installed in the Secure Engine, and none is reported.',
    fix: 'Install the command key first (Simplicity Commander `security writekey`), or use the standard or permanent lock.',
  },
  TARGET_OPERATION_UNSUPPORTED: {
    message: 'This operation is not available on this part.',
    fix: 'The detail names the operation and the part; use a mode the part supports.',
  },
  TARGET_REGION_INVALID: {
    message: 'The memory range is outside the part\'s flash or not aligned to its flash pages.',
    fix: 'Give a page-aligned address and length inside the flash range named in the detail.',
  },
  TARGET_ERASE_REFUSED: {
    message: 'The part is still locked after the device erase, so it refuses to be unlocked.',
    fix: 'The part has been permanently locked (its AAP or device erase disabled) and cannot be recovered; set it aside.',
  },
  TARGET_ERASE_TIMEOUT: {
    message: 'The device erase did not finish in time.',
    fix: 'Power-cycle the board and check the lock state before trying again.',
  },
  TARGET_CANCELLED: {
    message: 'The operation on the device was cancelled.',
    fix: 'Start it again when ready; the detail names the step that was interrupted.',
  },
  // Probe addresses (main/probes/address.ts, open.ts).
  PROBE_ADDRESS_INVALID: {
    message: 'The probe address could not be understood.',
    fix: 'Use sim:PART, sim:PART@STATEFILE (options ?eui=HEX&locked=standard|permanent&fault=STEP), jlink:SERIAL or serial:PATH; see docs/probes.md.',
  },
  PROBE_ADDRESS_UNAVAILABLE: {
    message: 'This kind of probe is not available in this version yet.',
    fix: 'Use a simulated board (sim:PART) for now; J-Link and serial probes arrive in a later version.',
  },
  PROBE_ADDRESS_STATE_INVALID: {
    message: 'The simulated board\'s state file could not be loaded.',
    fix: 'Delete the state file named in the detail to start from a fresh board, or point the address at another file.',
  },
  // Any debug port (main/probes/debugPort.ts); the detail names the operation.
  PROBE_TIMEOUT: {
    message: 'The debug probe did not finish an operation in time.',
    fix: 'Check the probe connection and the SWD clock, then try again; the detail names the operation that timed out.',
  },
  PROBE_CANCELLED: {
    message: 'The debug probe operation was cancelled.',
    fix: 'Start it again when ready; the detail names the operation that was interrupted.',
  },
  PROBE_DISCONNECTED: {
    message: 'The debug probe or the board was disconnected.',
    fix: 'Reconnect the probe and the board, then start the step again; the detail names the operation that was cut off.',
  },
  PROBE_ACCESS_DENIED: {
    message: 'The chip refused memory access through the debug port because it is debug-locked.',
    fix: 'Read the lock state through the Secure Engine (or the AAP on Series 1); only a device erase unlocks a standard-locked part.',
  },
  // The simulated EFR32 (main/sim).
  SIM_CONFIG_INVALID: {
    message: 'The simulated board\'s configuration is not valid.',
    fix: 'Correct the value named in the detail (part number, EUI-64, lock mode, fault or timing); see docs/simulator.md.',
  },
  SIM_STATE_INVALID: {
    message: 'The saved state of the simulated board could not be read, or belongs to another part.',
    fix: 'Start from a fresh simulated board, or load a state saved by the same part; the detail says what did not match.',
  },
  SIM_ADDRESS_UNMAPPED: {
    message: 'The simulated chip has no memory at this address (a bus fault on a real chip).',
    fix: 'Use an address inside flash, SRAM, DEVINFO or the other regions listed in docs/simulator.md; the detail names the address.',
  },
  SIM_ACCESS_INVALID: {
    message: 'The memory access has an unsupported width or is not aligned to it.',
    fix: 'Use 8-, 16- or 32-bit accesses at addresses and lengths aligned to the width; the detail names the address.',
  },
  SIM_FLASH_WRITE_REFUSED: {
    message: 'Flash cannot be written like RAM; the simulated chip refused a plain memory write into flash.',
    fix: 'Write flash with programFlash (page erase, program and verify); the detail names the address.',
  },
  SIM_FLASH_UNALIGNED: {
    message: 'The flash range is not aligned to what the flash controller allows.',
    fix: 'Program whole pages from a page-aligned address (or whole 32-bit words for a raw word write); the detail names the range.',
  },
  SIM_FLASH_WRITE_LIMIT: {
    message: 'A flash word was written a third time without an erase, which the EFR32 flash does not allow.',
    fix: 'Erase the page before writing the word again; the detail names the word\'s address.',
  },
  SIM_FLASH_VERIFY_FAILED: {
    message: 'Flash read back differently from what was programmed.',
    fix: 'Program the range again; if it fails again the page may be worn or locked. The detail names the first address that differs.',
  },
  SIM_RTT_UNAVAILABLE: {
    message: 'No RTT control block ("SEGGER RTT") was found in the simulated chip\'s SRAM, so no agent is running.',
    fix: 'Start the on-chip agent (simulator option agent, or startAgent) before opening an agent session; the detail names where it looked.',
  },
  SIM_RTT_BUFFER_INVALID: {
    message: 'The RTT control block names a buffer that does not exist or whose ring pointers are out of range.',
    fix: 'Restart the agent (its control block in SRAM was overwritten); the detail names the buffer.',
  },
  AGENT_TIMEOUT: {
    message: 'The on-chip provisioning agent did not answer a Protocol v2 command in time.',
    fix: 'Reset the board, reload the agent and run the session again; the detail names the command that got no answer.',
  },
  AGENT_COMMAND_FAILED: {
    message: 'The on-chip provisioning agent refused a Protocol v2 command.',
    fix: 'Read the agent\'s error code and the command in the detail; check the values sent (sizes, ranges) and that Init ran first.',
  },
  AGENT_RESPONSE_INVALID: {
    message: 'The on-chip provisioning agent answered with something that is not a valid Protocol v2 response.',
    fix: 'Check that the firmware speaks Provision Protocol v2 and that nothing else writes to RTT buffer 0; the detail names the command.',
  },
  AGENT_SESSION_CLOSED: {
    message: 'The agent session was already finished or closed.',
    fix: 'Open a new agent session; the detail names the command that was attempted.',
  },
  SHELL_PTY_UNAVAILABLE: {
    message: 'The simulated board\'s serial shell could not be put on a pseudo-terminal.',
    fix: 'Install socat (apt-get install socat) or put it on PATH; the detail says what failed.',
  },
  SIM_SERVE_FAILED: {
    message: 'The simulated board could not be served on a local socket.',
    fix: 'Check that the socket path or port is free and writable; the detail names it.',
  },
  SIM_SERVE_PROTOCOL: {
    message: 'The simulator server answered outside its protocol, or the connection broke.',
    fix: 'Check that the address points at `matterline sim serve` and that it is still running; the detail says what was received.',
  },
  SIM_SERVE_TOKEN: {
    message: 'The simulator server refused the connection token.',
    fix: 'Use the token `matterline sim serve` printed at start-up.',
  },
} as const satisfies Record<string, CatalogueEntry>;
