/**
 * SEGGER's J-Link library through koffi (research/debug-access.md §1.2–§1.5). The file is found by
 * preflight's search (settings path, MATTERLINE_JLINK_LIB, install folders) and loaded where it lies,
 * never copied (it finds JLinkDevices.xml next to itself). The C stand-in for tests
 * (native/jlink-standin) is loaded by exactly this code, given as a settings path.
 *
 * Calls are synchronous and block the calling thread, except the long ones, which run `.async()`
 * (optionalApi.ts callAsync); the station gives each probe its own worker process
 * (main/station/worker). All library state is global to the loaded copy, and a process has one copy
 * per path: one loaded library drives one probe.
 */
import koffi, { type IKoffiCType, type IKoffiLib, type KoffiFunction } from 'koffi';
import { failure, success, type Result } from '../../../preload/contract/errors';
import { locateJlinkLibrary, type JlinkLibraryLocation } from '../../preflight/jlinkLibrary';
import { OPTIONAL_SIGNATURES, type JlinkOptionalApi } from './optionalApi';
import type { PreflightHost } from '../../preflight/host';

/** Below V6 the command strings and the unsecure hook this binding relies on are not all there. */
export const MIN_DLL_VERSION = 60000;
export const CONNECT_INFO_SIZE = 264;

/** The C types, declared once per process (koffi's type names are global). */
interface JlinkTypes {
  readonly connectInfo: IKoffiCType;
  readonly log: IKoffiCType;
  readonly unsecureDialog: IKoffiCType;
  readonly flashProgress: IKoffiCType;
}
let types: JlinkTypes | null = null;

function jlinkTypes(): JlinkTypes {
  if (types !== null) return types;
  const text = (length: number): IKoffiCType => koffi.array('char', length, 'String');
  // JLINKARM_EMU_CONNECT_INFO, 264 bytes with natural alignment (§1.5).
  const connectInfo = koffi.struct('JLINKARM_EMU_CONNECT_INFO', {
    SerialNumber: 'uint32_t',
    Connection: 'uint32_t',
    USBAddr: 'uint32_t',
    aIPAddr: koffi.array('uint8_t', 16),
    Time: 'int',
    Time_us: 'uint64_t',
    HWVersion: 'uint32_t',
    abMACAddr: koffi.array('uint8_t', 6),
    acProduct: text(32),
    acNickName: text(32),
    acFWString: text(112),
    IsDHCPAssignedIP: 'char',
    IsDHCPAssignedIPIsValid: 'char',
    NumIPConnections: 'char',
    NumIPConnectionsIsValid: 'char',
    aPadding: koffi.array('uint8_t', 34),
  });
  const log = koffi.proto('void JLINKARM_LOG(const char *sErr)');
  // JLINK_* functions and their callbacks are STDCALL (matters on 32-bit Windows only).
  const unsecureDialog = koffi.proto('int __stdcall JLINK_UNSECURE_DIALOG_CB_FUNC(const char *sTitle, const char *sMsg, uint32_t Flags)');
  const flashProgress = koffi.proto('void __stdcall JLINK_FLASH_PROGRESS_CB_FUNC(const char *sAction, const char *sProg, int Percentage)');
  types = { connectInfo, log, unsecureDialog, flashProgress };
  return types;
}

/** A registered callback pointer (koffi.register) or null to remove a handler. */
export type CallbackPointer = ReturnType<typeof koffi.register> | null;

/** The slice of SEGGER's API this binding uses, with SEGGER's names minus the prefix. */
export interface JlinkApi {
  GetDLLVersion(): number;
  EMU_GetList(hostIfs: number, infos: Buffer | null, maxInfos: number): number;
  EMU_SelectByUSBSN(serial: number): number;
  OpenEx(log: CallbackPointer, errorOut: CallbackPointer): string | null;
  Close(): void;
  IsOpen(): number;
  GetSN(): number;
  ExecCommand(command: string, out: Buffer, size: number): number;
  TIF_Select(interfaceId: number): number;
  SetSpeed(khz: number): void;
  CORESIGHT_Configure(config: string): number;
  CORESIGHT_ReadAPDPReg(regIndex: number, apNdp: number, data: Uint32Array): number;
  CORESIGHT_WriteAPDPReg(regIndex: number, apNdp: number, data: number): number;
  Connect(): number;
  IsConnected(): number;
  ReadMemEx(address: number, numBytes: number, data: Buffer, accessWidth: number): number;
  WriteMemEx(address: number, numBytes: number, data: Buffer, accessWidth: number): number;
  Halt(): number;
  IsHalted(): number;
  Go(): void;
  Reset(): number;
  SetHookUnsecureDialog(hook: CallbackPointer): number;
  SetErrorOutHandler(handler: CallbackPointer): void;
}

