/**
 * The DebugPort (../debugPort.ts) over one open J-Link session. Raw DP/AP access goes through
 * JLINKARM_CORESIGHT_Read/WriteAPDPReg and never Connects, so a locked part's lock status is
 * readable (§3.1): connecting would make the library offer to mass-erase it. Memory access
 * connects lazily (`Device = …`, then JLINKARM_Connect) the first time it is needed.
 *
 * Calls into one loaded library must never overlap (the library is not reentrant, and an
 * `.async()` call runs on another thread while this one is free): every method runs in the port's
 * queue, one after the other. Each checks its AbortSignal before it starts; a library call in
 * progress cannot be cut short. Long calls (EndDownload, the flash read-back) run `.async()` so the
 * probe worker process (main/station/worker) keeps its heartbeat; short ones stay synchronous.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { AccessWidth, CallOptions, DebugPort, FlashProgress, ResetKind, RttChannel } from '../debugPort';
import { jlinkFailure } from './errors';
import { downloadToFlash } from './flashDownload';
import { loadJlinkLibrary, type LoadJlinkOptions } from './library';
import { callAsync } from './optionalApi';
import { JlinkSession, type OpenOptions } from './jlinkSession';
import { AP_N_DP, CoresightRegisters } from './coresightRegisters';
import { startRtt } from './rtt';
import { identify } from '../../target/identify';

/** From this size on, memory transfers run `.async()`: long enough to matter to the worker's heartbeat. */
const LONG_TRANSFER_BYTES = 4096;
/** A core the library always knows; identify needs memory before the exact part is known. */
export const GENERIC_DEVICE = 'Cortex-M33';

export interface JlinkDebugPortOptions {
  /** The J-Link device name for `Device = …` (see jlinkDeviceName); default GENERIC_DEVICE. */
  readonly device?: string;
}

/** EFR32MG24B210F1536IM48 → EFR32MG24BxxxF1536, the naming SEGGER uses (§1.7); null when it does not fit. */
export function jlinkDeviceName(partNumber: string): string | null {
  const match = /^(EFR32[A-Z]{2}\d{2}[A-Z])\d{3}F(\d+)/.exec(partNumber.toUpperCase());
  return match === null ? null : `${match[1]}xxxF${match[2]}`;
}

