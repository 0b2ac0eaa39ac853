/**
 * `matterline sim serve`: one simulated board for tools outside this process (docs/simulator.md).
 *   sim serve --probe sim:PART[@STATEFILE][?options] [--socket PATH | --tcp PORT] [--token T]
 *             [--no-shell] [--shell-link PATH] [--uart-log] [--serial-garbage N]
 * Prints the socket address, the token and the shell's pty, then runs until SIGINT/SIGTERM and saves
 * the state file (when the address has one) on the way out.
 * Exit codes: 0 stopped cleanly; 1 the socket, the pty or the state file failed; 2 bad input.
 *
 * `matterline sim firmware --kind agent|app --part PART --out FILE(.hex/.s37/.bin) [--image-version N] [--size BYTES]`
 * writes a simulated firmware image (main/sim/firmware.ts) that a simulated board runs once it is
 * programmed at the flash base and the board is reset. It never overwrites a file.
 * Exit codes: 0 written; 1 the file could not be written; 2 bad input (including an existing --out).
 *
 * `matterline sim bench place|remove`: simBench.ts.
 */
import fs from 'node:fs';
import { Option } from 'commander';
import { appError, type ErrorCode } from '../../../preload/contract/errors';
import { formatFromFileName, hexAddress, writeFirmware } from '../../firmware';
import { buildSimulatedFirmware, SIM_FIRMWARE_KINDS, type SimFirmwareKind } from '../../sim/firmware';
import { serveBoard } from '../../sim/serve';
import { registerSimBench } from './simBench';
import { parseInteger } from '../arguments';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

const BAD_INPUT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['PROBE_ADDRESS_INVALID', 'PROBE_ADDRESS_UNAVAILABLE', 'CLI_BAD_ARGUMENT']);

interface FirmwareCliOptions {
  kind: SimFirmwareKind;
  part: string;
  out: string;
  imageVersion?: number;
  size?: number;
}

interface ServeCliOptions {
  probe: string;
  socket?: string;
  tcp?: number;
  token?: string;
  shell: boolean;
  shellLink?: string;
  uartLog?: boolean;
  serialGarbage?: number;
}

