/**
 * The history service as a window reaches it: every signed-in role may search, open a device, read
 * the charts and export a lot report; signed out is refused. A lot of three is run in process on a
 * second connection to the same database, as the command line would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceDetailSchema, deviceRowSchema, lotChartsSchema } from '../../../preload/contract/history';
import { downloadSchema } from '../../../preload/contract/files';
import { DEMO_PART } from '../../../main/services/demoConfiguration';
import type { StationHandlers } from '../../../main/services/handlers';
import { reportFileName } from '../../../main/services/historyHandlers';
import { REPORT_COLUMNS } from '../../../main/station/records/lotReport';
import { runLot } from '../../../main/station/runLot';
import type { StationDatabase } from '../../../main/store/database';
import type { Device } from '../../../main/store/repositories/devices';
import { unwrap } from '../store/helpers';
import { engineer, makeStationWithRoles, nobody, qa, technician } from './stationWithRoles';

let dir: string;
let handlers: StationHandlers;
let db: StationDatabase;
let lotId: number;
let devices: Device[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'matterline-history-'));
  const station = await makeStationWithRoles(dir);
  ({ handlers, db } = station);
  const lot = unwrap(await handlers.lots.create({ name: 'Sample, "one"', kind: 'sample', configurationId: station.demoConfigId, quantity: 3 }, engineer));
  lotId = lot.id;
  unwrap(await runLot({ db, lotId, probes: [`sim:${DEMO_PART}`], mode: 'in-process' }));
  devices = db.devices.listByLot(lotId);
}, 120_000);

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('who may look', () => {
  it('refuses every call when nobody is signed in', async () => {
    const calls = [
      handlers.history.search({ text: 'ML-' }, nobody),
      handlers.history.device({ id: devices[0]!.id }, nobody),
      handlers.history.charts({}, nobody),
      handlers.history.exportReport({ lotId, format: 'csv' }, nobody),
    ];
    for (const result of await Promise.all(calls)) expect(result).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
  });

  it('answers every role: search, device, charts', async () => {
    const device = devices[0]!;
    for (const caller of [engineer, qa, technician]) {
      const found = unwrap(await handlers.history.search({ text: device.serialNumber }, caller));
      expect(found.map((row) => deviceRowSchema.parse(row).id)).toEqual([device.id]);
      const detail = deviceDetailSchema.parse(unwrap(await handlers.history.device({ id: device.id }, caller)));
      expect(detail.attempts[0]!.steps.length).toBeGreaterThan(5);
      const charts = lotChartsSchema.parse(unwrap(await handlers.history.charts({ lotId }, caller)));
      expect(charts.yieldByLot).toEqual([{ lotId, lotName: 'Sample, "one"', passed: 3, failed: 0, yield: 1 }]);
    }
  });
});

describe('exportReport', () => {
  it('gives the CSV report with its header and one row per device, and records that it left the station', async () => {
    const download = downloadSchema.parse(unwrap(await handlers.history.exportReport({ lotId, format: 'csv' }, technician)));
    expect(download).toMatchObject({ fileName: `lot-${lotId}-sample-one-report.csv`, mimeType: 'text/csv' });
    const lines = Buffer.from(download.contentBase64, 'base64').toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(REPORT_COLUMNS.join(','));
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(devices.map((device) => device.serialNumber));
    const events = db.events.list().filter((event) => event.kind === 'lot.report_exported');
    expect(events.at(-1)).toMatchObject({ actor: 'Tess', lotId, payload: { format: 'csv', fileName: download.fileName, devices: 3 } });
  });

  it('gives the JSON report', async () => {
    const download = unwrap(await handlers.history.exportReport({ lotId, format: 'json' }, qa));
    expect(download).toMatchObject({ fileName: `lot-${lotId}-sample-one-report.json`, mimeType: 'application/json' });
    const report = JSON.parse(Buffer.from(download.contentBase64, 'base64').toString('utf8')) as { summary: { devices: number; passed: number }; rows: unknown[] };
    expect(report.summary).toMatchObject({ devices: 3, passed: 3 });
    expect(report.rows).toHaveLength(3);
  });

  it('answers NOT_FOUND for a lot that does not exist, and records nothing', async () => {
    const before = db.events.list().length;
    expect(await handlers.history.exportReport({ lotId: 9999, format: 'csv' }, engineer)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(db.events.list()).toHaveLength(before);
  });

  it('names the file from the lot id and a slug of its name', () => {
    expect(reportFileName(7, 'S-1', 'csv')).toBe('lot-7-s-1-report.csv');
    expect(reportFileName(8, '  Lot ünïcode / 2026 ', 'json')).toBe('lot-8-lot-unicode-2026-report.json');
    expect(reportFileName(9, '***', 'csv')).toBe('lot-9-lot-report.csv');
  });
});