/** Exact C signatures from SEGGER's JLinkARMDLL.h (§1.4); `_Out_` marks what the library fills in. */
const SIGNATURES: Record<keyof JlinkApi, string> = {
  GetDLLVersion: 'uint32_t JLINKARM_GetDLLVersion(void)',
  EMU_GetList: 'int JLINKARM_EMU_GetList(int HostIFs, _Out_ JLINKARM_EMU_CONNECT_INFO *paConnectInfo, int MaxInfos)',
  EMU_SelectByUSBSN: 'int JLINKARM_EMU_SelectByUSBSN(uint32_t SerialNo)',
  OpenEx: 'const char *JLINKARM_OpenEx(JLINKARM_LOG *pfLog, JLINKARM_LOG *pfErrorOut)',
  Close: 'void JLINKARM_Close(void)',
  IsOpen: 'char JLINKARM_IsOpen(void)',
  GetSN: 'int JLINKARM_GetSN(void)',
  ExecCommand: 'int JLINKARM_ExecCommand(const char *sIn, _Out_ char *sError, int BufferSize)',
  TIF_Select: 'int JLINKARM_TIF_Select(int Interface)',
  SetSpeed: 'void JLINKARM_SetSpeed(uint32_t Speed)',
  CORESIGHT_Configure: 'int JLINKARM_CORESIGHT_Configure(const char *sConfig)',
  CORESIGHT_ReadAPDPReg: 'int JLINKARM_CORESIGHT_ReadAPDPReg(uint8_t RegIndex, uint8_t APnDP, _Out_ uint32_t *pData)',
  CORESIGHT_WriteAPDPReg: 'int JLINKARM_CORESIGHT_WriteAPDPReg(uint8_t RegIndex, uint8_t APnDP, uint32_t Data)',
  Connect: 'int JLINKARM_Connect(void)',
  IsConnected: 'char JLINKARM_IsConnected(void)',
  ReadMemEx: 'int JLINKARM_ReadMemEx(uint32_t Addr, uint32_t NumBytes, _Out_ void *pData, uint32_t AccessWidth)',
  WriteMemEx: 'int JLINKARM_WriteMemEx(uint32_t Addr, uint32_t NumBytes, const void *pData, uint32_t AccessWidth)',
  Halt: 'char JLINKARM_Halt(void)',
  IsHalted: 'char JLINKARM_IsHalted(void)',
  Go: 'void JLINKARM_Go(void)',
  Reset: 'int JLINKARM_Reset(void)',
  SetHookUnsecureDialog: 'int __stdcall JLINK_SetHookUnsecureDialog(JLINK_UNSECURE_DIALOG_CB_FUNC *pfHook)',
  SetErrorOutHandler: 'void JLINKARM_SetErrorOutHandler(JLINKARM_LOG *pfErrorOut)',
};

export interface JlinkVersion {
  /** GetDLLVersion's number, e.g. 79600. */
  readonly raw: number;
  /** "V7.96", "V7.96a". */
  readonly text: string;
}

/** Where the library's callbacks go while a session is open (jlinkSession.ts). */
export interface JlinkListener {
  log(text: string): void;
  errorOut(text: string): void;
  /** Returns the button the library gets; see UNSECURE_ANSWER_NO. */
  unsecureDialog(title: string, message: string, flags: number): number;
  /** JLINK_SetFlashProgProgressCallback's calls while a download runs: action Compare/Erase/Flash/Verify. */
  flashProgress?(action: string, progress: string, percent: number): void;
}

/** JLINK_UNSECURE_DIALOG button bits (pylink enums.py:JLinkFlags): YES = 1, NO = 2. */
export const UNSECURE_ANSWER_NO = 2;

export interface JlinkCallbacks {
  readonly log: CallbackPointer;
  readonly errorOut: CallbackPointer;
  readonly unsecureDialog: CallbackPointer;
  readonly flashProgress: CallbackPointer;
}

export interface JlinkLibrary {
  readonly path: string;
  readonly source: JlinkLibraryLocation['source'];
  readonly version: JlinkVersion;
  readonly api: JlinkApi;
  /** The optional functions the file exports; see requireFunction. */
  readonly optional: Partial<JlinkOptionalApi>;
  /** Why each absent optional function could not be bound. */
  readonly missing: Partial<Record<keyof JlinkOptionalApi, string>>;
  /** koffi's handle of every bound function, for `.async()` (calls that must not block the event loop). */
  readonly functions: Readonly<Record<string, KoffiFunction>>;
  readonly types: JlinkTypes;
  /**
   * Registered once per loaded copy and never unregistered: the library keeps the pointers
   * (OpenEx's log handler cannot be withdrawn with this slice's functions), so they must stay valid
   * as long as it is loaded, which is the life of the process.
   */
  readonly callbacks: JlinkCallbacks;
  /** The open session's handlers; without one, text is dropped and an unlock offer still gets NO. */
  listener: JlinkListener | null;
  /** The serial of the probe this copy currently drives (jlinkSession.ts keeps it), or null. */
  openSerial: number | null;
}

