/**
 * A DebugPort over a SimulatedEfr32: the SW-DP registers, AP #0 (the AHB-AP, or the Series 1 AAP while
 * locked), AP #1 (the Series 2 Secure Engine's DCI), memory access, page programming, reset, and the
 * configured faults and timing model. The sequences in main/target drive it exactly as they drive a
 * real probe (debug-access.md §3.1 for the register flow).
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import type { AccessWidth, CallOptions, DebugPort, FlashProgress, ResetKind, RttChannel } from '../probes/debugPort';
import { resolveSimConfig, type ResolvedSimConfig, type SimConfig, type SimFault, type SimOperation } from './config';
import { SimCall } from './call';
import { SimulatedEfr32 } from './efr32';
import { hex } from './flash';
import { findRttControlBlock, readRttControlBlock, rttRingRead, rttRingWrite, type RttControlBlock, type RttMemory } from './rtt';

export const DPIDR_SERIES2 = 0x6ba02477;
export const DPIDR_SERIES1 = 0x2ba01477;
export const AHB_AP_IDR_SERIES2 = 0x84770001;
export const AHB_AP_IDR_SERIES1 = 0x24770011;
export const AAP_IDR = 0x26e60011;
export const AAP_CMDKEY_VALUE = 0xcfacc118;

export const DP = { DPIDR: 0x0, ABORT: 0x0, CTRL_STAT: 0x4, SELECT: 0x8, RDBUFF: 0xc } as const;
export const AP = { CSW: 0x00, TAR: 0x04, DRW: 0x0c, BD0: 0x10, IDR: 0xfc } as const;
export const AAP = { CMD: 0x00, CMDKEY: 0x04, STATUS: 0x08 } as const;
/** AAP_STATUS bit 0 is ERASEBUSY; the simulated erase is instant, so only LOCKED (bit 1) is ever set. */
const AAP_STATUS_LOCKED = 1 << 1;

const CTRL_CSYSPWRUPREQ = 1 << 30;
const CTRL_CDBGPWRUPREQ = 1 << 28;
const CTRL_STICKYERR = 1 << 5;
/** Clocks per SWD 32-bit transfer (request, turnaround, ack, data, parity, idle). */
const CLOCKS_PER_TRANSFER = 46;

interface ApState {
  csw: number;
  tar: number;
}

export interface SimulatedPortOptions {
  /** How the user named the probe; default `sim:<part>`. */
  readonly address?: string;
  /** Bytes from saveState(): the board continues where that one left off. */
  readonly state?: Uint8Array;
}

export class SimulatedDebugPort implements DebugPort {
  readonly address: string;
  readonly chip: SimulatedEfr32;
  private readonly config: ResolvedSimConfig;
  private closed = false;
  /** Set once an injected disconnect has happened: every later call fails with it. */
  private disconnectedBy: string | null = null;
  private bytesMoved = 0;
  private readonly calls = new Map<SimOperation, number>();
  private ctrlStat = 0;
  private select = 0;
  private rdbuff = 0;
  private readonly aps: ApState[] = [
    { csw: 0x03000052, tar: 0 },
    { csw: 0, tar: 0 },
  ];
  private aapKey = 0;
  private modelledMs = 0;
  private timeDebtMs = 0;

  private constructor(config: ResolvedSimConfig, chip: SimulatedEfr32, address: string) {
    this.config = config;
    this.chip = chip;
    this.address = address;
  }

  static create(config: SimConfig, options: SimulatedPortOptions = {}): Result<SimulatedDebugPort> {
    const resolved = resolveSimConfig(config);
    if (!resolved.ok) return resolved;
    // With a state, the board powers up with the saved flash, so the firmware that runs is the saved one.
    const chip = options.state === undefined ? success(SimulatedEfr32.fromResolved(resolved.value)) : SimulatedEfr32.fromState(resolved.value, options.state);
    if (!chip.ok) return chip;
    return success(new SimulatedDebugPort(resolved.value, chip.value, options.address ?? `sim:${config.part}`));
  }

