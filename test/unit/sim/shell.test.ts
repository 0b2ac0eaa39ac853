import { describe, expect, it } from 'vitest';
import { decodeManualCode, decodeQrCode } from '../../../main/matter/onboarding';
import { MatterShell, SerialLine, SHELL_PROMPT, tokenizeLine } from '../../../main/sim/shell';
import { SimulatedEfr32 } from '../../../main/sim';
import { encodeFactoryData, type FactoryData } from '../../../main/silabs/factoryData';
import { nvm3GeometryOf } from '../../../main/silabs/image';
import { writeNvm3 } from '../../../main/silabs/nvm3';
import { CATALOGUE_PARTS, unwrap } from './simHelpers';

const PROVISIONED: FactoryData = {
  serialNumber: 'SN-000123',
  vendorId: 0x131b,
  productId: 0x1001,
  hardwareVersion: 3,
  discriminator: 0xa5c,
  passcode: 34567890,
  commissioningFlow: 0,
  discoveryCapabilities: 0x02,
  manufacturingDate: '2026-11-20',
};

/** Writes the factory data into the board's NVM3 region as the provisioning flow leaves it. */
function provision(chip: SimulatedEfr32, data: FactoryData = PROVISIONED): void {
  const geometry = nvm3GeometryOf(chip.part);
  const image = unwrap(writeNvm3(unwrap(encodeFactoryData(data)), geometry));
  const { pageSize } = chip.part.memory;
  for (let offset = 0; offset < image.length; offset += pageSize) {
    unwrap(chip.mainFlash.erasePage(geometry.baseAddress + offset));
    unwrap(chip.mainFlash.programWords(geometry.baseAddress + offset, image.subarray(offset, offset + pageSize)));
  }
}

function chipOf(part = 'EFR32MG24B210F1536IM48'): SimulatedEfr32 {
  return unwrap(SimulatedEfr32.create({ part }));
}
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Sends one line (CR-terminated) and returns what came back, echo included. */
function send(shell: MatterShell, line: string, ending = '\r'): string {
  return text(shell.input(new TextEncoder().encode(line + ending)));
}

/** The reply lines between the echo and the prompt. */
function reply(shell: MatterShell, line: string): string[] {
  const out = send(shell, line);
  expect(out.startsWith(`${line}\r\n`)).toBe(true);
  expect(out.endsWith(SHELL_PROMPT)).toBe(true);
  return out.slice(line.length + 2, -SHELL_PROMPT.length).split('\r\n').slice(0, -1);
}

describe('simulated Matter shell: framing', () => {
  it('prints the prompt at boot, echoes, ends lines with CRLF, then Done and the prompt', () => {
    const shell = new MatterShell(chipOf());
    expect(text(shell.boot())).toBe('matterCli> ');
    expect(send(shell, 'config vendorid')).toBe('config vendorid\r\n65521 (0xFFF1)\r\nDone\r\nmatterCli> ');
  });

  it('CR, LF and CRLF each end one line; an empty line gives the prompt again', () => {
    const shell = new MatterShell(chipOf());
    expect(send(shell, 'version', '\r\n')).toBe('version\r\nCHIP v1.3.0.0\r\nDone\r\nmatterCli> ');
    expect(send(shell, 'version', '\n')).toBe('version\r\nCHIP v1.3.0.0\r\nDone\r\nmatterCli> ');
    expect(send(shell, '')).toBe('\r\nmatterCli> ');
  });

  it('bytes may arrive one at a time; DEL erases with BS-space-BS', () => {
    const shell = new MatterShell(chipOf());
    let out = '';
    for (const byte of new TextEncoder().encode('versiox\x7fn\r')) out += text(shell.input(Uint8Array.of(byte)));
    expect(out).toBe('versiox\b \bn\r\nCHIP v1.3.0.0\r\nDone\r\nmatterCli> ');
  });

  it('an unknown command is an error naming it', () => {
    const shell = new MatterShell(chipOf());
    expect(send(shell, 'matter config')).toBe('matter config\r\nError matter: CHIP Error 0x0000002F: Invalid argument\r\nmatterCli> ');
  });

  it('tokenises on blanks with backslash escapes', () => {
    expect(tokenizeLine('  a\tb\\ c  d\\\\')).toEqual(['a', 'b c', 'd\\']);
  });

  it('help lists the root commands in the "  %-15s %s" format', () => {
    const lines = reply(new MatterShell(chipOf()), 'help');
    expect(lines).toContain('  version         Output the software version');
    expect(lines.some((l) => l.startsWith('  onboardingcodes Dump'))).toBe(true);
  });
});

describe('simulated Matter shell: a board without factory data shows the example fallbacks', () => {
  it.each(CATALOGUE_PARTS)('%s: config, onboardingcodes and the boot QR', (part) => {
    const shell = new MatterShell(chipOf(part), { uartLog: true });
    expect(reply(shell, 'config vendorid')).toEqual(['65521 (0xFFF1)', 'Done']);
    expect(reply(shell, 'config productid')).toEqual(['32773 (0x8005)', 'Done']);
    expect(reply(shell, 'config discriminator')).toEqual(['f00', 'Done']);
    expect(reply(shell, 'onboardingcodes ble')).toEqual([
      'QRCode:            MT:6FCJ142C00KA0648G00',
      'QRCodeUrl:         https://project-chip.github.io/connectedhomeip/qrcode.html?data=MT%3A6FCJ142C00KA0648G00',
      'ManualPairingCode: 34970112332',
      'Done',
    ]);
    const boot = text(shell.boot());
    expect(boot).toContain('[SVR] SetupQRCode: [MT:6FCJ142C00KA0648G00]\r\n');
    expect(boot).toContain('[DL]   Serial Number: (not set)\r\n');
    expect(boot.endsWith(SHELL_PROMPT)).toBe(true);
  });
});

