/**
 * What the EFR32 sequences (main/target) need from a debug probe, and nothing vendor-specific. The
 * J-Link binding, a CMSIS-DAP probe and the simulator each implement it; the sequences never know
 * which one they drive. Every call takes a timeout and an AbortSignal, and expected failures (a
 * locked part refusing memory access, a vanished probe, a timeout) come back as Results naming the
 * operation, never as exceptions.
 */
import type { Result } from '../../preload/contract/errors';

export interface CallOptions {
  /** Give up after this long with PROBE_TIMEOUT; each implementation has a sane default. */
  readonly timeoutMs?: number;
  /** Abort with PROBE_CANCELLED (the technician pressed cancel, or the device job ended). */
  readonly signal?: AbortSignal;
}

export type AccessWidth = 8 | 16 | 32;

export type ResetKind =
  /** nRESET pin (or the simulator's equivalent): the chip restarts; a configured lock takes effect. */
  | 'hardware'
  /** SYSRESETREQ through the core's AIRCR. */
  | 'system'
  /** Reset and halt at the first instruction (vector catch), for flashing and agent loading. */
  | 'halt';

export interface FlashProgress {
  readonly doneBytes: number;
  readonly totalBytes: number;
}

export interface RttChannel {
  /** Up to `maxBytes` from an up-buffer (target → host); an empty array when nothing is waiting. */
  read(bufferIndex: number, maxBytes: number, options?: CallOptions): Promise<Result<Uint8Array>>;
  /** Into a down-buffer (host → target); returns how many bytes the target accepted. */
  write(bufferIndex: number, bytes: Uint8Array, options?: CallOptions): Promise<Result<number>>;
  close(): Promise<void>;
}

export interface DebugPort {
  /** How the user named the probe, e.g. `sim:EFR32MG24B210F1536IM48` or `jlink:440123456`. */
  readonly address: string;

  /** Raw SW-DP registers (DPIDR 0x0, CTRL/STAT 0x4, SELECT 0x8, RDBUFF 0xC). */
  readDp(register: number, options?: CallOptions): Promise<Result<number>>;
  writeDp(register: number, value: number, options?: CallOptions): Promise<Result<void>>;
  /** Raw access-port registers: AP #0 is the AHB-AP (memory), AP #1 the Series 2 Secure Engine's DCI. */
  readAp(ap: number, register: number, options?: CallOptions): Promise<Result<number>>;
  writeAp(ap: number, register: number, value: number, options?: CallOptions): Promise<Result<void>>;

  /** Memory through the AHB-AP; refused (PROBE_ACCESS_DENIED) while the part is debug-locked. */
  readMemory(address: number, length: number, options?: CallOptions & { readonly width?: AccessWidth }): Promise<Result<Uint8Array>>;
  writeMemory(address: number, bytes: Uint8Array, options?: CallOptions & { readonly width?: AccessWidth }): Promise<Result<void>>;

  /** Page-aligned flash ranges: erase, program and verify, reporting progress. */
  programFlash(address: number, bytes: Uint8Array, options?: CallOptions & { readonly onProgress?: (progress: FlashProgress) => void }): Promise<Result<void>>;

  reset(kind: ResetKind, options?: CallOptions): Promise<Result<void>>;
  halt(options?: CallOptions): Promise<Result<void>>;
  go(options?: CallOptions): Promise<Result<void>>;

  /** Finds the target's RTT control block (optionally at a known address) and opens its buffers. */
  openRtt(options?: CallOptions & { readonly controlBlockAddress?: number }): Promise<Result<RttChannel>>;

  /** Releases the probe; safe to call twice. */
  close(): Promise<void>;
}
