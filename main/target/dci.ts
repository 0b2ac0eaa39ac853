/**
 * The Series 2 Secure Engine's Debug Challenge Interface (debug-access.md §3.1), register by register
 * over AP #1, so it runs the same over J-Link's raw CoreSight calls, CMSIS-DAP and the simulator. It
 * never touches the AHB-AP (AP #0), so it works on a debug-locked part.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import type { DebugPort } from '../probes/debugPort';
import { atStep, callOptions, checkAborted, hex32, type TargetOptions } from './steps';

/** SW-DP registers (byte offsets, as DebugPort takes them). */
export const DP = { DPIDR: 0x0, ABORT: 0x0, CTRL_STAT: 0x4, SELECT: 0x8, RDBUFF: 0xc } as const;
/** MEM-AP registers (byte offsets). */
export const AP = { CSW: 0x00, TAR: 0x04, DRW: 0x0c, IDR: 0xfc } as const;

export const DCI_AP = 1;
export const DCI_SELECT = 0x01000000;
/** 32-bit transfers, no auto-increment. */
export const DCI_CSW = 0x22000002;
export const DCI_WDATA = 0x1000;
export const DCI_RDATA = 0x1004;
export const DCI_STATUS = 0x1008;
export const DCI_ID_REGISTER = 0x10fc;
export const DCI_ID = 0x000dc11d;
export const DCI_STATUS_WPENDING = 1 << 0;
export const DCI_STATUS_RDATAVALID = 1 << 8;
export const DEFAULT_DCI_TIMEOUT_MS = 500;

export const SERIES2_DPIDR = 0x6ba02477;
export const SERIES1_DPIDR = 0x2ba01477;

/** SE command words (sli_se_manager_internal.h). */
export const DCI_COMMANDS = {
  GET_STATUS: 0xfe010000,
  DBG_LOCK_STATUS: 0x43110000,
  DBG_LOCK_APPLY: 0x430c0000,
  DBG_LOCK_ENABLE_SECURE: 0x430d0000,
  DBG_LOCK_DISABLE_SECURE: 0x430e0000,
  DEVICE_ERASE: 0x430f0000,
  DEVICE_ERASE_DISABLE: 0x43100000,
  READ_SERIAL: 0xfe000000,
} as const;
export type DciCommandName = keyof typeof DCI_COMMANDS;

/** SE response codes (em_se.h). */
export const SE_RESPONSE_CODES: Readonly<Record<number, string>> = {
  0x0000: 'OK',
  0x0001: 'invalid command',
  0x0002: 'authorization error',
  0x0003: 'invalid signature',
  0x0004: 'bus error',
  0x0005: 'internal error',
  0x0006: 'crypto error',
  0x0007: 'invalid parameter',
  0x0009: 'secure-boot error',
  0x000a: 'self-test error',
  0x000b: 'not initialised',
  0x00ff: 'abort',
};

/** The words a command puts on DCI_WDATA: total length in bytes (counting the length word), the command word, then parameters. */
export function encodeDciCommand(command: number, parameters: readonly number[] = []): number[] {
  return [(8 + parameters.length * 4) >>> 0, command >>> 0, ...parameters.map((word) => word >>> 0)];
}

export interface DciResponseHeader {
  /** SE response code (upper 16 bits). */
  readonly code: number;
  /** Total response length in bytes, counting the header (lower 16 bits). */
  readonly length: number;
}

export function decodeDciHeader(word: number): DciResponseHeader {
  return { code: (word >>> 16) & 0xffff, length: word & 0xffff };
}

export interface DebugStatus {
  /** Bit 0: Apply Lock was issued (the lock is configured; it bites at the next reset). */
  readonly debugLockConfigured: boolean;
  /** Bit 1: device erase is still enabled. */
  readonly deviceEraseEnabled: boolean;
  /** Bit 2: secure debug (challenge/response unlock) is enabled. */
  readonly secureDebugEnabled: boolean;
  /** Bit 5: the debug port is locked right now. */
  readonly locked: boolean;
}

export function decodeDebugStatus(word: number): DebugStatus {
  return {
    debugLockConfigured: (word & (1 << 0)) !== 0,
    deviceEraseEnabled: (word & (1 << 1)) !== 0,
    secureDebugEnabled: (word & (1 << 2)) !== 0,
    locked: (word & (1 << 5)) !== 0,
  };
}

export function describeSeCode(code: number): string {
  return `SE response 0x${code.toString(16).toUpperCase().padStart(4, '0')} (${SE_RESPONSE_CODES[code] ?? 'unknown code'})`;
}

