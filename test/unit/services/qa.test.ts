import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readbackProbeSchema, readbackViewSchema } from '../../../preload/contract/qa';
import { DEMO_PART } from '../../../main/services/demoConfiguration';
import { provisionedBoardsDir } from '../../../main/services/stationHandlers';
import { runLot } from '../../../main/station/runLot';
import { unwrap } from '../store/helpers';
import { engineer, errorCode, nobody, qa, technician, useStationWithRoles, type RoleStation } from './stationWithRoles';

const stationWithRoles = useStationWithRoles();

interface Station extends RoleStation {
  /** Where the station's runs keep the boards they provisioned (QA's simulated probes). */
  readonly keptDir: string;
  readonly lotId: number;
}

/**
 * A station whose sample lot of `quantity` was run on a simulated feeder that kept its boards, as
 * the Station screen's runs do (in this process: workers take seconds to start).
 */
async function provisionedStation(quantity: number): Promise<Station> {
  const s = await stationWithRoles();
  const lot = unwrap(await s.handlers.lots.create({ name: 'sample-qa', kind: 'sample', configurationId: s.demoConfigId, quantity }, engineer));
  const keptDir = provisionedBoardsDir(join(s.dir, 'simulated-boards'));
  mkdirSync(keptDir, { recursive: true });
  const run = unwrap(await runLot({ db: s.db, lotId: lot.id, probes: [`sim:${DEMO_PART}`], mode: 'in-process', keepBoardsIn: keptDir }));
  expect(run.complete).toBe(true);
  return { ...s, keptDir, lotId: lot.id };
}

describe('qa: the boards QA can read', () => {
  it('lists one probe per kept board, naming its device and lot, to QA and engineers only', async () => {
    const s = await provisionedStation(2);
    const probes = unwrap(await s.handlers.qa.probes(undefined, qa));
    expect(probes).toHaveLength(2);
    const devices = s.db.devices.listByLot(s.lotId);
    for (const probe of probes) {
      expect(readbackProbeSchema.parse(probe)).toMatchObject({ kind: 'simulated' });
      expect(probe.id).toMatch(/^board-[0-9a-f]{16}$/);
      const eui = probe.id.slice('board-'.length).toUpperCase();
      expect(probe.label).toBe(`Simulated board ${eui}`);
      const device = devices.find((d) => d.uniqueChipId === eui);
      expect(device).toBeDefined();
      expect(probe.note).toContain(device?.serialNumber);
      expect(probe.note).toContain('sample-qa');
      // The window never learns where the board's file is.
      expect(JSON.stringify(probe)).not.toContain(s.keptDir);
    }
    expect(unwrap(await s.handlers.qa.probes(undefined, engineer))).toEqual(probes);
    expect(await errorCode(s.handlers.qa.probes(undefined, technician))).toBe('SESSION_ROLE_FORBIDDEN');
    expect(await errorCode(s.handlers.qa.probes(undefined, nobody))).toBe('SESSION_REQUIRED');
  }, 60_000);
});

