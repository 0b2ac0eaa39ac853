/**
 * `matterline sim serve` run in process (runCli, the binary's own code path) with a stop the test
 * controls; RemoteDebugPort drives the served board so the EFR32 sequences run over the socket.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index';
import type { Output } from '../../main/cli/output';
import { openProbe } from '../../main/probes/open';
import { SHELL_PROMPT } from '../../main/sim/shell';
import { RemoteDebugPort } from '../../main/sim/serve';
import { applyLock, identify, readLockStatus } from '../../main/target';

const MG24 = 'EFR32MG24B210F1536IM48';
const dir = mkdtempSync(join(tmpdir(), 'matterline-sim-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Served {
  readonly info: { socket: string; token: string; pty: string | null; part: string };
  stop(): Promise<number>;
}

/** Starts `matterline sim serve … --json` in process and waits for its start-up document. */
async function serve(...args: string[]): Promise<Served> {
  const out: string[] = [];
  const makeOutput = (json: boolean): Output => ({ json, write: (text) => out.push(text), writeError: (text) => out.push(text) });
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const exit = runCli(['sim', 'serve', '--json', ...args], { buildDir: '/nonexistent', makeOutput, untilStopped: () => stopped });
  const start = Date.now();
  while (out.length === 0 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 10));
  const info = JSON.parse(out[0] ?? '{}') as Served['info'] & { ok?: boolean };
  if (info.ok !== true) throw new Error(`sim serve did not start: ${out.join('\n')} (exit ${await Promise.race([exit, Promise.resolve('running')])})`);
  return {
    info,
    stop: async () => {
      stop();
      return exit;
    },
  };
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; detail?: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail ?? ''}`);
  return result.value;
}

describe('matterline sim serve', () => {
  it('identify and lock status run over the TCP socket through RemoteDebugPort', async () => {
    const served = await serve('--probe', `sim:${MG24}?eui=14b457fffe045a8e`, '--no-shell');
    expect(served.info.socket).toMatch(/^tcp:127\.0\.0\.1:\d+$/);
    expect(served.info.pty).toBeNull();
    const port = unwrap(await RemoteDebugPort.connect(served.info.socket, served.info.token));
    expect(unwrap(await identify(port))).toMatchObject({ partNumber: MG24, series: 2, eui64: '14b457fffe045a8e' });
    expect(unwrap(await readLockStatus(port))).toMatchObject({ locked: false, debugLockConfigured: false });
    await port.close();
    expect(await served.stop()).toBe(0);
  });

  it('refuses a wrong token; a locked board refuses memory with the same catalogue error as in process', async () => {
    const served = await serve('--probe', `sim:${MG24}?locked=standard`, '--no-shell');
    const wrong = await RemoteDebugPort.connect(served.info.socket, 'not-the-token');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'SIM_SERVE_TOKEN' } });
    const port = unwrap(await RemoteDebugPort.connect(served.info.socket, served.info.token));
    expect(unwrap(await readLockStatus(port))).toMatchObject({ locked: true });
    expect(await identify(port)).toMatchObject({ ok: false, error: { code: 'TARGET_LOCKED' } });
    await port.close();
    await served.stop();
  });

  it('on a Unix socket: flash with progress and a lock persist in the state file saved on exit', async () => {
    const socket = join(dir, 'board.sock');
    const stateFile = join(dir, 'board.sim');
    const served = await serve('--probe', `sim:${MG24}@${stateFile}`, '--socket', socket, '--no-shell');
    expect(served.info.socket).toBe(`unix:${socket}`);
    const port = unwrap(await RemoteDebugPort.connect(served.info.socket, served.info.token));
    const { credentialsPage, pageSize } = unwrap(await identify(port)).part.memory;
    const page = new Uint8Array(pageSize).fill(0x5a);
    const progress: number[] = [];
    unwrap(await port.programFlash(credentialsPage, page, { onProgress: (p) => progress.push(p.doneBytes) }));
    expect(progress).toEqual([0, pageSize]);
    expect(unwrap(await port.readMemory(credentialsPage, 8, { width: 32 }))).toEqual(page.subarray(0, 8));
    unwrap(await applyLock(port, 'standard'));
    await port.close();
    expect(await served.stop()).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
    const reopened = unwrap(await openProbe(`sim:${MG24}@${stateFile}`));
    expect(unwrap(await readLockStatus(reopened.port))).toMatchObject({ locked: true });
    await reopened.port.close();
  });

  it('a call after the server stopped fails as a disconnected probe, not a hang', async () => {
    const served = await serve('--probe', `sim:${MG24}`, '--no-shell');
    const port = unwrap(await RemoteDebugPort.connect(served.info.socket, served.info.token));
    await served.stop();
    expect(await port.readDp(0, { timeoutMs: 2000 })).toMatchObject({ ok: false, error: { code: 'PROBE_DISCONNECTED' } });
    await port.close();
  });

  it('prints the shell pty, which answers config through serialport', async () => {
    const served = await serve('--probe', `sim:${MG24}`, '--shell-link', join(dir, 'shell-tty'));
    expect(served.info.pty).toBe(join(dir, 'shell-tty'));
    const serial = new SerialPort({ path: served.info.pty!, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => serial.open((error) => (error ? reject(error) : resolve())));
    let received = '';
    serial.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    serial.write('config vendorid\r');
    const start = Date.now();
    while (!received.includes(`Done\r\n${SHELL_PROMPT}`) && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(received).toContain('config vendorid\r\n65521 (0xFFF1)\r\nDone\r\nmatterCli> ');
    await new Promise<void>((resolve) => serial.close(() => resolve()));
    expect(await served.stop()).toBe(0);
  });

  it('a bad address is exit 2 with a catalogue error', async () => {
    const out: string[] = [];
    const makeOutput = (json: boolean): Output => ({ json, write: (text) => out.push(text), writeError: (text) => out.push(text) });
    const code = await runCli(['sim', 'serve', '--json', '--probe', 'jlink:123'], { buildDir: '/nonexistent', makeOutput, untilStopped: () => Promise.resolve() });
    expect(code).toBe(2);
    expect(JSON.parse(out[0]!)).toMatchObject({ ok: false, error: { code: 'PROBE_ADDRESS_UNAVAILABLE' } });
  });

  it('speaks plain newline-delimited JSON with hex payloads, and names malformed requests', async () => {
    const served = await serve('--probe', `sim:${MG24}`, '--no-shell', '--token', 'abc');
    const [, port] = /:(\d+)$/.exec(served.info.socket)!;
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const lines = [
      '{"id":1,"op":"hello","token":"abc"}',
      '{"id":2,"op":"readDp","register":0}',
      '{"id":3,"op":"readMemory","address":266371582,"length":1,"width":8}',
      '{"id":4,"op":"readMemory","address":"x"}',
      '{"id":5,"op":"frobnicate"}',
      'not json',
      '{"id":6,"op":"writeMemory","address":536870912,"data":"0g"}',
      '{"id":7,"op":"rttRead","buffer":0,"maxBytes":16}',
    ];
    socket.write(`${lines.join('\n')}\n`);
    const start = Date.now();
    while (received.split('\n').length <= lines.length && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    const answers = received.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(answers[0]).toMatchObject({ id: 1, ok: true, value: { protocol: 1, part: MG24 } });
    expect(answers[1]).toEqual({ id: 2, ok: true, value: 0x6ba02477 });
    expect(answers[2]).toEqual({ id: 3, ok: true, value: '80' });
    expect(answers[3]).toMatchObject({ id: 4, ok: false, error: { code: 'SIM_SERVE_PROTOCOL', detail: 'readMemory: address and length must be numbers' } });
    expect(answers[4]).toMatchObject({ id: 5, ok: false, error: { code: 'SIM_SERVE_PROTOCOL', detail: 'frobnicate: unknown operation' } });
    expect(answers[5]).toMatchObject({ id: null, ok: false, error: { code: 'SIM_SERVE_PROTOCOL' } });
    expect(answers[6]).toMatchObject({ id: 6, ok: false, error: { code: 'SIM_SERVE_PROTOCOL' } });
    expect(answers[7]).toMatchObject({ id: 7, ok: false, error: { code: 'SIM_SERVE_PROTOCOL', detail: 'rttRead: no RTT channel open (send rttOpen first)' } });
    socket.destroy();
    await served.stop();
  });

  it('the client enforces timeouts and cancellation on its side', async () => {
    const served = await serve('--probe', `sim:${MG24}?fault=slow-erase:400`, '--no-shell');
    const port = unwrap(await RemoteDebugPort.connect(served.info.socket, served.info.token));
    const { credentialsPage, pageSize } = unwrap(await identify(port)).part.memory;
    expect(await port.programFlash(credentialsPage, new Uint8Array(pageSize), { timeoutMs: 50 })).toMatchObject({ ok: false, error: { code: 'PROBE_TIMEOUT' } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(await port.programFlash(credentialsPage, new Uint8Array(pageSize), { signal: controller.signal })).toMatchObject({ ok: false, error: { code: 'PROBE_CANCELLED' } });
    expect(unwrap(await readLockStatus(port))).toMatchObject({ locked: false });
    await port.close();
    await served.stop();
  });
});
