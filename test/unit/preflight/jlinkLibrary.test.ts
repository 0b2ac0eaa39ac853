import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../../preload/contract/errors';
import {
  checkJlinkLibrary,
  locateJlinkLibrary,
  versionFromFileName,
  versionFromFolderName,
} from '../../../main/preflight/jlinkLibrary';
import { makeTempRoot, put, rootedHost } from './fakeHost';

let root: string;
let cleanup: () => void;
beforeEach(() => ({ root, cleanup } = makeTempRoot()));
afterEach(() => cleanup());

describe('version from names', () => {
  it('reads the versioned soname and dylib', () => {
    expect(versionFromFileName('libjlinkarm.so.8.10.6')).toBe('8.10.6');
    expect(versionFromFileName('libjlinkarm.so.7')).toBe('7');
    expect(versionFromFileName('libjlinkarm.so')).toBeNull();
    expect(versionFromFileName('libjlinkarm.6.10.2.dylib')).toBe('6.10.2');
    expect(versionFromFileName('libjlinkarm.dylib')).toBeNull();
    expect(versionFromFileName('JLink_x64.dll')).toBeNull();
  });

  it('reads SEGGER folder names', () => {
    expect(versionFromFolderName('JLink_V810f')).toBe('V8.10f');
    expect(versionFromFolderName('JLink_V796')).toBe('V7.96');
    expect(versionFromFolderName('JLink_V7.96a')).toBe('V7.96a');
    expect(versionFromFolderName('JLink')).toBeNull();
  });
});

describe('locateJlinkLibrary on Linux', () => {
  it('finds the library in a versioned /opt/SEGGER folder, with the soname version', () => {
    put(root, '/opt/SEGGER/JLink_V812a/libjlinkarm.so.8.12.1');
    put(root, '/opt/SEGGER/JLink_V812a/libjlinkarm.so.8');
    put(root, '/opt/SEGGER/JLink_V812a/libjlinkarm.so');
    const { found, searched } = locateJlinkLibrary({ host: rootedHost(root) });
    expect(found).toEqual({ path: '/opt/SEGGER/JLink_V812a/libjlinkarm.so.8.12.1', version: '8.12.1', source: 'install-folder' });
    expect(searched).toEqual(['/opt/SEGGER/JLink_V812a']);
  });

  it('prefers the newest versioned folder, and the unversioned JLink link last', () => {
    put(root, '/opt/SEGGER/JLink/libjlinkarm.so');
    put(root, '/opt/SEGGER/JLink_V794e/libjlinkarm.so.7.94.5');
    put(root, '/opt/SEGGER/JLink_V810f/libjlinkarm.so.8.10.6');
    put(root, '/opt/SEGGER/JLink_V810b/libjlinkarm.so.8.10.2');
    put(root, '/opt/SEGGER/JLink_V798/libjlinkarm.so.7.98.0');
    const { found } = locateJlinkLibrary({ host: rootedHost(root) });
    expect(found?.path).toBe('/opt/SEGGER/JLink_V810f/libjlinkarm.so.8.10.6');
    expect(found?.version).toBe('8.10.6');
  });

  it('takes the version from the folder when the file name has none', () => {
    put(root, '/opt/SEGGER/JLink_V810f/libjlinkarm.so');
    expect(locateJlinkLibrary({ host: rootedHost(root) }).found?.version).toBe('V8.10f');
  });

  it('skips a newer folder without the library', () => {
    put(root, '/opt/SEGGER/JLink_V820a/README.txt');
    put(root, '/opt/SEGGER/JLink_V810f/libjlinkarm.so.8.10.6');
    const { found, searched } = locateJlinkLibrary({ host: rootedHost(root) });
    expect(found?.path).toBe('/opt/SEGGER/JLink_V810f/libjlinkarm.so.8.10.6');
    expect(searched).toEqual(['/opt/SEGGER/JLink_V820a', '/opt/SEGGER/JLink_V810f']);
  });

  it('lets MATTERLINE_JLINK_LIB win over the install folders', () => {
    put(root, '/opt/SEGGER/JLink_V812a/libjlinkarm.so.8.12.1');
    put(root, '/srv/jlink/libjlinkarm.so.7.96.0');
    const host = rootedHost(root, { env: { MATTERLINE_JLINK_LIB: '/srv/jlink/libjlinkarm.so.7.96.0' } });
    expect(locateJlinkLibrary({ host }).found).toEqual({ path: '/srv/jlink/libjlinkarm.so.7.96.0', version: '7.96.0', source: 'env' });
  });

  it('lets the settings path win over the environment, and accepts a folder', () => {
    put(root, '/srv/jlink/libjlinkarm.so.7.96.0');
    put(root, '/home/operator/JLink_V800a/libjlinkarm.so');
    const host = rootedHost(root, { env: { MATTERLINE_JLINK_LIB: '/srv/jlink/libjlinkarm.so.7.96.0' } });
    expect(locateJlinkLibrary({ settingsPath: '~/JLink_V800a', host }).found).toEqual({
      path: '/home/operator/JLink_V800a/libjlinkarm.so',
      version: 'V8.00a',
      source: 'settings',
    });
  });

  it('falls back when an explicit path does not exist, and says so', () => {
    put(root, '/opt/SEGGER/JLink_V812a/libjlinkarm.so.8.12.1');
    const host = rootedHost(root, { env: { MATTERLINE_JLINK_LIB: '/nowhere/libjlinkarm.so' } });
    const { found, searched } = locateJlinkLibrary({ host });
    expect(found?.source).toBe('install-folder');
    expect(searched[0]).toBe('/nowhere/libjlinkarm.so');
    const check = checkJlinkLibrary({ host });
    expect(check.ok).toBe(true);
    expect(check.detail).toContain('/nowhere/libjlinkarm.so');
  });
});