/** 79600 → V7.96; 68402 → V6.84b (major v/10000, minor (v/100)%100, letter v%100, §1.4). */
export function decodeDllVersion(raw: number): JlinkVersion {
  const major = Math.floor(raw / 10000);
  const minor = Math.floor(raw / 100) % 100;
  const revision = raw % 100;
  const letter = revision > 0 && revision <= 26 ? String.fromCharCode(96 + revision) : '';
  return { raw, text: `V${major}.${String(minor).padStart(2, '0')}${letter}` };
}

export interface LoadJlinkOptions {
  /** The station settings' library path (a file or the folder holding it). */
  readonly settingsPath?: string | null;
  readonly host?: Partial<PreflightHost>;
}

const loaded = new Map<string, JlinkLibrary>();

/** Finds, loads and version-checks the library; loading the same file again returns the same copy. */
export function loadJlinkLibrary(options: LoadJlinkOptions = {}): Result<JlinkLibrary> {
  const { found, searched } = locateJlinkLibrary({
    ...(options.settingsPath === undefined ? {} : { settingsPath: options.settingsPath }),
    ...(options.host === undefined ? {} : { host: options.host }),
  });
  if (found === null) return failure('JLINK_LIBRARY_NOT_FOUND', `Searched:\n${searched.join('\n')}`);
  const cached = loaded.get(found.path);
  if (cached !== undefined) return success(cached);

  let lib: IKoffiLib;
  try {
    lib = koffi.load(found.path);
  } catch (error) {
    return failure('JLINK_LIBRARY_LOAD_FAILED', `${found.path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const declared = jlinkTypes();
  const bind = (name: keyof JlinkApi): Result<unknown> => {
    try {
      return success(lib.func(SIGNATURES[name]));
    } catch (error) {
      return failure('JLINK_LIBRARY_LOAD_FAILED', `${found.path}: ${SIGNATURES[name]}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  // The version first: an old library lacking a function should say "too old", not "broken".
  // A refused library is unloaded again: nothing of it stays mapped in the process.
  const refuse = (result: Result<never>): Result<JlinkLibrary> => {
    lib.unload();
    return result;
  };
  const getVersion = bind('GetDLLVersion');
  if (!getVersion.ok) return refuse(getVersion);
  const version = decodeDllVersion((getVersion.value as () => number)() >>> 0);
  if (version.raw < MIN_DLL_VERSION) {
    return refuse(failure('JLINK_LIBRARY_TOO_OLD', `${found.path} reports ${version.text} (${version.raw}); version V6.00 or newer is needed`));
  }
  const api: Partial<Record<keyof JlinkApi, unknown>> = {};
  const functions: Record<string, KoffiFunction> = {};
  for (const name of Object.keys(SIGNATURES) as Array<keyof JlinkApi>) {
    const bound = bind(name);
    if (!bound.ok) return refuse(bound);
    api[name] = bound.value;
    functions[name] = bound.value as KoffiFunction;
  }
  const optional: Partial<Record<keyof JlinkOptionalApi, unknown>> = {};
  const missing: Partial<Record<keyof JlinkOptionalApi, string>> = {};
  for (const name of Object.keys(OPTIONAL_SIGNATURES) as Array<keyof JlinkOptionalApi>) {
    try {
      const bound = lib.func(OPTIONAL_SIGNATURES[name]);
      optional[name] = bound;
      functions[name] = bound;
    } catch (error) {
      missing[name] = `${OPTIONAL_SIGNATURES[name]}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const holder: { library: JlinkLibrary | null } = { library: null };
  const listener = (): JlinkListener | null => holder.library?.listener ?? null;
  const callbacks: JlinkCallbacks = {
    log: koffi.register((text: string | null) => listener()?.log(text ?? ''), koffi.pointer(declared.log)),
    errorOut: koffi.register((text: string | null) => listener()?.errorOut(text ?? ''), koffi.pointer(declared.log)),
    // Answering YES would let the library mass-erase a locked chip, attestation data included.
    unsecureDialog: koffi.register(
      (title: string | null, message: string | null, flags: number) => listener()?.unsecureDialog(title ?? '', message ?? '', flags >>> 0) ?? UNSECURE_ANSWER_NO,
      koffi.pointer(declared.unsecureDialog),
    ),
    flashProgress: koffi.register(
      (action: string | null, progress: string | null, percent: number) => listener()?.flashProgress?.(action ?? '', progress ?? '', percent),
      koffi.pointer(declared.flashProgress),
    ),
  };
  const library: JlinkLibrary = {
    path: found.path,
    source: found.source,
    version,
    api: api as JlinkApi,
    optional: optional as Partial<JlinkOptionalApi>,
    missing,
    functions,
    types: declared,
    callbacks,
    listener: null,
    openSerial: null,
  };
  holder.library = library;
  loaded.set(found.path, library);
  return success(library);
}