describe('qa: reading a board back', () => {
  it('passes a board of the lot, every recorded value matching, and records the inspection under the QA operator', async () => {
    const s = await provisionedStation(2);
    const [probe] = unwrap(await s.handlers.qa.probes(undefined, qa));
    if (probe === undefined) expect.fail('no board listed');
    const view = readbackViewSchema.parse(unwrap(await s.handlers.qa.readBack({ probeId: probe.id }, qa)));

    expect(view.passed).toBe(true);
    expect(view.checks.map((check) => check.name)).toEqual(['part', 'lock', 'present', 'dac-identical', 'chain', 'cd', 'vid-pid', 'commissioning', 'onboarding', 'not-test-credentials', 'key']);
    expect(view.checks.some((check) => check.status === 'fail')).toBe(false);
    const eui = probe.id.slice('board-'.length).toUpperCase();
    expect(view.eui64).toBe(eui);
    const device = unwrap(s.db.devices.findByUniqueChipId(eui));
    expect(view.record).toMatchObject({ deviceId: device.id, serialNumber: device.serialNumber, lotId: s.lotId, lotName: 'sample-qa', status: 'passed' });
    expect(view.record.comparison.map((row) => row.field)).toEqual(expect.arrayContaining(['Serial number', 'Discriminator', 'Iterations', 'Salt', 'DAC (SHA-256)', 'QR payload', 'Manual code', 'EUI-64']));
    expect(view.record.comparison.every((row) => row.match)).toBe(true);
    expect(view.onboarding).toEqual({ qrPayload: device.qrPayload, manualCode: device.manualCode });
    const row = (rows: { label: string; value: string }[], label: string) => rows.find((r) => r.label === label)?.value;
    expect(row(view.dac, 'Serial number')).toBe(device.dacSerial);
    expect(row(view.dac, 'Key usage')).toContain('digitalSignature');
    expect(row(view.pai, 'Basic constraints')).toContain('CA true');
    expect(row(view.dac, 'Public key')).toBe('EC public key P-256 (prime256v1)');
    expect(row(view.cd, 'Certificate ID')).toMatch(/^.{19}$/);
    expect(row(view.commissioning, 'Serial number')).toBe(device.serialNumber);
    expect(row(view.commissioning, 'Unique ID present')).toBe('yes');
    expect(JSON.stringify(view)).not.toContain(String(device.passcode));

    const inspections = s.db.inspections.listForDevice(device.id);
    expect(inspections).toHaveLength(1);
    const operator = s.db.operators.list().find((o) => o.name === 'Quinn');
    expect(inspections[0]).toMatchObject({ result: 'pass', operatorId: operator?.id, probe: probe.id });
    expect(view.inspection).toEqual({ id: inspections[0]?.id, at: inspections[0]?.at, operator: 'Quinn' });
  }, 60_000);

  it('fails a board whose record differs, marking the field that does not match', async () => {
    const s = await provisionedStation(1);
    const [probe] = unwrap(await s.handlers.qa.probes(undefined, engineer));
    if (probe === undefined) expect.fail('no board listed');
    const device = unwrap(s.db.devices.findByUniqueChipId(probe.id.slice('board-'.length).toUpperCase()));
    unwrap(s.db.devices.recordCredentials(device.id, { discriminator: ((device.discriminator ?? 0) + 1) % 4096 }));
    const view = unwrap(await s.handlers.qa.readBack({ probeId: probe.id }, engineer));
    expect(view.passed).toBe(false);
    expect(view.checks.find((check) => check.name === 'commissioning')?.status).toBe('fail');
    expect(view.record.comparison.filter((row) => !row.match).map((row) => row.field)).toEqual(['Discriminator']);
    expect(s.db.inspections.listForDevice(device.id).map((inspection) => inspection.result)).toEqual(['fail']);
  }, 60_000);

  it('refuses a technician, and ids that are not a kept board, path traversal included', async () => {
    const s = await provisionedStation(1);
    const [probe] = unwrap(await s.handlers.qa.probes(undefined, qa));
    if (probe === undefined) expect.fail('no board listed');
    expect(await errorCode(s.handlers.qa.readBack({ probeId: probe.id }, technician))).toBe('SESSION_ROLE_FORBIDDEN');
    expect(await errorCode(s.handlers.qa.readBack({ probeId: probe.id }, nobody))).toBe('SESSION_REQUIRED');
    const eui = probe.id.slice('board-'.length);
    for (const id of ['sim-1', 'board-0000000000000000', `board-${eui.toUpperCase()}`, `board-${eui}/../${eui}`, '../station.sqlite', `board-../../${eui}`, `sim:${DEMO_PART}@/etc/passwd`]) {
      expect(await errorCode(s.handlers.qa.readBack({ probeId: id }, qa)), id).toBe('QA_PROBE_UNKNOWN');
    }
    expect(s.db.inspections.listForLot(s.lotId)).toHaveLength(0);
  }, 60_000);

  it('answers READBACK_UNKNOWN_DEVICE for a board another station provisioned, recording nothing', async () => {
    const s = await provisionedStation(1);
    const other = await provisionedStation(1);
    const [foreign] = readdirSync(other.keptDir);
    if (foreign === undefined) expect.fail('the other station kept no board');
    copyFileSync(join(other.keptDir, foreign), join(s.keptDir, foreign));
    const probe = unwrap(await s.handlers.qa.probes(undefined, qa)).find((p) => `${p.id.slice('board-'.length)}.sim` === foreign);
    expect(probe?.note).toBe('No record of this board on this station.');
    expect(await errorCode(s.handlers.qa.readBack({ probeId: `board-${foreign.replace('.sim', '')}` }, qa))).toBe('READBACK_UNKNOWN_DEVICE');
    expect(s.db.inspections.listForLot(s.lotId)).toHaveLength(0);
  }, 90_000);
});
