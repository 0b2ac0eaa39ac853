/**
 * Debug lock: read the state, apply a lock, device-erase (debug-access.md §3.1, §3.3).
 * Series 2 goes through the Secure Engine's DCI on AP #1 and never touches the AHB-AP; Series 1
 * reads AP #0's IDR (the AAP replaces the AHB-AP on a locked part) and the Lock Bits page.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import type { DebugPort } from '../probes/debugPort';
import { AP, DP, SERIES1_DPIDR, SERIES2_DPIDR, describeSeCode, readDciDebugStatus, withDci } from './dci';
import { identify, readWord } from './identify';
import { atStep, callOptions, checkAborted, hex32, type TargetOptions } from './steps';
import type { Series } from '../silabs/parts';

export interface LockStatus {
  /** The debug port is closed right now (memory access refused). */
  readonly locked: boolean;
  /** A lock has been configured; it takes effect (or took effect) at a reset. */
  readonly debugLockConfigured: boolean;
  /** A device erase can still unlock the part. */
  readonly deviceEraseEnabled: boolean;
  /** Secure debug (challenge/response unlock) is enabled; always false on Series 1. */
  readonly secureDebugEnabled: boolean;
}

export type LockMode = 'standard' | 'permanent' | 'secure';
export const LOCK_MODES: readonly LockMode[] = ['standard', 'permanent', 'secure'];

/** Series 1 Lock Bits page (§3.3). */
export const SERIES1_LOCK_BITS_PAGE = 0x0fe04000;
export const SERIES1_LOCK_BITS_PAGE_SIZE = 2048;
export const SERIES1_ALW_ADDRESS = 0x0fe041f0;
export const SERIES1_DLW_ADDRESS = 0x0fe041fc;
/** Silabs' example clears the low four bits of the DLW. */
export const SERIES1_DLW_LOCKED = 0xfffffff0;
/** Series 1 AP #0 IDR: the AHB-AP when unlocked, the AAP when locked. */
export const SERIES1_AHB_AP_IDR = 0x24770011;
export const SERIES1_AAP_IDR = 0x26e60011;
export const AAP = { CMD: 0x00, CMDKEY: 0x04, STATUS: 0x08 } as const;
export const AAP_CMDKEY = 0xcfacc118;
export const AAP_CMD_DEVICEERASE = 1;
export const AAP_STATUS_ERASEBUSY = 1 << 0;
export const AAP_STATUS_LOCKED = 1 << 1;
const DEFAULT_ERASE_TIMEOUT_MS = 10_000;

export function isAapIdr(idr: number): boolean {
  return ((idr >>> 0) & 0x0fffff0f) === 0x06e60001;
}

/** Which series is on the wire, from the SW-DP's DPIDR alone (works on a locked part). */
export async function detectSeries(port: DebugPort, options: TargetOptions = {}): Promise<Result<Series>> {
  const dpidr = atStep('DETECT SERIES: read DPIDR', await port.readDp(DP.DPIDR, callOptions(options)));
  if (!dpidr.ok) return dpidr;
  if (dpidr.value >>> 0 === SERIES2_DPIDR) return success(2);
  if (dpidr.value >>> 0 === SERIES1_DPIDR) return success(1);
  // Another core revision: a Secure Engine answering on AP #1 still means Series 2.
  const dci = await withDci(port, options, async () => success(undefined));
  if (dci.ok) return success(2);
  return failure('TARGET_SERIES_UNKNOWN', `DETECT SERIES: DPIDR ${hex32(dpidr.value)}; expected ${hex32(SERIES2_DPIDR)} (Series 2) or ${hex32(SERIES1_DPIDR)} (Series 1), and no DCI answered on AP #1`);
}

/** Series 1: AP #0's IDR read with SELECT = 0x000000F0 (AP 0, bank 0xF), then SELECT back to 0. */
export async function readSeries1ApIdr(port: DebugPort, options: TargetOptions = {}): Promise<Result<number>> {
  const call = callOptions(options);
  const select = atStep('AP IDR: write SELECT', await port.writeDp(DP.SELECT, 0x000000f0, call));
  if (!select.ok) return select;
  const idr = atStep('AP IDR: read IDR', await port.readAp(0, AP.IDR, call));
  const back = atStep('AP IDR: restore SELECT', await port.writeDp(DP.SELECT, 0, call));
  if (!idr.ok) return idr;
  return back.ok ? success(idr.value >>> 0) : back;
}

