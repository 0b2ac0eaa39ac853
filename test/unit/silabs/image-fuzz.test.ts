// Robustness of the whole parse path (firmware image → layout detection → NVM3 → factory data →
// credentials page or single page → certificate summaries): 12 000 random and randomly damaged images
// (seeded), none of which may throw; each must come back as a result with a catalogue code or a
// self-consistent report.
import { createPrivateKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isErrorCode } from '../../../preload/contract/errors';
import { createFirmwareImage, readImageRange, type FirmwareImage, type FirmwareSegment } from '../../../main/firmware';
import { encodeFactoryData, silabsFactoryKeyMapV1 } from '../../../main/silabs/factoryData';
import { buildProvisioningImage, nvm3GeometryOf, parseProvisioningImage, PROVISIONING_LAYOUTS } from '../../../main/silabs/image';
import { writeNvm3, type Nvm3Entry } from '../../../main/silabs/nvm3';
import type { PartInfo } from '../../../main/silabs/parts';
import { encodeArguments, PARAMETERS, type ProvisionArgument } from '../../../main/silabs/provisionProtocol';
import { seededRandom, type TestRandom } from '../../support/seededRandom';
import { MG12, MG24, part, randomFactoryData, testCredentials, unwrap, type TestCredentials } from './imageFixtures';

const CASES = 12_000;
let credentials: TestCredentials;
let parts: PartInfo[];
let seeds: Array<{ part: PartInfo; image: FirmwareImage }>;

beforeAll(async () => {
  credentials = await testCredentials();
  parts = [part(MG24), part(MG12)];
  const random = seededRandom(1);
  const dacKey = new Uint8Array(createPrivateKey(credentials.dacKeyPem).export({ type: 'sec1', format: 'der' }));
  seeds = [];
  for (const target of parts) {
    for (const layout of PROVISIONING_LAYOUTS) {
      const built = buildProvisioningImage({
        part: target,
        layout,
        factoryData: randomFactoryData(random, { every: true, vendorId: 0xfff1, productId: 0x8005 }),
        certificates: { dac: credentials.dac, pai: credentials.pai, cd: credentials.cd },
        ...(layout === 'single-page' ? { dacKey } : {}),
      });
      seeds.push({ part: target, image: unwrap(built) });
    }
  }
});

function flat(image: FirmwareImage, target: PartInfo): { address: number; bytes: Uint8Array } {
  const address = Math.min(target.memory.nvm3.base, target.memory.credentialsPage);
  const end = target.memory.credentialsPage + target.memory.pageSize;
  return { address, bytes: readImageRange(image, address, end - address) };
}

function damage(random: TestRandom, bytes: Uint8Array, hotSpots: number[]): void {
  for (let n = 1 + random.int(12); n > 0; n--) {
    const near = random.chance(0.6) ? random.pick(hotSpots) + random.int(64) : random.int(bytes.length);
    const at = Math.min(bytes.length - 1, near);
    switch (random.int(4)) {
      case 0:
        bytes[at]! &= ~(1 << random.int(8)); // flash clears bits without an erase
        break;
      case 1:
        bytes[at] = random.int(256);
        break;
      case 2:
        bytes.fill(0xff, at, at + random.int(512)); // an interrupted erase
        break;
      default:
        bytes.set(random.bytes(Math.min(16, bytes.length - at)), at);
    }
  }
}

/** NVM3 holding random values at factory keys: wrong sizes, wild offsets, counters, deletes. */
function randomFactoryRegion(random: TestRandom, target: PartInfo): FirmwareSegment {
  const keys = silabsFactoryKeyMapV1.entries.map((entry) => entry.key);
  const entries: Nvm3Entry[] = unwrap(encodeFactoryData(randomFactoryData(random)));
  for (let i = random.int(25); i > 0; i--) {
    const key = random.chance(0.8) ? random.pick(keys) : random.int(0x10_0000);
    const kind = random.int(10);
    if (kind === 0) entries.push({ key, type: 'deleted' });
    else if (kind === 1) entries.push({ key, type: 'counter', value: random.next() });
    else entries.push({ key, type: 'data', value: random.chance(0.5) ? random.bytes(4) : random.bytes(random.int(300)) });
  }
  const geometry = nvm3GeometryOf(target);
  const region = writeNvm3(entries, geometry);
  return { address: geometry.baseAddress, bytes: region.ok ? region.value : random.bytes(geometry.pageSize * geometry.pageCount) };
}

/** A single page of random, validly encoded arguments (random ids, types and values) or a random total. */
function randomSinglePage(random: TestRandom, target: PartInfo): FirmwareSegment {
  const args: ProvisionArgument[] = [];
  for (let i = random.int(30); i > 0; i--) {
    const id = random.chance(0.8) ? random.pick(PARAMETERS).id : random.int(0x200);
    const type = random.pick(['binary', 'u8', 'u16', 'u32'] as const);
    const value = random.chance(0.1) ? null : type === 'binary' ? random.bytes(1 + random.int(random.chance(0.2) ? 600 : 40)) : random.int(type === 'u8' ? 0x100 : type === 'u16' ? 0x10000 : 0x1_0000_0000);
    args.push({ id, type, feedback: random.chance(0.1), value });
  }
  const body = unwrap(encodeArguments(args));
  const page = new Uint8Array(target.memory.pageSize).fill(0xff);
  const total = random.chance(0.9) ? Math.min(0xfffe, body.length + 2) : random.int(0x10000);
  page[0] = total >> 8;
  page[1] = total & 0xff;
  page.set(body.subarray(0, page.length - 2), 2);
  return { address: target.memory.credentialsPage, bytes: page };
}

