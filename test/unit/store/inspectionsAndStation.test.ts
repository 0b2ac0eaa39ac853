import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStationDatabase } from '../../../main/store/database';
import { hashPin, signIn, verifyPin } from '../../../main/store/repositories/operatorPins';
import { openMemory, unwrap, useTempDirs } from './helpers';
import { request, startLot, stationFixture } from './stationFixtures';

describe('inspections', () => {
  it('records a read-back with its checks, append-only, with an audit event', () => {
    const { db, lot, qa } = stationFixture();
    startLot(db, lot.id);
    const a = unwrap(db.allocations.allocate(request(lot.id)));
    const checks = [
      { name: 'dac-bytes', result: 'pass' as const },
      { name: 'chain', result: 'fail' as const, detail: 'PAI not trusted' },
    ];
    const inspection = unwrap(
      db.inspections.record({ deviceId: a.deviceId, uniqueChipId: '0c4314fffea1b2c3', dacSerial: a.dacSerial.toLowerCase(), result: 'fail', checks, operatorId: qa.id, stationId: 'ST-1', probe: 'sim:0', actor: 'Quinn' }),
    );
    expect(inspection).toMatchObject({ deviceId: a.deviceId, uniqueChipId: '0C4314FFFEA1B2C3', dacSerial: a.dacSerial, result: 'fail', checks, at: expect.any(String) });
    expect(db.inspections.listForDevice(a.deviceId)).toEqual([inspection]);
    expect(db.inspections.listForLot(lot.id)).toEqual([inspection]);
    expect(unwrap(db.inspections.get(inspection.id))).toEqual(inspection);
    expect(db.events.list({ deviceId: a.deviceId }).at(-1)).toMatchObject({ kind: 'inspection.recorded', actor: 'Quinn', lotId: lot.id, payload: { result: 'fail', failedChecks: ['chain'] } });
    expect(() => db.connection.prepare("UPDATE inspections SET result = 'pass'").run()).toThrow(/append-only/);
    expect(() => db.connection.prepare('DELETE FROM inspections').run()).toThrow(/append-only/);
  });

  it('records a board that matches no record of this station', () => {
    const db = openMemory();
    const inspection = unwrap(db.inspections.record({ deviceId: null, uniqueChipId: null, dacSerial: '01', result: 'fail', checks: [], operatorId: null, stationId: 'x', probe: 'jlink:1' }));
    expect(inspection.deviceId).toBeNull();
    expect(db.inspections.record({ deviceId: null, uniqueChipId: 'nothex', dacSerial: null, result: 'pass', checks: [], operatorId: null, stationId: 'x', probe: 'p' })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
  });
});

describe('station id', () => {
  const tempDir = useTempDirs();

  it('is drawn once as ST- and 6 hex digits, kept across restarts, and can be set', () => {
    const path = join(tempDir(), 'station.sqlite');
    const first = unwrap(openStationDatabase(path));
    const id = first.station.stationId();
    expect(id).toMatch(/^ST-[0-9A-F]{6}$/);
    first.close();
    const again = unwrap(openStationDatabase(path));
    expect(again.station.stationId()).toBe(id);
    expect(unwrap(again.station.setStationId('LINE-1'))).toBe('LINE-1');
    expect(again.station.stationId()).toBe('LINE-1');
    expect(again.station.setStationId('line 1/2')).toMatchObject({ ok: false, error: { code: 'RECORD_STATION_ID_INVALID' } });
    again.close();
  });
});

describe('operator PINs', () => {
  it('stores a scrypt hash, verifies the right PIN only, and signs in active operators', () => {
    const db = openMemory();
    const pin = unwrap(hashPin('482916'));
    expect(pin.pinHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pin.pinSalt).toMatch(/^[0-9a-f]{32}$/);
    expect(pin.pinHash).not.toContain('482916');
    unwrap(db.operators.create({ name: 'Quinn', role: 'qa', ...pin }));
    const stored = unwrap(db.operators.findByName('quinn'));
    expect(verifyPin(stored, '482916')).toBe(true);
    expect(verifyPin(stored, '482917')).toBe(false);
    expect(unwrap(signIn(db.operators, 'QUINN', '482916'))).toEqual({ id: stored.id, name: 'Quinn', role: 'qa', active: true, createdAt: stored.createdAt });
    expect(signIn(db.operators, 'Quinn', '000000')).toMatchObject({ ok: false, error: { code: 'RECORD_PIN_WRONG' } });
    expect(signIn(db.operators, 'Nobody', '482916')).toMatchObject({ ok: false, error: { code: 'RECORD_PIN_WRONG' } });
    db.connection.prepare('UPDATE operators SET active = 0').run();
    expect(signIn(db.operators, 'Quinn', '482916')).toMatchObject({ ok: false, error: { code: 'RECORD_PIN_WRONG' } });
    for (const bad of ['123', '1234567890123', '12a4', '']) expect(hashPin(bad)).toMatchObject({ ok: false, error: { code: 'RECORD_PIN_FORMAT' } });
  });
});
