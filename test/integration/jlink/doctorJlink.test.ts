// `matterline doctor` loads the J-Link library it finds through the binding's loader and reports
// the library's own version (JLINKARM_GetDLLVersion of the C stand-in: 79600, V7.96); a file that is
// found but does not load fails the check with the catalogue's sentence.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PreflightReport } from '../../../preload/contract/preflight';
import { checkJlinkLibrary } from '../../../main/preflight/jlinkLibrary';

const root = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(root, 'bin', 'matterline.js');
const libraryFile = path.join(root, 'out', 'native', process.platform === 'darwin' ? 'libjlinkarm_standin.dylib' : 'libjlinkarm_standin.so');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-doctor-jlink-'));

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function doctorCheck(jlinkLib: string): { ok: boolean; message: string; detail?: string } {
  const run = spawnSync(process.execPath, [bin, 'doctor', '--json', '--jlink-lib', jlinkLib, '--db', path.join(work, 'station.db'), '--user-data-dir', work], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const report = JSON.parse(run.stdout || '{}') as PreflightReport;
  const check = report.checks?.find((entry) => entry.name === 'jlink-library');
  if (check === undefined) throw new Error(`no jlink-library check:\n${run.stdout}\n${run.stderr}`);
  return check;
}

describe('doctor: the J-Link library check', () => {
  it('reports the version the loaded library gives', () => {
    expect(fs.existsSync(libraryFile), 'run node scripts/build.mjs (it builds the stand-in)').toBe(true);
    const check = doctorCheck(libraryFile);
    expect(check.ok).toBe(true);
    expect(check.message).toBe(`J-Link library V7.96 found at ${libraryFile}.`);
  }, 60_000);

  it('fails with the catalogue sentence when the file is found but does not load', () => {
    const broken = path.join(work, 'libjlinkarm.so');
    fs.writeFileSync(broken, 'not a shared library\n');
    const check = doctorCheck(broken);
    expect(check.ok).toBe(false);
    expect(check.message).toBe('The J-Link library file was found but could not be loaded.');
    expect(check.detail).toContain(broken);
  }, 60_000);

  it('loads the library in process too (checkJlinkLibrary on the real host)', () => {
    const check = checkJlinkLibrary({ settingsPath: libraryFile });
    expect(check).toMatchObject({ ok: true, message: `J-Link library V7.96 found at ${libraryFile}.` });
  });
});
