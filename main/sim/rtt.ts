/**
 * SEGGER RTT as it sits in the simulated chip's SRAM (debug-access.md §1.4/1.5): a control block
 * starting with the ID "SEGGER RTT", the number of up (target → host) and down (host → target)
 * buffers, then one 24-byte descriptor per buffer: name pointer, buffer pointer, size, WrOff, RdOff,
 * flags. Both sides move bytes only through these ring pointers in memory, so the host side works on
 * whatever a memory accessor gives it (the chip itself, or a probe's memory reads and writes).
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import { hex } from './flash';

export const RTT_ID = 'SEGGER RTT';
export const RTT_ID_SIZE = 16;
export const RTT_DESCRIPTOR_SIZE = 24;
/** Where the simulated agent puts its control block: this far into SRAM. */
export const RTT_CONTROL_BLOCK_OFFSET = 0x200;
export const RTT_UP_BUFFER_SIZE = 1024;
export const RTT_DOWN_BUFFER_SIZE = 512;
/** SEGGER_RTT_MODE_NO_BLOCK_TRIM: a write that does not fit is cut to what fits. */
export const RTT_MODE_NO_BLOCK_TRIM = 1;

/** Byte access to target memory; the host side passes one built on the probe's memory calls. */
export interface RttMemory {
  read(address: number, length: number): Result<Uint8Array>;
  write(address: number, bytes: Uint8Array): Result<void>;
}

export interface RttBufferDescriptor {
  /** Address of the descriptor itself. */
  readonly address: number;
  readonly buffer: number;
  readonly size: number;
}

export interface RttControlBlock {
  readonly address: number;
  readonly up: readonly RttBufferDescriptor[];
  readonly down: readonly RttBufferDescriptor[];
}

const FIELD = { name: 0, buffer: 4, size: 8, wrOff: 12, rdOff: 16, flags: 20 } as const;

function word(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true);
}

function wordBytes(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, true);
  return out;
}

function idBytes(): Uint8Array {
  const id = new Uint8Array(RTT_ID_SIZE);
  id.set(new TextEncoder().encode(RTT_ID));
  return id;
}

/**
 * The layout the simulated agent writes when it starts: one up and one down buffer ("Terminal"),
 * both in no-block-trim mode as Silicon Labs' ProvisionTransportRTT configures them.
 */
export function rttControlBlockImage(address: number): { readonly bytes: Uint8Array; readonly block: RttControlBlock } {
  const upDescriptor = address + RTT_ID_SIZE + 8;
  const downDescriptor = upDescriptor + RTT_DESCRIPTOR_SIZE;
  const name = downDescriptor + RTT_DESCRIPTOR_SIZE;
  const upBuffer = address + 0x100;
  const downBuffer = upBuffer + RTT_UP_BUFFER_SIZE;
  const total = downBuffer + RTT_DOWN_BUFFER_SIZE - address;
  const bytes = new Uint8Array(total);
  bytes.set(idBytes(), 0);
  bytes.set(wordBytes(1), RTT_ID_SIZE);
  bytes.set(wordBytes(1), RTT_ID_SIZE + 4);
  const descriptor = (at: number, buffer: number, size: number): void => {
    const offset = at - address;
    bytes.set(wordBytes(name), offset + FIELD.name);
    bytes.set(wordBytes(buffer), offset + FIELD.buffer);
    bytes.set(wordBytes(size), offset + FIELD.size);
    bytes.set(wordBytes(RTT_MODE_NO_BLOCK_TRIM), offset + FIELD.flags);
  };
  descriptor(upDescriptor, upBuffer, RTT_UP_BUFFER_SIZE);
  descriptor(downDescriptor, downBuffer, RTT_DOWN_BUFFER_SIZE);
  bytes.set(new TextEncoder().encode('Terminal\0'), name - address);
  return {
    bytes,
    block: {
      address,
      up: [{ address: upDescriptor, buffer: upBuffer, size: RTT_UP_BUFFER_SIZE }],
      down: [{ address: downDescriptor, buffer: downBuffer, size: RTT_DOWN_BUFFER_SIZE }],
    },
  };
}

/** Searches `bytes` (memory starting at `base`) for the control block ID on a 4-byte boundary, as J-Link's auto-search does. */
export function findRttControlBlock(bytes: Uint8Array, base: number): number | null {
  const id = idBytes();
  outer: for (let offset = 0; offset + RTT_ID_SIZE <= bytes.length; offset += 4) {
    for (let i = 0; i < RTT_ID.length + 1; i++) if (bytes[offset + i] !== id[i]) continue outer;
    return base + offset;
  }
  return null;
}

