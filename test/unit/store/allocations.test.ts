import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPai, createTestPaa, issueDac, testPaiIssuer } from '../../../main/matter/dac';
import { seededRandom } from '../../support/seededRandom';
import { unwrap } from './helpers';
import { allocationFootprint, request, startLot, stationFixture } from './stationFixtures';

const T0 = new Date('2025-01-01T00:00:00Z');

describe('allocation', () => {
  it('allocates every per-device value, starts the attempt and records the event in one go', () => {
    const { db, lot, engineer } = stationFixture();
    startLot(db, lot.id);
    const a = unwrap(db.allocations.allocate(request(lot.id, { operatorId: engineer.id, saltLength: 24, spake2pIterations: 2000 })));
    expect(a).toMatchObject({ lotId: lot.id, sequence: 1, serialNumber: 'SN-00001', stationId: db.station.stationId(), spake2pIterations: 2000 });
    expect(a.dacSerial).toMatch(/^[0-7][0-9A-F]{31}$/);
    expect(a.dacSerial.startsWith('00')).toBe(false);
    expect(a.passcode).toBeGreaterThan(0);
    expect(a.salt.length).toBe(24);
    expect(a.uniqueId.length).toBe(16);
    expect(a.discriminator).toBeLessThanOrEqual(0xfff);

    const device = unwrap(db.devices.get(a.deviceId));
    expect(device).toMatchObject({
      serialNumber: 'SN-00001',
      status: 'in_progress',
      dacSerial: a.dacSerial,
      passcode: a.passcode,
      discriminator: a.discriminator,
      salt: Buffer.from(a.salt).toString('base64'),
      spake2pIterations: 2000,
      uniqueIdSha256: createHash('sha256').update(a.uniqueId).digest('hex').toUpperCase(),
      hasDac: false,
    });
    expect(unwrap(db.attempts.get(a.attemptId))).toMatchObject({ deviceId: a.deviceId, result: 'in_progress', probe: 'sim:0', operatorId: engineer.id, stationId: db.station.stationId() });
    const event = db.events.list({ deviceId: a.deviceId });
    expect(event).toMatchObject([{ kind: 'device.allocated', actor: 'Ada', lotId: lot.id, payload: { serialNumber: 'SN-00001', dacSerial: a.dacSerial, attemptId: a.attemptId } }]);

    // The clear unique id is nowhere in the database file's rows.
    const clear = Buffer.from(a.uniqueId).toString('hex');
    const dump = JSON.stringify(db.connection.prepare('SELECT * FROM devices').all()) + JSON.stringify(db.connection.prepare('SELECT * FROM events').all());
    expect(dump.toLowerCase()).not.toContain(clear);
    expect(unwrap(db.allocations.allocate(request(lot.id))).serialNumber).toBe('SN-00002');
  });

  it('uses a fixed discriminator when the policy says so', () => {
    const { db, lot } = stationFixture();
    startLot(db, lot.id);
    const a = unwrap(db.allocations.allocate(request(lot.id, { discriminator: { mode: 'fixed', value: 3840 } })));
    expect(a.discriminator).toBe(3840);
    expect(db.allocations.allocate(request(lot.id, { discriminator: { mode: 'fixed', value: 4096 } }))).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
    expect(db.allocations.allocate(request(lot.id, { spake2pIterations: 999 }))).toMatchObject({ ok: false, error: { code: 'SPAKE2P_ITERATIONS_OUT_OF_RANGE' } });
  });

  it('leaves nothing allocated when the process fails inside the transaction', () => {
    const { db, lot } = stationFixture();
    startLot(db, lot.id);
    unwrap(db.allocations.allocate(request(lot.id)));
    const before = allocationFootprint(db);
    const sequenceBefore = db.connection.prepare('SELECT last_seq FROM lot_sequences').pluck().get();
    expect(() =>
      db.allocations.allocate(
        request(lot.id, {
          renderSerial: () => {
            throw new Error('crash while rendering');
          },
        }),
      ),
    ).toThrow('crash while rendering');
    expect(allocationFootprint(db)).toEqual(before);
    expect(db.connection.prepare('SELECT last_seq FROM lot_sequences').pluck().get()).toBe(sequenceBefore);
    // A serial that repeats (a pattern without {seq}) is refused as a whole, too.
    const repeat = db.allocations.allocate(request(lot.id, { renderSerial: () => 'SN-00001' }));
    expect(repeat).toMatchObject({ ok: false, error: { code: 'DB_DUPLICATE', detail: expect.stringContaining('serial_number') } });
    expect(allocationFootprint(db)).toEqual(before);
    // The next good allocation takes the next sequence number: nothing was consumed by the failures.
    expect(unwrap(db.allocations.allocate(request(lot.id))).sequence).toBe(2);
  });

  it('redraws a value that is already in use, and gives up cleanly on a stuck random source', () => {
    const recorded: Uint8Array[] = [];
    const fresh = seededRandom(99);
    const replay: Uint8Array[] = [];
    const random = (n: number) => {
      const next = replay.shift();
      if (next !== undefined && next.length === n) return next;
      const bytes = fresh.bytes(n);
      recorded.push(bytes);
      return bytes;
    };
    const { db, lot } = stationFixture({ randomBytes: random });
    startLot(db, lot.id);
    const first = unwrap(db.allocations.allocate(request(lot.id)));
    replay.push(...recorded.map((bytes) => Uint8Array.from(bytes))); // the second allocation first sees the first one's draws again
    const second = unwrap(db.allocations.allocate(request(lot.id)));
    expect(second.dacSerial).not.toBe(first.dacSerial);
    expect(second.passcode).not.toBe(first.passcode);
    expect(Buffer.from(second.uniqueId).equals(Buffer.from(first.uniqueId))).toBe(false);

    const stuck = stationFixture({ randomBytes: (n) => new Uint8Array(n).fill(0x42) });
    startLot(stuck.db, stuck.lot.id);
    unwrap(stuck.db.allocations.allocate(request(stuck.lot.id)));
    const before = allocationFootprint(stuck.db);
    expect(stuck.db.allocations.allocate(request(stuck.lot.id))).toMatchObject({ ok: false, error: { code: 'RECORD_ALLOCATION_EXHAUSTED', detail: expect.stringContaining('DAC serial') } });
    expect(allocationFootprint(stuck.db)).toEqual(before);
  });

  it('allocates only in a running lot, and never beyond its quantity', () => {
    const { db, lot } = stationFixture({ quantity: 2 });
    expect(db.allocations.allocate(request(lot.id))).toMatchObject({ ok: false, error: { code: 'RECORD_LOT_NOT_RUNNING', detail: 'lot "S-1" is open' } });
    startLot(db, lot.id);
    const a = unwrap(db.allocations.allocate(request(lot.id)));
    unwrap(db.allocations.allocate(request(lot.id)));
    expect(db.allocations.allocate(request(lot.id))).toMatchObject({ ok: false, error: { code: 'RECORD_LOT_FULL' } });
    // A failed device frees its place in the lot (its values are never reused).
    unwrap(db.allocations.finishAttempt(a.attemptId, { result: 'fail', errorCode: 'INTERNAL', errorDetail: 'x' }));
    expect(unwrap(db.allocations.allocate(request(lot.id))).sequence).toBe(3);
    expect(db.allocations.allocate(request(999))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('gives no duplicate over 10 000 allocations', () => {
    const { db, lot } = stationFixture({ quantity: 10_000, seed: 2024 });
    startLot(db, lot.id);
    for (let i = 0; i < 10_000; i++) unwrap(db.allocations.allocate(request(lot.id)));
    const distinct = db.connection
      .prepare('SELECT count(*) AS n, count(DISTINCT serial_number) AS s, count(DISTINCT dac_serial) AS d, count(DISTINCT passcode) AS p, count(DISTINCT unique_id_sha256) AS u FROM devices')
      .get();
    expect(distinct).toEqual({ n: 10_000, s: 10_000, d: 10_000, p: 10_000, u: 10_000 });
    expect(db.events.verifyChain()).toMatchObject({ ok: true });
  }, 60_000);
});

describe('issued DAC and the end of an attempt', () => {
  const paa = createTestPaa({ notBefore: T0 });
  const pai = createPai(paa, { notBefore: T0, vendorId: 0xfff1, productId: 0x8000 });
  const issuer = unwrap(testPaiIssuer(pai));

  it('records the DAC whose serial was allocated, once, and refuses any other', () => {
    const { db, lot } = stationFixture();
    startLot(db, lot.id);
    const a = unwrap(db.allocations.allocate(request(lot.id)));
    const b = unwrap(db.allocations.allocate(request(lot.id)));
    const dac = unwrap(issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now: T0, serialNumber: a.dacSerialBytes }));
    expect(dac.serialNumber).toBe(a.dacSerial);

    expect(db.allocations.recordIssuedDac(b.deviceId, { dacDer: dac.certificate, skid: dac.subjectKeyId })).toMatchObject({ ok: false, error: { code: 'RECORD_DAC_SERIAL_MISMATCH' } });
    expect(db.allocations.recordIssuedDac(a.deviceId, { dacDer: new Uint8Array([1, 2, 3]), skid: dac.subjectKeyId })).toMatchObject({ ok: false, error: { code: 'RECORD_DAC_UNREADABLE' } });
    unwrap(db.allocations.recordIssuedDac(a.deviceId, { dacDer: dac.certificate, skid: dac.subjectKeyId, eui64: '0c:43:14:ff:fe:a1:b2:c3' }));
    unwrap(db.allocations.recordIssuedDac(a.deviceId, { dacDer: dac.certificate, skid: dac.subjectKeyId })); // the same again is harmless
    const other = unwrap(issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now: T0, serialNumber: a.dacSerialBytes }));
    expect(db.allocations.recordIssuedDac(a.deviceId, { dacDer: other.certificate, skid: other.subjectKeyId })).toMatchObject({ ok: false, error: { code: 'RECORD_DAC_SERIAL_MISMATCH', detail: expect.stringContaining('different DAC') } });

    const stored = unwrap(db.devices.issuedDac(a.deviceId));
    expect(Buffer.from(stored.der).equals(Buffer.from(dac.certificate))).toBe(true);
    expect(unwrap(db.devices.get(a.deviceId))).toMatchObject({ hasDac: true, dacSkid: dac.subjectKeyId, uniqueChipId: '0C4314FFFEA1B2C3' });
    expect(db.devices.issuedDac(b.deviceId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(db.devices.listIssuedDacs(lot.id).map((d) => d.deviceId)).toEqual([a.deviceId]);
    expect(db.events.list({ deviceId: a.deviceId }).map((e) => e.kind)).toEqual(['device.allocated', 'device.dac_issued']);
  });

  it('sets the device status with the attempt result, closing steps left running', () => {
    const { db, lot } = stationFixture();
    startLot(db, lot.id);
    const ok = unwrap(db.allocations.allocate(request(lot.id)));
    const bad = unwrap(db.allocations.allocate(request(lot.id)));
    unwrap(db.allocations.finishAttempt(ok.attemptId, { result: 'pass', qrPayload: 'MT:Y.K9042C00KA0648G00', manualCode: '34970112332' }));
    expect(unwrap(db.devices.get(ok.deviceId))).toMatchObject({ status: 'passed', qrPayload: 'MT:Y.K9042C00KA0648G00', manualCode: '34970112332' });

    unwrap(db.attempts.startStep(bad.attemptId, 'connect'));
    const failed = unwrap(db.allocations.finishAttempt(bad.attemptId, { result: 'fail', errorCode: 'INTERNAL', errorDetail: 'probe died' }));
    expect(failed).toMatchObject({ result: 'fail', errorCode: 'INTERNAL' });
    expect(unwrap(db.devices.get(bad.deviceId)).status).toBe('failed');
    expect(db.attempts.listSteps(bad.attemptId)).toMatchObject([{ name: 'connect', result: 'fail', detail: 'attempt ended' }]);
    expect(db.events.list({ lotId: lot.id }).map((e) => e.kind).slice(-2)).toEqual(['device.passed', 'device.failed']);

    // Finishing twice, or a fail without a code, changes nothing.
    expect(db.allocations.finishAttempt(ok.attemptId, { result: 'fail', errorCode: 'INTERNAL' })).toMatchObject({ ok: false, error: { code: 'DB_INVALID_RECORD' } });
    expect(unwrap(db.devices.get(ok.deviceId)).status).toBe('passed');
    expect(db.lots.counts(lot.id)).toEqual({ allocated: 0, inProgress: 0, passed: 1, failed: 1, total: 2 });
  });
});
