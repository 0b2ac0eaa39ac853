import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPai, createTestPaa, issueDac, testPaiIssuer } from '../../../../main/matter/dac';
import { buildDacBundle, buildLotReport, csvField, REPORT_COLUMNS, reportCsv, verifyAuditTrail, writeDacBundle } from '../../../../main/station/records';
import type { StationDatabase } from '../../../../main/store/database';
import { unwrap, useTempDirs } from '../../store/helpers';
import { request, startLot, stationFixture } from '../../store/stationFixtures';

const T0 = new Date('2025-01-01T00:00:00Z');
const paa = createTestPaa({ notBefore: T0 });
const issuer = unwrap(testPaiIssuer(createPai(paa, { notBefore: T0, vendorId: 0xfff1, productId: 0x8000 })));

/** A lot with one passed device (DAC issued), one failed after its DAC was issued, one still running. */
function lotWithDevices() {
  const fixture = stationFixture();
  const { db, lot, engineer } = fixture;
  startLot(db, lot.id);
  const passed = unwrap(db.allocations.allocate(request(lot.id, { operatorId: engineer.id, probe: 'sim:1' })));
  const failed = unwrap(db.allocations.allocate(request(lot.id, { renderSerial: (n) => `SN,"${n}"` })));
  const running = unwrap(db.allocations.allocate(request(lot.id)));
  const dacs = [passed, failed].map((a) => {
    const dac = unwrap(issueDac(issuer, { vendorId: 0xfff1, productId: 0x8000, now: T0, serialNumber: a.dacSerialBytes }));
    unwrap(db.allocations.recordIssuedDac(a.deviceId, { dacDer: dac.certificate, skid: dac.subjectKeyId, eui64: '0C4314FFFEA1B2C3' }));
    return dac;
  });
  unwrap(db.allocations.finishAttempt(passed.attemptId, { result: 'pass', qrPayload: 'MT:Y.K9042C00KA0648G00', manualCode: '34970112332' }));
  unwrap(db.allocations.finishAttempt(failed.attemptId, { result: 'fail', errorCode: 'INTERNAL', errorDetail: 'read-back: DAC bytes differ\nat offset 12' }));
  return { ...fixture, passed, failed, running, dacs };
}

describe('lot report', () => {
  it('has one row per device with its newest attempt', () => {
    const { db, lot, passed, failed, running, dacs } = lotWithDevices();
    const report = unwrap(buildLotReport(db, lot.id, () => T0));
    expect(report.summary).toEqual({ devices: 3, passed: 1, failed: 1, inProgress: 1 });
    expect(report.lot).toMatchObject({ id: lot.id, name: 'S-1', status: 'running', quantity: 10 });
    expect(report.rows[0]).toEqual({
      serialNumber: passed.serialNumber,
      eui64: '0C4314FFFEA1B2C3',
      dacSerial: passed.dacSerial,
      dacSkid: dacs[0]!.subjectKeyId,
      discriminator: passed.discriminator,
      qrPayload: 'MT:Y.K9042C00KA0648G00',
      manualCode: '34970112332',
      result: 'passed',
      errorCode: null,
      errorReason: null,
      operator: 'Ada',
      station: db.station.stationId(),
      probe: 'sim:1',
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      ms: expect.any(Number),
      attempts: 1,
    });
    expect(report.rows[0]!.ms).toBeGreaterThan(0); // the test clock moves one second per reading
    expect(report.rows[1]).toMatchObject({ serialNumber: failed.serialNumber, result: 'failed', errorCode: 'INTERNAL', errorReason: 'read-back: DAC bytes differ\nat offset 12' });
    expect(report.rows[2]).toMatchObject({ serialNumber: running.serialNumber, result: 'in_progress', finishedAt: null, ms: null });
    expect(buildLotReport(db, 404)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('writes RFC 4180 CSV: header, CRLF, quoted commas, quotes and line breaks, empty nulls', () => {
    const { db, lot } = lotWithDevices();
    const csv = reportCsv(unwrap(buildLotReport(db, lot.id)).rows);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(REPORT_COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"SN,""2"""');
    expect(csv).toContain('"read-back: DAC bytes differ\nat offset 12"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a\rb')).toBe('"a\rb"');
    // The running device's row ends with empty finishedAt and ms, then 1 attempt.
    expect(lines[3]).toMatch(/,,,1$/);
  });
});

describe('DAC bundle', () => {
  const tempDir = useTempDirs();

  it('writes every issued DAC as DER named by its serial, with a manifest of hashes', () => {
    const { db, lot, passed, failed, dacs } = lotWithDevices();
    const bundle = unwrap(buildDacBundle(db, lot.id, () => T0));
    const folder = join(tempDir(), 'bundle');
    unwrap(writeDacBundle(folder, bundle));
    expect(readdirSync(folder).sort()).toEqual([`${passed.dacSerial}.der`, `${failed.dacSerial}.der`, 'manifest.json'].sort());
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'matterline.dac-bundle', version: 1, lot: { id: lot.id, name: 'S-1' }, stationId: db.station.stationId(), generatedAt: T0.toISOString() });
    expect(manifest.dacs).toHaveLength(2);
    for (const [index, entry] of (manifest.dacs as { file: string; sha256: string; deviceStatus: string }[]).entries()) {
      const der = readFileSync(join(folder, entry.file));
      expect(der.equals(Buffer.from(dacs[index]!.certificate))).toBe(true);
      expect(entry.sha256).toBe(createHash('sha256').update(der).digest('hex'));
    }
    expect(manifest.dacs.map((d: { deviceStatus: string }) => d.deviceStatus)).toEqual(['passed', 'failed']);
  });

  it('refuses a folder that already holds files', () => {
    const { db, lot } = lotWithDevices();
    const folder = tempDir();
    writeFileSync(join(folder, 'old.der'), 'x');
    expect(writeDacBundle(folder, unwrap(buildDacBundle(db, lot.id)))).toMatchObject({ ok: false, error: { code: 'FILE_NOT_WRITABLE', detail: expect.stringContaining('not empty') } });
  });
});

describe('audit trail verification', () => {
  function tamper(db: StationDatabase, sql: string): void {
    db.connection.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
    db.connection.exec(sql);
  }

  it('summarises an intact chain', () => {
    const { db } = lotWithDevices();
    const result = verifyAuditTrail(db);
    expect(result).toMatchObject({ ok: true, events: db.events.list().length, headHash: db.events.list().at(-1)!.hash, firstAt: expect.any(String) });
  });

  it('names the first event that does not verify', () => {
    const { db } = lotWithDevices();
    tamper(db, `UPDATE events SET actor = 'mallory' WHERE seq = 3`);
    const result = verifyAuditTrail(db);
    expect(result).toMatchObject({ ok: false, brokenSeq: 3, error: { code: 'RECORD_AUDIT_CHAIN_BROKEN', detail: expect.stringContaining('event 3') } });
  });
});
