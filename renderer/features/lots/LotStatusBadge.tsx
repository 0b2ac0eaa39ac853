/** A lot's status by word, symbol and colour together, so it reads without colour vision. */
import { ToneBadge, type Tone } from '../../components/ToneBadge';
import { statusLabel, type LotStatus } from './lotsModel';

const look: Record<LotStatus, { readonly symbol: string; readonly tone: Tone }> = {
  open: { symbol: '○', tone: 'neutral' },
  running: { symbol: '▶', tone: 'active' },
  awaiting_qa: { symbol: '?', tone: 'warn' },
  approved: { symbol: '✓', tone: 'pass' },
  rejected: { symbol: '✕', tone: 'fail' },
  closed: { symbol: '■', tone: 'neutral' },
};

export function LotStatusBadge({ status }: { readonly status: LotStatus }) {
  return <ToneBadge tone={look[status].tone} symbol={look[status].symbol} text={statusLabel[status]} status={status} testId="lot-status" />;
}
