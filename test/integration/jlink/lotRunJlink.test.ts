// A lot run on J-Link probes, end to end through the real CLI: `matterline sim serve` (its own
// process) serves a simulated board, the C stand-in library (native/jlink-standin) forwards SEGGER's
// functions to it, and `matterline lot run --probe jlink:SERIAL` loads the stand-in as SEGGER's
// library (MATTERLINE_JLINK_LIB) in the probe's worker process. The demo configuration flashes the
// agent image (EndDownload with progress), talks to the agent over RTT, verifies and flashes the
// firmware: every step of a device runs through the J-Link binding.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoConfiguration } from '../../../main/services/demoConfiguration';

const root = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(root, 'bin', 'matterline.js');
const libraryFile = path.join(root, 'out', 'native', process.platform === 'darwin' ? 'libjlinkarm_standin.dylib' : 'libjlinkarm_standin.so');
const PART = 'EFR32MG24B210F1536IM48';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-jlink-lot-'));
const db = path.join(work, 'station.db');
const servers: ChildProcess[] = [];

interface Served {
  readonly socket: string;
  readonly token: string;
}

/** `matterline sim serve` in its own process; resolves with the JSON line it prints. */
async function serveBoard(eui: string): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'sim', 'serve', '--probe', `sim:${PART}?eui=${eui}`, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The first thing printed is one (indented) JSON object: read until it parses.
  const info = await new Promise<{ ok: boolean; socket: string; token: string }>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n}');
      if (end !== -1) resolve(JSON.parse(stdout.slice(0, end + 2)) as { ok: boolean; socket: string; token: string });
    });
    child.once('exit', (code) => reject(new Error(`sim serve exited (${code}) before printing its socket: ${stderr}`)));
  });
  expect(info.ok).toBe(true);
  return { socket: info.socket, token: info.token };
}

/** The stand-in's configuration: each serial forwards to one served board. */
function standinConfig(name: string, probes: ReadonlyArray<{ serial: number; served: Served }>): string {
  const file = path.join(work, `${name}.json`);
  const entries = probes.map(({ serial, served }) => ({ serial, product: 'J-Link OB-SiLabs (stand-in)', socket: served.socket, token: served.token }));
  fs.writeFileSync(file, JSON.stringify({ probes: entries }));
  return file;
}

function matterline(args: string[], env: Record<string, string> = {}, unset: readonly string[] = []): { status: number | null; stdout: string; stderr: string } {
  const inherited: Record<string, string | undefined> = { ...process.env };
  for (const name of unset) delete inherited[name];
  const run = spawnSync(process.execPath, [bin, ...args, '--db', db, '--user-data-dir', work], {
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...inherited, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface RunOutput {
  readonly summary: { passed: number; failed: number; lotPassed: number };
  readonly devices: ReadonlyArray<{ eui64: string; probe: string; result: string; reason: string | null }>;
  readonly probes: ReadonlyArray<{ probe: string; devices: number; error: { code: string; detail?: string } | null }>;
}

let configFile = '';

beforeAll(async () => {
  if (!fs.existsSync(libraryFile)) throw new Error(`${libraryFile} is missing: run node scripts/build.mjs (it builds the stand-in)`);
  const demo = await ensureDemoConfiguration(work);
  if (!demo.ok) throw new Error(demo.error.message);
  configFile = demo.value.configFile;
}, 60_000);

afterAll(async () => {
  await Promise.all(
    servers.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  fs.rmSync(work, { recursive: true, force: true });
});

/** `library`: how the run is told where the stand-in is, MATTERLINE_JLINK_LIB or only `--jlink-lib`. */
function runLot(lot: string, quantity: number, probes: readonly number[], standin: string, library: 'env' | 'option' = 'env'): RunOutput {
  const created = matterline(['lot', 'create', '--config', configFile, '--name', lot, '--quantity', String(quantity)]);
  expect(created.status, created.stderr).toBe(0);
  const probeArgs = probes.flatMap((serial) => ['--probe', `jlink:${serial}`]);
  const run =
    library === 'env'
      ? matterline(['lot', 'run', lot, ...probeArgs, '--json'], { MATTERLINE_JLINK_STANDIN: standin, MATTERLINE_JLINK_LIB: libraryFile })
      : matterline(['lot', 'run', lot, ...probeArgs, '--jlink-lib', libraryFile, '--json'], { MATTERLINE_JLINK_STANDIN: standin }, ['MATTERLINE_JLINK_LIB']);
  const output = JSON.parse(run.stdout || '{}') as RunOutput;
  // The probes' errors first: they say what went wrong far better than an exit code.
  expect(output.probes?.map((probe) => probe.error), `${run.stdout}\n${run.stderr}`).toEqual(probes.map(() => null));
  expect(run.status, run.stderr).toBe(0);
  return output;
}

describe('matterline lot run on J-Link probes (the stand-in library)', () => {
  it('provisions the board on one J-Link: agent flashed, RTT session, verify, firmware', async () => {
    const served = await serveBoard('0022a3fffe0a0001');
    const standin = standinConfig('one', [{ serial: 440123456, served }]);
    const output = runLot('jlink-one', 1, [440123456], standin);
    expect(output.summary).toMatchObject({ passed: 1, failed: 0, lotPassed: 1 });
    expect(output.probes).toEqual([expect.objectContaining({ probe: 'jlink:440123456', devices: 1 })]);
    // The chip provisioned is the served board, reached through the stand-in: its EUI-64.
    expect(output.devices).toEqual([expect.objectContaining({ eui64: '0022a3fffe0a0001', probe: 'jlink:440123456', result: 'passed' })]);
  }, 300_000);

  it('finds the library through `lot run --jlink-lib` alone, which reaches the probe worker', async () => {
    const served = await serveBoard('0022a3fffe0a0004');
    const standin = standinConfig('option', [{ serial: 440123470, served }]);
    const output = runLot('jlink-option', 1, [440123470], standin, 'option');
    expect(output.summary).toMatchObject({ passed: 1, failed: 0, lotPassed: 1 });
    expect(output.devices).toEqual([expect.objectContaining({ eui64: '0022a3fffe0a0004', probe: 'jlink:440123470', result: 'passed' })]);
  }, 300_000);

  it('runs two J-Links at once, each in its own worker process with its own loaded library', async () => {
    const [first, second] = await Promise.all([serveBoard('0022a3fffe0a0002'), serveBoard('0022a3fffe0a0003')]);
    const standin = standinConfig('two', [
      { serial: 440123461, served: first },
      { serial: 440123462, served: second },
    ]);
    const output = runLot('jlink-two', 2, [440123461, 440123462], standin);
    expect(output.summary).toMatchObject({ passed: 2, failed: 0, lotPassed: 2 });
    expect(output.probes.map((probe) => probe.devices)).toEqual([1, 1]);
    const byProbe = Object.fromEntries(output.devices.map((device) => [device.probe, `${device.eui64} ${device.result}`]));
    expect(byProbe).toEqual({ 'jlink:440123461': '0022a3fffe0a0002 passed', 'jlink:440123462': '0022a3fffe0a0003 passed' });
  }, 300_000);
});
