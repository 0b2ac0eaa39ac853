/**
 * The simulated firmware's Matter shell on the board's VCOM UART (matter-shell.md §1–§3): a pure,
 * line-oriented responder. Bytes the host sends go in; the bytes the firmware would send back come
 * out (echo, `\r\n`, the answer, `Done` or `Error <cmd>: …`, then the prompt `matterCli> `).
 * Answers are read from the board's flash at each command (deviceData.ts), so a board programmed
 * through the debug port answers with its new values at once.
 */
import { encodeManualCode, encodeQrCode, type SetupPayload } from '../../matter/onboarding';
import type { SimulatedEfr32 } from '../efr32';
import { EXAMPLE_BUILD_DEFAULTS, readShellDeviceData, type ShellBuildDefaults, type ShellDeviceData } from './deviceData';

export const SHELL_PROMPT = 'matterCli> ';
export const QR_CODE_URL_BASE = 'https://project-chip.github.io/connectedhomeip/qrcode.html';
/** CHIP_SHELL_MAX_LINE_SIZE: characters past this are dropped (not echoed). */
export const SHELL_MAX_LINE = 255;

/** The `FormatCHIPError` texts the simulator prints (the exact wording depends on build options, §7.1). */
export const CHIP_ERROR_TEXT = {
  invalidArgument: 'CHIP Error 0x0000002F: Invalid argument',
  notImplemented: 'CHIP Error 0x0000002D: Not Implemented',
} as const;

export interface MatterShellOptions {
  /** The build's compile-time values; default the Silabs lighting example's. */
  readonly defaults?: Partial<ShellBuildDefaults>;
  /** Built with `--uart_log`: the boot log goes to the UART too (§3.1). Default false (logs on RTT). */
  readonly uartLog?: boolean;
}

const RENDEZVOUS: Readonly<Record<string, number>> = { none: 0, softap: 0x01, ble: 0x02, onnetwork: 0x04 };

const ROOT_HELP: ReadonlyArray<readonly [string, string]> = [
  ['exit', 'Exit the shell application'],
  ['help', 'List out all top level commands'],
  ['version', 'Output the software version'],
  ['ble', 'BLE transport commands'],
  ['config', 'Manage device configuration. Usage to dump value: config [param_name] and to set some values (discriminator): config [param_name] [param_value].'],
  ['device', 'Device management commands'],
  ['onboardingcodes', 'Dump device onboarding codes. Usage: onboardingcodes none|softap|ble|onnetwork [qrcode|qrcodeurl|manualpairingcode]'],
];

type CommandResult = { readonly lines: readonly string[]; readonly error?: string };

/** `%u (0x%X)`. */
function decHex(value: number): string {
  return `${value} (0x${value.toString(16).toUpperCase()})`;
}

/** Every character outside A–Z a–z 0–9 - . _ ~ as %XX (OnboardingCodesUtil EncodeQRCodeToUrl). */
export function qrCodeUrl(qrCode: string): string {
  const encoded = [...qrCode].map((c) => (/^[A-Za-z0-9\-._~]$/.test(c) ? c : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return `${QR_CODE_URL_BASE}?data=${encoded}`;
}

/** Splits on space, TAB, CR, LF; a backslash escapes the next character (MainLoopSilabs TokenizeLine). */
export function tokenizeLine(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      current += line[i + 1]!;
      inToken = true;
      i += 1;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += c;
      inToken = true;
    }
  }
  if (inToken) tokens.push(current);
  return tokens;
}

