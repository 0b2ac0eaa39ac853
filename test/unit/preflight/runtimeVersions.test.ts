import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../../main/preflight/electronRuntime';
import { checkRuntimeVersions, findProjectRoot } from '../../../main/preflight/runtimeVersions';
import { makeTempRoot, put } from './fakeHost';

let root: string;
let cleanup: () => void;
beforeEach(() => ({ root, cleanup } = makeTempRoot()));
afterEach(() => cleanup());

const noEnv = { env: {} };

describe('findElectronRuntime', () => {
  it('is null when node_modules/electron has no path.txt', () => {
    put(root, '/node_modules/electron/package.json', '{}');
    expect(findElectronRuntime(root, noEnv)).toBeNull();
  });

  it('is null when path.txt names a file that was never downloaded', () => {
    put(root, '/node_modules/electron/path.txt', 'electron');
    expect(findElectronRuntime(root, noEnv)).toBeNull();
  });

  it('is the executable under dist/ when it exists', () => {
    put(root, '/node_modules/electron/path.txt', 'electron');
    put(root, '/node_modules/electron/dist/electron', '#!');
    expect(findElectronRuntime(root, noEnv)).toBe(join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    expect(findElectronRuntime(root, { env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' } })).toBe(join('/opt/electron', 'electron'));
    put(root, '/node_modules/electron/path.txt', 'Electron.app/Contents/MacOS/Electron');
    expect(findElectronRuntime(root, { env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' } })).toBe(
      join('/opt/electron', 'Electron.app/Contents/MacOS/Electron'),
    );
  });
});

describe('checkRuntimeVersions', () => {
  it('names both versions under Electron', () => {
    const check = checkRuntimeVersions({ versions: { node: '22.20.0', electron: '45.5.0' } });
    expect(check).toEqual({
      name: 'versions',
      title: 'Node and Electron versions',
      ok: true,
      required: false,
      message: 'Node v22.20.0; Electron v45.5.0',
      fix: null,
    });
  });

  it('says whether the runtime is installed when running under plain Node', () => {
    const without = checkRuntimeVersions({ versions: { node: '20.19.0' }, projectRoot: root, io: noEnv });
    expect(without.ok).toBe(true);
    expect(without.message).toBe('Node v20.19.0; not running under Electron (Electron runtime installed: no)');

    put(root, '/node_modules/electron/path.txt', 'electron');
    put(root, '/node_modules/electron/dist/electron', '#!');
    const withRuntime = checkRuntimeVersions({ versions: { node: '20.19.0' }, projectRoot: root, io: noEnv });
    expect(withRuntime.message).toBe('Node v20.19.0; not running under Electron (Electron runtime installed: yes)');
    expect(withRuntime.detail).toContain(join('dist', 'electron'));
  });

  it('reports the real process', () => {
    const check = checkRuntimeVersions();
    expect(check.ok).toBe(true);
    expect(check.message).toMatch(/^Node v\d+\.\d+\.\d+; /);
  });
});

describe('findProjectRoot', () => {
  it('finds the Matterline package from this source tree', () => {
    expect(findProjectRoot()).toBe(join(import.meta.dirname, '..', '..', '..'));
  });
});
