/**
 * What the station log keeps from the window's events: each run's end, each device that did not
 * pass (with its code and reason), and each lot status change — what a field engineer needs from an
 * exported log without the database. Passes are in the database and the lot report, not here.
 */
import type { EventBus } from './eventBus';
import type { StationLog } from './stationLog';

export function logStationEvents(events: EventBus, log: StationLog): () => void {
  return events.forwardTo((channel, payload) => {
    switch (channel) {
      case 'station.runFinished': {
        const run = payload as { runId: number; lotId: number; complete: boolean; passed: number; failed: number; lotStatus: string; error: { code: string; detail?: string } | null };
        log.write(run.error === null ? 'info' : 'warn', 'run.finished', {
          runId: run.runId,
          lotId: run.lotId,
          complete: run.complete,
          passed: run.passed,
          failed: run.failed,
          lotStatus: run.lotStatus,
          error: run.error === null ? null : `${run.error.code}${run.error.detail === undefined ? '' : `: ${run.error.detail}`}`,
        });
        return;
      }
      case 'station.deviceFinished': {
        const device = payload as { runId: number; probeId: string; deviceId: number; serialNumber: string; outcome: { result: string; step?: string; code?: string; reason?: string; deviceState?: string } };
        if (device.outcome.result === 'pass') return;
        log.write('warn', `device.${device.outcome.result}`, {
          runId: device.runId,
          probe: device.probeId,
          deviceId: device.deviceId,
          serialNumber: device.serialNumber,
          step: device.outcome.step ?? null,
          code: device.outcome.code ?? null,
          reason: device.outcome.reason ?? null,
          deviceState: device.outcome.deviceState ?? null,
        });
        return;
      }
      case 'lots.changed': {
        const lot = payload as { id: number; name: string; status: string };
        log.write('info', 'lot.changed', { lotId: lot.id, name: lot.name, status: lot.status });
        return;
      }
    }
  });
}
