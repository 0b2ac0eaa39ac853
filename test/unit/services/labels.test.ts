// The labels service: a label for a device that passed, to any signed-in operator; refused for a
// device that did not pass, an unknown device and a window nobody is signed in to; each export audited.
import { describe, expect, it } from 'vitest';
import { labelPreviewSchema } from '../../../preload/contract/labels';
import { DEMO_PART } from '../../../main/services/demoConfiguration';
import { LABEL_TEMPLATE_KEY } from '../../../main/services/stationSettings';
import { formatManualCode } from '../../../main/station/labels';
import { runLot } from '../../../main/station/runLot';
import type { Device } from '../../../main/store/repositories/devices';
import { unwrap } from '../store/helpers';
import { engineer, errorCode, nobody, technician, useStationWithRoles, type RoleStation } from './stationWithRoles';

const stationWithRoles = useStationWithRoles();

interface Station extends RoleStation {
  /** Provisioned on the simulated probe in this process: it passed and has its codes. */
  readonly passed: Device;
  /** Made in the same lot and marked failed, without codes. */
  readonly failed: Device;
}

async function station(): Promise<Station> {
  const s = await stationWithRoles({ now: () => new Date('2026-05-06T07:08:09Z') });
  const { handlers, db } = s;
  const lot = unwrap(await handlers.lots.create({ name: 'L-1', kind: 'sample', configurationId: s.demoConfigId, quantity: 1 }, engineer));
  const run = unwrap(await runLot({ db, lotId: lot.id, probes: [`sim:${DEMO_PART}`], mode: 'in-process' }));
  expect(run.counts.passed).toBe(1);
  const passed = db.devices.listByLot(lot.id).find((device) => device.status === 'passed');
  if (passed === undefined) expect.fail('no device passed');
  const failed = unwrap(db.devices.setStatus(unwrap(db.devices.create({ lotId: lot.id, serialNumber: 'FAILED-1' })).id, 'failed'));
  return { ...s, passed, failed };
}

describe('labels', () => {
  it('previews the label of a device that passed, for a technician, at the station template size', async () => {
    const { handlers, db, passed } = await station();
    unwrap(db.settings.write(LABEL_TEMPLATE_KEY, { template: 'qr-manual-serial', widthMm: 40, heightMm: 20, dpi: 300 }));
    const preview = labelPreviewSchema.parse(unwrap(await handlers.labels.preview({ deviceId: passed.id }, technician)));
    expect(preview).toMatchObject({ deviceId: passed.id, serialNumber: passed.serialNumber, qrPayload: passed.qrPayload, manualCode: formatManualCode(passed.manualCode ?? ''), widthMm: 40, heightMm: 20 });
    expect(preview.svg).toContain('width="40mm" height="20mm"');
    expect(preview.manualCode).toMatch(/^\d{4}-\d{3}-\d{4}$/);
    expect(preview.svg).toContain(passed.serialNumber);
    expect(preview.svg).toContain('data-dpi="300"');
  });

  it('exports the label as PDF and as ZPL and records each export against the device', async () => {
    const { handlers, db, passed } = await station();
    const pdf = unwrap(await handlers.labels.export({ deviceId: passed.id, format: 'pdf' }, technician));
    expect(pdf).toMatchObject({ fileName: `label-${passed.serialNumber}.pdf`, mimeType: 'application/pdf' });
    expect(Buffer.from(pdf.contentBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const zpl = unwrap(await handlers.labels.export({ deviceId: passed.id, format: 'zpl' }, engineer));
    expect(zpl).toMatchObject({ fileName: `label-${passed.serialNumber}.zpl`, mimeType: 'text/plain' });
    const text = Buffer.from(zpl.contentBase64, 'base64').toString('utf8');
    expect(text).toContain('^BQN');
    expect(text).toContain(passed.qrPayload);
    const exported = db.events.list({ deviceId: passed.id }).filter((event) => event.kind === 'label.exported');
    expect(exported.map((event) => [event.actor, (event.payload as { format: string }).format])).toEqual([
      ['Tess', 'pdf'],
      ['Erin', 'zpl'],
    ]);
  });

  it('refuses a device that did not pass and one that does not exist', async () => {
    const { handlers, failed } = await station();
    expect(await errorCode(handlers.labels.preview({ deviceId: failed.id }, technician))).toBe('LABEL_DEVICE_NOT_PASSED');
    expect(await errorCode(handlers.labels.export({ deviceId: failed.id, format: 'pdf' }, technician))).toBe('LABEL_DEVICE_NOT_PASSED');
    expect(await errorCode(handlers.labels.preview({ deviceId: 9999 }, technician))).toBe('NOT_FOUND');
  });

  it('refuses a window nobody is signed in to', async () => {
    const { handlers, passed } = await station();
    expect(await errorCode(handlers.labels.preview({ deviceId: passed.id }, nobody))).toBe('SESSION_REQUIRED');
    expect(await errorCode(handlers.labels.export({ deviceId: passed.id, format: 'zpl' }, nobody))).toBe('SESSION_REQUIRED');
  });
});
