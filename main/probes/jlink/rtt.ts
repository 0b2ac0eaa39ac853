/**
 * RTT through the library's own RTT engine (research/debug-access.md §1.4, JLINK_RTTERMINAL_*):
 * START (with the control block's address when the caller knows it, otherwise the library searches
 * RAM), then GETNUMBUF until the library has found the block (-2 means "still looking"), and
 * Read/Write on buffer indexes; STOP when the channel closes. The core must be connected and running.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { CallOptions, RttChannel } from '../debugPort';
import { jlinkFailure } from './errors';
import { requireFunction, type JlinkOptionalApi } from './optionalApi';
import type { JlinkSession } from './jlinkSession';

const RTT_START = 0;
const RTT_STOP = 1;
const RTT_GET_NUM_BUFFERS = 3;
const DIRECTION_UP = 0;
/** GETNUMBUF while the library is still looking for the control block. */
const STILL_SEARCHING = -2;
export const DEFAULT_RTT_FIND_TIMEOUT_MS = 10_000;
const POLL_MS = 10;

/** Serialises calls into the library: the port's queue (jlinkDebugPort.ts). */
export type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

export interface StartRttOptions extends CallOptions {
  readonly controlBlockAddress?: number;
  readonly address: string;
}

interface RttFunctions {
  readonly control: JlinkOptionalApi['RTTERMINAL_Control'];
  readonly read: JlinkOptionalApi['RTTERMINAL_Read'];
  readonly write: JlinkOptionalApi['RTTERMINAL_Write'];
}

function rttFunctions(session: JlinkSession): Result<RttFunctions> {
  const control = requireFunction(session.library, 'RTTERMINAL_Control', 'RTT');
  if (!control.ok) return control;
  const read = requireFunction(session.library, 'RTTERMINAL_Read', 'RTT');
  if (!read.ok) return read;
  const write = requireFunction(session.library, 'RTTERMINAL_Write', 'RTT');
  if (!write.ok) return write;
  return success({ control: control.value, read: read.value, write: write.value });
}

/**
 * START and wait for the control block. Runs inside the port's queue; the waits between polls let
 * the event loop run, and nothing else reaches the library meanwhile.
 */
export async function startRtt(session: JlinkSession, exclusive: Exclusive, options: StartRttOptions): Promise<Result<RttChannel>> {
  const where = `J-Link ${session.serial}: openRtt:`;
  const functions = rttFunctions(session);
  if (!functions.ok) return functions;
  const { control } = functions.value;
  let start: Buffer | null = null;
  if (options.controlBlockAddress !== undefined) {
    // JLINK_RTTERMINAL_START (§1.5): U32 ConfigBlockAddress, U32 Reserved[3].
    start = Buffer.alloc(16);
    start.writeUInt32LE(options.controlBlockAddress >>> 0, 0);
  }
  session.clearError();
  const started = control(RTT_START, start);
  if (started < 0) return jlinkFailure(`${where} JLINK_RTTERMINAL_Control(START)`, started, session.takeError());

  const timeoutMs = options.timeoutMs ?? DEFAULT_RTT_FIND_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const direction = Buffer.alloc(4);
  for (;;) {
    if (options.signal?.aborted === true) {
      control(RTT_STOP, null);
      return failure('PROBE_CANCELLED', `${options.address}: openRtt`);
    }
    direction.writeInt32LE(DIRECTION_UP, 0);
    const count = control(RTT_GET_NUM_BUFFERS, direction);
    if (count >= 1) break;
    if (count < 0 && count !== STILL_SEARCHING) {
      control(RTT_STOP, null);
      return jlinkFailure(`${where} JLINK_RTTERMINAL_Control(GETNUMBUF)`, count, session.takeError());
    }
    if (Date.now() >= deadline) {
      control(RTT_STOP, null);
      const at = options.controlBlockAddress === undefined ? 'in RAM' : `at 0x${(options.controlBlockAddress >>> 0).toString(16).toUpperCase()}`;
      return failure('PROBE_TIMEOUT', `${options.address}: openRtt: no RTT control block found ${at} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return success(rttChannel(session, exclusive, functions.value, options.address));
}

function rttChannel(session: JlinkSession, exclusive: Exclusive, functions: RttFunctions, address: string): RttChannel {
  let open = true;
  const where = `J-Link ${session.serial}:`;
  const usable = (operation: string, signal: AbortSignal | undefined): Result<void> => {
    if (signal?.aborted === true) return failure('PROBE_CANCELLED', `${address}: ${operation}`);
    if (!open || !session.isOpen) return failure('PROBE_DISCONNECTED', `${address}: ${operation}: the RTT channel was closed`);
    return success(undefined);
  };
  return {
    read: (bufferIndex, maxBytes, options = {}) =>
      exclusive(async () => {
        const ready = usable(`rttRead ${bufferIndex}`, options.signal);
        if (!ready.ok) return ready;
        const data = Buffer.alloc(maxBytes);
        session.clearError();
        const returned = functions.read(bufferIndex, data, maxBytes);
        if (returned < 0) return jlinkFailure(`${where} JLINK_RTTERMINAL_Read(${bufferIndex})`, returned, session.takeError());
        return success(new Uint8Array(data.buffer, data.byteOffset, Math.min(returned, maxBytes)));
      }),
    write: (bufferIndex, bytes, options = {}) =>
      exclusive(async () => {
        const ready = usable(`rttWrite ${bufferIndex}`, options.signal);
        if (!ready.ok) return ready;
        session.clearError();
        const returned = functions.write(bufferIndex, Buffer.from(bytes), bytes.length);
        if (returned < 0) return jlinkFailure(`${where} JLINK_RTTERMINAL_Write(${bufferIndex})`, returned, session.takeError());
        return success(returned);
      }),
    close: () =>
      exclusive(async () => {
        if (!open) return;
        open = false;
        if (session.isOpen) functions.control(RTT_STOP, null);
      }),
  };
}