  saveState(): Uint8Array {
    return this.chip.saveState();
  }

  loadState(bytes: Uint8Array): Result<void> {
    return this.chip.loadState(bytes);
  }

  private faults<K extends SimFault['kind']>(kind: K): Extract<SimFault, { kind: K }>[] {
    return this.config.faults.filter((f): f is Extract<SimFault, { kind: K }> => f.kind === kind);
  }

  /** Opens a call: closed port, earlier disconnect, an injected disconnect at this operation, cancellation. */
  private begin(operation: SimOperation, options: CallOptions | undefined): Result<SimCall> {
    const call = new SimCall(operation, options?.timeoutMs ?? this.config.defaultTimeoutMs, options?.signal);
    if (this.closed) return failure('PROBE_DISCONNECTED', `${operation}: the probe was closed`);
    if (this.disconnectedBy !== null) return failure('PROBE_DISCONNECTED', `${operation}: the probe was disconnected during ${this.disconnectedBy}`);
    const count = (this.calls.get(operation) ?? 0) + 1;
    this.calls.set(operation, count);
    for (const fault of this.faults('disconnect')) {
      if (fault.at === operation && (fault.occurrence ?? 1) === count) {
        this.disconnectedBy = operation;
        return failure('PROBE_DISCONNECTED', `${operation}: the probe was disconnected (injected fault)`);
      }
    }
    const stop = call.interrupted();
    if (stop !== null) return stop;
    return success(call);
  }

  /** Counts bytes on the wire for the disconnect-after-bytes fault and the timing model. */
  private transfer(call: SimCall, bytes: number): Result<void> {
    const before = this.bytesMoved;
    this.bytesMoved += bytes;
    for (const fault of this.faults('disconnect-after-bytes')) {
      if (this.bytesMoved > fault.bytes) {
        this.disconnectedBy = call.operation;
        return failure('PROBE_DISCONNECTED', `${call.operation}: the probe was disconnected after ${Math.max(before, fault.bytes)} bytes (injected fault)`);
      }
    }
    if (this.config.timing !== null) call.owe((Math.ceil(bytes / 4) * CLOCKS_PER_TRANSFER) / this.config.timing.swdKHz);
    return success(undefined);
  }

  /**
   * Waits for the modelled time a call owes. Sub-millisecond costs (one register access is about 12 µs
   * at 4 MHz) are carried over to later calls, since a timer cannot wait less than a millisecond.
   */
  private async settle(call: SimCall): Promise<Result<void>> {
    const owed = call.takeOwed();
    this.modelledMs += owed;
    this.timeDebtMs += owed;
    if (this.timeDebtMs < 1) return call.interrupted() ?? success(undefined);
    const ms = this.timeDebtMs;
    this.timeDebtMs = 0;
    return call.wait(ms);
  }

  /** Total time the timing model has charged so far (0 while it is off): what a benchmark reports. */
  get modelledTimeMs(): number {
    return this.modelledMs;
  }

  private async finish<T>(call: SimCall, result: Result<T>): Promise<Result<T>> {
    if (!result.ok) return call.named(result);
    const settled = await this.settle(call);
    if (!settled.ok) return settled;
    return result;
  }

  private async run<T>(operation: SimOperation, options: CallOptions | undefined, transferBytes: number, body: (call: SimCall) => Result<T>): Promise<Result<T>> {
    const begun = this.begin(operation, options);
    if (!begun.ok) return begun;
    const call = begun.value;
    const moved = this.transfer(call, transferBytes);
    if (!moved.ok) return moved;
    return this.finish(call, body(call));
  }

