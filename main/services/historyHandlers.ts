/**
 * The History screen's answers: find devices, open one with its attempts and inspections, the
 * throughput and yield charts, and a lot's report for the window to save. Every signed-in role may
 * look (signed out is refused); only exporting a report is recorded, as a `lot.report_exported`
 * audit event, because a report is station data leaving the station.
 */
import type { MatterlineHandlers } from '../../preload/contract';
import type { Caller } from '../../preload/contract/define';
import { success, type Result } from '../../preload/contract/errors';
import type { Download } from '../../preload/contract/files';
import type { SignedInOperator } from '../../preload/contract/session';
import { deviceDetail, lotCharts, searchDevices } from '../station/records/deviceHistory';
import { buildLotReport, reportCsv, reportJson } from '../station/records/lotReport';
import type { StationDatabase } from '../store/database';
import { systemClock } from '../store/shared';
import type { ServiceOptions } from './serviceOptions';
import { ANY_ROLE, signedInWithDatabase } from './sessions';

export type HistoryHandlers = MatterlineHandlers['history'];

const MIME_TYPE = { csv: 'text/csv', json: 'application/json' } as const;

export function createHistoryHandlers(options: ServiceOptions): HistoryHandlers {
  const now = options.now ?? systemClock;
  const signedIn = (caller: Caller, action: string): Result<{ operator: SignedInOperator; db: StationDatabase }> =>
    signedInWithDatabase(options.sessions, options.database, caller, ANY_ROLE, action);

  return {
    search: (input, caller) => {
      const ready = signedIn(caller, 'searching the device history');
      return ready.ok ? success(searchDevices(ready.value.db, input.text)) : ready;
    },

    device: (input, caller) => {
      const ready = signedIn(caller, `opening device ${input.id}`);
      return ready.ok ? deviceDetail(ready.value.db, input.id) : ready;
    },

    charts: (input, caller) => {
      const ready = signedIn(caller, 'reading the throughput and yield charts');
      return ready.ok ? lotCharts(ready.value.db, input.lotId) : ready;
    },

    exportReport: (input, caller) => {
      const ready = signedIn(caller, `exporting the report of lot ${input.lotId}`);
      if (!ready.ok) return ready;
      const { db, operator } = ready.value;
      const report = buildLotReport(db, input.lotId, now);
      if (!report.ok) return report;
      const text = input.format === 'csv' ? reportCsv(report.value.rows) : reportJson(report.value);
      const download: Download = {
        fileName: reportFileName(report.value.lot.id, report.value.lot.name, input.format),
        mimeType: MIME_TYPE[input.format],
        contentBase64: Buffer.from(text, 'utf8').toString('base64'),
      };
      const event = db.events.append(
        'lot.report_exported',
        operator.name,
        { format: input.format, fileName: download.fileName, devices: report.value.summary.devices },
        { lotId: input.lotId },
      );
      return event.ok ? success(download) : event;
    },
  };
}

/** `lot-12-s-1-report.csv`: the lot's id keeps names that slug alike apart. */
export function reportFileName(lotId: number, lotName: string, format: 'csv' | 'json'): string {
  const slug = lotName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `lot-${lotId}-${slug === '' ? 'lot' : slug}-report.${format}`;
}
