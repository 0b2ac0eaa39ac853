// Round trips through real NVM3 regions: random factory data (seeded), values large enough to be
// fragmented across pages, and regions whose keys were rewritten and deleted afterwards.
import { describe, expect, it } from 'vitest';
import {
  decodeFactoryData,
  encodeFactoryData,
  silabsFactoryKeyMapV1,
  type FactoryData,
  type FactoryKeyMap,
} from '../../../main/silabs/factoryData';
import { appendNvm3, readNvm3, writeNvm3, type Nvm3Entry, type NvmGeometry } from '../../../main/silabs/nvm3';
import { seededRandom } from '../../support/seededRandom';
import { randomFactoryData, randomNvm3OnlyData, randomText, unwrap } from './imageFixtures';

const mg24: NvmGeometry = { pageSize: 8192, pageCount: 5, baseAddress: 0x0817_4000, h5Word: 0xffff9800 };
const mg12: NvmGeometry = { pageSize: 2048, pageCount: 20, baseAddress: 0x000f_5800 };

/** What decoding gives back: the bitset always carries a flow and capabilities (defaults 0 and BLE). */
function expected(data: FactoryData): FactoryData {
  return data.passcode === undefined ? data : { ...data, commissioningFlow: data.commissioningFlow ?? 0, discoveryCapabilities: data.discoveryCapabilities ?? 2 };
}

function roundTrip(data: FactoryData, geometry: NvmGeometry, keyMap?: FactoryKeyMap) {
  const entries = unwrap(encodeFactoryData(data, { keyMap }));
  const contents = unwrap(readNvm3(unwrap(writeNvm3(entries, geometry)), geometry));
  return { contents, decoded: unwrap(decodeFactoryData(contents.objects, { keyMap })) };
}

describe('factory data through NVM3', () => {
  it('gives back every value of 400 random factory-data sets (seeded), on 8 KiB and 2 KiB pages', () => {
    const random = seededRandom(0x5eed_f00d);
    for (let i = 0; i < 400; i++) {
      const data: FactoryData = { ...randomFactoryData(random, { every: i % 4 === 0 }), ...(random.chance(0.5) ? randomNvm3OnlyData(random) : {}) };
      const { decoded, contents } = roundTrip(data, i % 2 === 0 ? mg24 : mg12);
      expect(decoded.warnings, `case ${i}`).toEqual([]);
      expect(contents.warnings, `case ${i}`).toEqual([]);
      expect(decoded.factoryData, `case ${i}`).toEqual(expected(data));
    }
  });

  it('gives back values that had to be fragmented across pages (large objects, first/next/last)', () => {
    // A firmware built with larger buffers: the text limits raised to 4000 bytes in a custom key map.
    const large: FactoryKeyMap = {
      ...silabsFactoryKeyMapV1,
      id: 'test-large-text',
      entries: silabsFactoryKeyMapV1.entries.map((entry) => (entry.encoding === 'string' ? { ...entry, maxLength: 4000 } : entry)),
    };
    const random = seededRandom(42);
    let fragmented = 0;
    for (let i = 0; i < 30; i++) {
      const data: FactoryData = {
        ...randomFactoryData(random, { every: true }),
        vendorName: 'V'.repeat(1500 + random.int(2500)),
        productName: randomText(random, 4000).padEnd(1200, 'p'),
        productLabel: 'L'.repeat(2000 + random.int(2000)),
        productUrl: 'U'.repeat(121 + random.int(3000)),
        partNumber: 'P'.repeat(3000),
      };
      for (const geometry of [mg24, mg12]) {
        const { decoded, contents } = roundTrip(data, geometry, large);
        expect(decoded.warnings).toEqual([]);
        expect(decoded.factoryData).toEqual(expected(data));
        fragmented += [...contents.objects.values()].filter((object) => object.fragments > 1).length;
        expect([...contents.objects.values()].some((object) => object.large)).toBe(true);
      }
    }
    expect(fragmented).toBeGreaterThan(60);
  });

  it('reads the newest value after keys were rewritten and deleted (one region, and appends as the firmware writes)', () => {
    const random = seededRandom(7);
    const deletable = ['serialNumber', 'vendorName', 'productName', 'productLabel', 'hardwareVersion', 'uniqueId', 'spake2pSalt'] as const;
    for (let i = 0; i < 60; i++) {
      const first = randomFactoryData(random, { every: true });
      const second = randomFactoryData(random, { vendorId: first.vendorId, productId: first.productId });
      const gone = deletable.filter(() => random.chance(0.3)).filter((field) => second[field] === undefined);
      const keyOf = (field: string) => silabsFactoryKeyMapV1.entries.find((entry) => entry.field === field)!.key;
      const deletes: Nvm3Entry[] = gone.map((field) => ({ key: keyOf(field), type: 'deleted' }));
      const merged: Record<string, unknown> = { ...first, ...second };
      for (const field of gone) delete merged[field];
      if (second.passcode !== undefined && second.commissioningFlow === undefined) delete merged.commissioningFlow;
      if (second.passcode !== undefined && second.discoveryCapabilities === undefined) delete merged.discoveryCapabilities;

      const firstEntries = unwrap(encodeFactoryData(first));
      const secondEntries = unwrap(encodeFactoryData(second));
      // One fresh region holding the whole history, oldest first…
      const history = unwrap(writeNvm3([...firstEntries, ...secondEntries, ...deletes], mg24));
      const read = unwrap(readNvm3(history, mg24));
      expect([...read.deletedKeys].sort((a, b) => a - b)).toEqual(gone.map(keyOf).sort((a, b) => a - b));
      expect(unwrap(decodeFactoryData(read.objects)).factoryData, `case ${i}`).toEqual(expected(merged as FactoryData));
      // …and the same history appended to a written region, as the firmware's own writes would leave it.
      const appended = unwrap(appendNvm3(unwrap(writeNvm3(firstEntries, mg12)), [...secondEntries, ...deletes], mg12, { skipUnchanged: false }));
      const again = unwrap(readNvm3(appended.image, mg12));
      expect(unwrap(decodeFactoryData(again.objects)).factoryData, `case ${i}`).toEqual(expected(merged as FactoryData));
    }
  });
});
