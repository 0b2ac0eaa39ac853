import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStationDatabase } from '../../../main/store/database';
import { unwrap, useTempDirs } from './helpers';
import { request, startLot, stationFixture } from './stationFixtures';

describe('crash recovery', () => {
  const tempDir = useTempDirs();

  it('lists attempts a killed station left in progress after it restarts', () => {
    const path = join(tempDir(), 'station.sqlite');
    const db = unwrap(openStationDatabase(path));
    const config = unwrap(db.configs.createDraft({ name: 'c', content: {} }));
    const lot = unwrap(db.lots.create({ name: 'S-1', kind: 'sample', configId: config.id, quantity: 5, stationId: 'x' }));
    startLot(db, lot.id);
    const done = unwrap(db.allocations.allocate(request(lot.id)));
    unwrap(db.allocations.finishAttempt(done.attemptId, { result: 'pass' }));
    const left = unwrap(db.allocations.allocate(request(lot.id, { probe: 'sim:3' })));
    unwrap(db.attempts.recordChip(left.attemptId, '0c4314fffea1b2c3'));
    unwrap(db.attempts.startStep(left.attemptId, 'connect'));
    unwrap(db.attempts.startStep(left.attemptId, 'write'));
    db.close(); // the process dies here; nothing else is written

    const again = unwrap(openStationDatabase(path));
    expect(again.attempts.listInterrupted()).toEqual([
      {
        attemptId: left.attemptId,
        deviceId: left.deviceId,
        serialNumber: left.serialNumber,
        lotId: lot.id,
        lotName: 'S-1',
        probe: 'sim:3',
        stationId: again.station.stationId(),
        operatorId: null,
        startedAt: expect.any(String),
        uniqueChipId: '0C4314FFFEA1B2C3',
        dacSerial: left.dacSerial,
        dacIssued: false,
        runningStep: 'write',
      },
    ]);
    again.close();
  });

  it('resolves an interrupted attempt as failed: steps closed, device failed, event recorded', () => {
    const { db, lot } = stationFixture();
    startLot(db, lot.id);
    const a = unwrap(db.allocations.allocate(request(lot.id)));
    unwrap(db.attempts.startStep(a.attemptId, 'connect'));
    const resolved = unwrap(db.attempts.resolveInterrupted(a.attemptId, { result: 'fail', detail: 'board absent at restart', actor: 'Ada' }));
    expect(resolved).toMatchObject({ result: 'fail', errorCode: 'RECORD_ATTEMPT_INTERRUPTED', errorDetail: 'board absent at restart', finishedAt: expect.any(String) });
    expect(db.attempts.listSteps(a.attemptId)).toMatchObject([{ result: 'fail', detail: 'interrupted' }]);
    expect(unwrap(db.devices.get(a.deviceId)).status).toBe('failed');
    expect(db.events.list({ deviceId: a.deviceId }).at(-1)).toMatchObject({ kind: 'attempt.resolved', actor: 'Ada', payload: { result: 'fail', errorCode: 'RECORD_ATTEMPT_INTERRUPTED' } });
    expect(db.attempts.listInterrupted()).toEqual([]);
    expect(db.attempts.resolveInterrupted(a.attemptId, { result: 'pass' })).toMatchObject({ ok: false, error: { code: 'RECORD_ATTEMPT_FINISHED' } });
    expect(db.attempts.resolveInterrupted(404, { result: 'pass' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A resolved device's values stay taken: the next allocation draws new ones.
    const next = unwrap(db.allocations.allocate(request(lot.id)));
    expect([next.serialNumber, next.dacSerial, next.passcode]).not.toContain(a.serialNumber);
    expect(next.dacSerial).not.toBe(a.dacSerial);
  });

  it('resolves as passed when read-back found the board complete', () => {
    const { db, lot } = stationFixture();
    startLot(db, lot.id);
    const a = unwrap(db.allocations.allocate(request(lot.id)));
    unwrap(db.attempts.startStep(a.attemptId, 'reset'));
    unwrap(db.attempts.resolveInterrupted(a.attemptId, { result: 'pass', detail: 'read-back verified' }));
    expect(unwrap(db.devices.get(a.deviceId)).status).toBe('passed');
    expect(db.attempts.listSteps(a.attemptId)).toMatchObject([{ result: 'skipped' }]);
    expect(db.attempts.recordChip(a.attemptId, '0000000000000001')).toMatchObject({ ok: false, error: { code: 'RECORD_ATTEMPT_FINISHED' } });
  });

  it('refuses to start a step on a finished attempt (a late request from a stopped worker)', () => {
    const db = unwrap(openStationDatabase(join(tempDir(), 'station.sqlite')));
    const config = unwrap(db.configs.createDraft({ name: 'c', content: {} }));
    const lot = unwrap(db.lots.create({ name: 'S-1', kind: 'sample', configId: config.id, quantity: 5, stationId: 'x' }));
    startLot(db, lot.id);
    const a = unwrap(db.allocations.allocate(request(lot.id)));
    unwrap(db.allocations.finishAttempt(a.attemptId, { result: 'fail', errorCode: 'STATION_WORKER_DIED', errorDetail: 'killed' }));
    const late = db.attempts.startStep(a.attemptId, 'write');
    expect(late.ok ? null : late.error.code).toBe('RECORD_ATTEMPT_FINISHED');
    expect(db.attempts.listSteps(a.attemptId)).toEqual([]);
    db.close();
  });

  it('ends the recording step with a pass in the same transaction, so a crash right after leaves nothing running', () => {
    const db = unwrap(openStationDatabase(join(tempDir(), 'station.sqlite')));
    const config = unwrap(db.configs.createDraft({ name: 'c', content: {} }));
    const lot = unwrap(db.lots.create({ name: 'S-1', kind: 'sample', configId: config.id, quantity: 5, stationId: 'x' }));
    startLot(db, lot.id);
    const a = unwrap(db.allocations.allocate(request(lot.id)));
    const step = unwrap(db.attempts.startStep(a.attemptId, 'record'));
    unwrap(db.allocations.finishAttempt(a.attemptId, { result: 'pass' }));
    // The process dies here, before the pipeline's own "record finished": the step is already closed.
    expect(db.attempts.listSteps(a.attemptId)).toMatchObject([{ id: step.id, result: 'pass', detail: 'recorded with the attempt' }]);
    expect(db.attempts.finishStep(step.id, 'pass').ok).toBe(false);
    db.close();
  });
});