  readDp(register: number, options?: CallOptions): Promise<Result<number>> {
    return this.run('readDp', options, 4, () => {
      switch (register) {
        case DP.DPIDR:
          return success(this.chip.series === 2 ? DPIDR_SERIES2 : DPIDR_SERIES1);
        case DP.CTRL_STAT: {
          // Each power-up request is acknowledged at once (ACK bit = request bit + 1).
          const acks = ((this.ctrlStat & CTRL_CSYSPWRUPREQ) << 1) | ((this.ctrlStat & CTRL_CDBGPWRUPREQ) << 1);
          return success((this.ctrlStat | acks) >>> 0);
        }
        case DP.SELECT:
          return success(this.select);
        case DP.RDBUFF:
          return success(this.rdbuff);
        default:
          return failure('SIM_ACCESS_INVALID', `DP register ${hex(register)}`);
      }
    });
  }

  writeDp(register: number, value: number, options?: CallOptions): Promise<Result<void>> {
    return this.run('writeDp', options, 4, () => {
      switch (register) {
        case DP.ABORT:
          // Any of STKCMPCLR/STKERRCLR/WDERRCLR/ORUNERRCLR clears the sticky error flag.
          if ((value & 0x1e) !== 0) this.ctrlStat &= ~CTRL_STICKYERR;
          return success(undefined);
        case DP.CTRL_STAT:
          this.ctrlStat = ((value >>> 0) & ~CTRL_STICKYERR) | (this.ctrlStat & CTRL_STICKYERR);
          return success(undefined);
        case DP.SELECT:
          this.select = value >>> 0;
          return success(undefined);
        default:
          return failure('SIM_ACCESS_INVALID', `DP register ${hex(register)} is not writable`);
      }
    });
  }

  /** A register index 0x0–0xC means "in the bank SELECT names" when SELECT selects this AP. */
  private apAddress(ap: number, register: number): number {
    if (register < 0x10 && ((this.select >>> 24) & 0xff) === ap) return (this.select & 0xf0) | register;
    return register;
  }

  private stickyError<T>(result: Result<T>): Result<T> {
    if (!result.ok && result.error.code !== 'PROBE_ACCESS_DENIED') this.ctrlStat |= CTRL_STICKYERR;
    return result;
  }

  readAp(ap: number, register: number, options?: CallOptions): Promise<Result<number>> {
    return this.run('readAp', options, 4, () => {
      const result = this.stickyError(this.apRead(ap, this.apAddress(ap, register)));
      if (result.ok) this.rdbuff = result.value;
      return result;
    });
  }

  writeAp(ap: number, register: number, value: number, options?: CallOptions): Promise<Result<void>> {
    return this.run('writeAp', options, 4, () => this.stickyError(this.apWrite(ap, this.apAddress(ap, register), value >>> 0)));
  }

  private series1AapActive(): boolean {
    return this.chip.series === 1 && this.chip.debugLocked;
  }

  private apRead(ap: number, address: number): Result<number> {
    if (ap === 0 && this.series1AapActive()) {
      if (address === AP.IDR) return success(AAP_IDR);
      if (address === AAP.STATUS) return success(AAP_STATUS_LOCKED); // erase finishes at once, so ERASEBUSY is never seen set
      if (address === AAP.CMDKEY) return success(this.aapKey);
      return success(0);
    }
    if (ap === 0) {
      const state = this.aps[0]!;
      if (address === AP.IDR) return success(this.chip.series === 2 ? AHB_AP_IDR_SERIES2 : AHB_AP_IDR_SERIES1);
      if (address === AP.CSW) return success(state.csw);
      if (address === AP.TAR) return success(state.tar);
      if (address === AP.DRW || (address >= AP.BD0 && address < AP.BD0 + 0x10)) return this.ahbRead(state, address);
      return success(0);
    }
    if (ap === 1 && this.chip.secureEngine !== null) {
      const state = this.aps[1]!;
      if (address === AP.CSW) return success(state.csw);
      if (address === AP.TAR) return success(state.tar);
      if (address === AP.DRW) {
        const value = this.chip.secureEngine.readRegister(state.tar);
        if (value === null) return failure('SIM_ADDRESS_UNMAPPED', `DCI register ${hex(state.tar)}`);
        return success(value >>> 0);
      }
      // The DCI's own IDR is not documented in the fact sheet; it reads 0 here.
      return success(0);
    }
    // No AP at this index (AP #1 on Series 1, anything above): reads as zero, as an empty AP slot does.
    return success(0);
  }

