// The J-Link binding (main/probes/jlink) against the C stand-in library (native/jlink-standin),
// loaded through the same code path as SEGGER's: the file is given as the station settings' path.
// Each stand-in probe forwards to a simulated board served by serveBoard on a worker thread
// (servedBoards.worker.mjs): the library's calls block this thread while the board answers.
// One loaded library drives one probe, so the probes are opened one after the other; two probes at
// once need two processes: the station runs each probe in its own worker process (lotRunJlink.test.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../preload/contract/errors';
import { JlinkDebugPort } from '../../../main/probes/jlink/jlinkDebugPort';
import { JlinkSession, listProbes } from '../../../main/probes/jlink/jlinkSession';
import { loadJlinkLibrary, type JlinkLibrary } from '../../../main/probes/jlink/library';
import { requireFunction } from '../../../main/probes/jlink/optionalApi';
import { RemoteDebugPort } from '../../../main/sim/serve/client';
import { identify, readLockStatus } from '../../../main/target';

const root = path.resolve(import.meta.dirname, '../../..');
const libraryFile = path.join(root, 'out', 'native', process.platform === 'darwin' ? 'libjlinkarm_standin.dylib' : 'libjlinkarm_standin.so');
const buildScript = path.join(root, 'scripts', 'build-native.mjs');
const PART = 'EFR32MG24B210F1536IM48';
const EUI64 = '0022a3fffe01c0de';
const FRESH_SERIAL = 440123456;
const LOCKED_SERIAL = 440123457;
const FAULTY_SERIAL = 440123458;
const FAULTY_PAGE = 0x08020000;
const PAGE_SIZE = 8192;

/** Builds the stand-in with the project's own step (as scripts/build.mjs does); why it could not, or null. */
function buildStandin(): string | null {
  try {
    execFileSync(process.execPath, [buildScript], { cwd: root, stdio: 'pipe', timeout: 120_000 });
  } catch (error) {
    return `building the stand-in failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  return fs.existsSync(libraryFile) ? null : `${path.relative(root, libraryFile)} was not built: install a C compiler (Debian: build-essential)`;
}

// Skipped only while the build step itself is missing; a failed build fails the tests below.
const scriptMissing = !fs.existsSync(buildScript);
if (scriptMissing) console.warn(`Skipping the J-Link binding tests: ${path.relative(root, buildScript)} does not exist, so the stand-in library cannot be built`);
const buildProblem = scriptMissing ? null : buildStandin();

/** Every function the binding cannot load without (library.ts SIGNATURES, but GetDLLVersion). */
const REQUIRED_FUNCTIONS = [
  'JLINKARM_EMU_GetList', 'JLINKARM_EMU_SelectByUSBSN', 'JLINKARM_OpenEx', 'JLINKARM_Close', 'JLINKARM_IsOpen', 'JLINKARM_GetSN',
  'JLINKARM_ExecCommand', 'JLINKARM_TIF_Select', 'JLINKARM_SetSpeed', 'JLINKARM_CORESIGHT_Configure', 'JLINKARM_CORESIGHT_ReadAPDPReg',
  'JLINKARM_CORESIGHT_WriteAPDPReg', 'JLINKARM_Connect', 'JLINKARM_IsConnected', 'JLINKARM_ReadMemEx', 'JLINKARM_WriteMemEx',
  'JLINKARM_Halt', 'JLINKARM_IsHalted', 'JLINKARM_Go', 'JLINKARM_Reset', 'JLINK_SetHookUnsecureDialog', 'JLINKARM_SetErrorOutHandler',
];

interface Served {
  readonly address: string;
  readonly token: string;
}

/** The worker thread serving the boards, and a request/answer helper over its messages. */
class Boards {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: Result<unknown>) => void>();
  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: { id?: number; result?: Result<unknown> }) => {
      if (message.id === undefined || message.result === undefined) return;
      this.waiting.get(message.id)?.(message.result);
      this.waiting.delete(message.id);
    });
  }

  static async start(): Promise<Boards> {
    const worker = new Worker(path.join(import.meta.dirname, 'servedBoards.worker.mjs'), { workerData: { root } });
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', () => resolve());
    });
    return new Boards(worker);
  }

  private request<T>(message: Record<string, unknown>): Promise<Result<T>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (result: Result<unknown>) => void);
      this.worker.postMessage({ ...message, id });
    });
  }

  async serve(probe: string): Promise<Served> {
    const served = await this.request<Served>({ op: 'serve', probe });
    if (!served.ok) throw new Error(`serveBoard ${probe}: ${served.error.code} ${served.error.detail ?? ''}`);
    return served.value;
  }

  async stop(): Promise<void> {
    await this.request({ op: 'stop' });
    await this.worker.terminate();
  }
}

function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail ?? result.error.message}`);
  return result.value;
}