/** Reads and checks the control block at `address`: the ID, sane buffer counts and descriptors. */
export function readRttControlBlock(memory: RttMemory, address: number): Result<RttControlBlock> {
  const header = memory.read(address, RTT_ID_SIZE + 8);
  if (!header.ok) return header;
  const id = new TextDecoder().decode(header.value.subarray(0, RTT_ID.length));
  if (id !== RTT_ID || header.value[RTT_ID.length] !== 0) return failure('SIM_RTT_UNAVAILABLE', `no RTT control block at ${hex(address)}`);
  const upCount = word(header.value, RTT_ID_SIZE);
  const downCount = word(header.value, RTT_ID_SIZE + 4);
  if (upCount > 16 || downCount > 16) return failure('SIM_RTT_BUFFER_INVALID', `control block at ${hex(address)} claims ${upCount} up and ${downCount} down buffers`);
  const descriptors = memory.read(address + RTT_ID_SIZE + 8, (upCount + downCount) * RTT_DESCRIPTOR_SIZE);
  if (!descriptors.ok) return descriptors;
  const list: RttBufferDescriptor[] = [];
  for (let i = 0; i < upCount + downCount; i++) {
    const at = i * RTT_DESCRIPTOR_SIZE;
    list.push({ address: address + RTT_ID_SIZE + 8 + at, buffer: word(descriptors.value, at + FIELD.buffer), size: word(descriptors.value, at + FIELD.size) });
  }
  return success({ address, up: list.slice(0, upCount), down: list.slice(upCount) });
}

function offsets(memory: RttMemory, descriptor: RttBufferDescriptor): Result<{ wrOff: number; rdOff: number }> {
  const raw = memory.read(descriptor.address + FIELD.wrOff, 8);
  if (!raw.ok) return raw;
  const wrOff = word(raw.value, 0);
  const rdOff = word(raw.value, 4);
  if (descriptor.size < 2 || wrOff >= descriptor.size || rdOff >= descriptor.size) {
    return failure('SIM_RTT_BUFFER_INVALID', `buffer at ${hex(descriptor.address)}: size ${descriptor.size}, WrOff ${wrOff}, RdOff ${rdOff}`);
  }
  return success({ wrOff, rdOff });
}

/**
 * Takes up to `maxBytes` out of a ring (the reader's side: advances RdOff). With `scrub`, the bytes
 * taken are zeroed in the ring, so what the host sent (an imported key) does not linger in SRAM.
 */
export function rttRingRead(memory: RttMemory, descriptor: RttBufferDescriptor, maxBytes: number, options: { readonly scrub?: boolean } = {}): Result<Uint8Array> {
  const ring = offsets(memory, descriptor);
  if (!ring.ok) return ring;
  const { wrOff, rdOff } = ring.value;
  const available = wrOff >= rdOff ? wrOff - rdOff : descriptor.size - rdOff + wrOff;
  const count = Math.max(0, Math.min(available, Math.floor(maxBytes)));
  if (count === 0) return success(new Uint8Array(0));
  const out = new Uint8Array(count);
  const first = Math.min(count, descriptor.size - rdOff);
  const a = memory.read(descriptor.buffer + rdOff, first);
  if (!a.ok) return a;
  out.set(a.value, 0);
  if (count > first) {
    const b = memory.read(descriptor.buffer, count - first);
    if (!b.ok) return b;
    out.set(b.value, first);
  }
  if (options.scrub === true) {
    const wiped = memory.write(descriptor.buffer + rdOff, new Uint8Array(first));
    if (!wiped.ok) return wiped;
    if (count > first) {
      const rest = memory.write(descriptor.buffer, new Uint8Array(count - first));
      if (!rest.ok) return rest;
    }
  }
  const written = memory.write(descriptor.address + FIELD.rdOff, wordBytes((rdOff + count) % descriptor.size));
  if (!written.ok) return written;
  return success(out);
}

/** Puts as much of `bytes` as fits into a ring (the writer's side: advances WrOff); returns the count taken. */
export function rttRingWrite(memory: RttMemory, descriptor: RttBufferDescriptor, bytes: Uint8Array): Result<number> {
  const ring = offsets(memory, descriptor);
  if (!ring.ok) return ring;
  const { wrOff, rdOff } = ring.value;
  const free = rdOff > wrOff ? rdOff - wrOff - 1 : descriptor.size - 1 - wrOff + rdOff;
  const count = Math.min(free, bytes.length);
  if (count === 0) return success(0);
  const first = Math.min(count, descriptor.size - wrOff);
  const a = memory.write(descriptor.buffer + wrOff, bytes.subarray(0, first));
  if (!a.ok) return a;
  if (count > first) {
    const b = memory.write(descriptor.buffer, bytes.subarray(first, count));
    if (!b.ok) return b;
  }
  const written = memory.write(descriptor.address + FIELD.wrOff, wordBytes((wrOff + count) % descriptor.size));
  if (!written.ok) return written;
  return success(count);
}
