/**
 * Flash programming through SEGGER's flash loader (research/debug-access.md §1.4, sequence step 6):
 * with the core halted, BeginDownload(0) → WriteMem → EndDownload buffers the bytes, then compares,
 * erases, programs and verifies whole pages (read-modify-write: bytes of a page outside the range are
 * kept). We read the range back afterwards and compare ourselves: the loader's own verify is not
 * visible to us, and a wrong `Device = …` could flash somewhere else.
 *
 * EndDownload and the read-back run on koffi's worker threads (`.async()`), so the probe worker's
 * event loop keeps sending heartbeats; the progress callback is queued back to this thread by koffi.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { FlashProgress } from '../debugPort';
import { jlinkFailure } from './errors';
import { callAsync, requireFunction } from './optionalApi';
import type { JlinkSession } from './jlinkSession';

/** The loader's phases (§1.4: Compare/Erase/Flash/Verify); only programming moves the bar. */
const PROGRAM_ACTIONS = /^(flash|program)/i;

export interface DownloadOptions {
  readonly onProgress?: (progress: FlashProgress) => void;
}

/** Programs `bytes` at `address` and verifies them; the core must be connected and halted. */
export async function downloadToFlash(session: JlinkSession, address: number, bytes: Uint8Array, options: DownloadOptions = {}): Promise<Result<void>> {
  const where = `J-Link ${session.serial}: programFlash ${hex(address)} +${bytes.length}:`;
  const needed = `flash programming`;
  const begin = requireFunction(session.library, 'BeginDownload', needed);
  if (!begin.ok) return begin;
  const writeMem = requireFunction(session.library, 'WriteMem', needed);
  if (!writeMem.ok) return writeMem;
  const end = requireFunction(session.library, 'EndDownload', needed);
  if (!end.ok) return end;
  const setProgress = requireFunction(session.library, 'SetFlashProgProgressCallback', needed);
  if (!setProgress.ok) return setProgress;

  const total = bytes.length;
  let done = -1;
  const report = (doneBytes: number): void => {
    // Forwards only, no repeats: the loader may report each phase from 0 % again.
    if (doneBytes <= done) return;
    done = doneBytes;
    options.onProgress?.({ doneBytes, totalBytes: total });
  };
  report(0);

  const data = Buffer.from(bytes);
  session.clearError();
  begin.value(0);
  const written = writeMem.value(address >>> 0, total, data);
  if (written < 0) return jlinkFailure(`${where} JLINKARM_WriteMem`, written, session.takeError());

  session.onFlashProgress = (action, _progress, percent) => {
    if (PROGRAM_ACTIONS.test(action)) report(Math.floor((Math.min(Math.max(percent, 0), 100) * total) / 100));
  };
  setProgress.value(session.library.callbacks.flashProgress);
  let called: Result<number>;
  try {
    called = await callAsync(session.library, 'EndDownload');
  } finally {
    setProgress.value(null);
    session.onFlashProgress = null;
  }
  if (!called.ok) return failure('JLINK_FLASH_FAILED', `${where} JLINKARM_EndDownload: ${called.error.detail ?? called.error.message}`);
  const programmed = called.value;
  if (programmed < 0) return jlinkFailure(`${where} JLINKARM_EndDownload`, programmed, session.takeError());

  const verified = await verifyFlash(session, address, bytes, where);
  if (!verified.ok) return verified;
  report(total);
  return success(undefined);
}

async function verifyFlash(session: JlinkSession, address: number, bytes: Uint8Array, where: string): Promise<Result<void>> {
  const readBack = Buffer.alloc(bytes.length);
  session.clearError();
  const called = await callAsync(session.library, 'ReadMemEx', address >>> 0, bytes.length, readBack, 0);
  if (!called.ok) return failure('JLINK_FLASH_FAILED', `${where} verify: JLINKARM_ReadMemEx: ${called.error.detail ?? called.error.message}`);
  const returned = called.value;
  if (returned < 0) return jlinkFailure(`${where} verify: JLINKARM_ReadMemEx`, returned, session.takeError());
  for (let index = 0; index < bytes.length; index += 1) {
    if (readBack[index] !== bytes[index]) {
      const read = (readBack[index] ?? 0).toString(16).padStart(2, '0');
      const wanted = (bytes[index] ?? 0).toString(16).padStart(2, '0');
      return failure('JLINK_FLASH_FAILED', `${where} verify: ${hex(address + index)} reads 0x${read}, programmed 0x${wanted}`);
    }
  }
  return success(undefined);
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase()}`;
}
