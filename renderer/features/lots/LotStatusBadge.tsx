/** A lot's status by word, symbol and colour together, so it reads without colour vision. */
import { statusLabel, type LotStatus } from './lotsModel';

const symbol: Record<LotStatus, string> = {
  open: '○',
  running: '▶',
  awaiting_qa: '?',
  approved: '✓',
  rejected: '✕',
  closed: '■',
};

export function LotStatusBadge({ status }: { readonly status: LotStatus }) {
  return (
    <span className={`lot-status lot-status-${status}`} data-testid="lot-status" data-status={status}>
      <span className="status-symbol" aria-hidden="true">
        {symbol[status]}
      </span>
      <span>{statusLabel[status]}</span>
    </span>
  );
}
