/**
 * Finding SEGGER's J-Link library (research/debug-access.md §1.1). Search order: the path from the
 * station settings, then MATTERLINE_JLINK_LIB, then the folders SEGGER's installers use, newest
 * versioned folder first. The library is only located here, never copied: it finds
 * JLinkDevices.xml and flash loaders next to itself.
 *
 * The check loads the file found through the binding's loader (main/probes/jlink/library.ts) and
 * reports the library's own version (JLINKARM_GetDLLVersion); a file that does not load or is too
 * old fails the check. With a test host (no real files) it reports what the file or folder name says.
 */
import type { PreflightCheck } from '../../preload/contract/preflight';
import { loadJlinkLibrary } from '../probes/jlink/library';
import { crashed, envValue, failed, passed, pathsFor, readDirOrEmpty, resolveHost, type PreflightHost } from './host';

export const JLINK_LIB_ENV = 'MATTERLINE_JLINK_LIB';

export type JlinkLibrarySource = 'settings' | 'env' | 'install-folder';

export interface JlinkLibraryLocation {
  readonly path: string;
  /** "8.10.6" from libjlinkarm.so.8.10.6, "V8.10f" from a JLink_V810f folder, else null. */
  readonly version: string | null;
  readonly source: JlinkLibrarySource;
}

export interface JlinkLibrarySearch {
  readonly found: JlinkLibraryLocation | null;
  /** Every path or folder pattern looked at, in order, up to and including the hit. */
  readonly searched: string[];
}

export interface JlinkLibraryOptions {
  /** A library file, or a folder holding it, chosen in the station settings. */
  readonly settingsPath?: string | null;
  readonly host?: Partial<PreflightHost>;
  /** checkJlinkLibrary: load the file found to ask its version; default only on the real host (a test host's files are not real). */
  readonly loadLibrary?: boolean;
}

export function locateJlinkLibrary(opts: JlinkLibraryOptions = {}): JlinkLibrarySearch {
  const host = resolveHost(opts.host);
  const searched: string[] = [];

  const explicit: Array<[string | undefined, JlinkLibrarySource]> = [
    [opts.settingsPath ?? undefined, 'settings'],
    [envValue(host, JLINK_LIB_ENV), 'env'],
  ];
  for (const [given, source] of explicit) {
    if (given === undefined || given.trim() === '') continue;
    const path = expandHome(host, given.trim());
    searched.push(path);
    const hit = explicitLibrary(host, path);
    if (hit !== null) return { found: { ...hit, source }, searched };
  }

  for (const base of installBases(host)) {
    const folders = seggerFolders(host, base);
    if (folders.length === 0) {
      searched.push(pathsFor(host.platform).join(base, 'JLink*'));
      continue;
    }
    for (const folder of folders) {
      searched.push(folder);
      const hit = libraryInFolder(host, folder);
      if (hit !== null) return { found: { ...hit, source: 'install-folder' }, searched };
    }
  }
  return { found: null, searched };
}

const CHECK = { name: 'jlink-library', title: 'J-Link library', required: false } as const;

export function checkJlinkLibrary(opts: JlinkLibraryOptions = {}): PreflightCheck {
  try {
    const { found, searched } = locateJlinkLibrary(opts);
    if (found === null) return failed(CHECK, 'JLINK_LIBRARY_NOT_FOUND', `Searched:\n${searched.join('\n')}`);
    let version = found.version === null ? ' (version known once it is loaded)' : ` version ${found.version}`;
    if (opts.loadLibrary ?? opts.host === undefined) {
      // The library's own answer; the same loader the probes use, so what passes here loads there.
      const loaded = loadJlinkLibrary({ settingsPath: found.path });
      if (!loaded.ok) return failed(CHECK, loaded.error.code, loaded.error.detail ?? found.path);
      version = ` ${loaded.value.version.text}`;
    }
    const source = { settings: 'the station settings', env: JLINK_LIB_ENV, 'install-folder': 'an installation folder' }[found.source];
    const skipped = searched.slice(0, -1);
    const detail =
      `Found through ${source}: ${found.path}` + (skipped.length > 0 ? `\nNot found before it:\n${skipped.join('\n')}` : '');
    return passed(CHECK, `J-Link library${version} found at ${found.path}.`, detail);
  } catch (error) {
    return crashed(CHECK, error);
  }
}

// ---------------------------------------------------------------------------------------------

type Hit = Omit<JlinkLibraryLocation, 'source'>;

function expandHome(host: PreflightHost, path: string): string {
  if (path === '~') return host.homeDir;
  if (path.startsWith('~/') || (host.platform === 'win32' && path.startsWith('~\\'))) {
    return pathsFor(host.platform).join(host.homeDir, path.slice(2));
  }
  return path;
}

/** A settings or environment path: the library file itself, or a folder that holds it. */
function explicitLibrary(host: PreflightHost, path: string): Hit | null {
  if (host.isDirectory(path)) return libraryInFolder(host, path);
  if (!host.exists(path)) return null;
  const p = pathsFor(host.platform);
  return { path, version: versionFromFileName(p.basename(path)) ?? versionFromFolderName(p.basename(p.dirname(path))) };
}

