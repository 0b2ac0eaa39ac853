/**
 * The DebugPort (../debugPort.ts) over one open J-Link session. Raw DP/AP access goes through
 * JLINKARM_CORESIGHT_Read/WriteAPDPReg and never Connects, so a locked part's lock status is
 * readable (§3.1): connecting would make the library offer to mass-erase it. Memory access
 * connects lazily (`Device = …`, then JLINKARM_Connect) the first time it is needed.
 *
 * The library's calls are synchronous: each method checks its AbortSignal before the call, but a
 * call in progress cannot be cut short and `timeoutMs` is not enforced here. The per-probe worker
 * process (next slice of issue 8) enforces timeouts and keeps main's thread free.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { AccessWidth, CallOptions, DebugPort, ResetKind, RttChannel } from '../debugPort';
import { jlinkFailure } from './errors';
import { loadJlinkLibrary, type LoadJlinkOptions } from './library';
import { JlinkSession, type OpenOptions } from './jlinkSession';

const DP_SELECT = 0x8;
const AP_N_DP = { dp: 0, ap: 1 } as const;
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
  /** The last DP SELECT value written, or null when the library may have changed it. */
  private select: number | null = null;
  private connected = false;
  private readonly device: string;

  constructor(
    readonly session: JlinkSession,
    readonly address: string,
    options: JlinkDebugPortOptions = {},
  ) {
    this.device = options.device ?? GENERIC_DEVICE;
  }

  async readDp(register: number, options: CallOptions = {}): Promise<Result<number>> {
    const ready = this.before(`readDp ${hex(register)}`, options);
    if (!ready.ok) return ready;
    return this.readRegister(AP_N_DP.dp, register, `readDp ${hex(register)}`);
  }

  async writeDp(register: number, value: number, options: CallOptions = {}): Promise<Result<void>> {
    const ready = this.before(`writeDp ${hex(register)}`, options);
    if (!ready.ok) return ready;
    return this.writeRegister(AP_N_DP.dp, register, value, `writeDp ${hex(register)}`);
  }

  async readAp(ap: number, register: number, options: CallOptions = {}): Promise<Result<number>> {
    const step = `readAp ${ap} ${hex(register)}`;
    const ready = this.before(step, options);
    if (!ready.ok) return ready;
    const selected = this.selectAp(ap, register, step);
    if (!selected.ok) return selected;
    return this.readRegister(AP_N_DP.ap, register, step);
  }

  async writeAp(ap: number, register: number, value: number, options: CallOptions = {}): Promise<Result<void>> {
    const step = `writeAp ${ap} ${hex(register)}`;
    const ready = this.before(step, options);
    if (!ready.ok) return ready;
    const selected = this.selectAp(ap, register, step);
    if (!selected.ok) return selected;
    return this.writeRegister(AP_N_DP.ap, register, value, step);
  }

  async readMemory(address: number, length: number, options: CallOptions & { readonly width?: AccessWidth } = {}): Promise<Result<Uint8Array>> {
    const step = `readMemory ${hex(address)} +${length}`;
    const ready = this.beforeMemory(step, options);
    if (!ready.ok) return ready;
    const { api } = this.session.library;
    const buffer = Buffer.alloc(length);
    const width = widthBytes(options.width);
    this.session.clearError();
    const returned = api.ReadMemEx(address >>> 0, length, buffer, width);
    if (returned < 0) return jlinkFailure(`${this.where()} JLINKARM_ReadMemEx ${hex(address)} +${length}`, returned, this.session.takeError());
    // SEGGER counts in bytes; pylink reads it as units (§1.4): accept either, refuse a short read.
    if (returned !== length && returned * Math.max(width, 1) !== length) {
      return failure('JLINK_ERROR', `${this.where()} JLINKARM_ReadMemEx ${hex(address)}: read ${returned} of ${length} bytes`);
    }
    return success(new Uint8Array(buffer.buffer, buffer.byteOffset, length));
  }

  async writeMemory(address: number, bytes: Uint8Array, options: CallOptions & { readonly width?: AccessWidth } = {}): Promise<Result<void>> {
    const step = `writeMemory ${hex(address)} +${bytes.length}`;
    const ready = this.beforeMemory(step, options);
    if (!ready.ok) return ready;
    this.session.clearError();
    const returned = this.session.library.api.WriteMemEx(address >>> 0, bytes.length, Buffer.from(bytes), widthBytes(options.width));
    if (returned < 0) return jlinkFailure(`${this.where()} JLINKARM_WriteMemEx ${hex(address)} +${bytes.length}`, returned, this.session.takeError());
    return success(undefined);
  }

  async programFlash(): Promise<Result<void>> {
    return failure('PROBE_ADDRESS_UNAVAILABLE', `${this.address}: flash download through J-Link arrives later in issue 8`);
  }

  async openRtt(): Promise<Result<RttChannel>> {
    return failure('PROBE_ADDRESS_UNAVAILABLE', `${this.address}: RTT through J-Link arrives later in issue 8`);
  }

  /**
   * JLINKARM_Reset resets and halts; every kind but 'halt' then runs the core again. Choosing the
   * reset type (pin versus SYSRESETREQ, JLINKARM_SetResetType) comes with the next slice.
   */
  async reset(kind: ResetKind, options: CallOptions = {}): Promise<Result<void>> {
    const ready = this.beforeMemory(`reset ${kind}`, options);
    if (!ready.ok) return ready;
    const { api } = this.session.library;
    this.session.clearError();
    const returned = api.Reset();
    this.select = null;
    if (returned < 0) return jlinkFailure(`${this.where()} JLINKARM_Reset`, returned, this.session.takeError());
    if (kind !== 'halt') api.Go();
    return success(undefined);
  }

  /** JLINKARM_Halt's return is read both ways by different bindings: IsHalted decides (§1.4). */
  async halt(options: CallOptions = {}): Promise<Result<void>> {
    const ready = this.beforeMemory('halt', options);
    if (!ready.ok) return ready;
    const { api } = this.session.library;
    this.session.clearError();
    api.Halt();
    const halted = api.IsHalted();
    if (halted < 0) return jlinkFailure(`${this.where()} JLINKARM_IsHalted`, halted, this.session.takeError());
    if (halted !== 1) return failure('JLINK_ERROR', `${this.where()} JLINKARM_Halt: the core is still running`);
    return success(undefined);
  }

  async go(options: CallOptions = {}): Promise<Result<void>> {
    const ready = this.beforeMemory('go', options);
    if (!ready.ok) return ready;
    this.session.library.api.Go();
    return success(undefined);
  }

  async close(): Promise<void> {
    this.session.close();
  }

  // -------------------------------------------------------------------------------------------

  private where(): string {
    return `J-Link ${this.session.serial}:`;
  }

  private before(step: string, options: CallOptions): Result<void> {
    if (options.signal?.aborted === true) return failure('PROBE_CANCELLED', `${this.address}: ${step}`);
    if (!this.session.isOpen) return failure('PROBE_DISCONNECTED', `${this.address}: ${step}: the probe was closed`);
    return success(undefined);
  }

  /** Memory, run control and reset need a connected core: `Device = …` then Connect, once. */
  private beforeMemory(step: string, options: CallOptions): Result<void> {
    const ready = this.before(step, options);
    if (!ready.ok || this.connected) return ready;
    const { api } = this.session.library;
    if (api.IsConnected() !== 0) {
      this.connected = true;
      return success(undefined);
    }
    const device = this.session.exec(`Device = ${this.device}`);
    if (!device.ok) return device;
    const asked = this.session.unsecureQuestions.length;
    this.session.clearError();
    const returned = api.Connect();
    // Connect talks to the AHB-AP itself: whatever SELECT we wrote is gone.
    this.select = null;
    const question = this.session.unsecureQuestions[asked];
    if (returned < 0 && question !== undefined) {
      const said = this.session.takeError();
      return failure(
        'JLINK_LOCKED_REFUSED_UNSECURE',
        `${this.where()} ${step}: JLINKARM_Connect returned ${returned} after the library asked "${question.title}: ${question.message}" and Matterline answered NO${said === null ? '' : ` (${said})`}`,
      );
    }
    if (returned < 0) return jlinkFailure(`${this.where()} ${step}: JLINKARM_Connect (${this.device})`, returned, this.session.takeError());
    this.connected = true;
    return success(undefined);
  }

  /** SELECT: APSEL in bits 31:24, the AP bank (register bits 7:4) in bits 7:4, DP bank bits kept. */
  private selectAp(ap: number, register: number, step: string): Result<void> {
    if (!Number.isInteger(ap) || ap < 0 || ap > 0xff) return failure('JLINK_ERROR', `${this.where()} ${step}: AP number ${ap} is outside 0..255`);
    if (!Number.isInteger(register) || register < 0 || register > 0xfc || register % 4 !== 0) {
      return failure('JLINK_ERROR', `${this.where()} ${step}: AP register ${hex(register)} is not a word offset in 0x00..0xFC`);
    }
    const wanted = ((ap << 24) | (register & 0xf0) | ((this.select ?? 0) & 0x0f)) >>> 0;
    if (this.select === wanted) return success(undefined);
    return this.writeRegister(AP_N_DP.dp, DP_SELECT, wanted, `${step}: write SELECT ${hex(wanted)}`);
  }

  private readRegister(apNdp: number, register: number, step: string): Result<number> {
    const index = registerIndex(register, apNdp);
    if (index === null) return failure('JLINK_ERROR', `${this.where()} ${step}: DP register ${hex(register)} is not one of 0x0, 0x4, 0x8, 0xC`);
    const value = new Uint32Array(1);
    this.session.clearError();
    const returned = this.session.library.api.CORESIGHT_ReadAPDPReg(index, apNdp, value);
    if (returned < 0) return jlinkFailure(`${this.where()} ${step}: JLINKARM_CORESIGHT_ReadAPDPReg`, returned, this.session.takeError());
    return success((value[0] ?? 0) >>> 0);
  }

  private writeRegister(apNdp: number, register: number, value: number, step: string): Result<void> {
    const index = registerIndex(register, apNdp);
    if (index === null) return failure('JLINK_ERROR', `${this.where()} ${step}: DP register ${hex(register)} is not one of 0x0, 0x4, 0x8, 0xC`);
    this.session.clearError();
    const returned = this.session.library.api.CORESIGHT_WriteAPDPReg(index, apNdp, value >>> 0);
    if (returned < 0) {
      if (apNdp === AP_N_DP.dp && register === DP_SELECT) this.select = null;
      return jlinkFailure(`${this.where()} ${step}: JLINKARM_CORESIGHT_WriteAPDPReg`, returned, this.session.takeError());
    }
    if (apNdp === AP_N_DP.dp && register === DP_SELECT) this.select = value >>> 0;
    return success(undefined);
  }
}

/** RegIndex 0..3 is address bits 3:2; a DP register must be one of the four, an AP one any word offset. */
function registerIndex(register: number, apNdp: number): number | null {
  if (!Number.isInteger(register) || register < 0 || register % 4 !== 0) return null;
  if (apNdp === AP_N_DP.dp && register > 0xc) return null;
  return (register >> 2) & 3;
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
