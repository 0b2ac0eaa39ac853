/**
 * Where the station keeps the files the window gives it, all under its user-data folder. Settings
 * fills the trust store and CD-signer folders; a new configuration starts from what they hold.
 */
import path from 'node:path';

/** Files picked in the window, by SHA-256: `<library>/<sha256>/<name>`, never overwritten. */
export const fileLibraryFolder = (userDataDir: string): string => path.join(userDataDir, 'files');
/** PAA certificates the station trusts (Settings → Trust store). */
export const trustStoreFolder = (userDataDir: string): string => path.join(userDataDir, 'trust-store');
/** Certificates whose keys may sign a CD (Settings → CD signing certificates). */
export const cdSignersFolder = (userDataDir: string): string => path.join(userDataDir, 'cd-signers');
/** The station's log files (Settings → Export logs zips them). */
export const logsFolder = (userDataDir: string): string => path.join(userDataDir, 'logs');
/** Simulated boards with a state file: the unplugging probe's, the bench, and every board a run provisioned (QA's shelf). */
export const simulatedBoardsFolder = (userDataDir: string): string => path.join(userDataDir, 'simulated-boards');
