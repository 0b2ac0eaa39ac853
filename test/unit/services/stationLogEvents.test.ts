// The station log keeps each run's end, every device that did not pass and lot changes; passes stay
// in the database only.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/services/eventBus';
import { createStationLog } from '../../../main/services/stationLog';
import { logStationEvents } from '../../../main/services/stationLogEvents';
import { useTempDirs } from '../store/helpers';

const tempDir = useTempDirs();

describe('station log of window events', () => {
  it('writes run ends, failed devices and lot changes as JSON lines, and not passes', () => {
    const events = new EventBus();
    const log = createStationLog(tempDir(), { now: () => new Date('2026-11-25T10:00:00Z') });
    logStationEvents(events, log);
    const base = { runId: 1, probeId: 'sim-1', serialNumber: 'SN-1', eui64: null, ms: 10 };
    events.emit('station.deviceFinished', { ...base, deviceId: 1, outcome: { result: 'pass', qrPayload: 'MT:X', manualCode: '1' } });
    events.emit('station.deviceFinished', {
      ...base,
      deviceId: 2,
      outcome: { result: 'fail', step: 'write', code: 'PROBE_DISCONNECTED', message: 'm', fix: 'f', reason: 'cable pulled', deviceState: 'partly written' },
    });
    events.emit('station.runFinished', { runId: 1, lotId: 3, complete: false, passed: 1, failed: 1, lotStatus: 'open', error: null });
    const lines = fs.readFileSync(log.file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      { at: '2026-11-25T10:00:00.000Z', level: 'warn', event: 'device.fail', runId: 1, probe: 'sim-1', deviceId: 2, serialNumber: 'SN-1', step: 'write', code: 'PROBE_DISCONNECTED', reason: 'cable pulled', deviceState: 'partly written' },
      { at: '2026-11-25T10:00:00.000Z', level: 'info', event: 'run.finished', runId: 1, lotId: 3, complete: false, passed: 1, failed: 1, lotStatus: 'open', error: null },
    ]);
  });
});