export class JlinkDebugPort implements DebugPort {
  private readonly registers: CoresightRegisters;
  /** The `Device = …` name the core is connected as, or null before the first Connect. */
  private connectedAs: string | null = null;
  private device: string;
  /** The tail of the call queue: each call starts when the one before has settled. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly session: JlinkSession,
    readonly address: string,
    options: JlinkDebugPortOptions = {},
  ) {
    this.device = options.device ?? GENERIC_DEVICE;
    this.registers = new CoresightRegisters(session);
  }

  readDp(register: number, options: CallOptions = {}): Promise<Result<number>> {
    return this.exclusive(async () => {
      const ready = this.before(`readDp ${hex(register)}`, options);
      if (!ready.ok) return ready;
      return this.registers.readRegister(AP_N_DP.dp, register, `readDp ${hex(register)}`);
    });
  }

  writeDp(register: number, value: number, options: CallOptions = {}): Promise<Result<void>> {
    return this.exclusive(async () => {
      const ready = this.before(`writeDp ${hex(register)}`, options);
      if (!ready.ok) return ready;
      return this.registers.writeRegister(AP_N_DP.dp, register, value, `writeDp ${hex(register)}`);
    });
  }

  readAp(ap: number, register: number, options: CallOptions = {}): Promise<Result<number>> {
    return this.exclusive(async () => {
      const step = `readAp ${ap} ${hex(register)}`;
      const ready = this.before(step, options);
      if (!ready.ok) return ready;
      const selected = this.registers.selectAp(ap, register, step);
      if (!selected.ok) return selected;
      return this.registers.readRegister(AP_N_DP.ap, register, step);
    });
  }

  writeAp(ap: number, register: number, value: number, options: CallOptions = {}): Promise<Result<void>> {
    return this.exclusive(async () => {
      const step = `writeAp ${ap} ${hex(register)}`;
      const ready = this.before(step, options);
      if (!ready.ok) return ready;
      const selected = this.registers.selectAp(ap, register, step);
      if (!selected.ok) return selected;
      return this.registers.writeRegister(AP_N_DP.ap, register, value, step);
    });
  }

  readMemory(address: number, length: number, options: CallOptions & { readonly width?: AccessWidth } = {}): Promise<Result<Uint8Array>> {
    return this.exclusive(async () => {
      const step = `readMemory ${hex(address)} +${length}`;
      const ready = this.beforeMemory(step, options);
      if (!ready.ok) return ready;
      const { api } = this.session.library;
      const buffer = Buffer.alloc(length);
      const width = widthBytes(options.width);
      this.session.clearError();
      const called = length >= LONG_TRANSFER_BYTES ? await callAsync(this.session.library, 'ReadMemEx', address >>> 0, length, buffer, width) : success(api.ReadMemEx(address >>> 0, length, buffer, width));
      if (!called.ok) return called;
      const returned = called.value;
      if (returned < 0) return jlinkFailure(`${this.where()} JLINKARM_ReadMemEx ${hex(address)} +${length}`, returned, this.session.takeError());
      // SEGGER counts in bytes; pylink reads it as units (§1.4): accept either, refuse a short read.
      if (returned !== length && returned * Math.max(width, 1) !== length) {
        return failure('JLINK_ERROR', `${this.where()} JLINKARM_ReadMemEx ${hex(address)}: read ${returned} of ${length} bytes`);
      }
      return success(new Uint8Array(buffer.buffer, buffer.byteOffset, length));
    });
  }

  writeMemory(address: number, bytes: Uint8Array, options: CallOptions & { readonly width?: AccessWidth } = {}): Promise<Result<void>> {
    return this.exclusive(async () => {
      const step = `writeMemory ${hex(address)} +${bytes.length}`;
      const ready = this.beforeMemory(step, options);
      if (!ready.ok) return ready;
      this.session.clearError();
      const data = Buffer.from(bytes);
      const { library } = this.session;
      const called =
        bytes.length >= LONG_TRANSFER_BYTES
          ? await callAsync(library, 'WriteMemEx', address >>> 0, bytes.length, data, widthBytes(options.width))
          : success(library.api.WriteMemEx(address >>> 0, bytes.length, data, widthBytes(options.width)));
      if (!called.ok) return called;
      const returned = called.value;
      if (returned < 0) return jlinkFailure(`${this.where()} JLINKARM_WriteMemEx ${hex(address)} +${bytes.length}`, returned, this.session.takeError());
      return success(undefined);
    });
  }

  /** Halted first (confirmed with IsHalted), then SEGGER's flash loader and our read-back (flashDownload.ts). */
  async programFlash(address: number, bytes: Uint8Array, options: CallOptions & { readonly onProgress?: (progress: FlashProgress) => void } = {}): Promise<Result<void>> {
    const named = await this.flashDevice(options);
    if (!named.ok) return named;
    return this.exclusive(async () => {
      const halted = this.haltNow(`programFlash ${hex(address)} +${bytes.length}`, options);
      if (!halted.ok) return halted;
      return downloadToFlash(this.session, address, bytes, options.onProgress === undefined ? {} : { onProgress: options.onProgress });
    });
  }

  /** The library's RTT engine (rtt.ts); the channel's calls join this port's queue. */
  openRtt(options: CallOptions & { readonly controlBlockAddress?: number } = {}): Promise<Result<RttChannel>> {
    return this.exclusive(async () => {
      const ready = this.beforeMemory('openRtt', options);
      if (!ready.ok) return ready;
      return startRtt(this.session, (work) => this.exclusive(work), { ...options, address: this.address });
    });
  }

  /**
   * 'halt' is JLINKARM_Reset (reset and halt); the others JLINKARM_ResetNoHalt, or Reset then Go
   * with a library lacking it. Choosing the reset type (pin versus SYSRESETREQ,
   * JLINKARM_SetResetType) is not done yet: the library's default applies.
   */
  reset(kind: ResetKind, options: CallOptions = {}): Promise<Result<void>> {
    return this.exclusive(async () => {
      const ready = this.beforeMemory(`reset ${kind}`, options);
      if (!ready.ok) return ready;
      const { api } = this.session.library;
      this.session.clearError();
      const { ResetNoHalt } = this.session.library.optional;
      this.registers.select = null;
      if (kind !== 'halt' && ResetNoHalt !== undefined) {
        ResetNoHalt();
        const said = this.session.takeError();
        return said === null ? success(undefined) : failure('JLINK_ERROR', `${this.where()} JLINKARM_ResetNoHalt: ${said}`);
      }
      const returned = api.Reset();
      if (returned < 0) return jlinkFailure(`${this.where()} JLINKARM_Reset`, returned, this.session.takeError());
      if (kind !== 'halt') api.Go();
      return success(undefined);
    });
  }

