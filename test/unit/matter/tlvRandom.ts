/** A small seeded generator of random TLV trees for the round-trip property tests. */
import type { TlvElement, TlvTag } from '../../../main/matter/tlv';
import { seededRandom as sharedSeededRandom } from '../../support/seededRandom';

/** A float source in [0, 1) over the shared seeded generator. */
export function seededRandom(seed: number): () => number {
  const source = sharedSeededRandom(seed);
  return () => source.next() / 2 ** 32;
}

type Container = 'structure' | 'array' | 'list' | null;

export class TlvTreeGenerator {
  constructor(private readonly random: () => number) {}

  int(maxExclusive: number): number {
    return Math.floor(this.random() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** A uniformly random 64-bit pattern, with a bias towards the width boundaries. */
  private bits64(): bigint {
    const width = this.pick([8, 16, 32, 53, 64]);
    let value = 0n;
    for (let i = 0; i < width; i += 16) value = (value << 16n) | BigInt(this.int(0x10000));
    return BigInt.asUintN(width, value);
  }

  private canonical(value: bigint): number | bigint {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }

  tag(container: Container): TlvTag {
    if (container === 'array') return { kind: 'anonymous' };
    const kinds: TlvTag['kind'][] = container === 'structure' ? ['context', 'context', 'commonProfile', 'implicitProfile', 'fullyQualified'] : container === 'list' ? ['anonymous', 'context', 'commonProfile', 'fullyQualified'] : ['anonymous', 'commonProfile', 'implicitProfile', 'fullyQualified'];
    const kind = this.pick(kinds);
    const number32 = () => (this.random() < 0.5 ? this.int(0x10000) : this.int(0x100000000));
    switch (kind) {
      case 'anonymous':
        return { kind };
      case 'context':
        return { kind, tagNumber: this.int(256) };
      case 'commonProfile':
      case 'implicitProfile':
        return { kind, tagNumber: number32() };
      case 'fullyQualified':
        return { kind, vendorId: this.int(0x10000), profileNumber: this.int(0x10000), tagNumber: number32() };
    }
  }

  string(): string {
    const alphabet = ['a', 'Z', '0', ' ', 'é', 'ü', '€', '中', '😀', '\n'];
    const length = this.pick([0, 1, 5, 19, 40, 300]);
    return Array.from({ length }, () => this.pick(alphabet)).join('');
  }

  element(container: Container, depth: number, tag: TlvTag = this.tag(container)): TlvElement {
    const types = depth < 4 ? ['signed', 'unsigned', 'boolean', 'float32', 'float64', 'utf8', 'bytes', 'null', 'structure', 'array', 'list'] : ['signed', 'unsigned', 'boolean', 'utf8', 'bytes', 'null'];
    const type = this.pick(types);
    switch (type) {
      case 'unsigned':
        return { tag, type, value: this.canonical(this.bits64()) };
      case 'signed':
        return { tag, type, value: this.canonical(BigInt.asIntN(64, this.bits64() << BigInt(this.pick([0, 0, 1, 8, 20])))) };
      case 'boolean':
        return { tag, type, value: this.random() < 0.5 };
      case 'float32':
        return { tag, type, value: Math.fround((this.random() - 0.5) * 10 ** this.int(12)) };
      case 'float64':
        return { tag, type, value: (this.random() - 0.5) * 10 ** this.int(300) };
      case 'utf8':
        return { tag, type, value: this.string() };
      case 'bytes':
        return { tag, type, value: Uint8Array.from({ length: this.pick([0, 1, 20, 255, 256, 700]) }, () => this.int(256)) };
      case 'null':
        return { tag, type, value: null };
      default: {
        const containerType = type as 'structure' | 'array' | 'list';
        const count = this.int(6);
        const members: TlvElement[] = [];
        const seen = new Set<string>();
        while (members.length < count) {
          const member = this.element(containerType, depth + 1);
          const key = JSON.stringify(member.tag);
          if (containerType === 'structure' && seen.has(key)) continue;
          seen.add(key);
          members.push(member);
        }
        return { tag, type: containerType, value: members };
      }
    }
  }
}
