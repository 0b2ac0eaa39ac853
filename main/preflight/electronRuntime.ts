/**
 * Where the Electron runtime is, found the way the `electron` package's own index.js finds it, but
 * without requiring that package: requiring it downloads the runtime when it is missing.
 *
 * - ELECTRON_OVERRIDE_DIST_PATH set: `<override>/<path.txt contents, or "electron">` (as index.js).
 * - else `node_modules/electron/path.txt` names the executable under `node_modules/electron/dist/`,
 *   and that file must exist.
 *
 * Used by the preflight versions check and by the start script. Imports only Node built-ins.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ElectronRuntimeIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  exists(path: string): boolean;
  /** Throws when the file cannot be read. */
  readFile(path: string): string;
}

const realIo: ElectronRuntimeIo = {
  env: process.env,
  exists: (path) => existsSync(path),
  readFile: (path) => readFileSync(path, 'utf8'),
};

/** The Electron executable to launch, or null when no runtime is installed. Never downloads, never throws. */
export function findElectronRuntime(projectRoot: string, io: Partial<ElectronRuntimeIo> = {}): string | null {
  const { env, exists, readFile } = { ...realIo, ...io };
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  let executable: string | undefined;
  try {
    const named = readFile(join(packageDir, 'path.txt')).trim();
    if (named !== '') executable = named;
  } catch {
    executable = undefined;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined && override !== '') return join(override, executable ?? 'electron');
  if (executable === undefined) return null;
  const full = join(packageDir, 'dist', executable);
  try {
    return exists(full) ? full : null;
  } catch {
    return null;
  }
}