  private apWrite(ap: number, address: number, value: number): Result<void> {
    if (ap === 0 && this.series1AapActive()) {
      if (address === AAP.CMDKEY) this.aapKey = value;
      else if (address === AAP.CMD && this.aapKey === AAP_CMDKEY_VALUE) {
        if ((value & 1) !== 0) this.chip.series1DeviceErase();
        if ((value & 2) !== 0) this.chip.reset('system');
        this.aapKey = 0;
      }
      return success(undefined);
    }
    if (ap === 0 || (ap === 1 && this.chip.secureEngine !== null)) {
      const state = this.aps[ap]!;
      if (address === AP.CSW) {
        state.csw = value;
        return success(undefined);
      }
      if (address === AP.TAR) {
        state.tar = value;
        return success(undefined);
      }
      if (ap === 0 && (address === AP.DRW || (address >= AP.BD0 && address < AP.BD0 + 0x10))) return this.ahbWrite(state, address, value);
      if (ap === 1 && address === AP.DRW) {
        if (!this.chip.secureEngine!.writeRegister(state.tar, value)) return failure('SIM_ADDRESS_UNMAPPED', `DCI register ${hex(state.tar)}`);
        return success(undefined);
      }
    }
    return success(undefined);
  }

  /** CSW size field: 0 byte, 1 halfword, 2 word. */
  private cswWidth(csw: number): AccessWidth | null {
    const size = csw & 7;
    return size === 0 ? 8 : size === 1 ? 16 : size === 2 ? 32 : null;
  }

  private ahbAccess(state: ApState, register: number): Result<{ address: number; width: AccessWidth; banked: boolean }> {
    if (this.chip.debugLocked) return failure('PROBE_ACCESS_DENIED', `AHB-AP access at ${hex(state.tar)} while the part is debug-locked`);
    if (register !== AP.DRW) return success({ address: ((state.tar & ~0xf) | (register - AP.BD0)) >>> 0, width: 32, banked: true });
    const width = this.cswWidth(state.csw);
    if (width === null) return failure('SIM_ACCESS_INVALID', `CSW size ${state.csw & 7}`);
    return success({ address: state.tar >>> 0, width, banked: false });
  }

  private advance(state: ApState, width: AccessWidth, banked: boolean): void {
    // AddrInc single (CSW[5:4] = 1) steps TAR by the access size.
    if (!banked && ((state.csw >>> 4) & 3) === 1) state.tar = (state.tar + width / 8) >>> 0;
  }

  private ahbRead(state: ApState, register: number): Result<number> {
    const access = this.ahbAccess(state, register);
    if (!access.ok) return access;
    const { address, width, banked } = access.value;
    const bytes = this.chip.read(address, width / 8, width);
    if (!bytes.ok) return bytes;
    this.advance(state, width, banked);
    let value = 0;
    for (let i = bytes.value.length - 1; i >= 0; i--) value = (value << 8) | bytes.value[i]!;
    // Narrow reads come back on their byte lanes.
    return success((value << ((address & 3) * 8)) >>> 0);
  }

  private ahbWrite(state: ApState, register: number, value: number): Result<void> {
    const access = this.ahbAccess(state, register);
    if (!access.ok) return access;
    const { address, width, banked } = access.value;
    const lane = value >>> ((address & 3) * 8);
    const bytes = new Uint8Array(width / 8);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (lane >>> (8 * i)) & 0xff;
    const written = this.chip.write(address, bytes, width);
    if (!written.ok) return written;
    this.advance(state, width, banked);
    return success(undefined);
  }

  readMemory(address: number, length: number, options?: CallOptions & { readonly width?: AccessWidth }): Promise<Result<Uint8Array>> {
    return this.run('readMemory', options, length, () => {
      if (this.chip.debugLocked) return failure('PROBE_ACCESS_DENIED', `${length} bytes at ${hex(address)}: the part is debug-locked`);
      return this.chip.read(address, length, options?.width ?? 32);
    });
  }

