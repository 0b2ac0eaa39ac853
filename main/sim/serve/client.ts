/**
 * A DebugPort that drives a board served by `matterline sim serve` over its socket (protocol.ts), so
 * the EFR32 sequences (main/target) run end to end through the wire exactly as the C J-Link stand-in
 * will forward them. One request at a time per connection; each call honours its timeout and
 * AbortSignal on this side (the server finishes the call, its late answer is dropped).
 */
import net from 'node:net';
import { failure, isErrorCode, success, type Result } from '../../../preload/contract/errors';
import type { AccessWidth, CallOptions, DebugPort, FlashProgress, ResetKind, RttChannel } from '../../probes/debugPort';
import { fromHex, LineReader, toHex } from './protocol';

export const DEFAULT_REMOTE_TIMEOUT_MS = 10_000;

interface Pending {
  readonly op: string;
  readonly resolve: (result: Result<unknown>) => void;
  readonly onProgress?: (progress: FlashProgress) => void;
}

/** `unix:PATH` or `tcp:127.0.0.1:PORT`. */
export function parseServeAddress(address: string): Result<net.NetConnectOpts> {
  if (address.startsWith('unix:') && address.length > 5) return success({ path: address.slice(5) });
  const tcp = /^tcp:(127\.0\.0\.1|localhost):(\d{1,5})$/.exec(address);
  if (tcp !== null && Number(tcp[2]) > 0 && Number(tcp[2]) < 65536) return success({ host: '127.0.0.1', port: Number(tcp[2]) });
  return failure('SIM_SERVE_PROTOCOL', `${address}: expected unix:PATH or tcp:127.0.0.1:PORT`);
}

export class RemoteDebugPort implements DebugPort {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedReason: string | null = null;

  private constructor(
    readonly address: string,
    private readonly socket: net.Socket,
  ) {
    socket.setEncoding('utf8');
    const reader = new LineReader(
      (line) => this.onLine(line),
      () => this.drop('the server sent a line that is too long'),
    );
    socket.on('data', (chunk: string) => reader.push(chunk));
    socket.on('error', (error) => this.drop(error.message));
    socket.on('close', () => this.drop('the server closed the connection'));
  }

