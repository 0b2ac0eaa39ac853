// `matterline probes list` through the real CLI: the C stand-in (native/jlink-standin) loaded as
// SEGGER's library lists the probes of its configuration. Listing opens no probe, so the sockets the
// configuration names need not be live.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(root, 'bin', 'matterline.js');
const libraryFile = path.join(root, 'out', 'native', process.platform === 'darwin' ? 'libjlinkarm_standin.dylib' : 'libjlinkarm_standin.so');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-probes-list-'));
const standin = path.join(work, 'standin.json');

interface Listing {
  readonly probes: ReadonlyArray<{ kind: string; serial: number; product: string; address: string }>;
  readonly library: { path: string; version: string; versionRaw: number } | null;
  readonly note: string | null;
}

function probesList(args: string[], env: Record<string, string | undefined>): { status: number | null; listing: Listing; stderr: string } {
  const base: Record<string, string | undefined> = { ...process.env };
  delete base.MATTERLINE_JLINK_LIB;
  delete base.MATTERLINE_JLINK_STANDIN;
  const run = spawnSync(process.execPath, [bin, 'probes', 'list', '--json', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...base, ...env } });
  return { status: run.status, listing: JSON.parse(run.stdout || '{}') as Listing, stderr: run.stderr };
}

beforeAll(() => {
  if (!fs.existsSync(libraryFile)) throw new Error(`${libraryFile} is missing: run node scripts/build.mjs (it builds the stand-in)`);
  const probes = [
    { serial: 440123456, product: 'J-Link OB-SiLabs (stand-in)', socket: 'tcp:127.0.0.1:9', token: '00' },
    { serial: 440123457, product: 'J-Link PLUS (stand-in)', socket: `unix:${path.join(work, 'nobody.sock')}`, token: '00' },
  ];
  fs.writeFileSync(standin, JSON.stringify({ probes }));
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('matterline probes list', () => {
  it('lists both J-Links of the stand-in, with the library and its version', () => {
    const { status, listing, stderr } = probesList([], { MATTERLINE_JLINK_LIB: libraryFile, MATTERLINE_JLINK_STANDIN: standin });
    expect(status, stderr).toBe(0);
    expect(listing.probes).toEqual([
      { kind: 'jlink', serial: 440123456, product: 'J-Link OB-SiLabs (stand-in)', address: 'jlink:440123456' },
      { kind: 'jlink', serial: 440123457, product: 'J-Link PLUS (stand-in)', address: 'jlink:440123457' },
    ]);
    expect(listing.library).toMatchObject({ path: libraryFile, version: 'V7.96', versionRaw: 79600 });
  }, 60_000);

  it('takes the library from --jlink-lib', () => {
    const { status, listing, stderr } = probesList(['--jlink-lib', libraryFile], { MATTERLINE_JLINK_STANDIN: standin });
    expect(status, stderr).toBe(0);
    expect(listing.probes.map((probe) => probe.serial)).toEqual([440123456, 440123457]);
    expect(listing.library?.version).toBe('V7.96');
  }, 60_000);

  it('lists nothing, exit 0, with library null and a note, when no library is found', () => {
    // A folder without the library: the settings path finds nothing; /opt/SEGGER holds none on a test machine.
    if (fs.existsSync('/opt/SEGGER')) return;
    const { status, listing, stderr } = probesList(['--jlink-lib', work], { MATTERLINE_JLINK_STANDIN: standin });
    expect(status, stderr).toBe(0);
    expect(listing.probes).toEqual([]);
    expect(listing.library).toBeNull();
    expect(listing.note).toMatch(/No J-Link library found/);
  }, 60_000);
});
