/**
 * One open J-Link probe on one loaded library (research/debug-access.md §1.3, §1.6): select it by
 * serial, OpenEx with log and error handlers, install the unsecure-dialog hook answering NO, the
 * headless command strings, SWD and the speed. Listing probes needs no open probe.
 *
 * The library's state is global to the loaded copy, so a copy drives one probe at a time
 * (JLINK_LIBRARY_BUSY otherwise): the station runs each probe in its own worker process. The
 * callbacks belong to the loaded copy (library.ts); the open session listens to them: it keeps the
 * log, the last error text and every unlock offer the library made (each answered NO).
 */
import koffi from 'koffi';
import { failure, success, type Result } from '../../../preload/contract/errors';
import { jlinkFailure } from './errors';
import { CONNECT_INFO_SIZE, UNSECURE_ANSWER_NO, type JlinkLibrary } from './library';

const HOST_IF_USB = 1;
const TIF_SWD = 1;
export const DEFAULT_SPEED_KHZ = 4000;
/** pylink's ExecCommand buffer size. */
const COMMAND_OUT_SIZE = 336;
const LOG_LINES_KEPT = 200;

/** Never a dialog: a factory station has no one to click it (pylink disable_dialog_boxes). */
export const HEADLESS_COMMANDS = [
  'SilentUpdateFW',
  'SuppressInfoUpdateFW',
  'SetBatchMode = 1',
  'HideDeviceSelection = 1',
  'SuppressControlPanel',
  'DisableInfoWinFlashDL',
  'DisableInfoWinFlashBPs',
] as const;

export interface JlinkProbeInfo {
  readonly serial: number;
  readonly connection: 'usb' | 'ip' | 'unknown';
  readonly product: string;
  readonly nickname: string;
}

interface ConnectInfo {
  SerialNumber: number;
  Connection: number;
  acProduct: string;
  acNickName: string;
}

/** The probes the library sees over USB, without opening any of them (§1.3). */
export function listProbes(library: JlinkLibrary): Result<JlinkProbeInfo[]> {
  const { api, types } = library;
  const count = api.EMU_GetList(HOST_IF_USB, null, 0);
  if (count < 0) return jlinkFailure('JLINKARM_EMU_GetList', count);
  if (count === 0) return success([]);
  const buffer = Buffer.alloc(CONNECT_INFO_SIZE * count);
  const filled = api.EMU_GetList(HOST_IF_USB, buffer, count);
  if (filled < 0) return jlinkFailure('JLINKARM_EMU_GetList', filled);
  const probes: JlinkProbeInfo[] = [];
  // A probe plugged in between the two calls makes `filled` larger than the buffer: keep what fits.
  for (let index = 0; index < Math.min(filled, count); index += 1) {
    const info = koffi.decode(buffer, index * CONNECT_INFO_SIZE, types.connectInfo) as ConnectInfo;
    probes.push({
      serial: info.SerialNumber >>> 0,
      connection: info.Connection === 1 ? 'usb' : info.Connection === 2 ? 'ip' : 'unknown',
      product: info.acProduct,
      nickname: info.acNickName,
    });
  }
  return success(probes);
}

export interface UnsecureQuestion {
  readonly title: string;
  readonly message: string;
  readonly flags: number;
}

export interface OpenOptions {
  readonly speedKhz?: number;
}

export class JlinkSession {
  private readonly log: string[] = [];
  private errorText: string | null = null;
  private readonly questions: UnsecureQuestion[] = [];
  private open = true;
  /** Where JLINK_SetFlashProgProgressCallback's calls go while a download runs (flashDownload.ts). */
  onFlashProgress: ((action: string, progress: string, percent: number) => void) | null = null;

  private constructor(
    readonly library: JlinkLibrary,
    readonly serial: number,
  ) {}