export const registerSimCommand: RegisterCommand = (program, context) => {
  const sim = program.command('sim').description('the simulated EFR32 board for other tools: its debug port on a socket, its shell on a pty');
  sim
    .command('serve')
    .description('serve a simulated board on a local socket (newline-delimited JSON) and its Matter shell on a pseudo-terminal')
    .addOption(new Option('--probe <address>', 'sim:PART[@STATEFILE][?options] (docs/probes.md)').makeOptionMandatory())
    .addOption(new Option('--socket <path>', 'listen on this Unix domain socket').conflicts('tcp'))
    .addOption(new Option('--tcp <port>', 'listen on 127.0.0.1:PORT (0 picks a free port; the default)').argParser(parseInteger('--tcp', 0, 65535)))
    .option('--token <token>', 'the token clients must send in hello (default: random, printed)')
    .option('--no-shell', 'do not put the Matter shell on a pseudo-terminal')
    .option('--shell-link <path>', 'a symlink to the shell\'s pseudo-terminal')
    .option('--uart-log', 'the firmware logs to the UART too: the shell prints the boot log')
    .addOption(new Option('--serial-garbage <n>', 'fault: every n-th byte the board sends is corrupted').argParser(parseInteger('--serial-garbage', 1, 1_000_000)))
    .action(async (options: ServeCliOptions) => {
      const { output, runtime } = context;
      const served = await serveBoard({
        probe: options.probe,
        listen: options.socket === undefined ? { port: options.tcp ?? 0 } : { path: options.socket },
        shell: options.shell,
        ...(options.token === undefined ? {} : { token: options.token }),
        ...(options.shellLink === undefined ? {} : { shellLink: options.shellLink }),
        ...(options.uartLog === true ? { uartLog: true } : {}),
        ...(options.serialGarbage === undefined ? {} : { serialFault: { kind: 'serial-garbage', every: options.serialGarbage } }),
      });
      if (!served.ok) {
        printError(output, served.error);
        context.setExitCode(BAD_INPUT_CODES.has(served.error.code) ? EXIT_BAD_INPUT : EXIT_FAILED);
        return;
      }
      const { address, token, part, pty } = served.value;
      if (output.json) printJson(output, { ok: true, part, socket: address, token, pty });
      else {
        output.write([`simulated ${part}`, `socket: ${address}`, `token:  ${token}`, `shell:  ${pty ?? '(none)'}`, 'Press Ctrl+C to stop.'].join('\n'));
      }
      await (runtime.untilStopped ?? untilSignal)();
      const saved = await served.value.stop();
      if (!saved.ok) {
        printError(output, saved.error);
        context.setExitCode(EXIT_FAILED);
        return;
      }
      context.setExitCode(EXIT_OK);
    });

  sim
    .command('firmware')
    .description('write a simulated firmware image (agent or Matter application) that a simulated board recognises at its flash base')
    .addOption(new Option('--kind <kind>', 'agent: the provisioning agent; app: a Matter application').choices([...SIM_FIRMWARE_KINDS]).makeOptionMandatory())
    .addOption(new Option('--part <opn>', 'orderable part number, e.g. EFR32MG24B210F1536IM48').makeOptionMandatory())
    .addOption(new Option('--out <file>', 'output file: .hex (Intel HEX), .s37 (S-record) or .bin (raw, first byte at the flash base); never overwritten').makeOptionMandatory())
    .addOption(new Option('--image-version <n>', 'the version in the header (u32, default 1)').argParser(parseInteger('--image-version', 0, 0xffffffff)))
    .addOption(new Option('--size <bytes>', 'image size, a multiple of 4 (default one flash page)').argParser(parseInteger('--size', 16, 64 * 1024 * 1024)))
    .action((options: FirmwareCliOptions) => writeSimulatedFirmware(context, options));

  registerSimBench(sim, context);
};

function writeSimulatedFirmware(context: CliContext, options: FirmwareCliOptions): void {
  const { output } = context;
  const badInput = (code: ErrorCode, detail: string): void => {
    printError(output, appError(code, detail));
    context.setExitCode(EXIT_BAD_INPUT);
  };
  const format = formatFromFileName(options.out);
  if (format === null) return badInput('CLI_BAD_ARGUMENT', `--out ${options.out}: expected a .hex, .s37 or .bin file name`);
  const image = buildSimulatedFirmware({
    kind: options.kind,
    part: options.part,
    ...(options.imageVersion === undefined ? {} : { version: options.imageVersion }),
    ...(options.size === undefined ? {} : { size: options.size }),
  });
  if (!image.ok) return badInput(image.error.code, `--part ${options.part}: ${image.error.detail ?? image.error.message}`);
  const bytes = writeFirmware(image.value, format);
  if (!bytes.ok) return badInput(bytes.error.code, `--out ${options.out}: ${bytes.error.detail ?? bytes.error.message}`);
  try {
    fs.writeFileSync(options.out, bytes.value, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return badInput('CLI_BAD_ARGUMENT', `--out ${options.out}: the file already exists; it is never overwritten`);
    printError(output, appError('FILE_NOT_WRITABLE', `--out ${options.out}: ${error instanceof Error ? error.message : String(error)}`));
    context.setExitCode(EXIT_FAILED);
    return;
  }
  const segment = image.value.segments[0]!;
  const version = options.imageVersion ?? 1;
  if (output.json) {
    printJson(output, { ok: true, out: options.out, format, kind: options.kind, version, address: segment.address, size: segment.bytes.length, bytes: bytes.value.length });
  } else {
    output.write(`Wrote ${options.out}: simulated ${options.kind} firmware v${version}, ${segment.bytes.length} bytes at ${hexAddress(segment.address)}`);
  }
  context.setExitCode(EXIT_OK);
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