function check(target: PartInfo, image: FirmwareImage, options: Parameters<typeof parseProvisioningImage>[2], label: string): 'ok' | 'error' {
  let result: ReturnType<typeof parseProvisioningImage>;
  try {
    result = parseProvisioningImage(image, target, options);
  } catch (error) {
    throw new Error(`${label}: parseProvisioningImage threw ${error instanceof Error ? error.stack : String(error)}`, { cause: error });
  }
  if (!result.ok) {
    expect(isErrorCode(result.error.code), label).toBe(true);
    return 'error';
  }
  const parsed = result.value;
  expect(PROVISIONING_LAYOUTS, label).toContain(parsed.layout);
  expect(Array.isArray(parsed.warnings), label).toBe(true);
  for (const name of ['dac', 'pai', 'cd'] as const) {
    const summary = parsed.certificates[name];
    expect(summary.present === (parsed.files[name] !== null), label).toBe(true);
    if (summary.error === null && summary.present && name !== 'cd') expect(typeof summary.serial, label).toBe('string');
  }
  if (parsed.layout === 'nvm3') expect(parsed.nvm3?.eraseCounts.length, label).toBe(parsed.nvm3?.pages);
  return 'ok';
}

describe('parseProvisioningImage on random and damaged images', () => {
  it(`never throws in ${CASES} cases`, () => {
    const random = seededRandom(0xf022_1234);
    const outcomes = { ok: 0, error: 0 };
    for (let i = 0; i < CASES; i++) {
      const seed = random.pick(seeds);
      const target = seed.part;
      const { nvm3, credentialsPage, pageSize } = target.memory;
      let segments: FirmwareSegment[];
      const strategy = i % 6;
      if (strategy <= 2) {
        // A good image, damaged near the places the parser looks at first.
        const { address, bytes } = flat(seed.image, target);
        const hotSpots = [0, 20, 40, pageSize, credentialsPage - address, credentialsPage - address + 0x200, credentialsPage - address + 0x400, bytes.length - pageSize + 2];
        damage(random, bytes, hotSpots.filter((spot) => spot >= 0 && spot < bytes.length));
        segments = [{ address, bytes: random.chance(0.1) ? bytes.subarray(0, random.int(bytes.length)) : bytes }];
      } else if (strategy === 3) {
        segments = [randomFactoryRegion(random, target), ...(random.chance(0.7) ? [{ address: credentialsPage, bytes: flat(seed.image, target).bytes.slice(-pageSize) }] : [])];
      } else if (strategy === 4) {
        segments = [randomSinglePage(random, target)];
      } else {
        // Random bytes at random places, sometimes exactly where NVM3 or the page should be.
        segments = [];
        for (let n = 1 + random.int(3); n > 0; n--) {
          const where = random.pick([nvm3.base, credentialsPage, nvm3.base + random.int(nvm3.size), random.next()]);
          const length = 1 + random.int(random.chance(0.5) ? pageSize : nvm3.size + pageSize);
          segments.push({ address: Math.min(where, 0xffff_ffff - length), bytes: random.chance(0.5) ? random.bytes(length) : new Uint8Array(length).fill(0xff) });
        }
      }
      const nonEmpty = segments.filter((segment) => segment.bytes.length > 0);
      let image = createFirmwareImage(nonEmpty);
      if (!image.ok) image = createFirmwareImage(nonEmpty.slice(0, 1)); // random segments that overlap and disagree
      if (!image.ok) continue;
      const options = random.chance(0.15) ? { nvm3Base: random.chance(0.5) ? nvm3.base : random.pick([nvm3.base - pageSize, random.next()]) } : random.chance(0.1) ? { layout: random.pick(PROVISIONING_LAYOUTS) } : {};
      outcomes[check(target, image.value, options, `case ${i} (strategy ${strategy})`)]++;
    }
    // Both outcomes are exercised, and most damaged images are still read (with warnings).
    expect(outcomes.ok + outcomes.error).toBeGreaterThanOrEqual(10_000);
    expect(outcomes.ok).toBeGreaterThan(3000);
    expect(outcomes.error).toBeGreaterThan(500);
  }, 180_000);

  it('rejects what is not a firmware image without throwing', () => {
    for (const bad of [null, undefined, {}, { segments: 'x' }, { segments: [{ address: 0, bytes: 'x' }] }]) {
      expect(parseProvisioningImage(bad as unknown as FirmwareImage, parts[0]!)).toMatchObject({ ok: false, error: { code: 'IMAGE_NO_PROVISIONING_DATA' } });
    }
  });
});
