/**
 * `sim serve`'s socket: one simulated board behind the newline-delimited JSON protocol of
 * protocol.ts, on a Unix domain socket or 127.0.0.1 TCP. Every connection must first say `hello`
 * with the per-run token. Requests from all connections run one at a time, in arrival order, since
 * they act on one board.
 */
import net from 'node:net';
import { appError, failure, success, type AppErrorInfo, type Result } from '../../../preload/contract/errors';
import type { AccessWidth, DebugPort, ResetKind, RttChannel } from '../../probes/debugPort';
import { fromHex, LineReader, SIM_SERVE_PROTOCOL_VERSION, toHex } from './protocol';

export type SimServeListen = { readonly path: string } | { readonly host?: '127.0.0.1'; readonly port: number };

export interface SimServerOptions {
  readonly port: DebugPort;
  readonly listen: SimServeListen;
  readonly token: string;
  /** Told in `hello`'s answer. */
  readonly part?: string;
}

export interface SimServer {
  /** `unix:PATH` or `tcp:127.0.0.1:PORT`, as RemoteDebugPort.connect takes it. */
  readonly address: string;
  readonly token: string;
  close(): Promise<void>;
}

type Request = Record<string, unknown> & { readonly id: unknown; readonly op: unknown };
type Reply = (message: Record<string, unknown>) => void;

const isUint = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
const WIDTHS = new Set([8, 16, 32]);
const RESETS = new Set(['hardware', 'system', 'halt']);

export function startSimServer(options: SimServerOptions): Promise<Result<SimServer>> {
  const sockets = new Set<net.Socket>();
  let queue: Promise<void> = Promise.resolve();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setEncoding('utf8');
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let authenticated = false;
    let rtt: RttChannel | null = null;
    const reply: Reply = (message) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
    };
    const refuse = (id: unknown, error: AppErrorInfo) => reply({ id, ok: false, error });
    const reader = new LineReader(
      (line) => {
        let request: Request;
        try {
          const parsed: unknown = JSON.parse(line);
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
          request = parsed as Request;
        } catch {
          // Through the queue like every answer, so answers stay in request order.
          queue = queue.then(() => refuse(null, appError('SIM_SERVE_PROTOCOL', `not a JSON object: ${line.slice(0, 80)}`)));
          return;
        }
        if (!authenticated) {
          if (request.op === 'hello' && request.token === options.token) {
            authenticated = true;
            reply({ id: request.id, ok: true, value: { protocol: SIM_SERVE_PROTOCOL_VERSION, part: options.part ?? null, address: options.port.address } });
          } else {
            refuse(request.id, appError('SIM_SERVE_TOKEN', request.op === 'hello' ? 'hello: wrong token' : `${String(request.op)}: say hello with the token first`));
            socket.end();
          }
          return;
        }
        queue = queue.then(async () => {
          const result = await execute(options.port, request, (progress) => reply({ id: request.id, progress }), {
            get: () => rtt,
            set: (channel) => {
              rtt = channel;
            },
          });
          reply(result.ok ? { id: request.id, ok: true, value: result.value } : { id: request.id, ok: false, error: result.error });
        });
      },
      () => {
        refuse(null, appError('SIM_SERVE_PROTOCOL', 'line too long'));
        socket.destroy();
      },
    );
    socket.on('data', (chunk: string) => reader.push(chunk));
    socket.on('close', () => {
      const channel = rtt;
      rtt = null;
      if (channel !== null) void channel.close();
    });
  });

  return new Promise((resolve) => {
    const onError = (error: Error) => resolve(failure('SIM_SERVE_FAILED', `${describe(options.listen)}: ${error.message}`));
    server.once('error', onError);
    const listening = () => {
      server.off('error', onError);
      const bound = server.address();
      const address = typeof bound === 'string' ? `unix:${bound}` : bound === null ? describe(options.listen) : `tcp:127.0.0.1:${bound.port}`;
      resolve(
        success({
          address,
          token: options.token,
          close: () =>
            new Promise<void>((done) => {
              for (const socket of sockets) socket.destroy();
              server.close(() => done());
            }),
        }),
      );
    };
    if ('path' in options.listen) server.listen(options.listen.path, listening);
    else server.listen(options.listen.port, '127.0.0.1', listening);
  });
}