describe('locateJlinkLibrary on macOS and Windows', () => {
  it('finds libjlinkarm.dylib under /Applications/SEGGER', () => {
    put(root, '/Applications/SEGGER/JLink_V810f/libjlinkarm.dylib');
    put(root, '/Applications/SEGGER/JLink/libjlinkarm.dylib');
    const { found } = locateJlinkLibrary({ host: rootedHost(root, { platform: 'darwin' }) });
    expect(found).toEqual({ path: '/Applications/SEGGER/JLink_V810f/libjlinkarm.dylib', version: 'V8.10f', source: 'install-folder' });
  });

  it('finds JLink_x64.dll in either Program Files folder, newest first', () => {
    put(root, 'C:\\Program Files (x86)\\SEGGER\\JLink_V820b\\JLink_x64.dll');
    put(root, 'C:\\Program Files (x86)\\SEGGER\\JLink_V820b\\JLinkARM.dll');
    put(root, 'C:\\Program Files\\SEGGER\\JLink_V810f\\JLink_x64.dll');
    const host = rootedHost(root, { platform: 'win32', env: { PROGRAMFILES: 'C:\\Program Files' } });
    const { found } = locateJlinkLibrary({ host });
    // Program Files is searched first; a hit there ends the search.
    expect(found).toEqual({ path: 'C:\\Program Files\\SEGGER\\JLink_V810f\\JLink_x64.dll', version: 'V8.10f', source: 'install-folder' });
  });

  it('uses Program Files (x86) when Program Files has nothing, and picks the DLL for the process', () => {
    put(root, 'C:\\Program Files (x86)\\SEGGER\\JLink_V820b\\JLink_x64.dll');
    put(root, 'C:\\Program Files (x86)\\SEGGER\\JLink_V820b\\JLinkARM.dll');
    const x64 = locateJlinkLibrary({ host: rootedHost(root, { platform: 'win32' }) }).found;
    expect(x64?.path).toBe('C:\\Program Files (x86)\\SEGGER\\JLink_V820b\\JLink_x64.dll');
    const ia32 = locateJlinkLibrary({ host: rootedHost(root, { platform: 'win32', arch: 'ia32' }) }).found;
    expect(ia32?.path).toBe('C:\\Program Files (x86)\\SEGGER\\JLink_V820b\\JLinkARM.dll');
  });
});

describe('checkJlinkLibrary', () => {
  it('passes, optional, naming path and version', () => {
    put(root, '/opt/SEGGER/JLink_V812a/libjlinkarm.so.8.12.1');
    const check = checkJlinkLibrary({ host: rootedHost(root) });
    expect(check).toMatchObject({ name: 'jlink-library', title: 'J-Link library', ok: true, required: false, fix: null });
    expect(check.message).toContain('/opt/SEGGER/JLink_V812a/libjlinkarm.so.8.12.1');
    expect(check.message).toContain('8.12.1');
  });

  it('fails with the catalogue sentence and fix, listing what was searched', () => {
    const check = checkJlinkLibrary({ settingsPath: '/etc/matterline/libjlinkarm.so', host: rootedHost(root) });
    expect(check).toMatchObject({
      name: 'jlink-library',
      ok: false,
      required: false,
      message: errorCatalogue.JLINK_LIBRARY_NOT_FOUND.message,
      fix: errorCatalogue.JLINK_LIBRARY_NOT_FOUND.fix,
    });
    expect(check.detail).toContain('/etc/matterline/libjlinkarm.so');
    expect(check.detail).toContain('/opt/SEGGER/JLink*');
  });

  it('never throws, even when the file system does', () => {
    const host = rootedHost(root, {
      isDirectory: () => {
        throw new Error('EIO');
      },
    });
    const check = checkJlinkLibrary({ settingsPath: '/x', host });
    expect(check.ok).toBe(false);
    expect(check.detail).toContain('EIO');
  });
});
