/**
 * The simulated board's Matter shell on a real pseudo-terminal (socat), reached through the
 * `serialport` package and the OS tty layer as a factory PC reaches a board's VCOM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { decodeQrCode } from '../../main/matter/onboarding';
import { SimulatedDebugPort } from '../../main/sim';
import { MatterShell, SHELL_PROMPT, startShellPty, type ShellPty } from '../../main/sim/shell';
import type { SerialFault } from '../../main/sim/shell';
import { encodeFactoryData } from '../../main/silabs/factoryData';
import { nvm3GeometryOf } from '../../main/silabs/image';
import { writeNvm3 } from '../../main/silabs/nvm3';

const MG24 = 'EFR32MG24B210F1536IM48';
const dir = mkdtempSync(join(tmpdir(), 'matterline-shell-pty-'));
const open: Array<{ pty: ShellPty; serial: SerialPort }> = [];

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; detail?: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail ?? ''}`);
  return result.value;
}

async function provisionedPort(): Promise<SimulatedDebugPort> {
  const port = unwrap(SimulatedDebugPort.create({ part: MG24 }));
  const geometry = nvm3GeometryOf(port.chip.part);
  const entries = unwrap(
    encodeFactoryData({ serialNumber: 'PTY-42', vendorId: 0x131b, productId: 0x2002, hardwareVersion: 7, discriminator: 0x3e9, passcode: 69414998, commissioningFlow: 0, discoveryCapabilities: 0x02 }),
  );
  unwrap(await port.programFlash(geometry.baseAddress, unwrap(writeNvm3(entries, geometry))));
  return port;
}

/** A serial session: collects what arrives and waits for the prompt. */
class Session {
  private received = Buffer.alloc(0);
  constructor(readonly serial: SerialPort) {
    serial.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
    });
  }

  /** Everything received until `done` holds (or the timeout), then cleared. */
  async until(done: (text: string) => boolean, timeoutMs = 3000): Promise<Buffer> {
    const start = Date.now();
    while (!done(this.received.toString('latin1')) && Date.now() - start < timeoutMs) await new Promise((r) => setTimeout(r, 10));
    const out = this.received;
    this.received = Buffer.alloc(0);
    return out;
  }

  /** Sends a command with CR and returns the reply lines between the echo and the prompt. */
  async command(line: string): Promise<string[]> {
    this.serial.write(`${line}\r`);
    const text = (await this.until((t) => t.endsWith(SHELL_PROMPT) && t.includes('\r\n'))).toString('latin1');
    expect(text.startsWith(`${line}\r\n`)).toBe(true);
    return text.slice(line.length + 2, -SHELL_PROMPT.length).split('\r\n').slice(0, -1);
  }
}

