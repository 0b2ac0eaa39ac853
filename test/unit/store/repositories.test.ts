import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../main/store/canonicalJson';
import type { StationDatabase } from '../../../main/store/database';
import { openMemory, unwrap } from './helpers';

function seeded() {
  const db = openMemory();
  const engineer = unwrap(db.operators.create({ name: 'Ada', role: 'engineer', pinHash: 'h1', pinSalt: 's1' }));
  const qa = unwrap(db.operators.create({ name: 'Quinn', role: 'qa', pinHash: 'h2', pinSalt: 's2' }));
  const config = unwrap(db.configs.createDraft({ name: 'MG24 plug', content: { vid: 0xfff1, pid: 0x8000 }, createdBy: engineer.id }));
  const lot = unwrap(db.lots.create({ name: 'S-2025-001', kind: 'sample', configId: config.id, quantity: 5, stationId: 'line-1', createdBy: engineer.id }));
  return { db, engineer, qa, config, lot };
}

function device(db: StationDatabase, lotId: number, serialNumber: string) {
  return unwrap(db.devices.create({ lotId, serialNumber }));
}

describe('operators', () => {
  it('round-trips, finds names regardless of case, and keeps the PIN hash out of list()', () => {
    const { db, engineer } = seeded();
    expect(engineer).toEqual({ id: 1, name: 'Ada', role: 'engineer', active: true, createdAt: expect.any(String) });
    expect(unwrap(db.operators.findByName('ada'))).toMatchObject({ id: engineer.id, pinHash: 'h1', pinSalt: 's1' });
    expect(db.operators.list().map((o) => o.name)).toEqual(['Ada', 'Quinn']);
    expect(db.operators.list()[0]).not.toHaveProperty('pinHash');
  });

  it('refuses a duplicate name, an unknown role, and reports a missing name', () => {
    const { db } = seeded();
    expect(db.operators.create({ name: 'ADA', role: 'qa', pinHash: 'h', pinSalt: 's' })).toMatchObject({ ok: false, error: { code: 'DB_DUPLICATE' } });
    expect(db.operators.create({ name: 'Eve', role: 'admin' as never, pinHash: 'h', pinSalt: 's' })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
    expect(db.operators.findByName('nobody')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('product configurations', () => {
  it('stores canonical content with its hash and numbers versions per name', () => {
    const { db, config, engineer } = seeded();
    expect(config).toMatchObject({ name: 'MG24 plug', version: 1, status: 'draft', createdBy: engineer.id, approvedBy: null });
    expect(config.contentHash).toBe(sha256Hex(canonicalJson({ pid: 0x8000, vid: 0xfff1 })));
    const next = unwrap(db.configs.createDraft({ name: 'MG24 plug', content: { vid: 0xfff1, pid: 0x8001 } }));
    expect(next.version).toBe(2);
    expect(unwrap(db.configs.createDraft({ name: 'Other', content: [] })).version).toBe(1);
    expect(db.configs.list({ name: 'MG24 plug' }).map((c) => c.version)).toEqual([2, 1]);
    expect(unwrap(db.configs.get(config.id)).content).toEqual({ vid: 0xfff1, pid: 0x8000 });
  });

  it('approves a draft once, recording who and when', () => {
    const { db, config, qa } = seeded();
    const approved = unwrap(db.configs.approve(config.id, qa.id));
    expect(approved).toMatchObject({ status: 'approved', approvedBy: qa.id, approvedAt: expect.any(String), contentHash: config.contentHash });
    expect(db.configs.list({ status: 'approved' }).map((c) => c.id)).toEqual([config.id]);
    expect(db.configs.approve(config.id, qa.id)).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD', detail: expect.stringContaining('only a draft') } });
    expect(db.configs.approve(999, qa.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(db.configs.approve(unwrap(db.configs.createDraft({ name: 'x', content: {} })).id, 999)).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
  });

  it('never lets content change in place', () => {
    const { db, config } = seeded();
    expect(() => db.connection.prepare("UPDATE product_configs SET content = '{}' WHERE id = ?").run(config.id)).toThrow(/immutable/);
  });

  it('refuses content JSON cannot hold', () => {
    const { db } = seeded();
    expect(db.configs.createDraft({ name: 'bad', content: { when: new Date() } as never })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
  });
});

describe('lots', () => {
  it('copies the configuration hash and round-trips', () => {
    const { db, lot, config, engineer } = seeded();
    expect(lot).toMatchObject({ name: 'S-2025-001', kind: 'sample', configId: config.id, configHash: config.contentHash, quantity: 5, status: 'open', stationId: 'line-1', createdBy: engineer.id, closedAt: null, notes: null });
    expect(unwrap(db.lots.get(lot.id))).toEqual(lot);
    expect(db.lots.list().map((l) => l.id)).toEqual([lot.id]);
  });

  it('allows a production lot only on an approved configuration', () => {
    const { db, config, qa } = seeded();
    const production = { name: 'P-1', kind: 'production' as const, configId: config.id, quantity: 100, stationId: 'line-1' };
    expect(db.lots.create(production)).toMatchObject({ ok: false, error: { code: 'RECORD_CONFIG_NOT_APPROVED', detail: expect.stringContaining('draft') } });
    unwrap(db.configs.approve(config.id, qa.id));
    expect(unwrap(db.lots.create(production)).kind).toBe('production');
    expect(db.lots.create({ ...production, configId: 77 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(db.lots.create({ ...production, name: 'P-2', quantity: 0 })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
  });

  it('refuses a duplicate lot name', () => {
    const { db, config } = seeded();
    expect(db.lots.create({ name: 'S-2025-001', kind: 'sample', configId: config.id, quantity: 1, stationId: 'x' })).toMatchObject({ ok: false, error: { code: 'DB_DUPLICATE' } });
  });

  it('stamps closed_at on closing and filters by status', () => {
    const { db, lot } = seeded();
    expect(unwrap(db.lots.setStatus(lot.id, 'running')).closedAt).toBeNull();
    const closed = unwrap(db.lots.setStatus(lot.id, 'closed'));
    expect(closed).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(db.lots.list({ status: 'closed' }).map((l) => l.id)).toEqual([lot.id]);
    expect(db.lots.list({ status: 'open' })).toEqual([]);
    expect(db.lots.setStatus(404, 'closed')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('devices', () => {
  const credentials = {
    uniqueChipId: '0c:43:14:ff:fe:a1:b2:c3',
    dacSerial: '5b0a7c1d2e3f',
    dacSkid: 'a1b2c3d4e5f60718293a4b5c6d7e8f9001122334',
    discriminator: 3840,
    qrPayload: 'MT:Y.K9042C00KA0648G00',
    manualCode: '34970112332',
  };

  it('round-trips, normalises hex and is found by serial, chip id and DAC serial', () => {
    const { db, lot } = seeded();
    const created = device(db, lot.id, 'SN-0001');
    expect(created).toMatchObject({ lotId: lot.id, serialNumber: 'SN-0001', status: 'allocated', uniqueChipId: null, dacSerial: null });
    const filled = unwrap(db.devices.recordCredentials(created.id, credentials));
    expect(filled).toMatchObject({ ...credentials, uniqueChipId: '0C4314FFFEA1B2C3', dacSerial: '5B0A7C1D2E3F', dacSkid: credentials.dacSkid.toUpperCase() });
    expect(unwrap(db.devices.findBySerial('SN-0001')).id).toBe(created.id);
    expect(unwrap(db.devices.findByUniqueChipId('0c4314fffea1b2c3')).id).toBe(created.id);
    expect(unwrap(db.devices.findByDacSerial('5B:0A:7C:1D:2E:3F')).id).toBe(created.id);
    expect(db.devices.findBySerial('SN-9999')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(db.devices.listByLot(lot.id)).toEqual([unwrap(db.devices.get(created.id))]);
  });

  it('changes only the credential fields given, and null clears one', () => {
    const { db, lot } = seeded();
    const d = device(db, lot.id, 'SN-0001');
    unwrap(db.devices.recordCredentials(d.id, credentials));
    const after = unwrap(db.devices.recordCredentials(d.id, { discriminator: 17, manualCode: null }));
    expect(after).toMatchObject({ discriminator: 17, manualCode: null, qrPayload: credentials.qrPayload, uniqueChipId: '0C4314FFFEA1B2C3' });
    expect(db.devices.recordCredentials(999, { discriminator: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('gives a clear DB_DUPLICATE for a serial number or DAC serial used twice', () => {
    const { db, lot } = seeded();
    device(db, lot.id, 'SN-0001');
    const again = db.devices.create({ lotId: lot.id, serialNumber: 'SN-0001' });
    expect(again).toMatchObject({ ok: false, error: { code: 'DB_DUPLICATE' } });
    if (!again.ok) expect(again.error.detail).toBe('device serial number "SN-0001": UNIQUE constraint failed: devices.serial_number');
    unwrap(db.devices.create({ lotId: lot.id, serialNumber: 'SN-0002', dacSerial: 'AB' }));
    expect(db.devices.create({ lotId: lot.id, serialNumber: 'SN-0003', dacSerial: 'ab' })).toMatchObject({ ok: false, error: { code: 'DB_DUPLICATE', detail: expect.stringContaining('dac_serial') } });
  });

  it('refuses values out of range and an unknown lot', () => {
    const { db, lot } = seeded();
    const d = device(db, lot.id, 'SN-0001');
    for (const bad of [{ discriminator: 4096 }, { uniqueChipId: 'XYZ' }, { manualCode: '1234' }, { qrPayload: 'QR:1' }]) {
      expect(db.devices.recordCredentials(d.id, bad)).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
    }
    expect(db.devices.create({ lotId: 999, serialNumber: 'SN-X' })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
    expect(db.devices.create({ lotId: lot.id, serialNumber: 'S'.repeat(33) })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
  });

  it('finds the newest record of a reworked chip', () => {
    const { db, lot } = seeded();
    unwrap(db.devices.create({ lotId: lot.id, serialNumber: 'SN-0001', uniqueChipId: '0000000000000001' }));
    const rework = unwrap(db.devices.create({ lotId: lot.id, serialNumber: 'SN-0002', uniqueChipId: '0000000000000001' }));
    expect(unwrap(db.devices.findByUniqueChipId('0000000000000001')).id).toBe(rework.id);
  });

  it('sets status and updated_at', () => {
    const { db, lot } = seeded();
    const d = device(db, lot.id, 'SN-0001');
    const passed = unwrap(db.devices.setStatus(d.id, 'passed'));
    expect(passed.status).toBe('passed');
    expect(passed.updatedAt > d.updatedAt).toBe(true);
  });
});

describe('attempts and steps', () => {
  it('records an attempt with numbered, timed steps', () => {
    const { db, lot, engineer } = seeded();
    const d = device(db, lot.id, 'SN-0001');
    const attempt = unwrap(db.attempts.start({ deviceId: d.id, probe: 'sim:0', operatorId: engineer.id, stationId: 'line-1' }));
    expect(attempt).toMatchObject({ deviceId: d.id, result: 'in_progress', finishedAt: null, errorCode: null });
    const connect = unwrap(db.attempts.startStep(attempt.id, 'connect'));
    const identify = unwrap(db.attempts.startStep(attempt.id, 'identify'));
    expect([connect.seq, identify.seq]).toEqual([1, 2]);
    expect(unwrap(db.attempts.finishStep(connect.id, 'pass'))).toMatchObject({ result: 'pass', finishedAt: expect.any(String) });
    unwrap(db.attempts.finishStep(identify.id, 'fail', 'EFR32MG24B220 expected, found EFR32MG24B210'));
    expect(db.attempts.finishStep(identify.id, 'pass')).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD', detail: expect.stringContaining('already finished') } });
    expect(db.attempts.finishStep(999, 'pass')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const done = unwrap(db.attempts.finish(attempt.id, { result: 'fail', errorCode: 'INTERNAL', errorDetail: 'wrong part' }));
    expect(done).toMatchObject({ result: 'fail', errorCode: 'INTERNAL', errorDetail: 'wrong part', finishedAt: expect.any(String) });
    expect(db.attempts.finish(attempt.id, { result: 'pass' })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
    expect(db.attempts.listSteps(attempt.id).map((s) => [s.seq, s.name, s.result])).toEqual([
      [1, 'connect', 'pass'],
      [2, 'identify', 'fail'],
    ]);
    expect(db.attempts.listForDevice(d.id)).toEqual([done]);
  });

  it('requires an error code on a failed attempt and a known device', () => {
    const { db, lot } = seeded();
    const d = device(db, lot.id, 'SN-0001');
    const attempt = unwrap(db.attempts.start({ deviceId: d.id, probe: 'sim:0', operatorId: null, stationId: 'line-1' }));
    expect(db.attempts.finish(attempt.id, { result: 'fail' })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
    expect(db.attempts.start({ deviceId: 999, probe: 'sim:0', operatorId: null, stationId: 'x' })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
    expect(db.attempts.get(999)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined properties and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'é' }, u: undefined })).toBe('{"a":{"c":"é","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('refuses what JSON cannot hold instead of changing it', () => {
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(/\$\.n is Infinity/);
    expect(() => canonicalJson([1n])).toThrow(/bigint/);
    expect(() => canonicalJson({ m: new Map() })).toThrow(/Map/);
  });
});
