/**
 * History's read-only queries on a real demo lot run in process on simulated probes: first on a
 * probe whose boards arrive locked (one device fails), then on fresh boards, where the lot's three
 * devices pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceDetail, hexSearchText, lotCharts, prefixPattern, searchDevices } from '../../../main/station/records/deviceHistory';
import { runLot } from '../../../main/station/runLot';
import type { Device } from '../../../main/store/repositories/devices';
import { demoLot, MG24, type StationFixture } from '../../integration/station/stationFixture';
import { unwrap } from '../store/helpers';

let fixture: StationFixture;
let devices: Device[];
let passed: Device;

beforeAll(async () => {
  fixture = await demoLot({ quantity: 3, name: 'H-1' });
  const { db, lotId } = fixture;
  const operator = unwrap(db.operators.create({ name: 'Tess', role: 'technician', pinHash: 'h', pinSalt: 's' }));
  unwrap(await runLot({ db, lotId, probes: [`sim:${MG24}?locked=standard`], mode: 'in-process', maxFailures: 1 }));
  unwrap(await runLot({ db, lotId, probes: [`sim:${MG24}`], mode: 'in-process', operatorId: operator.id }));
  devices = db.devices.listByLot(lotId);
  passed = devices.find((device) => device.status === 'passed')!;
  unwrap(
    db.inspections.record({
      deviceId: passed.id,
      uniqueChipId: passed.uniqueChipId,
      dacSerial: passed.dacSerial,
      result: 'pass',
      checks: [{ name: 'dac', result: 'pass' }],
      operatorId: operator.id,
      stationId: db.station.stationId(),
      probe: 'sim:qa',
    }),
  );
}, 120_000);

afterAll(() => fixture.cleanup());

const serials = (rows: { serialNumber: string }[]) => rows.map((row) => row.serialNumber);

describe('search', () => {
  it('has a run to search: passed devices with every identifier, and a failed one', () => {
    expect(devices.filter((device) => device.status === 'passed')).toHaveLength(3);
    expect(devices.filter((device) => device.status === 'failed')).toHaveLength(1);
    expect(passed.uniqueChipId).toMatch(/^[0-9A-F]{16}$/);
    expect(passed.dacSerial).toMatch(/^[0-9A-F]+$/);
    expect(passed.qrPayload).toMatch(/^MT:/);
  });

  it('finds a device by its whole serial number, EUI-64, DAC serial and QR payload', () => {
    const { db } = fixture;
    for (const value of [passed.serialNumber, passed.uniqueChipId!, passed.dacSerial!, passed.qrPayload!]) {
      const found = searchDevices(db, value);
      expect(found.map((row) => row.id), value).toEqual([passed.id]);
    }
    expect(searchDevices(db, passed.serialNumber)[0]).toEqual({
      id: passed.id,
      serialNumber: passed.serialNumber,
      eui64: passed.uniqueChipId,
      dacSerial: passed.dacSerial,
      qrPayload: passed.qrPayload,
      lotId: fixture.lotId,
      lotName: 'H-1',
      status: 'passed',
      updatedAt: passed.updatedAt,
    });
  });

  it('finds an EUI-64 typed lower-case with separators, and a DAC serial the same way', () => {
    const { db } = fixture;
    const eui = passed.uniqueChipId!.toLowerCase().match(/../g)!.join(':');
    expect(searchDevices(db, eui).map((row) => row.id)).toEqual([passed.id]);
    const dac = passed.dacSerial!.toLowerCase().match(/.{1,4}/g)!.join('-');
    expect(searchDevices(db, dac).map((row) => row.id)).toEqual([passed.id]);
  });

  it('finds by a prefix, newest first, and never a value that only contains the text', () => {
    const { db } = fixture;
    const all = searchDevices(db, passed.serialNumber.slice(0, 3));
    expect(serials(all)).toEqual(serials([...devices].reverse()));
    const middle = passed.serialNumber.slice(1);
    expect(searchDevices(db, middle).map((row) => row.id)).not.toContain(passed.id);
    expect(searchDevices(db, passed.qrPayload!.slice(0, 8)).map((row) => row.id)).toContain(passed.id);
  });

  it('treats LIKE wildcards as the characters themselves', () => {
    const { db } = fixture;
    expect(searchDevices(db, '%%%')).toEqual([]);
    expect(searchDevices(db, '___')).toEqual([]);
    expect(searchDevices(db, `${passed.serialNumber.slice(0, 2)}_`)).toEqual([]);
    expect(searchDevices(db, 'MT:%')).toEqual([]);
    expect(prefixPattern('a%b_c\\')).toBe('a\\%b\\_c\\\\%');
    expect(hexSearchText('0c:43 14-ff', 16)).toBe('0C4314FF');
    expect(hexSearchText('SN-1', 16)).toBeNull();
    expect(hexSearchText('0'.repeat(17), 16)).toBeNull();
  });
});

describe('device', () => {
  it('has the values, VID/PID from the configuration, attempts with timed steps and operator, and inspections', () => {
    const { db } = fixture;
    const detail = unwrap(deviceDetail(db, passed.id));
    expect(detail.device).toMatchObject({
      id: passed.id,
      serialNumber: passed.serialNumber,
      manualCode: passed.manualCode,
      discriminator: passed.discriminator,
      vendorId: 0xfff1,
      productId: 0x8000,
      createdAt: passed.createdAt,
    });
    expect(detail.device.manualCode).toMatch(/^\d{11}$/);
    expect(detail.attempts).toHaveLength(1);
    const [attempt] = detail.attempts;
    expect(attempt).toMatchObject({ probe: `sim:${MG24}`, operator: 'Tess', result: 'pass', reason: null });
    expect(attempt!.steps.map((step) => step.step)).toEqual(expect.arrayContaining(['connect', 'identify', 'issue', 'write', 'verify', 'record']));
    for (const step of attempt!.steps) {
      expect(['pass', 'skipped']).toContain(step.result);
      expect(step.ms).toBeGreaterThanOrEqual(0);
    }
    expect(detail.inspections).toEqual([{ id: expect.any(Number), at: expect.any(String), result: 'pass', operator: 'Tess', probe: 'sim:qa' }]);
  });

  it('gives a failed attempt its code and detail as the reason, without an operator on a headless run', () => {
    const { db } = fixture;
    const failed = devices.find((device) => device.status === 'failed')!;
    const detail = unwrap(deviceDetail(db, failed.id));
    const attempt = detail.attempts.at(-1)!;
    expect(attempt.result).toBe('fail');
    expect(attempt.operator).toBeNull();
    expect(attempt.reason).toMatch(/^[A-Z_]+(: .+)?$/);
    expect(attempt.steps.some((step) => step.result === 'fail')).toBe(true);
  });

  it('answers NOT_FOUND for a device that does not exist', () => {
    expect(deviceDetail(fixture.db, 9999)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('charts', () => {
  it("counts the lot's passed and failed devices per hour and in its yield", () => {
    const { db, lotId } = fixture;
    const counts = db.lots.counts(lotId);
    const charts = unwrap(lotCharts(db, lotId));
    expect(charts.yieldByLot).toEqual([{ lotId, lotName: 'H-1', passed: counts.passed, failed: counts.failed, yield: counts.passed / (counts.passed + counts.failed) }]);
    const sum = (key: 'passed' | 'failed') => charts.throughput.reduce((total, hour) => total + hour[key], 0);
    expect({ passed: sum('passed'), failed: sum('failed') }).toEqual({ passed: counts.passed, failed: counts.failed });
    for (const hour of charts.throughput) expect(hour.hour).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00Z$/);
  });

  it('lists every lot without a lot id, with no yield before a device finished; an unknown lot is NOT_FOUND', () => {
    const { db, lotId } = fixture;
    const lot = unwrap(db.lots.get(lotId));
    const empty = unwrap(db.lots.create({ name: 'H-2', kind: 'sample', configId: lot.configId, quantity: 1, stationId: db.station.stationId() }));
    const charts = unwrap(lotCharts(db, undefined));
    expect(charts.yieldByLot.map((row) => row.lotName)).toEqual(['H-1', 'H-2']);
    expect(charts.yieldByLot[1]).toEqual({ lotId: empty.id, lotName: 'H-2', passed: 0, failed: 0, yield: null });
    expect(unwrap(lotCharts(db, empty.id)).throughput).toEqual([]);
    expect(lotCharts(db, 9999)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