async function connect(port: SimulatedDebugPort, name: string, options: { fault?: SerialFault; uartLog?: boolean } = {}): Promise<Session> {
  const shell = new MatterShell(port.chip, { uartLog: options.uartLog ?? false });
  const pty = unwrap(await startShellPty({ shell, link: join(dir, name), ...(options.fault === undefined ? {} : { fault: options.fault }) }));
  const serial = new SerialPort({ path: pty.path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => serial.open((error) => (error ? reject(error) : resolve())));
  open.push({ pty, serial });
  const session = new Session(serial);
  // As the parser notes say: a lone CR, then wait for the prompt ("\r\n" + prompt; with garbage, as many bytes).
  serial.write('\r');
  await session.until((t) => (options.fault === undefined ? t.endsWith(SHELL_PROMPT) : t.length >= 2 + SHELL_PROMPT.length));
  return session;
}

afterEach(async () => {
  for (const { pty, serial } of open.splice(0)) {
    if (serial.isOpen) await new Promise<void>((resolve) => serial.close(() => resolve()));
    await pty.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Matter shell over a pseudo-terminal', () => {
  it('a provisioned board answers config and onboardingcodes with its NVM3 values', async () => {
    const session = await connect(await provisionedPort(), 'provisioned');
    expect(await session.command('config vendorid')).toEqual(['4891 (0x131B)', 'Done']);
    expect(await session.command('config productid')).toEqual(['8194 (0x2002)', 'Done']);
    expect(await session.command('config hardwarever')).toEqual(['7 (0x7)', 'Done']);
    expect(await session.command('config discriminator')).toEqual(['3e9', 'Done']);
    const lines = await session.command('onboardingcodes ble');
    const qr = /^QRCode:\s+(MT:\S+)$/.exec(lines[0]!)![1]!;
    expect(decodeQrCode(qr)).toMatchObject({ ok: true, value: { vendorId: 0x131b, productId: 0x2002, discriminator: 0x3e9, passcode: 20202021 } });
    expect(lines[1]).toMatch(/^QRCodeUrl:\s+https:\/\/project-chip\.github\.io\/connectedhomeip\/qrcode\.html\?data=MT%3A/);
    expect(lines[2]).toMatch(/^ManualPairingCode:\s+\d{11}$/);
  });

  it('an empty board answers with the example fallback values that mean "not provisioned"', async () => {
    const session = await connect(unwrap(SimulatedDebugPort.create({ part: MG24 })), 'empty');
    expect(await session.command('config vendorid')).toEqual(['65521 (0xFFF1)', 'Done']);
    expect(await session.command('config')).toEqual([
      'VendorId:        65521 (0xFFF1)',
      'ProductId:       32773 (0x8005)',
      'HardwareVersion: 1 (0x1)',
      'Error config: CHIP Error 0x0000002D: Not Implemented',
    ]);
    expect(await session.command('onboardingcodes ble qrcode')).toEqual(['MT:6FCJ142C00KA0648G00', 'Done']);
    expect(await session.command('onboardingcodes ble manualpairingcode')).toEqual(['34970112332', 'Done']);
  });

  it('the boot log (uart_log build) carries the provisioned QR after a reboot', async () => {
    const port = await provisionedPort();
    const session = await connect(port, 'boot', { uartLog: true });
    open.at(-1)!.pty.reboot();
    const boot = (await session.until((t) => t.endsWith(SHELL_PROMPT) && t.includes('SetupQRCode'))).toString('latin1');
    const qr = /SetupQRCode: \[(MT:[0-9A-Z.-]+)\]/.exec(boot)![1]!;
    expect(decodeQrCode(qr)).toMatchObject({ ok: true, value: { vendorId: 0x131b, passcode: 69414998 } });
    expect(boot).toContain('[DL]   Serial Number: PTY-42\r\n');
  });

  it('the serial-garbage fault corrupts bytes on the line, visibly', async () => {
    const session = await connect(unwrap(SimulatedDebugPort.create({ part: MG24 })), 'garbage', { fault: { kind: 'serial-garbage', every: 5, seed: 3 } });
    session.serial.write('config vendorid\r');
    const bytes = await session.until((t) => t.length >= 'config vendorid\r\n65521 (0xFFF1)\r\nDone\r\nmatterCli> '.length, 3000);
    expect([...bytes].some((b) => b >= 0x80)).toBe(true);
    expect(bytes.toString('latin1')).not.toContain('65521 (0xFFF1)\r\nDone');
  });

  it('without socat the pty fails with a catalogue error, not a crash', async () => {
    const shell = new MatterShell(unwrap(SimulatedDebugPort.create({ part: MG24 })).chip);
    const result = await startShellPty({ shell, socat: join(dir, 'no-such-socat') });
    expect(result).toMatchObject({ ok: false, error: { code: 'SHELL_PTY_UNAVAILABLE' } });
    expect(await startShellPty({ shell, link: join(dir, 'a,b') })).toMatchObject({ ok: false, error: { code: 'SHELL_PTY_UNAVAILABLE' } });
  });

  it('the host may close and reopen the port: the pty stays up', async () => {
    const shell = new MatterShell(unwrap(SimulatedDebugPort.create({ part: MG24 })).chip);
    const pty = unwrap(await startShellPty({ shell, link: join(dir, 'reopen') }));
    try {
      for (let round = 0; round < 3; round += 1) {
        const serial = new SerialPort({ path: pty.path, baudRate: 115200, autoOpen: false });
        await new Promise<void>((resolve, reject) => serial.open((error) => (error ? reject(error) : resolve())));
        const session = new Session(serial);
        expect(await session.command('version')).toEqual(['CHIP v1.3.0.0', 'Done']);
        await new Promise<void>((resolve) => serial.close(() => resolve()));
      }
    } finally {
      await pty.close();
    }
  });
});
