/**
 * All preflight checks: what `matterline doctor` prints and the preflight screen shows. The checks
 * run side by side; `onCheck` hears each one as it finishes (so the screen fills in while a slow
 * serial listing runs), and the report keeps a fixed order: database, J-Link library, udev rules,
 * serial ports, versions. The report is ok when every required check is ok.
 */
import type { PreflightCheck, PreflightReport } from '../../preload/contract/preflight';
import { checkDatabase } from './databaseCheck';
import { crashed, type CheckIdentity, type PreflightHost } from './host';
import { checkJlinkLibrary } from './jlinkLibrary';
import { checkRuntimeVersions, type RuntimeVersions } from './runtimeVersions';
import { checkSerialPorts, type SerialPortLister } from './serialPorts';
import { checkUdevRules } from './udevRules';
import type { ElectronRuntimeIo } from './electronRuntime';

export type CheckFunction = () => Promise<PreflightCheck> | PreflightCheck;

export interface PreflightOptions {
  readonly databasePath: string;
  /** The J-Link library path from the station settings, searched before MATTERLINE_JLINK_LIB. */
  readonly jlinkLibraryPath?: string | null;
  /** Called once per check, in the order they finish. An exception thrown here is ignored. */
  readonly onCheck?: (check: PreflightCheck) => void;

  // Injectables, real machine by default.
  readonly host?: Partial<PreflightHost>;
  readonly serialLister?: SerialPortLister;
  readonly serialTimeoutMs?: number;
  readonly versions?: RuntimeVersions;
  readonly projectRoot?: string;
  readonly electronIo?: Partial<ElectronRuntimeIo>;
  /** Replace whole checks (tests; a station with a different check set). */
  readonly checks?: Partial<Record<PreflightCheckName, CheckFunction>>;
}

export const PREFLIGHT_CHECKS = [
  { name: 'database', title: 'Database writable', required: true },
  { name: 'jlink-library', title: 'J-Link library', required: false },
  { name: 'udev-rules', title: 'Linux udev rules for J-Link', required: false },
  { name: 'serial-ports', title: 'Serial ports', required: false },
  { name: 'versions', title: 'Node and Electron versions', required: false },
] as const satisfies readonly CheckIdentity[];

export type PreflightCheckName = (typeof PREFLIGHT_CHECKS)[number]['name'];

export async function runPreflight(options: PreflightOptions): Promise<PreflightReport> {
  const standard: Record<PreflightCheckName, CheckFunction> = {
    database: () => checkDatabase(options.databasePath),
    'jlink-library': () => checkJlinkLibrary({ settingsPath: options.jlinkLibraryPath ?? null, host: options.host }),
    'udev-rules': () => checkUdevRules({ host: options.host }),
    'serial-ports': () => checkSerialPorts({ list: options.serialLister, timeoutMs: options.serialTimeoutMs }),
    versions: () =>
      checkRuntimeVersions({
        versions: options.versions,
        projectRoot: options.projectRoot,
        io: { ...pickElectronIo(options.host), ...options.electronIo },
      }),
  };

  const checks = await Promise.all(
    PREFLIGHT_CHECKS.map(async (identity) => {
      const run = options.checks?.[identity.name] ?? standard[identity.name];
      let check: PreflightCheck;
      try {
        check = await run();
      } catch (error) {
        // Checks never throw; if one does anyway it is a failed check, not a failed preflight.
        check = crashed(identity, error);
      }
      try {
        options.onCheck?.(check);
      } catch {
        // A listener that fails (a closed window) must not lose the report.
      }
      return check;
    }),
  );
  return { ok: checks.every((check) => check.ok || !check.required), checks };
}

/** The Electron lookup uses the same environment and files as the other checks when those are injected. */
function pickElectronIo(host: Partial<PreflightHost> | undefined): Partial<ElectronRuntimeIo> {
  const io: { -readonly [K in keyof ElectronRuntimeIo]?: ElectronRuntimeIo[K] } = {};
  if (host?.env !== undefined) io.env = host.env;
  if (host?.exists !== undefined) io.exists = host.exists;
  if (host?.readFile !== undefined) io.readFile = host.readFile;
  return io;
}
