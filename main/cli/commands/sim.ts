/**
 * `matterline sim serve`: one simulated board for tools outside this process (docs/simulator.md).
 *   sim serve --probe sim:PART[@STATEFILE][?options] [--socket PATH | --tcp PORT] [--token T]
 *             [--no-shell] [--shell-link PATH] [--uart-log] [--serial-garbage N]
 * Prints the socket address, the token and the shell's pty, then runs until SIGINT/SIGTERM and saves
 * the state file (when the address has one) on the way out.
 * Exit codes: 0 stopped cleanly; 1 the socket, the pty or the state file failed; 2 bad input.
 */
import { Option } from 'commander';
import type { ErrorCode } from '../../../preload/contract/errors';
import { serveBoard } from '../../sim/serve';
import { parseInteger } from '../arguments';
import type { RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

const BAD_INPUT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['PROBE_ADDRESS_INVALID', 'PROBE_ADDRESS_UNAVAILABLE', 'CLI_BAD_ARGUMENT']);

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
};

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