function describe(listen: SimServeListen): string {
  return 'path' in listen ? `unix:${listen.path}` : `tcp:127.0.0.1:${listen.port}`;
}

interface RttSlot {
  get(): RttChannel | null;
  set(channel: RttChannel | null): void;
}

async function execute(port: DebugPort, request: Request, onProgress: (progress: { done: number; total: number }) => void, rtt: RttSlot): Promise<Result<unknown>> {
  const op = String(request.op);
  const bad = (what: string) => failure('SIM_SERVE_PROTOCOL', `${op}: ${what}`);
  const call = isUint(request.timeoutMs) ? { timeoutMs: request.timeoutMs } : {};
  const width = request.width === undefined ? undefined : (request.width as AccessWidth);
  if (width !== undefined && !WIDTHS.has(width)) return bad('width must be 8, 16 or 32');
  const widthOption = width === undefined ? {} : { width };
  const { register, ap, value, address, length } = request;
  switch (op) {
    case 'readDp':
      return isUint(register) ? port.readDp(register, call) : bad('register must be a number');
    case 'writeDp':
      return isUint(register) && isUint(value) ? nullOf(await port.writeDp(register, value, call)) : bad('register and value must be numbers');
    case 'readAp':
      return isUint(ap) && isUint(register) ? port.readAp(ap, register, call) : bad('ap and register must be numbers');
    case 'writeAp':
      return isUint(ap) && isUint(register) && isUint(value) ? nullOf(await port.writeAp(ap, register, value, call)) : bad('ap, register and value must be numbers');
    case 'readMemory': {
      if (!isUint(address) || !isUint(length)) return bad('address and length must be numbers');
      const read = await port.readMemory(address, length, { ...call, ...widthOption });
      return read.ok ? success(toHex(read.value)) : read;
    }
    case 'writeMemory':
    case 'programFlash': {
      const data = fromHex(request.data);
      if (!isUint(address) || data === null) return bad('address must be a number and data hex');
      if (op === 'writeMemory') return nullOf(await port.writeMemory(address, data, { ...call, ...widthOption }));
      return nullOf(await port.programFlash(address, data, { ...call, onProgress: (p) => onProgress({ done: p.doneBytes, total: p.totalBytes }) }));
    }
    case 'reset':
      return typeof request.kind === 'string' && RESETS.has(request.kind) ? nullOf(await port.reset(request.kind as ResetKind, call)) : bad('kind must be hardware, system or halt');
    case 'halt':
      return nullOf(await port.halt(call));
    case 'go':
      return nullOf(await port.go(call));
    case 'rttOpen': {
      const existing = rtt.get();
      if (existing !== null) await existing.close();
      rtt.set(null);
      const opened = await port.openRtt({ ...call, ...(isUint(request.controlBlockAddress) ? { controlBlockAddress: request.controlBlockAddress } : {}) });
      if (!opened.ok) return opened;
      rtt.set(opened.value);
      return success(null);
    }
    case 'rttRead':
    case 'rttWrite': {
      const channel = rtt.get();
      if (channel === null) return bad('no RTT channel open (send rttOpen first)');
      if (!isUint(request.buffer)) return bad('buffer must be a number');
      if (op === 'rttRead') {
        if (!isUint(request.maxBytes)) return bad('maxBytes must be a number');
        const read = await channel.read(request.buffer, request.maxBytes, call);
        return read.ok ? success(toHex(read.value)) : read;
      }
      const data = fromHex(request.data);
      return data === null ? bad('data must be hex') : channel.write(request.buffer, data, call);
    }
    case 'rttClose': {
      const channel = rtt.get();
      rtt.set(null);
      if (channel !== null) await channel.close();
      return success(null);
    }
    default:
      return bad('unknown operation');
  }
}

function nullOf(result: Result<void>): Result<null> {
  return result.ok ? success(null) : result;
}