  writeMemory(address: number, bytes: Uint8Array, options?: CallOptions & { readonly width?: AccessWidth }): Promise<Result<void>> {
    return this.run('writeMemory', options, bytes.length, () => {
      if (this.chip.debugLocked) return failure('PROBE_ACCESS_DENIED', `${bytes.length} bytes at ${hex(address)}: the part is debug-locked`);
      return this.chip.write(address, bytes, options?.width ?? 32);
    });
  }

  private programFailurePage(pageAddress: number, pageSize: number): boolean {
    return this.faults('flash-program-failure').some((f) => f.address === undefined || (f.address >= pageAddress && f.address < pageAddress + pageSize));
  }

  async programFlash(
    address: number,
    bytes: Uint8Array,
    options?: CallOptions & { readonly onProgress?: (progress: FlashProgress) => void },
  ): Promise<Result<void>> {
    const begun = this.begin('programFlash', options);
    if (!begun.ok) return begun;
    const call = begun.value;
    if (this.chip.debugLocked) return failure('PROBE_ACCESS_DENIED', `programFlash: ${bytes.length} bytes at ${hex(address)}: the part is debug-locked`);
    const region = this.chip.flashRegionFor(address, bytes.length);
    if (!region.ok) return call.named(region);
    const flash = region.value;
    const total = bytes.length;
    options?.onProgress?.({ doneBytes: 0, totalBytes: total });
    const slowErase = this.faults('slow-erase').reduce((ms, f) => Math.max(ms, f.ms), 0);
    const timing = this.config.timing;
    for (let offset = 0; offset < total; offset += flash.pageSize) {
      const page = address + offset;
      const stop = call.interrupted();
      if (stop !== null) return stop;
      const moved = this.transfer(call, flash.pageSize);
      if (!moved.ok) return moved;
      const erased = flash.erasePage(page);
      if (!erased.ok) return call.named(erased);
      if (slowErase > 0) {
        const eraseWait = await call.wait(slowErase);
        if (!eraseWait.ok) return eraseWait;
      }
      if (timing !== null) call.owe(timing.pageEraseMs);
      const data = bytes.subarray(offset, offset + flash.pageSize);
      const programmed = flash.programWords(page, this.programFailurePage(page, flash.pageSize) ? stuckWord(data) : data);
      if (!programmed.ok) return call.named(programmed);
      if (timing !== null) call.owe(((flash.pageSize / 4) * timing.wordProgramUs) / 1000);
      const settled = await this.settle(call);
      if (!settled.ok) return settled;
      const readBack = flash.read(page, flash.pageSize);
      for (let i = 0; i < readBack.length; i++) {
        if (readBack[i] !== data[i]) {
          return failure('SIM_FLASH_VERIFY_FAILED', `programFlash: ${hex(page + i)} reads 0x${readBack[i]!.toString(16).padStart(2, '0')}, programmed 0x${data[i]!.toString(16).padStart(2, '0')}`);
        }
      }
      options?.onProgress?.({ doneBytes: offset + flash.pageSize, totalBytes: total });
    }
    return success(undefined);
  }

  reset(kind: ResetKind, options?: CallOptions): Promise<Result<void>> {
    return this.run('reset', options, 4, () => {
      // SYSRESETREQ and vector catch go through the core's registers, which a locked part does not expose.
      if (kind !== 'hardware' && this.chip.debugLocked) return failure('PROBE_ACCESS_DENIED', `${kind} reset needs the AHB-AP; use a hardware reset on a locked part`);
      this.chip.reset(kind);
      if (kind === 'halt' && this.chip.debugLocked) return failure('PROBE_ACCESS_DENIED', 'the part came out of reset debug-locked, so it could not be halted');
      return success(undefined);
    });
  }

