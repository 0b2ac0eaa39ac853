/**
 * The J-Link functions a library may lack and still be loaded (library.ts): what flashing and RTT
 * need. Listing probes and identify work without them; the operation needing one answers
 * JLINK_LIBRARY_LOAD_FAILED naming it. Also the `.async()` call used for the long ones.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { CallbackPointer, JlinkApi, JlinkLibrary } from './library';

/**
 * Flash download, RTT and run-without-halt. Every SEGGER library has them; a library lacking one
 * still loads for listing and identify, and the operation needing it answers
 * JLINK_LIBRARY_LOAD_FAILED naming the function (requireFunction).
 */
export interface JlinkOptionalApi {
  BeginDownload(flags: number): void;
  WriteMem(address: number, count: number, data: Buffer): number;
  EndDownload(): number;
  SetFlashProgProgressCallback(callback: CallbackPointer): void;
  RTTERMINAL_Control(command: number, parameter: Buffer | null): number;
  RTTERMINAL_Read(bufferIndex: number, data: Buffer, size: number): number;
  RTTERMINAL_Write(bufferIndex: number, data: Buffer, size: number): number;
  ResetNoHalt(): void;
}

export const OPTIONAL_SIGNATURES: Record<keyof JlinkOptionalApi, string> = {
  BeginDownload: 'void JLINKARM_BeginDownload(uint32_t Flags)',
  WriteMem: 'int JLINKARM_WriteMem(uint32_t Addr, uint32_t Count, const void *pData)',
  EndDownload: 'int JLINKARM_EndDownload(void)',
  SetFlashProgProgressCallback: 'void __stdcall JLINK_SetFlashProgProgressCallback(JLINK_FLASH_PROGRESS_CB_FUNC *pfOnFlashProgess)',
  RTTERMINAL_Control: 'int __stdcall JLINK_RTTERMINAL_Control(uint32_t Cmd, void *p)',
  RTTERMINAL_Read: 'int __stdcall JLINK_RTTERMINAL_Read(uint32_t BufferIndex, _Out_ void *sBuffer, uint32_t BufferSize)',
  RTTERMINAL_Write: 'int __stdcall JLINK_RTTERMINAL_Write(uint32_t BufferIndex, const void *sBuffer, uint32_t BufferSize)',
  ResetNoHalt: 'void JLINKARM_ResetNoHalt(void)',
};

/** An optional function, or JLINK_LIBRARY_LOAD_FAILED naming it when the loaded file lacks it. */
export function requireFunction<K extends keyof JlinkOptionalApi>(library: JlinkLibrary, name: K, needed: string): Result<JlinkOptionalApi[K]> {
  const bound = library.optional[name];
  if (bound !== undefined) return success(bound as JlinkOptionalApi[K]);
  return failure('JLINK_LIBRARY_LOAD_FAILED', `${library.path} has no ${OPTIONAL_SIGNATURES[name]}, which ${needed} needs: ${library.missing[name] ?? 'not bound'}`);
}

/**
 * Runs a bound function on one of koffi's worker threads, so the process's event loop keeps
 * running (heartbeats, the library's callbacks, which koffi queues to this thread) while it blocks.
 * The caller keeps every buffer argument referenced until the promise settles, and never starts a
 * second call into the library meanwhile (JlinkDebugPort's queue).
 */
export function callAsync(library: JlinkLibrary, name: keyof JlinkApi | keyof JlinkOptionalApi, ...args: unknown[]): Promise<Result<number>> {
  const bound = library.functions[name];
  if (bound === undefined) return Promise.resolve(failure('JLINK_LIBRARY_LOAD_FAILED', `${library.path}: ${name} is not bound`));
  return new Promise((resolve) => {
    bound.async(...args, (error: unknown, result: number) =>
      resolve(error === null || error === undefined ? success(result) : failure('JLINK_ERROR', `${name}: ${error instanceof Error ? error.message : String(error)}`)),
    );
  });
}
