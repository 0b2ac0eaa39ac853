/** A status told by word, symbol and colour together, so it reads without colour vision. */
export type Status = 'PASS' | 'FAIL' | 'WARN' | 'PENDING';

const look: Record<Status, { readonly text: string; readonly symbol: string }> = {
  PASS: { text: 'PASS', symbol: '✓' },
  FAIL: { text: 'FAIL', symbol: '✕' },
  WARN: { text: 'WARN', symbol: '!' },
  PENDING: { text: 'CHECKING', symbol: '…' },
};

interface StatusBadgeProps {
  readonly status: Status;
  readonly testId?: string;
}

export function StatusBadge({ status, testId }: StatusBadgeProps) {
  const { text, symbol } = look[status];
  return (
    <span className={`status-badge status-${status.toLowerCase()}`} data-testid={testId} data-status={status.toLowerCase()}>
      <span className="status-symbol" aria-hidden="true">
        {symbol}
      </span>
      <span className="status-text">{text}</span>
    </span>
  );
}
