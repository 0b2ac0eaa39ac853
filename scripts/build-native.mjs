// Builds the C stand-in for SEGGER's J-Link library (native/jlink-standin, see its README) into
//   out/native/libjlinkarm_standin.so      (Linux; libjlinkarm_standin.dylib on macOS)
// with the C compiler on PATH (`cc`, or $CC). Run by scripts/build.mjs after the JavaScript build,
// or on its own: `node scripts/build-native.mjs`. Without a compiler it says so in one line and
// leaves the JavaScript build alone (only the J-Link integration tests need the library); a
// compiler error fails, since -Werror makes every warning one. Not built on Windows.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const sourceDir = path.join(root, 'native', 'jlink-standin');
const outDir = path.join(root, 'out', 'native');

function buildNative() {
  if (process.platform === 'win32') {
    console.log('build-native: the J-Link stand-in library is not built on Windows (its tests run on Linux and macOS); skipped.');
    return;
  }
  const cc = process.env.CC || 'cc';
  const probe = spawnSync(cc, ['--version'], { stdio: 'ignore' });
  if (probe.error) {
    console.log(`build-native: no C compiler (${cc}) on PATH, so out/native/ has no J-Link stand-in library; install gcc (Debian: build-essential) to run the J-Link tests.`);
    return;
  }
  const macOS = process.platform === 'darwin';
  const library = path.join(outDir, macOS ? 'libjlinkarm_standin.dylib' : 'libjlinkarm_standin.so');
  const sources = readdirSync(sourceDir).filter((name) => name.endsWith('.c')).sort().map((name) => path.join(sourceDir, name));
  // Only the SEGGER-named functions are exported (each is marked visible in jlinkarm.h).
  const flags = [macOS ? '-dynamiclib' : '-shared', '-fPIC', '-O2', '-Wall', '-Wextra', '-Werror', '-std=c11', '-fvisibility=hidden'];
  mkdirSync(outDir, { recursive: true });
  // Written beside the target and renamed over it, so a test that already loaded the old file keeps a whole one.
  const partial = `${library}.${process.pid}.partial`;
  const compiled = spawnSync(cc, [...flags, '-o', partial, ...sources], { stdio: 'inherit' });
  if (compiled.status !== 0) {
    rmSync(partial, { force: true });
    throw new Error(`build-native: ${cc} failed to build the J-Link stand-in (exit ${compiled.status ?? compiled.signal}).`);
  }
  renameSync(partial, library);
}

buildNative();