  /** JLINKARM_Halt's return is read both ways by different bindings: IsHalted decides (§1.4). */
  halt(options: CallOptions = {}): Promise<Result<void>> {
    return this.exclusive(async () => this.haltNow('halt', options));
  }

  go(options: CallOptions = {}): Promise<Result<void>> {
    return this.exclusive(async () => {
      const ready = this.beforeMemory('go', options);
      if (!ready.ok) return ready;
      this.session.library.api.Go();
      return success(undefined);
    });
  }

  close(): Promise<void> {
    return this.exclusive(async () => this.session.close());
  }

  // -------------------------------------------------------------------------------------------

  private haltNow(step: string, options: CallOptions): Result<void> {
    const ready = this.beforeMemory(step, options);
    if (!ready.ok) return ready;
    const { api } = this.session.library;
    this.session.clearError();
    api.Halt();
    const halted = api.IsHalted();
    if (halted < 0) return jlinkFailure(`${this.where()} ${step}: JLINKARM_IsHalted`, halted, this.session.takeError());
    if (halted !== 1) return failure('JLINK_ERROR', `${this.where()} ${step}: JLINKARM_Halt: the core is still running`);
    return success(undefined);
  }

  /** Runs `work` after every call queued before it; a failure of one call does not stop the next. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private where(): string {
    return `J-Link ${this.session.serial}:`;
  }

  private before(step: string, options: CallOptions): Result<void> {
    if (options.signal?.aborted === true) return failure('PROBE_CANCELLED', `${this.address}: ${step}`);
    if (!this.session.isOpen) return failure('PROBE_DISCONNECTED', `${this.address}: ${step}: the probe was closed`);
    return success(undefined);
  }

  /**
   * Memory, run control and reset need a connected core: `Device = …` then Connect, once per
   * device name (again after flashDevice named the exact part).
   */
  private beforeMemory(step: string, options: CallOptions): Result<void> {
    const ready = this.before(step, options);
    if (!ready.ok || this.connectedAs === this.device) return ready;
    const { api } = this.session.library;
    if (this.connectedAs === null && this.device === GENERIC_DEVICE && api.IsConnected() !== 0) {
      this.connectedAs = this.device;
      return success(undefined);
    }
    const device = this.session.exec(`Device = ${this.device}`);
    if (!device.ok) return device;
    const asked = this.session.unsecureQuestions.length;
    this.session.clearError();
    const returned = api.Connect();
    // Connect talks to the AHB-AP itself: whatever SELECT we wrote is gone.
    this.registers.select = null;
    const question = this.session.unsecureQuestions[asked];
    if (returned < 0 && question !== undefined) {
      const said = this.session.takeError();
      return failure(
        'JLINK_LOCKED_REFUSED_UNSECURE',
        `${this.where()} ${step}: JLINKARM_Connect returned ${returned} after the library asked "${question.title}: ${question.message}" and Matterline answered NO${said === null ? '' : ` (${said})`}`,
      );
    }
    if (returned < 0) return jlinkFailure(`${this.where()} ${step}: JLINKARM_Connect (${this.device})`, returned, this.session.takeError());
    this.connectedAs = this.device;
    return success(undefined);
  }

  /**
   * SEGGER's flash loader needs the exact device (`Device = EFR32MG24BxxxF1536`, §1.7), not the
   * generic core memory access uses: identify the part once (through this port, before the queue
   * is entered) and connect again under its name.
   */
  private async flashDevice(options: CallOptions): Promise<Result<void>> {
    if (this.device !== GENERIC_DEVICE) return success(undefined);
    const identity = await identify(this, {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (!identity.ok) return identity;
    const name = jlinkDeviceName(identity.value.partNumber);
    if (name === null) return failure('JLINK_ERROR', `${this.where()} programFlash: no J-Link device name is known for ${identity.value.partNumber}`);
    this.device = name;
    return success(undefined);
  }
}

function widthBytes(width: AccessWidth | undefined): number {
  return width === undefined ? 0 : width / 8;
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase()}`;
}

/** Load the library (settings path first, as preflight searches), open the probe by serial, wrap it. */
export function openJlinkDebugPort(
  serial: number,
  options: LoadJlinkOptions & OpenOptions & JlinkDebugPortOptions & { readonly address?: string } = {},
): Result<JlinkDebugPort> {
  const library = loadJlinkLibrary(options);
  if (!library.ok) return library;
  const session = JlinkSession.openBySerial(library.value, serial, options);
  if (!session.ok) return session;
  return success(new JlinkDebugPort(session.value, options.address ?? `jlink:${serial}`, options));
}
