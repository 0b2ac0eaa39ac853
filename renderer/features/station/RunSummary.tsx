/**
 * The line that ends a run: "Lot S-1: 3/3 passed — awaiting QA" when the lot is complete, otherwise
 * how far it got and, when the run stopped on an error, that error as the biggest thing here.
 * While the run goes on, the same room says so, so nothing below moves when it ends.
 */
import type { AppErrorInfo } from '../../../preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { statusLabel, type LotStatus } from '../lots/lotsModel';
import type { RunFinishedView } from './stationModel';

interface RunSummaryProps {
  readonly lotName: string;
  readonly quantity: number | null;
  readonly finished: RunFinishedView | null;
  readonly live: boolean;
}

function lotStatusText(status: string): string {
  return status in statusLabel ? statusLabel[status as LotStatus] : status.replace(/_/g, ' ');
}

export function summaryText(lotName: string, quantity: number | null, finished: RunFinishedView): string {
  const of = quantity === null ? '' : `/${quantity}`;
  if (finished.complete) return `Lot ${lotName}: ${finished.passed}${of} passed — ${lotStatusText(finished.lotStatus)}`;
  return `Lot ${lotName}: ${finished.passed}${of} passed, ${finished.failed} failed — stopped, lot ${lotStatusText(finished.lotStatus)}`;
}

export function RunSummary({ lotName, quantity, finished, live }: RunSummaryProps) {
  if (finished === null) {
    return (
      <div className="summary summary-running run-summary" data-testid="run-summary" data-state={live ? 'running' : 'none'} role="status">
        <p className="summary-text">{live ? `Lot ${lotName}: running…` : 'No run yet.'}</p>
      </div>
    );
  }
  const good = finished.complete && finished.error === null;
  return (
    <div className="run-summary-block">
      <div className={`summary run-summary ${good ? 'summary-pass' : 'summary-fail'}`} data-testid="run-summary" data-state={good ? 'complete' : 'stopped'} role="status">
        <p className="summary-text" data-testid="run-summary-text">
          {summaryText(lotName, quantity, finished)}
        </p>
      </div>
      {/* The event carries the code as a plain string; it is a catalogue code all the same. */}
      {finished.error !== null && <ErrorPanel error={{ ...finished.error, code: finished.error.code as AppErrorInfo['code'] }} />}
    </div>
  );
}