export async function readLockStatus(port: DebugPort, options: TargetOptions = {}): Promise<Result<LockStatus>> {
  const series = await detectSeries(port, options);
  if (!series.ok) return series;
  if (series.value === 2) {
    return withDci(port, options, async (session) => {
      const status = await readDciDebugStatus(session);
      if (!status.ok) return status;
      const { locked, debugLockConfigured, deviceEraseEnabled, secureDebugEnabled } = status.value;
      return success({ locked, debugLockConfigured, deviceEraseEnabled, secureDebugEnabled });
    });
  }
  const idr = await readSeries1ApIdr(port, options);
  if (!idr.ok) return idr;
  // The AAP in AP #0's place: the part is locked and only a device erase reaches it.
  if (isAapIdr(idr.value)) return success({ locked: true, debugLockConfigured: true, deviceEraseEnabled: true, secureDebugEnabled: false });
  const dlw = await readWord(port, SERIES1_DLW_ADDRESS, 'LOCK STATUS: read DLW', options);
  if (!dlw.ok) return dlw;
  const alw = await readWord(port, SERIES1_ALW_ADDRESS, 'LOCK STATUS: read ALW', options);
  if (!alw.ok) return alw;
  return success({ locked: false, debugLockConfigured: (dlw.value & 0xf) !== 0xf, deviceEraseEnabled: (alw.value & 0xf) === 0xf, secureDebugEnabled: false });
}

async function resetAfter(port: DebugPort, step: string, options: TargetOptions): Promise<Result<void>> {
  return atStep(`${step}: hardware reset`, await port.reset('hardware', callOptions(options)));
}

/**
 * Apply a debug lock and reset so it takes effect. standard: DBG_LOCK_APPLY. permanent: then
 * DEVICE_ERASE_DISABLE (irreversible). secure: only when the SE has a command key (it refuses
 * DBG_LOCK_ENABLE_SECURE with an authorization error otherwise, before anything changed); enable secure
 * debug, apply, disable device erase (Silabs' order). Series 1: clear the DLW (permanent also clears
 * the ALW, which leaves no recovery); Series 1 has no secure debug.
 */
export async function applyLock(port: DebugPort, mode: LockMode, options: TargetOptions = {}): Promise<Result<LockStatus>> {
  const series = await detectSeries(port, options);
  if (!series.ok) return series;
  if (series.value === 2) {
    const applied = await withDci(port, options, async (session) => {
      if (mode === 'secure') {
        // The SE enables secure debug only with a public command key in OTP; it answers an
        // authorization error otherwise, before anything has changed.
        const secure = await session.commandRaw('DBG_LOCK_ENABLE_SECURE');
        if (!secure.ok) return secure;
        if (secure.value.code === 0x0002) return failure<void>('TARGET_SECURE_LOCK_UNAVAILABLE', `DBG_LOCK_ENABLE_SECURE: ${describeSeCode(secure.value.code)} — no command key is installed`);
        if (secure.value.code !== 0) return failure<void>('TARGET_SE_ERROR', `DBG_LOCK_ENABLE_SECURE: ${describeSeCode(secure.value.code)}`);
      }
      const apply = await session.command('DBG_LOCK_APPLY');
      if (!apply.ok) return apply;
      if (mode !== 'standard') {
        const disable = await session.command('DEVICE_ERASE_DISABLE');
        if (!disable.ok) return disable;
      }
      return success(undefined);
    });
    if (!applied.ok) return applied;
  } else {
    if (mode === 'secure') return failure('TARGET_OPERATION_UNSUPPORTED', 'LOCK secure: Series 1 parts have no secure debug; use standard or permanent');
    const idr = await readSeries1ApIdr(port, options);
    if (!idr.ok) return idr;
    if (!isAapIdr(idr.value)) {
      const page = await port.readMemory(SERIES1_LOCK_BITS_PAGE, SERIES1_LOCK_BITS_PAGE_SIZE, callOptions(options));
      if (!page.ok) return atStep('LOCK: read Lock Bits page', page);
      const bytes = new Uint8Array(page.value);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      view.setUint32(SERIES1_DLW_ADDRESS - SERIES1_LOCK_BITS_PAGE, view.getUint32(SERIES1_DLW_ADDRESS - SERIES1_LOCK_BITS_PAGE, true) & SERIES1_DLW_LOCKED, true);
      if (mode === 'permanent') view.setUint32(SERIES1_ALW_ADDRESS - SERIES1_LOCK_BITS_PAGE, 0, true);
      const written = await port.programFlash(SERIES1_LOCK_BITS_PAGE, bytes, callOptions(options));
      if (!written.ok) return atStep('LOCK: program Lock Bits page', written);
    }
  }
  const reset = await resetAfter(port, `LOCK ${mode}`, options);
  if (!reset.ok) return reset;
  return readLockStatus(port, options);
}

