/**
 * readDeviceBack: the read half of "read back and verify" and of the QA read-back service. Over any
 * DebugPort: the lock status (first, since it works on a closed port), then DEVINFO (part, EUI-64),
 * then the NVM3 region and the credentials page (or the single page) as raw bytes, parsed the way the
 * firmware would read them (main/silabs/image). A locked part is an answer, not an error: the
 * read-back says locked and carries no data. An erased or unprovisioned part is an answer too
 * (parsed null, parseError saying why); only probe trouble is a failure, named by its step.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { createFirmwareImage, type FirmwareImage } from '../../firmware';
import type { DebugPort } from '../../probes/debugPort';
import { parseProvisioningImage, type ParsedProvisioningImage } from '../../silabs/image';
import { identify, readLockStatus, readRegion, withDci, type LockStatus, type TargetIdentity } from '../../target';
import { atStep, type TargetOptions } from '../../target/steps';
import { READBACK_STORAGES, type DeviceReadback, type LockState, type ReadbackStorage, type ReadRegionBytes } from './types';

export interface ReadDeviceBackOptions {
  readonly storage: ReadbackStorage;
  /** Per probe call. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** The lock as configured: secure debug, then erase disabled (permanent), then any lock (standard). */
export function lockStateOf(status: LockStatus): LockState {
  if (!status.locked && !status.debugLockConfigured) return 'none';
  if (status.secureDebugEnabled) return 'secure';
  if (!status.deviceEraseEnabled) return 'permanent';
  return 'standard';
}

export async function readDeviceBack(port: DebugPort, options: ReadDeviceBackOptions): Promise<Result<DeviceReadback>> {
  if (!READBACK_STORAGES.includes(options.storage)) return failure('READBACK_OPTIONS_INVALID', `storage ${JSON.stringify(options.storage)}; expected nvm3, single-page or auto`);
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    return failure('READBACK_OPTIONS_INVALID', `timeoutMs ${String(options.timeoutMs)}; expected a positive number of milliseconds`);
  }
  const target: TargetOptions = { ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }), ...(options.signal === undefined ? {} : { signal: options.signal }) };
  if (aborted(target)) return failure('TARGET_CANCELLED', 'READBACK lock status');
  const lock = atStep('READBACK lock status', await readLockStatus(port, target));
  if (!lock.ok) return lock;
  const lockState = lockStateOf(lock.value);
  if (lock.value.locked) {
    return success({ locked: true, lock: lock.value, lockState, identity: null, eui64: await lockedEui64(port, target), storage: options.storage, regions: [], image: null, parsed: null, parseError: null });
  }

  if (aborted(target)) return failure('TARGET_CANCELLED', 'READBACK identify');
  const identity = atStep('READBACK identify', await identify(port, target));
  if (!identity.ok) return identity;

  const regions: ReadRegionBytes[] = [];
  const memory = identity.value.part.memory;
  const wanted: { name: ReadRegionBytes['name']; address: number; length: number }[] = [];
  if (options.storage !== 'single-page') wanted.push({ name: 'nvm3', address: memory.nvm3.base, length: memory.nvm3.size });
  wanted.push({ name: options.storage === 'single-page' ? 'single-page' : 'credentials', address: memory.credentialsPage, length: memory.pageSize });
  for (const region of wanted) {
    const read = await readNamedRegion(port, region, target);
    if (!read.ok) return read;
    regions.push(read.value);
  }

  let parsed = parseRegions(regions, identity.value, options.storage);
  if (!parsed.ok) return parsed;
  // NVM3 may place the credentials elsewhere (credentials-base-differs): read that page too, as the firmware would.
  const elsewhere = parsed.value.result.ok ? parsed.value.result.value.credentialsAddress : null;
  if (elsewhere !== null && !regions.some((region) => covers(region, elsewhere, memory.pageSize))) {
    const extra = await readNamedRegion(port, { name: 'credentials', address: elsewhere, length: memory.pageSize }, target);
    if (!extra.ok) return extra;
    regions.push(extra.value);
    parsed = parseRegions(regions, identity.value, options.storage);
    if (!parsed.ok) return parsed;
  }
  const { image, result } = parsed.value;
  return success({
    locked: false,
    lock: lock.value,
    lockState,
    identity: identity.value,
    eui64: identity.value.eui64,
    storage: options.storage,
    regions,
    image,
    parsed: result.ok ? result.value : null,
    parseError: result.ok ? null : result.error,
  });
}

async function readNamedRegion(port: DebugPort, region: { name: ReadRegionBytes['name']; address: number; length: number }, target: TargetOptions): Promise<Result<ReadRegionBytes>> {
  if (aborted(target)) return failure('TARGET_CANCELLED', `READBACK ${region.name}`);
  const bytes = atStep(`READBACK ${region.name}`, await readRegion(port, region.address, region.length, target));
  return bytes.ok ? success({ name: region.name, address: region.address, bytes: bytes.value }) : bytes;
}

function aborted(target: TargetOptions): boolean {
  return target.signal?.aborted === true;
}

function covers(region: ReadRegionBytes, address: number, length: number): boolean {
  return address >= region.address && address + length <= region.address + region.bytes.length;
}

/** The regions as one image, parsed; an image that holds no provisioning data is a parse result, not a failure. */
function parseRegions(
  regions: readonly ReadRegionBytes[],
  identity: TargetIdentity,
  storage: ReadbackStorage,
): Result<{ image: FirmwareImage; result: Result<ParsedProvisioningImage> }> {
  const segments = [...regions].sort((a, b) => a.address - b.address).map((region) => ({ address: region.address, bytes: region.bytes }));
  const image = createFirmwareImage(segments);
  if (!image.ok) return atStep('READBACK assemble image', image);
  const result = parseProvisioningImage(image.value, identity.part, storage === 'auto' ? {} : { layout: storage });
  return success({ image: image.value, result });
}

/** Series 2 answers READ_SERIAL on a locked part: the EUI-64 identifies the board for the record. Null when it cannot. */
async function lockedEui64(port: DebugPort, target: TargetOptions): Promise<string | null> {
  const serial = await withDci(port, target, async (session) => session.command('READ_SERIAL'));
  if (!serial.ok) return null;
  const [, , high, low] = serial.value.payload;
  if (high === undefined || low === undefined) return null;
  return ((BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)).toString(16).padStart(16, '0');
}