  /** Select by serial → OpenEx → unsecure hook (NO) → headless commands → SWD → speed. */
  static openBySerial(library: JlinkLibrary, serial: number, options: OpenOptions = {}): Result<JlinkSession> {
    if (library.openSerial !== null) {
      return failure('JLINK_LIBRARY_BUSY', `${library.path} already drives J-Link ${library.openSerial}; ${serial} needs its own process`);
    }
    const { api } = library;
    const listed = listProbes(library);
    if (!listed.ok) return listed;
    if (!listed.value.some((probe) => probe.serial === serial)) {
      const seen = listed.value.map((probe) => probe.serial).join(', ');
      return failure('JLINK_PROBE_NOT_FOUND', `J-Link ${serial}; connected: ${seen === '' ? 'none' : seen}`);
    }
    const selected = api.EMU_SelectByUSBSN(serial);
    if (selected < 0) return failure('JLINK_PROBE_NOT_FOUND', `JLINKARM_EMU_SelectByUSBSN(${serial}) returned ${selected}`);

    const session = new JlinkSession(library, serial);
    const opened = session.openLibrary(options);
    if (!opened.ok) {
      if (api.IsOpen() !== 0) api.Close();
      session.release();
      return opened;
    }
    library.openSerial = serial;
    return success(session);
  }

  private openLibrary(options: OpenOptions): Result<void> {
    const { api, callbacks } = this.library;
    this.library.listener = {
      log: (text) => this.remember(text),
      errorOut: (text) => {
        this.remember(text);
        if (text.trim() !== '') this.errorText = text.trim();
      },
      unsecureDialog: (title, message, flags) => {
        this.questions.push({ title, message, flags });
        this.remember(`unsecure dialog answered NO: ${title}: ${message}`);
        return UNSECURE_ANSWER_NO;
      },
      flashProgress: (action, progress, percent) => this.onFlashProgress?.(action, progress, percent),
    };
    const openError = api.OpenEx(callbacks.log, callbacks.errorOut);
    if (openError !== null) return failure('JLINK_OPEN_FAILED', `J-Link ${this.serial}: JLINKARM_OpenEx: ${openError}`);
    api.SetErrorOutHandler(callbacks.errorOut);
    api.SetHookUnsecureDialog(callbacks.unsecureDialog);
    for (const command of HEADLESS_COMMANDS) {
      const done = this.exec(command);
      if (!done.ok) return done;
    }
    const tif = api.TIF_Select(TIF_SWD);
    if (tif < 0) return jlinkFailure(`J-Link ${this.serial}: JLINKARM_TIF_Select(SWD)`, tif, this.takeError());
    api.SetSpeed(options.speedKhz ?? DEFAULT_SPEED_KHZ);
    return success(undefined);
  }

  /** A command string; the library answers an error in the out buffer, not in the return (pylink). */
  exec(command: string): Result<void> {
    const out = Buffer.alloc(COMMAND_OUT_SIZE);
    const returned = this.library.api.ExecCommand(command, out, COMMAND_OUT_SIZE);
    const text = out.toString('latin1').split('\0')[0] ?? '';
    if (text !== '') return failure('JLINK_ERROR', `J-Link ${this.serial}: command "${command}": ${text}`);
    if (returned < 0) return jlinkFailure(`J-Link ${this.serial}: command "${command}"`, returned, this.takeError());
    return success(undefined);
  }

  /** The library's error text since the last call to this, cleared (read it right after a failing call). */
  takeError(): string | null {
    const text = this.errorText;
    this.errorText = null;
    return text;
  }

  clearError(): void {
    this.errorText = null;
  }

  /** Every time the library asked to unlock (mass-erase) a locked part; each was answered NO. */
  get unsecureQuestions(): readonly UnsecureQuestion[] {
    return this.questions;
  }

  /** The last log and error lines, for diagnostics. */
  get logLines(): readonly string[] {
    return this.log;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Close the probe once (pylink: closing twice can crash the library) and stop listening. */
  close(): void {
    if (!this.open) return;
    this.library.api.Close();
    this.release();
  }

  private release(): void {
    this.open = false;
    if (this.library.listener !== null) this.library.listener = null;
    if (this.library.openSerial === this.serial) this.library.openSerial = null;
  }

  private remember(text: string): void {
    this.log.push(text);
    if (this.log.length > LOG_LINES_KEPT) this.log.splice(0, this.log.length - LOG_LINES_KEPT);
  }
}