export interface DeviceEraseRequest extends TargetOptions {
  /** Must be exactly true: a device erase wipes the attestation credentials and NVM3. */
  readonly confirmed: boolean;
  /** How long the erase may take (Series 1 AAP ERASEBUSY poll); default 10 s. */
  readonly eraseTimeoutMs?: number;
}

/**
 * Device erase (mass erase and debug unlock), then a hardware reset so access returns. Series 2:
 * DEVICE_ERASE over the DCI; refused by the SE (its code in the detail) once device erase is
 * disabled; a part still locked after the reset is TARGET_ERASE_REFUSED. Series 1: DEVICEERASE through
 * the AAP on a locked part; an unlocked one is erased page by page (main flash and the Lock Bits page).
 */
export async function deviceErase(port: DebugPort, request: DeviceEraseRequest): Promise<Result<LockStatus>> {
  if (request.confirmed !== true) return failure('TARGET_ERASE_NOT_CONFIRMED', 'DEVICE_ERASE: the request was not confirmed');
  const series = await detectSeries(port, request);
  if (!series.ok) return series;
  if (series.value === 2) {
    const erased = await withDci(port, request, async (session) => {
      const response = await session.commandRaw('DEVICE_ERASE');
      if (!response.ok) return response;
      if (response.value.code !== 0) {
        return failure<void>('TARGET_SE_ERROR', `DEVICE_ERASE: ${describeSeCode(response.value.code)}${response.value.code === 0x0002 ? ' — device erase is disabled on this part (permanent or secure lock)' : ''}`);
      }
      return success(undefined);
    });
    if (!erased.ok) return erased;
  } else {
    const idr = await readSeries1ApIdr(port, request);
    if (!idr.ok) return idr;
    if (isAapIdr(idr.value)) {
      const erased = await aapDeviceErase(port, request);
      if (!erased.ok) return erased;
    } else {
      const identity = await identify(port, request);
      if (!identity.ok) return identity;
      const { flashBase, flashSize } = identity.value.part.memory;
      const main = await port.programFlash(flashBase, new Uint8Array(flashSize).fill(0xff), callOptions(request));
      if (!main.ok) return atStep('DEVICE_ERASE: erase main flash', main);
      const lockBits = await port.programFlash(SERIES1_LOCK_BITS_PAGE, new Uint8Array(SERIES1_LOCK_BITS_PAGE_SIZE).fill(0xff), callOptions(request));
      if (!lockBits.ok) return atStep('DEVICE_ERASE: erase Lock Bits page', lockBits);
    }
  }
  const reset = await resetAfter(port, 'DEVICE_ERASE', request);
  if (!reset.ok) return reset;
  const status = await readLockStatus(port, request);
  if (status.ok && status.value.locked) return failure('TARGET_ERASE_REFUSED', `DEVICE_ERASE: the debug port is still locked after the erase and reset (Series ${series.value})`);
  return status;
}

/** AAP: CMDKEY, CMD = DEVICEERASE, poll STATUS until ERASEBUSY clears. */
async function aapDeviceErase(port: DebugPort, request: DeviceEraseRequest): Promise<Result<void>> {
  const call = callOptions(request);
  const key = atStep('AAP DEVICEERASE: write AAP_CMDKEY', await port.writeAp(0, AAP.CMDKEY, AAP_CMDKEY, call));
  if (!key.ok) return key;
  const command = atStep('AAP DEVICEERASE: write AAP_CMD', await port.writeAp(0, AAP.CMD, AAP_CMD_DEVICEERASE, call));
  if (!command.ok) return command;
  const timeoutMs = request.eraseTimeoutMs ?? DEFAULT_ERASE_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const aborted = checkAborted('AAP DEVICEERASE', request);
    if (aborted !== null) return aborted;
    const status = atStep('AAP DEVICEERASE: read AAP_STATUS', await port.readAp(0, AAP.STATUS, call));
    if (!status.ok) return status;
    if ((status.value & AAP_STATUS_ERASEBUSY) === 0) break;
    if (Date.now() >= deadline) return failure('TARGET_ERASE_TIMEOUT', `AAP DEVICEERASE: ERASEBUSY still set after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return atStep('AAP DEVICEERASE: write AAP_CMDKEY', await port.writeAp(0, AAP.CMDKEY, 0, call));
}