describe('simulated Matter shell: a provisioned board answers from its NVM3', () => {
  it('config reads VID, PID, hardware version and discriminator; the passcode is not implemented (P1)', () => {
    const chip = chipOf();
    provision(chip);
    const shell = new MatterShell(chip);
    expect(reply(shell, 'config vendorid')).toEqual(['4891 (0x131B)', 'Done']);
    expect(reply(shell, 'config productid')).toEqual(['4097 (0x1001)', 'Done']);
    expect(reply(shell, 'config hardwarever')).toEqual(['3 (0x3)', 'Done']);
    expect(reply(shell, 'config discriminator')).toEqual(['a5c', 'Done']);
    expect(reply(shell, 'config pincode')).toEqual(['Error config: CHIP Error 0x0000002D: Not Implemented']);
    expect(reply(shell, 'config')).toEqual([
      'VendorId:        4891 (0x131B)',
      'ProductId:       4097 (0x1001)',
      'HardwareVersion: 3 (0x3)',
      'Error config: CHIP Error 0x0000002D: Not Implemented',
    ]);
  });

  it('onboardingcodes mixes the provisioned VID/PID/discriminator with the test passcode (P2)', () => {
    const chip = chipOf();
    provision(chip);
    const shell = new MatterShell(chip);
    const [qr] = reply(shell, 'onboardingcodes onnetwork qrcode');
    const decoded = decodeQrCode(qr!);
    expect(decoded.ok && decoded.value).toMatchObject({ vendorId: 0x131b, productId: 0x1001, discriminator: 0xa5c, passcode: 20202021, capabilities: 0x04 });
    const [manual] = reply(shell, 'onboardingcodes ble manualpairingcode');
    const code = decodeManualCode(manual!);
    expect(code.ok && code.value).toMatchObject({ passcode: 20202021, shortDiscriminator: 0xa });
    expect(reply(shell, 'onboardingcodes')).toEqual(['Error onboardingcodes: CHIP Error 0x0000002F: Invalid argument']);
  });

  it('the boot log carries the provisioned QR, serial and date, and compile-time VID/PID (P3, P4)', () => {
    const chip = chipOf();
    provision(chip);
    const shell = new MatterShell(chip, { uartLog: true });
    const lines = text(shell.boot()).split('\r\n');
    const qrLine = lines.find((l) => l.startsWith('[SVR] SetupQRCode: '))!;
    const qr = decodeQrCode(/\[(MT:[^\]]+)\]/.exec(qrLine)![1]!);
    expect(qr.ok && qr.value).toMatchObject({ vendorId: 0x131b, productId: 0x1001, discriminator: 0xa5c, passcode: PROVISIONED.passcode });
    expect(lines).toContain('[DL]   Serial Number: SN-000123');
    expect(lines).toContain('[DL]   Manufacturing Date: 2026/11/20');
    expect(lines).toContain('[DL]   Vendor Id: 65521 (0xFFF1)');
    expect(lines).toContain('[DL]   Setup Pin Code (0 for UNKNOWN/ERROR): 0');
    expect(lines).toContain('[DL]   Setup Discriminator (0xFFFF for UNKNOWN/ERROR): 2652 (0xA5C)');
  });

  it('reads flash at each command: provisioning after boot changes the next answer', () => {
    const chip = chipOf();
    const shell = new MatterShell(chip);
    expect(reply(shell, 'config vendorid')).toEqual(['65521 (0xFFF1)', 'Done']);
    provision(chip);
    expect(reply(shell, 'config vendorid')).toEqual(['4891 (0x131B)', 'Done']);
  });
});

describe('simulated Matter shell: destructive commands', () => {
  it('config discriminator <v> is answered and held in RAM until the next boot; out-of-range values fail', () => {
    const shell = new MatterShell(chipOf());
    expect(reply(shell, 'config discriminator 1234')).toEqual(['Setup discriminator set to: 1234', 'Done']);
    expect(reply(shell, 'config discriminator')).toEqual(['4d2', 'Done']);
    expect(reply(shell, 'config discriminator 4095')[1]).toBe('Error config: CHIP Error 0x0000002F: Invalid argument');
    shell.boot();
    expect(reply(shell, 'config discriminator')).toEqual(['f00', 'Done']);
  });

  it('device factoryreset answers; exit says Goodbye and the shell goes silent until boot', () => {
    const shell = new MatterShell(chipOf());
    expect(reply(shell, 'device factoryreset')).toEqual(['Performing factory reset ... ', 'Done']);
    expect(send(shell, 'exit')).toBe('exit\r\nGoodbye\r\n');
    expect(send(shell, 'version')).toBe('');
    expect(text(shell.boot())).toBe(SHELL_PROMPT);
    expect(reply(shell, 'ble adv state')).toEqual(['BLE advertising is enabled', 'Done']);
  });
});

describe('serial-garbage fault', () => {
  it('replaces every n-th byte with a non-ASCII byte, deterministically', () => {
    const bytes = new TextEncoder().encode('x'.repeat(40));
    const a = new SerialLine({ kind: 'serial-garbage', every: 8, seed: 7 }).transmit(bytes);
    const b = new SerialLine({ kind: 'serial-garbage', every: 8, seed: 7 }).transmit(bytes);
    expect(a).toEqual(b);
    expect([...a].map((v, i) => (v >= 0x80 ? i : -1)).filter((i) => i >= 0)).toEqual([7, 15, 23, 31, 39]);
    expect(new SerialLine(undefined).transmit(bytes)).toBe(bytes);
  });
});
