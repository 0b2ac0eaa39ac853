/**
 * Simulated firmware images. The simulator cannot execute ARM code, so an image it should "run" starts
 * with a small header where a real image's vector table goes (the part's flash base):
 *
 *   offset 0  8 bytes  magic "MLSIMFW\0"
 *   offset 8  u32 LE   kind: 1 = provisioning agent, 2 = Matter application
 *   offset 12 u32 LE   version
 *   offset 16 ...      filler (a fixed pattern; no meaning)
 *
 * At a reset that lets the core run, the simulated chip reads this header and starts what it names.
 * Anything else in flash is "foreign firmware" (a real image): the chip runs nothing we model. An
 * erased application area runs nothing either. Pure: no I/O.
 */
import { failure, type Result } from '../../preload/contract/errors';
import { createFirmwareImage, type FirmwareImage } from '../firmware/image';
import { parseOrderablePartNumber, type PartInfo } from '../silabs/parts';

export const SIM_FIRMWARE_MAGIC = 'MLSIMFW\0';
export const SIM_FIRMWARE_HEADER_SIZE = 16;
export const SIM_FIRMWARE_KIND_CODE = { agent: 1, app: 2 } as const;

/** `agent`: the provisioning agent (Protocol v2 over RTT); `app`: a Matter application (the UART shell, no agent). */
export type SimFirmwareKind = keyof typeof SIM_FIRMWARE_KIND_CODE;
export const SIM_FIRMWARE_KINDS: readonly SimFirmwareKind[] = ['agent', 'app'];

/** What the chip finds at its flash base: one of ours, a real image, or erased flash. */
export type RecognisedFirmware =
  | { readonly kind: SimFirmwareKind; readonly version: number }
  | { readonly kind: 'foreign' }
  | { readonly kind: 'none' };

export interface SimFirmwareRequest {
  readonly kind: SimFirmwareKind;
  /** The part's orderable part number, or its catalogue entry. */
  readonly part: string | PartInfo;
  /** u32; default 1. */
  readonly version?: number;
  /** Total bytes, a multiple of 4 from 16; default one flash page, so `programFlash` takes it as it is. */
  readonly size?: number;
}

/** The 16-byte header of a simulated image. */
export function simulatedFirmwareHeader(kind: SimFirmwareKind, version: number): Uint8Array {
  const header = new Uint8Array(SIM_FIRMWARE_HEADER_SIZE);
  header.set(new TextEncoder().encode(SIM_FIRMWARE_MAGIC));
  const view = new DataView(header.buffer);
  view.setUint32(8, SIM_FIRMWARE_KIND_CODE[kind], true);
  view.setUint32(12, version >>> 0, true);
  return header;
}

/** A simulated firmware image at the part's flash base (where a real image's vector table goes). */
export function buildSimulatedFirmware(request: SimFirmwareRequest): Result<FirmwareImage> {
  let part: PartInfo;
  if (typeof request.part === 'string') {
    const parsed = parseOrderablePartNumber(request.part);
    if (!parsed.ok) return parsed;
    part = parsed.value;
  } else part = request.part;
  if (!SIM_FIRMWARE_KINDS.includes(request.kind)) return failure('SIM_CONFIG_INVALID', `firmware kind "${String(request.kind)}" is not agent or app`);
  const version = request.version ?? 1;
  if (!Number.isInteger(version) || version < 0 || version > 0xffffffff) return failure('SIM_CONFIG_INVALID', `firmware version ${String(version)} is not a u32`);
  const size = request.size ?? part.memory.pageSize;
  if (!Number.isInteger(size) || size < SIM_FIRMWARE_HEADER_SIZE || size % 4 !== 0 || size > part.memory.flashSize) {
    return failure('SIM_CONFIG_INVALID', `firmware size ${String(size)} must be a multiple of 4 from ${SIM_FIRMWARE_HEADER_SIZE} to the flash size (${part.memory.flashSize})`);
  }
  const bytes = new Uint8Array(size);
  bytes.set(simulatedFirmwareHeader(request.kind, version));
  // A non-blank, position-dependent filler: a host that reads the image back at the wrong offset sees it.
  for (let i = SIM_FIRMWARE_HEADER_SIZE; i < size; i++) bytes[i] = (i * 29 + 0x5a) & 0xff;
  return createFirmwareImage([{ address: part.memory.flashBase, bytes }]);
}

/** Reads the header at the start of the application area (the first 16 bytes at the flash base). */
export function recogniseSimulatedFirmware(head: Uint8Array): RecognisedFirmware {
  if (head.length < SIM_FIRMWARE_HEADER_SIZE) return { kind: 'none' };
  if (head.subarray(0, SIM_FIRMWARE_HEADER_SIZE).every((byte) => byte === 0xff)) return { kind: 'none' };
  const magic = new TextEncoder().encode(SIM_FIRMWARE_MAGIC);
  if (!magic.every((byte, i) => head[i] === byte)) return { kind: 'foreign' };
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const code = view.getUint32(8, true);
  const kind = SIM_FIRMWARE_KINDS.find((k) => SIM_FIRMWARE_KIND_CODE[k] === code);
  // Our magic with an unknown kind: an image this simulator does not know how to run.
  if (kind === undefined) return { kind: 'foreign' };
  return { kind, version: view.getUint32(12, true) };
}