  halt(options?: CallOptions): Promise<Result<void>> {
    return this.run('halt', options, 4, () => {
      if (this.chip.debugLocked) return failure('PROBE_ACCESS_DENIED', 'the part is debug-locked');
      this.chip.setHalted(true);
      return success(undefined);
    });
  }

  go(options?: CallOptions): Promise<Result<void>> {
    return this.run('go', options, 4, () => {
      if (this.chip.debugLocked) return failure('PROBE_ACCESS_DENIED', 'the part is debug-locked');
      this.chip.setHalted(false);
      return success(undefined);
    });
  }

  /**
   * Finds the "SEGGER RTT" control block (at `controlBlockAddress`, else by scanning SRAM on 4-byte
   * boundaries as J-Link does) and opens its buffers. The chip's CPU (the agent) runs around every
   * RTT access, so what the host writes is answered before its next read.
   */
  openRtt(options?: CallOptions & { readonly controlBlockAddress?: number }): Promise<Result<RttChannel>> {
    return this.run('openRtt', options, 0, () => {
      if (this.chip.debugLocked) return failure('PROBE_ACCESS_DENIED', 'RTT needs memory access, and the part is debug-locked');
      this.chip.runAgent();
      let address = options?.controlBlockAddress ?? null;
      if (address === null) {
        const sram = this.chip.read(this.chip.sramBase, this.chip.sram.length, 8);
        if (!sram.ok) return sram;
        address = findRttControlBlock(sram.value, this.chip.sramBase);
        if (address === null) return failure('SIM_RTT_UNAVAILABLE', 'no "SEGGER RTT" control block in SRAM (no agent is running)');
      }
      const block = readRttControlBlock(this.rttMemory(), address);
      if (!block.ok) return block;
      return success(this.rttChannel(block.value));
    });
  }

  private rttMemory(): RttMemory {
    return { read: (address, length) => this.chip.read(address, length, 8), write: (address, bytes) => this.chip.write(address, bytes, 8) };
  }

  private rttChannel(block: RttControlBlock): RttChannel {
    let open = true;
    const check = (operation: string, index: number, buffers: RttControlBlock['up']): Result<RttControlBlock['up'][number]> => {
      if (!open) return failure('PROBE_DISCONNECTED', `${operation}: the RTT channel was closed`);
      if (this.chip.debugLocked) return failure('PROBE_ACCESS_DENIED', `${operation}: the part is debug-locked`);
      const descriptor = buffers[index];
      if (descriptor === undefined) return failure('SIM_RTT_BUFFER_INVALID', `${operation}: buffer ${index} does not exist (the control block has ${buffers.length})`);
      return success(descriptor);
    };
    return {
      read: (bufferIndex, maxBytes, options) =>
        this.run('rttRead', options, 0, (call) => {
          const descriptor = check('rttRead', bufferIndex, block.up);
          if (!descriptor.ok) return descriptor;
          this.chip.runAgent();
          const bytes = rttRingRead(this.rttMemory(), descriptor.value, maxBytes);
          if (!bytes.ok) return bytes;
          const moved = this.transfer(call, bytes.value.length);
          if (!moved.ok) return moved;
          return bytes;
        }),
      write: (bufferIndex, bytes, options) =>
        this.run('rttWrite', options, bytes.length, () => {
          const descriptor = check('rttWrite', bufferIndex, block.down);
          if (!descriptor.ok) return descriptor;
          const accepted = rttRingWrite(this.rttMemory(), descriptor.value, bytes);
          if (!accepted.ok) return accepted;
          this.chip.runAgent();
          return accepted;
        }),
      close: async () => {
        open = false;
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** The flash-program-failure fault: the first word that should change stays erased. */
function stuckWord(data: Uint8Array): Uint8Array {
  const out = data.slice();
  for (let i = 0; i + 4 <= out.length; i += 4) {
    if (out[i] !== 0xff || out[i + 1] !== 0xff || out[i + 2] !== 0xff || out[i + 3] !== 0xff) {
      out.fill(0xff, i, i + 4);
      break;
    }
  }
  return out;
}
