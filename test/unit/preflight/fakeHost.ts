/**
 * A PreflightHost whose file system is a temp folder: `/opt/SEGGER/x` lives at `<root>/opt/SEGGER/x`
 * and `C:\Program Files\SEGGER\x` at `<root>/C/Program Files/SEGGER/x`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PreflightHost } from '../../../main/preflight/host';

export function makeTempRoot(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'matterline-preflight-'));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function realPathIn(root: string, logical: string): string {
  const parts = logical.replace(/^([A-Za-z]):/, '$1').split(/[\\/]+/).filter(Boolean);
  return join(root, ...parts);
}

export function rootedHost(root: string, overrides: Partial<PreflightHost> = {}): PreflightHost {
  const real = (path: string): string => realPathIn(root, path);
  return {
    env: {},
    platform: 'linux',
    arch: 'x64',
    homeDir: '/home/operator',
    exists: (path) => existsSync(real(path)),
    isDirectory: (path) => {
      try {
        return statSync(real(path)).isDirectory();
      } catch {
        return false;
      }
    },
    readDir: (path) => readdirSync(real(path)),
    readFile: (path) => readFileSync(real(path), 'utf8'),
    ...overrides,
  };
}

/** Creates a file (and its folders) at a logical path inside root. */
export function put(root: string, logical: string, contents = ''): void {
  const path = realPathIn(root, logical);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, contents);
}
