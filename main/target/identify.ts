/**
 * identify: the series byte at 0x0FE081FE, then the DEVINFO words that byte says to read, decoded by
 * the part catalogue (main/silabs/parts) into the orderable part number, EUI-64 and memory layout.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import type { DebugPort } from '../probes/debugPort';
import { FAMILY_BYTE_ADDRESS, identifySeries, partFromDevinfo, type PartInfo, type Series } from '../silabs/parts';
import { atStep, callOptions, hex32, isAccessDenied, type TargetOptions } from './steps';

export interface TargetIdentity {
  readonly partNumber: string;
  readonly series: Series;
  /** 16 lower-case hex digits, OUI first. */
  readonly eui64: string;
  readonly flashSize: number;
  readonly pageSize: number;
  readonly part: PartInfo;
}

/** One little-endian 32-bit word through the AHB-AP; a locked part's refusal becomes TARGET_LOCKED. */
export async function readWord(port: DebugPort, address: number, step: string, options: TargetOptions = {}): Promise<Result<number>> {
  const bytes = await port.readMemory(address, 4, { ...callOptions(options), width: 32 });
  if (isAccessDenied(bytes)) return failure('TARGET_LOCKED', `${step}: reading ${hex32(address)} was refused${bytes.ok ? '' : ` (${bytes.error.detail ?? bytes.error.code})`}`);
  if (!bytes.ok) return atStep(step, bytes);
  if (bytes.value.length !== 4) return failure('PART_DEVINFO_INVALID', `${step}: ${hex32(address)} returned ${bytes.value.length} bytes instead of 4`);
  const view = new DataView(bytes.value.buffer, bytes.value.byteOffset, 4);
  return success(view.getUint32(0, true));
}

export async function identify(port: DebugPort, options: TargetOptions = {}): Promise<Result<TargetIdentity>> {
  const aligned = FAMILY_BYTE_ADDRESS & ~3;
  const familyWord = await readWord(port, aligned, 'IDENTIFY: series byte', options);
  if (!familyWord.ok) return familyWord;
  const familyByte = (familyWord.value >>> ((FAMILY_BYTE_ADDRESS - aligned) * 8)) & 0xff;
  const series = identifySeries(familyByte);
  if (!series.ok) return atStep('IDENTIFY: series byte', series);
  const layout = series.value.devinfo;

  const read = async (name: string, address: number): Promise<Result<number>> => readWord(port, address, `IDENTIFY: DEVINFO ${name}`, options);
  const part = await read('PART', layout.part);
  if (!part.ok) return part;
  const msize = await read('MSIZE', layout.msize);
  if (!msize.ok) return msize;
  const pkginfo = await read(series.value.series === 2 ? 'PKGINFO' : 'MEMINFO', layout.pkginfo);
  if (!pkginfo.ok) return pkginfo;
  const meminfo = series.value.series === 2 ? await read('MEMINFO', layout.meminfo) : success(pkginfo.value);
  if (!meminfo.ok) return meminfo;
  const info = series.value.series === 2 ? await read('INFO', layout.base) : null;
  if (info !== null && !info.ok) return info;
  const eui64Low = await read('EUI64L', layout.eui64Low);
  if (!eui64Low.ok) return eui64Low;
  const eui64High = await read('EUI64H', layout.eui64High);
  if (!eui64High.ok) return eui64High;

  const decoded = partFromDevinfo({
    familyByte,
    part: part.value,
    msize: msize.value,
    pkginfo: pkginfo.value,
    ...(series.value.series === 2 ? { meminfo: meminfo.value } : {}),
    ...(info !== null && info.ok ? { info: info.value } : {}),
    eui64Low: eui64Low.value,
    eui64High: eui64High.value,
  });
  if (!decoded.ok) return atStep('IDENTIFY: decode DEVINFO', decoded);
  const partInfo = decoded.value;
  const eui64 = partInfo.eui64 ?? ((BigInt(eui64High.value >>> 0) << 32n) | BigInt(eui64Low.value >>> 0)).toString(16).padStart(16, '0');
  return success({
    partNumber: partInfo.orderablePartNumber,
    series: partInfo.series,
    eui64,
    flashSize: partInfo.memory.flashSize,
    pageSize: partInfo.memory.pageSize,
    part: partInfo,
  });
}
