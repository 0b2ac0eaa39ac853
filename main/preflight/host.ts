/**
 * Everything the preflight checks learn about the machine goes through this object: environment,
 * OS, home folder and a few synchronous file-system calls. The real one reads the real machine;
 * tests hand in one that maps `/opt/SEGGER/...` or `C:\Program Files\...` into a temp folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import { appError, type ErrorCode } from '../../preload/contract/errors';
import type { PreflightCheck } from '../../preload/contract/preflight';

export interface PreflightHost {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** Process architecture (`process.arch`): picks JLink_x64.dll or JLinkARM.dll on Windows. */
  readonly arch: string;
  readonly homeDir: string;
  exists(path: string): boolean;
  /** True for a folder (or a link to one); false for files and for anything missing. */
  isDirectory(path: string): boolean;
  /** Entry names of a folder; throws when it cannot be read. */
  readDir(path: string): string[];
  /** A text file's contents; throws when it cannot be read. */
  readFile(path: string): string;
}

export const realHost: PreflightHost = {
  env: process.env,
  platform: process.platform,
  arch: process.arch,
  homeDir: homedir(),
  exists: (path) => existsSync(path),
  isDirectory: (path) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  readDir: (path) => readdirSync(path),
  readFile: (path) => readFileSync(path, 'utf8'),
};

export function resolveHost(host?: Partial<PreflightHost>): PreflightHost {
  return host === undefined ? realHost : { ...realHost, ...host };
}

/** Path arithmetic for the host's OS, whatever OS the code itself runs on. */
export function pathsFor(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

/** Windows environment names are case-insensitive; a plain injected object is not. */
export function envValue(host: PreflightHost, name: string): string | undefined {
  const direct = host.env[name];
  if (direct !== undefined || host.platform !== 'win32') return nonEmpty(direct);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(host.env)) {
    if (key.toLowerCase() === wanted) return nonEmpty(value);
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function readDirOrEmpty(host: PreflightHost, path: string): string[] {
  try {
    return host.readDir(path);
  } catch {
    return [];
  }
}

export function osName(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'macOS';
    case 'win32':
      return 'Windows';
    case 'linux':
      return 'Linux';
    default:
      return platform;
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface CheckIdentity {
  readonly name: string;
  readonly title: string;
  readonly required: boolean;
}

export function passed(id: CheckIdentity, message: string, detail?: string): PreflightCheck {
  return detail === undefined ? { ...id, ok: true, message, fix: null } : { ...id, ok: true, message, fix: null, detail };
}

/** A check that is not met: the sentence and the fix come from the catalogue, specifics go in detail. */
export function failed(id: CheckIdentity, code: ErrorCode, detail?: string): PreflightCheck {
  const { message, fix } = appError(code);
  return detail === undefined ? { ...id, ok: false, message, fix } : { ...id, ok: false, message, fix, detail };
}

/** The last line of defence for "a check never throws": an unexpected error becomes a failed check. */
export function crashed(id: CheckIdentity, error: unknown): PreflightCheck {
  return failed(id, 'INTERNAL', `${id.name}: ${errorText(error)}`);
}
