/**
 * `matterline sim serve` without the command line: one simulated board (opened from its `sim:`
 * address, state file included) on a local socket (server.ts) and its UART Matter shell on a
 * pseudo-terminal (main/sim/shell/ptyServer.ts). `stop()` closes both and saves the state file.
 */
import { randomBytes } from 'node:crypto';
import { failure, success, type Result } from '../../../preload/contract/errors';
import { parseProbeAddress } from '../../probes/address';
import { openProbe } from '../../probes/open';
import { MatterShell, startShellPty, type SerialFault, type ShellPty } from '../shell';
import { SimulatedDebugPort } from '../simulatedDebugPort';
import { startSimServer, type SimServeListen, type SimServer } from './server';

export interface ServeOptions {
  /** `sim:PART[@STATEFILE][?options]` (docs/probes.md). */
  readonly probe: string;
  /** Default: 127.0.0.1 on a free TCP port. */
  readonly listen?: SimServeListen;
  /** Default: 16 random bytes in hex. */
  readonly token?: string;
  /** Put the shell on a pty (needs socat). Default true. */
  readonly shell?: boolean;
  /** A symlink to the pty slave. */
  readonly shellLink?: string;
  readonly uartLog?: boolean;
  readonly serialFault?: SerialFault;
}

export interface ServedBoard {
  readonly address: string;
  readonly token: string;
  readonly part: string;
  /** The pty the shell answers on, or null without one. */
  readonly pty: string | null;
  readonly ptyDevice: string | null;
  /** Closes the socket and the pty, saves the state file; returns the save's result. */
  stop(): Promise<Result<void>>;
}

export async function serveBoard(options: ServeOptions): Promise<Result<ServedBoard>> {
  // Only simulated boards are served: a `jlink:` address would load SEGGER's library here.
  const parsed = parseProbeAddress(options.probe);
  if (parsed.ok && parsed.value.kind !== 'sim') return failure('PROBE_ADDRESS_UNAVAILABLE', `${options.probe}: sim serve serves simulated boards only`);
  const opened = await openProbe(options.probe);
  if (!opened.ok) return opened;
  const { port, save, address } = opened.value;
  if (!(port instanceof SimulatedDebugPort) || address.kind !== 'sim') {
    await port.close();
    return failure('PROBE_ADDRESS_UNAVAILABLE', `${options.probe}: sim serve serves simulated boards only`);
  }
  const token = options.token ?? randomBytes(16).toString('hex');
  const server = await startSimServer({ port, listen: options.listen ?? { port: 0 }, token, part: address.part });
  if (!server.ok) {
    await port.close();
    return server;
  }
  let pty: ShellPty | null = null;
  if (options.shell !== false) {
    const shell = new MatterShell(port.chip, { uartLog: options.uartLog ?? false });
    const started = await startShellPty({
      shell,
      ...(options.shellLink === undefined ? {} : { link: options.shellLink }),
      ...(options.serialFault === undefined ? {} : { fault: options.serialFault }),
    });
    if (!started.ok) {
      await server.value.close();
      await port.close();
      return started;
    }
    pty = started.value;
    pty.reboot();
  }
  const served: SimServer = server.value;
  return success({
    address: served.address,
    token,
    part: address.part,
    pty: pty?.path ?? null,
    ptyDevice: pty?.device ?? null,
    stop: async () => {
      await served.close();
      await pty?.close();
      const saved = await save();
      await port.close();
      return saved;
    },
  });
}
