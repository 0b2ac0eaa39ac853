/**
 * The C stand-in for SEGGER's J-Link library (native/jlink-standin) exports exactly the functions it
 * implements, under SEGGER's exact names, and nothing else: the binding loads it through the same
 * code path as the real library, so a misspelt or missing export would only surface there. Built by
 * scripts/build-native.mjs when the library is missing or older than its sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const sourceDir = path.join(root, 'native/jlink-standin');
const macOS = process.platform === 'darwin';
const library = path.join(root, 'out/native', macOS ? 'libjlinkarm_standin.dylib' : 'libjlinkarm_standin.so');

/** research/debug-access.md §1.4: the first J-Link slice, then flash download, RTT and ResetNoHalt. */
const SLICE = [
  'JLINKARM_GetDLLVersion',
  'JLINKARM_EMU_GetList',
  'JLINKARM_EMU_SelectByUSBSN',
  'JLINKARM_OpenEx',
  'JLINKARM_Close',
  'JLINKARM_IsOpen',
  'JLINKARM_GetSN',
  'JLINKARM_ExecCommand',
  'JLINKARM_TIF_Select',
  'JLINKARM_SetSpeed',
  'JLINKARM_CORESIGHT_Configure',
  'JLINKARM_CORESIGHT_ReadAPDPReg',
  'JLINKARM_CORESIGHT_WriteAPDPReg',
  'JLINKARM_Connect',
  'JLINKARM_IsConnected',
  'JLINKARM_ReadMemEx',
  'JLINKARM_WriteMemEx',
  'JLINKARM_Halt',
  'JLINKARM_IsHalted',
  'JLINKARM_Go',
  'JLINKARM_Reset',
  'JLINK_SetHookUnsecureDialog',
  'JLINKARM_SetErrorOutHandler',
  'JLINKARM_ResetNoHalt',
  'JLINKARM_BeginDownload',
  'JLINKARM_WriteMem',
  'JLINKARM_EndDownload',
  'JLINK_SetFlashProgProgressCallback',
  'JLINK_RTTERMINAL_Control',
  'JLINK_RTTERMINAL_Read',
  'JLINK_RTTERMINAL_Write',
];

/** Symbols some linkers add to every shared library's dynamic table; not ours to export or hide. */
const LINKER_SYMBOLS = new Set(['_init', '_fini', '_edata', '_end', '__bss_start']);

function buildIfNeeded(): void {
  const newestSource = Math.max(...readdirSync(sourceDir).map((name) => statSync(path.join(sourceDir, name)).mtimeMs));
  if (existsSync(library) && statSync(library).mtimeMs >= newestSource) return;
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build-native.mjs')], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0 || !existsSync(library)) {
    throw new Error(`scripts/build-native.mjs did not build ${library} (exit ${built.status}):\n${built.stdout}${built.stderr}`);
  }
}

/** Defined exported symbols as { name: nm type letter }. */
function exportedSymbols(): Map<string, string> {
  const listed = spawnSync('nm', macOS ? ['-gU', library] : ['-D', '--defined-only', library], { encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`nm failed on ${library}: ${listed.stderr}`);
  const symbols = new Map<string, string>();
  for (const line of listed.stdout.split('\n')) {
    const match = /^\s*[0-9a-fA-F]*\s+([A-Za-z])\s+(\S+)$/.exec(line);
    if (match === null) continue;
    const name = macOS ? match[2]!.replace(/^_/, '') : match[2]!.replace(/@.*$/, '');
    symbols.set(name, match[1]!);
  }
  return symbols;
}

const nmMissing = spawnSync('nm', ['--version'], { stdio: 'ignore' }).error !== undefined;

describe('J-Link stand-in library exports', () => {
  it('exports every function of the slice under its SEGGER name, as code, and nothing else', (context) => {
    context.skip(nmMissing, 'nm (GNU binutils) is not on PATH, so the exported symbols cannot be listed');
    buildIfNeeded();
    const symbols = exportedSymbols();
    for (const name of SLICE) expect(symbols.get(name), `${name} exported as a function`).toBe('T');
    const extra = [...symbols.keys()].filter((name) => !SLICE.includes(name) && !LINKER_SYMBOLS.has(name));
    expect(extra, 'exports beyond the slice').toEqual([]);
  }, 60_000);
});
