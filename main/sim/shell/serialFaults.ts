/**
 * Faults on the simulated serial line (the board → host direction): corrupted bytes, as a bad cable,
 * a wrong baud rate or noise would give. Deterministic for a given seed, so tests never flake.
 */

export interface SerialGarbageFault {
  readonly kind: 'serial-garbage';
  /** Every `every`-th byte sent is replaced by a byte with the high bit set (never valid ASCII). Default 16. */
  readonly every?: number;
  /** Seed of the replacement bytes. Default 1. */
  readonly seed?: number;
}

export type SerialFault = SerialGarbageFault;

/** A stateful transform over the bytes the board sends; identity when no fault is given. */
export class SerialLine {
  private sent = 0;
  private state: number;
  private readonly every: number;

  constructor(private readonly fault: SerialFault | undefined) {
    this.every = Math.max(1, Math.floor(fault?.every ?? 16));
    this.state = (fault?.seed ?? 1) >>> 0 || 1;
  }

  /** Bytes the board sends → bytes that arrive at the host. */
  transmit(bytes: Uint8Array): Uint8Array {
    if (this.fault === undefined) return bytes;
    const out = Uint8Array.from(bytes);
    for (let i = 0; i < out.length; i += 1) {
      this.sent += 1;
      if (this.sent % this.every === 0) out[i] = 0x80 | (this.next() & 0x7f);
    }
    return out;
  }

  /** xorshift32. */
  private next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
}