async function delay(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** A DCI session: AP #1 selected and configured. Each register access is TAR then DRW. */
export class DciSession {
  private constructor(
    private readonly port: DebugPort,
    private readonly options: TargetOptions,
  ) {}

  /** DPIDR, SELECT = AP #1 bank 0, CSW = 32-bit no increment, then the DCI ID check. */
  static async connect(port: DebugPort, options: TargetOptions = {}): Promise<Result<DciSession>> {
    const call = callOptions(options);
    const dpidr = atStep('DCI connect: read DPIDR', await port.readDp(DP.DPIDR, call));
    if (!dpidr.ok) return dpidr;
    const select = atStep('DCI connect: write SELECT', await port.writeDp(DP.SELECT, DCI_SELECT, call));
    if (!select.ok) return select;
    const csw = atStep('DCI connect: write CSW', await port.writeAp(DCI_AP, AP.CSW, DCI_CSW, call));
    if (!csw.ok) return csw;
    const session = new DciSession(port, options);
    const id = await session.readRegister(DCI_ID_REGISTER, 'DCI connect: read DCI ID');
    if (!id.ok) return id;
    if (id.value >>> 0 !== DCI_ID) return failure('TARGET_DCI_UNAVAILABLE', `DCI connect: DCI ID register reads ${hex32(id.value)}, expected ${hex32(DCI_ID)} (DPIDR ${hex32(dpidr.value)})`);
    return success(session);
  }

  async readRegister(address: number, step: string): Promise<Result<number>> {
    const call = callOptions(this.options);
    const tar = atStep(step, await this.port.writeAp(DCI_AP, AP.TAR, address, call));
    if (!tar.ok) return tar;
    const value = atStep(step, await this.port.readAp(DCI_AP, AP.DRW, call));
    return value.ok ? success(value.value >>> 0) : value;
  }

  async writeRegister(address: number, value: number, step: string): Promise<Result<void>> {
    const call = callOptions(this.options);
    const tar = atStep(step, await this.port.writeAp(DCI_AP, AP.TAR, address, call));
    if (!tar.ok) return tar;
    return atStep(step, await this.port.writeAp(DCI_AP, AP.DRW, value >>> 0, call));
  }

  /** Polls DCI_STATUS until `ready(status)`, for at most the DCI timeout. */
  private async waitStatus(step: string, what: string, ready: (status: number) => boolean): Promise<Result<void>> {
    const timeoutMs = this.options.dciTimeoutMs ?? DEFAULT_DCI_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt += 1) {
      const aborted = checkAborted(step, this.options);
      if (aborted !== null) return aborted;
      const status = await this.readRegister(DCI_STATUS, `${step}: read DCI_STATUS`);
      if (!status.ok) return status;
      if (ready(status.value)) return success(undefined);
      if (Date.now() >= deadline) return failure('TARGET_DCI_TIMEOUT', `${step}: ${what} within ${timeoutMs} ms (DCI_STATUS ${hex32(status.value)})`);
      // Answer at once when the SE is fast (the simulator); back off to 10 ms polls otherwise (openocd's pace).
      if (attempt >= 4) await delay(Math.min(10, Math.max(0, deadline - Date.now())));
    }
  }

  /** Sends one command and returns the response payload words; a non-zero SE code is TARGET_SE_ERROR. */
  async command(name: DciCommandName, parameters: readonly number[] = []): Promise<Result<{ code: number; payload: number[] }>> {
    const raw = await this.commandRaw(name, parameters);
    if (!raw.ok) return raw;
    if (raw.value.code !== 0) return failure('TARGET_SE_ERROR', `${name}: ${describeSeCode(raw.value.code)}`);
    return raw;
  }

  /** Like command, but hands back a non-zero SE code instead of failing on it. */
  async commandRaw(name: DciCommandName, parameters: readonly number[] = []): Promise<Result<{ code: number; payload: number[] }>> {
    for (const word of encodeDciCommand(DCI_COMMANDS[name], parameters)) {
      const idle = await this.waitStatus(name, 'the SE did not take the command word', (status) => (status & DCI_STATUS_WPENDING) === 0 && (status & DCI_STATUS_RDATAVALID) === 0);
      if (!idle.ok) return idle;
      const written = await this.writeRegister(DCI_WDATA, word, `${name}: write DCI_WDATA`);
      if (!written.ok) return written;
    }
    const headerReady = await this.waitStatus(name, 'no response', (status) => (status & DCI_STATUS_RDATAVALID) !== 0);
    if (!headerReady.ok) return headerReady;
    const headerWord = await this.readRegister(DCI_RDATA, `${name}: read response header`);
    if (!headerWord.ok) return headerWord;
    const header = decodeDciHeader(headerWord.value);
    if (header.length < 4 || header.length % 4 !== 0 || header.length > 4 * 64) {
      return failure('TARGET_DCI_UNAVAILABLE', `${name}: response header ${hex32(headerWord.value)} has an impossible length ${header.length}`);
    }
    const payload: number[] = [];
    for (let index = 0; index < (header.length - 4) / 4; index += 1) {
      const ready = await this.waitStatus(name, `response word ${index + 1} did not arrive`, (status) => (status & DCI_STATUS_RDATAVALID) !== 0);
      if (!ready.ok) return ready;
      const word = await this.readRegister(DCI_RDATA, `${name}: read response word ${index + 1}`);
      if (!word.ok) return word;
      payload.push(word.value);
    }
    return success({ code: header.code, payload });
  }

  /** SELECT back to AP #0, bank 0, before any normal memory access. */
  async close(): Promise<Result<void>> {
    return atStep('DCI close: write SELECT', await this.port.writeDp(DP.SELECT, 0, callOptions(this.options)));
  }
}

/** Connect, run `body`, always select AP #0 again. */
export async function withDci<T>(port: DebugPort, options: TargetOptions, body: (session: DciSession) => Promise<Result<T>>): Promise<Result<T>> {
  const session = await DciSession.connect(port, options);
  if (!session.ok) return session;
  const result = await body(session.value);
  const closed = await session.value.close();
  if (!result.ok) return result;
  return closed.ok ? result : closed;
}

/** DBG_LOCK_STATUS: the debug status word, decoded. */
export async function readDciDebugStatus(session: DciSession): Promise<Result<DebugStatus & { word: number }>> {
  const response = await session.command('DBG_LOCK_STATUS');
  if (!response.ok) return response;
  const word = response.value.payload[0];
  if (word === undefined) return failure('TARGET_DCI_UNAVAILABLE', 'DBG_LOCK_STATUS: the response carried no status word');
  return success({ ...decodeDebugStatus(word), word });
}