describe.skipIf(scriptMissing)('J-Link binding on the stand-in library', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-jlink-'));
  let boards: Boards;
  let fresh: Served;
  let locked: Served;
  let faulty: Served;
  let library: JlinkLibrary;
  const previousEnv = process.env.MATTERLINE_JLINK_STANDIN;

  beforeAll(async () => {
    if (buildProblem !== null) throw new Error(buildProblem);
    boards = await Boards.start();
    fresh = await boards.serve(`sim:${PART}?eui=${EUI64}`);
    locked = await boards.serve(`sim:${PART}?locked=standard`);
    faulty = await boards.serve(`sim:${PART}?fault=flash-fail:${FAULTY_PAGE}`);
    const config = path.join(work, 'standin.json');
    const probe = (serial: number, served: Served) => ({ serial, product: 'J-Link OB-SiLabs (stand-in)', socket: served.address, token: served.token });
    fs.writeFileSync(config, JSON.stringify({ probes: [probe(FRESH_SERIAL, fresh), probe(LOCKED_SERIAL, locked), probe(FAULTY_SERIAL, faulty)] }));
    process.env.MATTERLINE_JLINK_STANDIN = config;
    library = expectOk(loadJlinkLibrary({ settingsPath: libraryFile }));
  }, 60_000);

  afterAll(async () => {
    if (previousEnv === undefined) delete process.env.MATTERLINE_JLINK_STANDIN;
    else process.env.MATTERLINE_JLINK_STANDIN = previousEnv;
    await boards?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('loads the stand-in as the settings path and checks its version', () => {
    expect(library.path).toBe(libraryFile);
    expect(library.source).toBe('settings');
    expect(library.version).toEqual({ raw: 79600, text: 'V7.96' });
    // The same file again is the same loaded copy.
    expect(expectOk(loadJlinkLibrary({ settingsPath: libraryFile }))).toBe(library);
  });

  it('lists the probes without opening any', () => {
    const probes = expectOk(listProbes(library));
    expect(probes.map((probe) => probe.serial)).toEqual([FRESH_SERIAL, LOCKED_SERIAL, FAULTY_SERIAL]);
    expect(probes[0]).toMatchObject({ connection: 'usb', product: 'J-Link OB-SiLabs (stand-in)' });
    expect(library.api.IsOpen()).toBe(0);
    expect(library.openSerial).toBeNull();
  });

  it('opens the fresh probe by serial and identifies the part', async () => {
    const session = expectOk(JlinkSession.openBySerial(library, FRESH_SERIAL));
    const port = new JlinkDebugPort(session, `jlink:${FRESH_SERIAL}`);
    try {
      expect(library.api.GetSN()).toBe(FRESH_SERIAL);
      // A second probe on the same loaded copy is refused: it would take this one over.
      const second = JlinkSession.openBySerial(library, LOCKED_SERIAL);
      expect(second.ok ? null : second.error.code).toBe('JLINK_LIBRARY_BUSY');

      const status = expectOk(await readLockStatus(port));
      expect(status.locked).toBe(false);
      const identity = expectOk(await identify(port));
      expect(identity.partNumber).toBe(PART);
      expect(identity.eui64).toBe(EUI64);
      expect(session.unsecureQuestions).toEqual([]);

      // Memory and run control on the connected core.
      const bytes = Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4]);
      expectOk(await port.writeMemory(0x20000100, bytes));
      expect(Array.from(expectOk(await port.readMemory(0x20000100, bytes.length)))).toEqual(Array.from(bytes));
      expectOk(await port.halt());
      expect(library.api.IsHalted()).toBe(1);
      expectOk(await port.go());
      expectOk(await port.reset('halt'));
      const aborted = await port.readDp(0, { signal: AbortSignal.abort() });
      expect(aborted.ok ? null : aborted.error.code).toBe('PROBE_CANCELLED');
    } finally {
      await port.close();
    }
    const afterClose = await port.readDp(0);
    expect(afterClose.ok ? null : afterClose.error.code).toBe('PROBE_DISCONNECTED');
    expect(library.api.IsOpen()).toBe(0);
    expect(library.openSerial).toBeNull();
  });

  it('programs flash through the library\'s loader (read-modify-write, progress, verify) and looks for RTT', async () => {
    const session = expectOk(JlinkSession.openBySerial(library, FRESH_SERIAL));
    const port = new JlinkDebugPort(session, `jlink:${FRESH_SERIAL}`);
    const page = 0x08010000;
    try {
      // Three pages: the loader's progress callback moves the bar between the first and last report.
      const pages: number[] = [];
      expectOk(await port.programFlash(page, new Uint8Array(3 * PAGE_SIZE).fill(0x5a), { onProgress: (step) => pages.push(step.doneBytes) }));
      expect(pages[0]).toBe(0);
      expect(pages.at(-1)).toBe(3 * PAGE_SIZE);
      expect(pages.filter((done) => done > 0 && done < 3 * PAGE_SIZE).length).toBeGreaterThan(0);
      // The loader was given the exact part (identified through the port), not the generic core.
      expect(session.logLines.filter((line) => / selected$/.test(line))).toEqual(['J-Link stand-in: device Cortex-M33 selected', 'J-Link stand-in: device EFR32MG24BxxxF1536 selected']);
      // 16 bytes in the middle of the page: the rest of the page keeps its bytes.
      const patch = Uint8Array.from({ length: 16 }, (_, index) => index);
      const progress: number[] = [];
      expectOk(await port.programFlash(page + 0x100, patch, { onProgress: (step) => progress.push(step.doneBytes) }));
      expect(progress[0]).toBe(0);
      expect(progress.at(-1)).toBe(patch.length);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(library.api.IsHalted()).toBe(1);
      const after = expectOk(await port.readMemory(page + 0xf0, 0x30));
      expect(Array.from(after.subarray(0, 0x10))).toEqual(Array(0x10).fill(0x5a));
      expect(Array.from(after.subarray(0x10, 0x20))).toEqual(Array.from(patch));
      expect(Array.from(after.subarray(0x20))).toEqual(Array(0x10).fill(0x5a));
      // A read this long runs `.async()`; the patch is the only change in the three pages.
      const whole = expectOk(await port.readMemory(page, 3 * PAGE_SIZE));
      expect(whole.filter((byte) => byte !== 0x5a)).toHaveLength(patch.length);

      // No agent runs on this board: the library never finds a control block.
      expectOk(await port.go());
      const rtt = await port.openRtt({ timeoutMs: 300 });
      expect(rtt.ok ? null : rtt.error.code).toBe('PROBE_TIMEOUT');
    } finally {
      await port.close();
    }
    // The board, asked directly over its socket, holds what the loader programmed.
    const direct = expectOk(await RemoteDebugPort.connect(fresh.address, fresh.token));
    try {
      expect(Array.from(expectOk(await direct.readMemory(page + 0x100, 16)))).toEqual(Array.from({ length: 16 }, (_, index) => index));
    } finally {
      await direct.close();
    }
  });

  it('answers JLINK_FLASH_FAILED with SEGGER\'s code when the loader fails', async () => {
    const session = expectOk(JlinkSession.openBySerial(library, FAULTY_SERIAL));
    const port = new JlinkDebugPort(session, `jlink:${FAULTY_SERIAL}`);
    try {
      const flashed = await port.programFlash(FAULTY_PAGE, new Uint8Array(PAGE_SIZE).fill(0x11));
      expect(flashed.ok ? null : flashed.error.code).toBe('JLINK_FLASH_FAILED');
      expect(flashed.ok ? '' : flashed.error.detail).toMatch(/JLINKARM_EndDownload returned -26[67] \(flash (program|verify) failed\)/);
      // The port stays usable after the failed download.
      expect(expectOk(await port.readMemory(FAULTY_PAGE + PAGE_SIZE, 4))).toHaveLength(4);
    } finally {
      await port.close();
    }
  });

  it('reads a locked part\'s lock status without Connect, and refuses the library\'s offer to unlock it', async () => {
    const session = expectOk(JlinkSession.openBySerial(library, LOCKED_SERIAL));
    const port = new JlinkDebugPort(session, `jlink:${LOCKED_SERIAL}`);
    try {
      const status = expectOk(await readLockStatus(port));
      expect(status).toMatchObject({ locked: true, debugLockConfigured: true, deviceEraseEnabled: true });
      expect(library.api.IsConnected()).toBe(0);
      expect(session.unsecureQuestions).toEqual([]);

      const read = await port.readMemory(0x0fe081fc, 4);
      expect(read.ok ? null : read.error.code).toBe('JLINK_LOCKED_REFUSED_UNSECURE');
      expect(session.unsecureQuestions).toHaveLength(1);
      // What the library saw the hook answer (the stand-in logs it): NO = 2, never YES = 1.
      expect(session.logLines.filter((line) => /answered \d+$/.test(line))).toEqual([expect.stringMatching(/answered 2$/)]);
      expect(read.ok ? '' : read.error.detail).toContain('answered NO');
      expect(library.api.IsConnected()).toBe(0);
    } finally {
      await port.close();
    }

    // The board itself, asked directly over its socket: still locked, nothing erased.
    const direct = expectOk(await RemoteDebugPort.connect(locked.address, locked.token));
    try {
      expect(expectOk(await readLockStatus(direct))).toMatchObject({ locked: true, debugLockConfigured: true, deviceEraseEnabled: true });
    } finally {
      await direct.close();
    }
  });

  it('answers JLINK_PROBE_NOT_FOUND for a serial that is not connected', () => {
    const opened = JlinkSession.openBySerial(library, 123456789);
    expect(opened.ok ? null : opened.error.code).toBe('JLINK_PROBE_NOT_FOUND');
    expect(opened.ok ? '' : opened.error.detail).toContain(`${FRESH_SERIAL}, ${LOCKED_SERIAL}`);
    expect(library.openSerial).toBeNull();
  });

  it('refuses a library older than V6, and one that lacks a function', () => {
    // Tiny libraries that only answer the version: V4.98 (too old), V7.96 (but nothing else).
    const make = (name: string, version: number): string => {
      const source = path.join(work, `${name}.c`);
      const file = path.join(work, name, 'libjlinkarm.so');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(source, `unsigned int JLINKARM_GetDLLVersion(void) { return ${version}u; }\n`);
      execFileSync(process.env.CC ?? 'cc', ['-shared', '-fPIC', '-o', file, source]);
      return file;
    };
    const old = loadJlinkLibrary({ settingsPath: make('old', 49800) });
    expect(old.ok ? null : old.error.code).toBe('JLINK_LIBRARY_TOO_OLD');
    expect(old.ok ? '' : old.error.detail).toContain('V4.98');
    const partial = loadJlinkLibrary({ settingsPath: make('partial', 79600) });
    expect(partial.ok ? null : partial.error.code).toBe('JLINK_LIBRARY_LOAD_FAILED');
    expect(partial.ok ? '' : partial.error.detail).toContain('JLINKARM_EMU_GetList');
  });

  it('loads a library without the flash and RTT functions, and names the missing one when it is needed', () => {
    const source = path.join(work, 'listing.c');
    const file = path.join(work, 'listing', 'libjlinkarm.so');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const stubs = REQUIRED_FUNCTIONS.map((name) => `int ${name}(void) { return 0; }`);
    fs.writeFileSync(source, [`unsigned int JLINKARM_GetDLLVersion(void) { return 79600u; }`, ...stubs, ''].join('\n'));
    execFileSync(process.env.CC ?? 'cc', ['-shared', '-fPIC', '-o', file, source]);
    const listing = expectOk(loadJlinkLibrary({ settingsPath: file }));
    expect(Object.keys(listing.optional)).toEqual([]);
    const flash = requireFunction(listing, 'EndDownload', 'flash programming');
    expect(flash.ok ? null : flash.error.code).toBe('JLINK_LIBRARY_LOAD_FAILED');
    expect(flash.ok ? '' : flash.error.detail).toContain('JLINKARM_EndDownload');
    // The stand-in has them all, as SEGGER's library does.
    expect(Object.keys(library.missing)).toEqual([]);
  });

  it('answers JLINK_LIBRARY_NOT_FOUND when the library is missing', () => {
    const missing = path.join(work, 'no-such-folder', 'libjlinkarm.so');
    const loaded = loadJlinkLibrary({
      settingsPath: missing,
      // No MATTERLINE_JLINK_LIB and no install folders: only the settings path is looked at.
      host: { env: {}, exists: () => false, isDirectory: () => false, readDir: () => [] },
    });
    expect(loaded.ok ? null : loaded.error.code).toBe('JLINK_LIBRARY_NOT_FOUND');
    expect(loaded.ok ? '' : loaded.error.detail).toContain(missing);
  });
});
