/**
 * Node and Electron versions, and — when not running under Electron (`matterline doctor`, the web
 * bridge) — whether the Electron runtime is installed for the window. Always ok: information only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PreflightCheck } from '../../preload/contract/preflight';
import { findElectronRuntime, type ElectronRuntimeIo } from './electronRuntime';
import { errorText, passed } from './host';

export interface RuntimeVersions {
  readonly node: string;
  readonly electron?: string | undefined;
}

export interface RuntimeVersionsOptions {
  /** Defaults to process.versions. */
  readonly versions?: RuntimeVersions;
  /** The folder holding node_modules/electron; defaults to the Matterline package this code runs from. */
  readonly projectRoot?: string;
  readonly io?: Partial<ElectronRuntimeIo>;
}

const CHECK = { name: 'versions', title: 'Node and Electron versions', required: false } as const;

export function checkRuntimeVersions(opts: RuntimeVersionsOptions = {}): PreflightCheck {
  const versions = opts.versions ?? { node: process.versions.node, electron: process.versions.electron };
  const node = `Node ${withV(versions.node)}`;
  if (versions.electron !== undefined && versions.electron !== '') {
    return passed(CHECK, `${node}; Electron ${withV(versions.electron)}`);
  }
  let runtime: string | null = null;
  let detail: string;
  try {
    const root = opts.projectRoot ?? findProjectRoot();
    runtime = findElectronRuntime(root, opts.io);
    detail = runtime === null ? `No Electron runtime under ${join(root, 'node_modules', 'electron')}` : `Electron runtime: ${runtime}`;
  } catch (error) {
    detail = `Could not look for the Electron runtime: ${errorText(error)}`;
  }
  return passed(CHECK, `${node}; not running under Electron (Electron runtime installed: ${runtime === null ? 'no' : 'yes'})`, detail);
}

function withV(version: string): string {
  return version.startsWith('v') ? version : `v${version}`;
}

/**
 * The nearest folder above this module whose package.json is Matterline's: the source tree
 * (main/preflight/) and the built tree (out/main/) sit at different depths. Falls back to the
 * working directory.
 */
export function findProjectRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'matterline') return dir;
      } catch {
        // Not a readable manifest: keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
