/**
 * The simulated board's UART on a real pseudo-terminal, so the host's serial code (the `serialport`
 * package) reaches the Matter shell through the OS tty layer exactly as it reaches /dev/ttyACM0.
 *
 * Node has no pty API, so `socat` (Debian package `socat`) makes the pty:
 *
 *     socat -d -d STDIO pty,raw,echo=0,link=PATH
 *
 * socat holds the pty's master side and copies it to and from its own stdin/stdout, which are pipes
 * to this process: the bytes the host writes to PATH come out of socat's stdout into the shell, and
 * the shell's answers (through the serial-line faults) go into socat's stdin and out of PATH. PATH is
 * a symlink to the /dev/pts/N slave socat reports on stderr (`PTY is /dev/pts/N`); the pty is ready
 * once socat reports `starting data transfer loop`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { MatterShell } from './matterShell';
import { SerialLine, type SerialFault } from './serialFaults';

export interface ShellPtyOptions {
  readonly shell: MatterShell;
  /** Where the symlink to the pty slave goes; without it the /dev/pts path is used as is. */
  readonly link?: string;
  readonly fault?: SerialFault;
  /** The socat binary. Default `socat` on PATH. */
  readonly socat?: string;
  /** How long to wait for socat to report its pty. Default 5000 ms. */
  readonly startTimeoutMs?: number;
}

export interface ShellPty {
  /** What the host opens: the link when one was given, otherwise the /dev/pts/N slave. */
  readonly path: string;
  /** The /dev/pts/N slave socat created. */
  readonly device: string;
  /** Sends the shell's boot output (boot log with `uartLog`, then the prompt) as after a reset. */
  reboot(): void;
  /** Stops socat; the pty (and the link) disappear. */
  close(): Promise<void>;
}

export function startShellPty(options: ShellPtyOptions): Promise<Result<ShellPty>> {
  // socat's address syntax splits on these; a path holding one would be read as another option.
  if (options.link !== undefined && /[,:!{}[\]'"\\\s]/.test(options.link)) {
    return Promise.resolve(failure('SHELL_PTY_UNAVAILABLE', `link ${options.link}: socat cannot take a path with a comma, colon, bang, bracket, quote, backslash or blank`));
  }
  const args = ['-d', '-d', 'STDIO', `pty,raw,echo=0${options.link === undefined ? '' : `,link=${options.link}`}`];
  const line = new SerialLine(options.fault);
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(options.socat ?? 'socat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (error) {
      resolve(failure('SHELL_PTY_UNAVAILABLE', `socat: ${String(error)}`));
      return;
    }
    let settled = false;
    let stderr = '';
    let exited = false;
    const exitPromise = new Promise<void>((done) => child.once('exit', () => done()));
    const timer = setTimeout(() => finish(failure('SHELL_PTY_UNAVAILABLE', `socat: no pty reported within ${options.startTimeoutMs ?? 5000} ms; stderr: ${stderr.trim()}`)), options.startTimeoutMs ?? 5000);

    const send = (bytes: Uint8Array) => {
      if (!exited && bytes.length > 0 && child.stdin?.writable === true) child.stdin.write(line.transmit(bytes));
    };

    function finish(result: Result<ShellPty>): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!result.ok && !exited) child.kill('SIGTERM');
      resolve(result);
    }

    child.once('error', (error) => finish(failure('SHELL_PTY_UNAVAILABLE', `socat: ${error.message}`)));
    child.once('exit', (code, signal) => {
      exited = true;
      finish(failure('SHELL_PTY_UNAVAILABLE', `socat exited (${signal ?? code ?? '?'}) before reporting a pty: ${stderr.trim()}`));
    });
    child.stdin?.on('error', () => undefined); // socat gone: nothing more to send
    child.stdout?.on('data', (chunk: Buffer) => send(options.shell.input(chunk)));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (settled) return;
      stderr += chunk;
      // The link exists once socat has opened both sides and says so.
      const match = /PTY is (\S+)/.exec(stderr);
      if (match === null || !stderr.includes('starting data transfer loop')) return;
      const device = match[1]!;
      finish(
        success({
          path: options.link ?? device,
          device,
          reboot: () => send(options.shell.boot()),
          close: async () => {
            if (!exited) child.kill('SIGTERM');
            await exitPromise;
          },
        }),
      );
    });
  });
}