function installBases(host: PreflightHost): string[] {
  switch (host.platform) {
    case 'win32': {
      // Both Program Files folders, as pylink scans every `C:\Program Files*\SEGGER`.
      const roots = [
        envValue(host, 'ProgramFiles'),
        envValue(host, 'ProgramW6432'),
        envValue(host, 'ProgramFiles(x86)'),
        'C:\\Program Files',
        'C:\\Program Files (x86)',
      ];
      const seen = new Set<string>();
      const bases: string[] = [];
      for (const root of roots) {
        if (root === undefined || seen.has(root.toLowerCase())) continue;
        seen.add(root.toLowerCase());
        bases.push(pathsFor('win32').join(root, 'SEGGER'));
      }
      return bases;
    }
    case 'darwin':
      return ['/Applications/SEGGER'];
    default:
      // Linux and the other Unixes SEGGER ships for: /opt/SEGGER/JLink_V<ver>/ plus a /opt/SEGGER/JLink link.
      return ['/opt/SEGGER'];
  }
}

/** `<base>/JLink*` folders, newest version first, unversioned ones (the `JLink` link) last. */
function seggerFolders(host: PreflightHost, base: string): string[] {
  const p = pathsFor(host.platform);
  return readDirOrEmpty(host, base)
    .filter((name) => /^jlink/i.test(name) && host.isDirectory(p.join(base, name)))
    .sort(newestFolderFirst)
    .map((name) => p.join(base, name));
}

function libraryInFolder(host: PreflightHost, folder: string): Hit | null {
  const p = pathsFor(host.platform);
  const entries = readDirOrEmpty(host, folder);
  const folderVersion = versionFromFolderName(p.basename(folder));
  const pick = (name: string | undefined): Hit | null => {
    if (name === undefined) return null;
    const path = p.join(folder, name);
    if (!host.exists(path) || host.isDirectory(path)) return null;
    return { path, version: versionFromFileName(name) ?? folderVersion };
  };

  switch (host.platform) {
    case 'win32': {
      // A 64-bit process can only load JLink_x64.dll; JLinkARM.dll is the 32-bit library.
      const names = host.arch === 'ia32' ? ['jlinkarm.dll'] : ['jlink_x64.dll', 'jlinkarm.dll'];
      for (const wanted of names) {
        const hit = pick(entries.find((name) => name.toLowerCase() === wanted));
        if (hit !== null) return hit;
      }
      return null;
    }
    case 'darwin': {
      // V6+ installs libjlinkarm.dylib; older ones used versioned names (libjlinkarm.6.10.2.dylib).
      const candidates = entries.filter((name) => /^libjlinkarm(\.\d+)*\.dylib$/.test(name));
      return pick(candidates.sort(mostSpecificFirst)[0]);
    }
    default: {
      // libjlinkarm.so, libjlinkarm.so.8 and libjlinkarm.so.8.10.6: take the fully versioned file.
      const candidates = entries.filter((name) => /^libjlinkarm\.so(\.\d+)*$/.test(name));
      for (const name of candidates.sort(mostSpecificFirst)) {
        const hit = pick(name);
        if (hit !== null) return hit;
      }
      return null;
    }
  }
}

/** libjlinkarm.so.8.10.6 → "8.10.6"; libjlinkarm.6.10.2.dylib → "6.10.2"; unversioned → null. */
export function versionFromFileName(name: string): string | null {
  const match = /^libjlinkarm(?:\.so)?((?:\.\d+)+)(?:\.dylib)?$/i.exec(name);
  return match?.[1] === undefined ? null : match[1].slice(1);
}

/** JLink_V810f → "V8.10f", JLink_V796 → "V7.96", JLink_V7.96a → "V7.96a"; JLink → null. */
export function versionFromFolderName(name: string): string | null {
  const parsed = parseFolderVersion(name);
  return parsed === null ? null : `V${parsed.major}.${String(parsed.minor).padStart(2, '0')}${parsed.letter}`;
}

function parseFolderVersion(name: string): { major: number; minor: number; letter: string } | null {
  const match = /^jlink(?:_|-)?v(\d+)\.?(\d{2})([a-z]?)$/i.exec(name);
  if (match === null) return null;
  return { major: Number(match[1]), minor: Number(match[2]), letter: (match[3] ?? '').toLowerCase() };
}

function newestFolderFirst(a: string, b: string): number {
  const va = parseFolderVersion(a);
  const vb = parseFolderVersion(b);
  if (va === null || vb === null) {
    if (va !== vb) return va === null ? 1 : -1;
    return b.localeCompare(a);
  }
  return vb.major - va.major || vb.minor - va.minor || vb.letter.localeCompare(va.letter) || b.localeCompare(a);
}

/** The name with the most version parts first, then the highest version. */
function mostSpecificFirst(a: string, b: string): number {
  const pa = (versionFromFileName(a) ?? '').split('.').filter(Boolean).map(Number);
  const pb = (versionFromFileName(b) ?? '').split('.').filter(Boolean).map(Number);
  if (pa.length !== pb.length) return pb.length - pa.length;
  for (let i = 0; i < pa.length; i++) {
    const diff = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.localeCompare(b);
}