  /** Connects and says hello with the token. */
  static connect(address: string, token: string, options: CallOptions = {}): Promise<Result<RemoteDebugPort>> {
    const target = parseServeAddress(address);
    if (!target.ok) return Promise.resolve(target);
    return new Promise((resolve) => {
      const socket = net.connect(target.value);
      const onError = (error: Error) => resolve(failure('PROBE_DISCONNECTED', `connect ${address}: ${error.message}`));
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        const port = new RemoteDebugPort(address, socket);
        void port.request('hello', { token }, options).then((hello) => {
          if (hello.ok) return resolve(success(port));
          void port.close();
          resolve(hello);
        });
      });
    });
  }

  readDp(register: number, options?: CallOptions): Promise<Result<number>> {
    return this.request('readDp', { register }, options) as Promise<Result<number>>;
  }
  writeDp(register: number, value: number, options?: CallOptions): Promise<Result<void>> {
    return this.voidRequest('writeDp', { register, value: value >>> 0 }, options);
  }
  readAp(ap: number, register: number, options?: CallOptions): Promise<Result<number>> {
    return this.request('readAp', { ap, register }, options) as Promise<Result<number>>;
  }
  writeAp(ap: number, register: number, value: number, options?: CallOptions): Promise<Result<void>> {
    return this.voidRequest('writeAp', { ap, register, value: value >>> 0 }, options);
  }
  async readMemory(address: number, length: number, options?: CallOptions & { readonly width?: AccessWidth }): Promise<Result<Uint8Array>> {
    return this.bytes(await this.request('readMemory', { address, length, ...widthOf(options) }, options));
  }
  writeMemory(address: number, bytes: Uint8Array, options?: CallOptions & { readonly width?: AccessWidth }): Promise<Result<void>> {
    return this.voidRequest('writeMemory', { address, data: toHex(bytes), ...widthOf(options) }, options);
  }
  programFlash(address: number, bytes: Uint8Array, options?: CallOptions & { readonly onProgress?: (progress: FlashProgress) => void }): Promise<Result<void>> {
    return this.voidRequest('programFlash', { address, data: toHex(bytes) }, options, options?.onProgress);
  }
  reset(kind: ResetKind, options?: CallOptions): Promise<Result<void>> {
    return this.voidRequest('reset', { kind }, options);
  }
  halt(options?: CallOptions): Promise<Result<void>> {
    return this.voidRequest('halt', {}, options);
  }
  go(options?: CallOptions): Promise<Result<void>> {
    return this.voidRequest('go', {}, options);
  }

  async openRtt(options?: CallOptions & { readonly controlBlockAddress?: number }): Promise<Result<RttChannel>> {
    const opened = await this.request('rttOpen', options?.controlBlockAddress === undefined ? {} : { controlBlockAddress: options.controlBlockAddress }, options);
    if (!opened.ok) return opened;
    return success({
      read: async (buffer, maxBytes, callOptions) => this.bytes(await this.request('rttRead', { buffer, maxBytes }, callOptions)),
      write: (buffer, bytes, callOptions) => this.request('rttWrite', { buffer, data: toHex(bytes) }, callOptions) as Promise<Result<number>>,
      close: async () => {
        await this.request('rttClose', {});
      },
    });
  }

  close(): Promise<void> {
    this.drop('the port was closed');
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.destroy();
    });
  }

  private async voidRequest(op: string, fields: Record<string, unknown>, options?: CallOptions, onProgress?: (progress: FlashProgress) => void): Promise<Result<void>> {
    const result = await this.request(op, fields, options, onProgress);
    return result.ok ? success(undefined) : result;
  }

  private bytes(result: Result<unknown>): Result<Uint8Array> {
    if (!result.ok) return result;
    const bytes = fromHex(result.value);
    return bytes === null ? failure('SIM_SERVE_PROTOCOL', 'expected hex data in the answer') : success(bytes);
  }

  private request(op: string, fields: Record<string, unknown>, options: CallOptions = {}, onProgress?: (progress: FlashProgress) => void): Promise<Result<unknown>> {
    if (this.closedReason !== null) return Promise.resolve(failure('PROBE_DISCONNECTED', `${op}: ${this.closedReason}`));
    if (options.signal?.aborted === true) return Promise.resolve(failure('PROBE_CANCELLED', `${op}: cancelled`));
    const id = this.nextId;
    this.nextId += 1;
    const timeoutMs = options.timeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS;
    return new Promise((resolve) => {
      const done = (result: Result<unknown>) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
        resolve(result);
      };
      const onAbort = () => done(failure('PROBE_CANCELLED', `${op}: cancelled`));
      const timer = setTimeout(() => done(failure('PROBE_TIMEOUT', `${op}: no answer from the simulator server within ${timeoutMs} ms`)), timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, { op, resolve: done, ...(onProgress === undefined ? {} : { onProgress }) });
      this.socket.write(`${JSON.stringify({ id, op, ...fields, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) })}\n`);
    });
  }

  private onLine(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.drop(`not JSON: ${line.slice(0, 80)}`);
      return;
    }
    const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (pending === undefined) return; // a late answer to a call that timed out
    const progress = message.progress as { done?: unknown; total?: unknown } | undefined;
    if (progress !== undefined) {
      if (typeof progress.done === 'number' && typeof progress.total === 'number') pending.onProgress?.({ doneBytes: progress.done, totalBytes: progress.total });
      return;
    }
    if (message.ok === true) return pending.resolve(success(message.value));
    const error = message.error as { code?: unknown; detail?: unknown } | undefined;
    if (message.ok === false && error !== undefined && isErrorCode(error.code)) {
      return pending.resolve(failure(error.code, typeof error.detail === 'string' ? error.detail : undefined));
    }
    pending.resolve(failure('SIM_SERVE_PROTOCOL', `${pending.op}: unexpected answer ${line.slice(0, 120)}`));
  }

  private drop(reason: string): void {
    this.closedReason ??= reason;
    for (const pending of [...this.pending.values()]) pending.resolve(failure('PROBE_DISCONNECTED', `${pending.op}: ${reason}`));
  }
}

function widthOf(options: { readonly width?: AccessWidth } | undefined): { width?: AccessWidth } {
  return options?.width === undefined ? {} : { width: options.width };
}