export class MatterShell {
  private readonly defaults: ShellBuildDefaults;
  private line = '';
  private lastWasCr = false;
  private exited = false;
  private discriminatorOverride: number | null = null;
  private bleAdvertising = true;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly chip: SimulatedEfr32,
    private readonly options: MatterShellOptions = {},
  ) {
    this.defaults = { ...EXAMPLE_BUILD_DEFAULTS, ...options.defaults };
  }

  /** What the board reports now (flash read fresh, plus the RAM-only changes a command made). */
  deviceData(): ShellDeviceData {
    const data = readShellDeviceData(this.chip, this.defaults);
    return this.discriminatorOverride === null ? data : { ...data, discriminator: this.discriminatorOverride };
  }

  /** What the UART carries after a reset: the boot log (only with `uartLog`), then the prompt. Clears `exit`. */
  boot(): Uint8Array {
    this.exited = false;
    this.line = '';
    this.lastWasCr = false;
    this.discriminatorOverride = null;
    const log = this.options.uartLog === true ? this.bootLog().map((l) => `${l}\r\n`).join('') : '';
    return this.encoder.encode(log + SHELL_PROMPT);
  }

  /** The boot log lines (§3.2), without line endings, in UART form `[MOD] message`. */
  bootLog(): string[] {
    const d = this.deviceData();
    const f = d.factory;
    const bar = '='.repeat(50);
    return [
      `[DL] ${bar}`,
      `[DL] ${this.defaults.deviceName} starting`,
      `[DL] ${bar}`,
      '[DL] Init CHIP Stack',
      `[DL] Provision mode ${f.provisionRequest === true ? 'ENABLED' : 'disabled'}`,
      '[DL] Initializing OpenThread stack',
      '[DL] Starting OpenThread task',
      '[-] Starting Platform Manager Event Loop',
      '[DL] Starting App Task',
      `[SVR] Current Software Version String: ${this.defaults.softwareVersionString}`,
      `[SVR] Current Software Version: ${this.defaults.softwareVersion}`,
      '[DL] Device Configuration:',
      `[DL]   Serial Number: ${f.serialNumber ?? '(not set)'}`,
      `[DL]   Vendor Id: ${decHex(this.defaults.vendorId)}`,
      `[DL]   Product Id: ${decHex(this.defaults.productId)}`,
      `[DL]   Hardware Version: ${d.hardwareVersion}`,
      '[DL]   Setup Pin Code (0 for UNKNOWN/ERROR): 0',
      `[DL]   Setup Discriminator (0xFFFF for UNKNOWN/ERROR): ${decHex(d.discriminator)}`,
      `[DL]   Manufacturing Date: ${f.manufacturingDate === undefined ? '(not set)' : f.manufacturingDate.slice(0, 10).replaceAll('-', '/')}`,
      `[DL]   Device Type: ${decHex(this.defaults.deviceType)}`,
      `[SVR] SetupQRCode: [${d.setupQrCode}]`,
      '[SVR] Copy/paste the below URL in a browser to see the QR Code:',
      `[SVR] ${qrCodeUrl(d.setupQrCode)}`,
    ];
  }

  /** Bytes from the host → bytes the firmware sends back. */
  input(bytes: Uint8Array): Uint8Array {
    let out = '';
    for (const byte of bytes) {
      if (this.exited) continue;
      const wasCr = this.lastWasCr;
      this.lastWasCr = byte === 0x0d;
      if (byte === 0x0d || byte === 0x0a) {
        if (byte === 0x0a && wasCr) continue; // CRLF counts once
        out += '\r\n';
        const line = this.line;
        this.line = '';
        out += this.execute(line);
      } else if (byte === 0x7f || byte === 0x08) {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          out += '\b \b';
        }
      } else if ((byte >= 0x20 && byte < 0x7f) || byte === 0x09) {
        if (this.line.length < SHELL_MAX_LINE) {
          const c = String.fromCharCode(byte);
          this.line += c;
          out += c;
        }
      }
    }
    return this.encoder.encode(out);
  }

  private execute(line: string): string {
    const argv = tokenizeLine(line);
    if (argv.length === 0) return SHELL_PROMPT;
    const result = this.dispatch(argv);
    const body = result.lines.map((l) => `${l}\r\n`).join('');
    if (this.exited) return body;
    const trailer = result.error === undefined ? 'Done\r\n' : `Error ${argv[0]!}: ${result.error}\r\n`;
    return body + trailer + SHELL_PROMPT;
  }

  private dispatch(argv: readonly string[]): CommandResult {
    const [command, ...args] = argv;
    switch (command) {
      case 'help':
        return { lines: ROOT_HELP.map(([name, text]) => `  ${name.padEnd(15)} ${text}`) };
      case 'version':
        return { lines: [`CHIP ${this.defaults.sdkVersion}`] };
      case 'exit':
        this.exited = true;
        return { lines: ['Goodbye'] };
      case 'config':
        return this.config(args);
      case 'onboardingcodes':
        return this.onboardingCodes(args);
      case 'device':
        return this.device(args);
      case 'ble':
        return this.ble(args);
      default:
        return { lines: [], error: CHIP_ERROR_TEXT.invalidArgument };
    }
  }

  private config(args: readonly string[]): CommandResult {
    const d = this.deviceData();
    const values = {
      vendorid: decHex(d.vendorId),
      productid: decHex(d.productId),
      hardwarever: decHex(d.hardwareVersion),
      discriminator: (d.discriminator & 0xfff).toString(16).padStart(3, '0'),
    };
    if (args.length === 0) {
      // PrintAllConfigs stops at the first failing getter: the passcode (NOT_IMPLEMENTED on Silabs, P1).
      return {
        lines: [`VendorId:        ${values.vendorid}`, `ProductId:       ${values.productid}`, `HardwareVersion: ${values.hardwarever}`],
        error: CHIP_ERROR_TEXT.notImplemented,
      };
    }
    const [name, value] = args;
    if (name === 'help') {
      return { lines: ['  vendorid', '  productid', '  hardwarever', '  pincode', '  discriminator'].map((l) => l) };
    }
    if (name === 'pincode') return { lines: [], error: CHIP_ERROR_TEXT.notImplemented };
    if (name === 'discriminator' && value !== undefined) {
      // Destructive on hardware (writes NVM3); the simulator keeps it in RAM until the next boot.
      const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(parsed >= 1 && parsed < 0xfff)) return { lines: [`Setup discriminator setting failed with code: ${0x2f}`], error: CHIP_ERROR_TEXT.invalidArgument };
      this.discriminatorOverride = parsed;
      return { lines: [`Setup discriminator set to: ${parsed}`] };
    }
    if (value === undefined && name !== undefined && name in values) return { lines: [values[name as keyof typeof values]] };
    return { lines: [], error: CHIP_ERROR_TEXT.invalidArgument };
  }

  private onboardingCodes(args: readonly string[]): CommandResult {
    const [rendezvous, which, extra] = args;
    if (rendezvous === undefined || extra !== undefined || !(rendezvous in RENDEZVOUS)) return { lines: [], error: CHIP_ERROR_TEXT.invalidArgument };
    const d = this.deviceData();
    // GetPayloadContents: VID/PID/discriminator from the providers, the passcode from the test macro (P2).
    const payload: SetupPayload = {
      version: 0,
      vendorId: d.vendorId,
      productId: d.productId,
      flow: 0,
      capabilities: RENDEZVOUS[rendezvous]!,
      discriminator: d.discriminator,
      passcode: this.defaults.testPasscode,
    };
    const qr = encodeQrCode(payload, { mode: 'consume' });
    const manual = encodeManualCode(payload);
    if (!qr.ok || !manual.ok) return { lines: [], error: CHIP_ERROR_TEXT.invalidArgument };
    const url = qrCodeUrl(qr.value);
    switch (which) {
      case undefined:
        return { lines: [`QRCode:            ${qr.value}`, `QRCodeUrl:         ${url}`, `ManualPairingCode: ${manual.value}`] };
      case 'qrcode':
        return { lines: [qr.value] };
      case 'qrcodeurl':
        return { lines: [url] };
      case 'manualpairingcode':
        return { lines: [manual.value] };
      default:
        return { lines: [], error: CHIP_ERROR_TEXT.invalidArgument };
    }
  }

  private device(args: readonly string[]): CommandResult {
    if (args.length === 0 || args[0] === 'help') return { lines: ['  factoryreset    Performs device factory reset'] };
    // Destructive on hardware (clears the Matter config group, then reboots); the simulator only answers.
    if (args[0] === 'factoryreset' && args.length === 1) return { lines: ['Performing factory reset ... '] };
    return { lines: [], error: CHIP_ERROR_TEXT.invalidArgument };
  }

  private ble(args: readonly string[]): CommandResult {
    if (args[0] !== 'adv' || args.length !== 2) return { lines: [], error: CHIP_ERROR_TEXT.invalidArgument };
    switch (args[1]) {
      case 'start':
        if (this.bleAdvertising) return { lines: ['BLE advertising already enabled'] };
        this.bleAdvertising = true;
        return { lines: ['Starting BLE advertising'] };
      case 'stop':
        if (!this.bleAdvertising) return { lines: ['BLE advertising already stopped'] };
        this.bleAdvertising = false;
        return { lines: ['Stopping BLE advertising'] };
      case 'state':
        return { lines: [`BLE advertising is ${this.bleAdvertising ? 'enabled' : 'disabled'}`] };
      default:
        return { lines: [], error: CHIP_ERROR_TEXT.invalidArgument };
    }
  }
}
