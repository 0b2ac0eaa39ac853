/** Reading regions, programming flash pages and resetting, with each failure naming its step. */
import { failure, success, type Result } from '../../preload/contract/errors';
import type { DebugPort, FlashProgress, ResetKind } from '../probes/debugPort';
import { identify } from './identify';
import { atStep, callOptions, hex32, isAccessDenied, type TargetOptions } from './steps';

const MAX_READ_BYTES = 16 * 1024 * 1024;

export async function readRegion(port: DebugPort, address: number, length: number, options: TargetOptions = {}): Promise<Result<Uint8Array>> {
  const step = `READ ${hex32(address)}+${length}`;
  if (!Number.isSafeInteger(address) || address < 0 || !Number.isSafeInteger(length) || length <= 0 || length > MAX_READ_BYTES || address + length > 0x1_0000_0000) {
    return failure('TARGET_REGION_INVALID', `${step}: expected 1..${MAX_READ_BYTES} bytes inside the 32-bit address space`);
  }
  const bytes = await port.readMemory(address, length, callOptions(options));
  if (isAccessDenied(bytes)) return failure('TARGET_LOCKED', `${step}: memory access refused${bytes.ok ? '' : ` (${bytes.error.detail ?? bytes.error.code})`}`);
  if (!bytes.ok) return atStep(step, bytes);
  return success(bytes.value);
}

/** Erase, program and verify whole flash pages; the range must be page-aligned and inside the part's flash. */
export async function programPages(port: DebugPort, address: number, bytes: Uint8Array, onProgress?: (progress: FlashProgress) => void, options: TargetOptions = {}): Promise<Result<void>> {
  const step = `PROGRAM ${hex32(address)}+${bytes.length}`;
  const identity = await identify(port, options);
  if (!identity.ok) return atStep(step, identity);
  const { flashBase, flashSize, pageSize } = identity.value.part.memory;
  if (bytes.length === 0 || address % pageSize !== 0 || bytes.length % pageSize !== 0 || address < flashBase || address + bytes.length > flashBase + flashSize) {
    return failure('TARGET_REGION_INVALID', `${step}: pages of ${pageSize} bytes inside ${hex32(flashBase)}..${hex32(flashBase + flashSize)} on ${identity.value.partNumber}`);
  }
  const programmed = await port.programFlash(address, bytes, { ...callOptions(options), ...(onProgress === undefined ? {} : { onProgress }) });
  if (isAccessDenied(programmed)) return failure('TARGET_LOCKED', `${step}: flash access refused`);
  return atStep(step, programmed);
}

export async function resetTarget(port: DebugPort, kind: ResetKind, options: TargetOptions = {}): Promise<Result<void>> {
  return atStep(`RESET ${kind}`, await port.reset(kind, callOptions(options)));
}
