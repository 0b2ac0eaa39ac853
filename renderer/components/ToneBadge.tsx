/**
 * A state told by word, symbol and colour together, so it reads without colour vision: lot status,
 * configuration status, device and attempt results. The tone picks the colour; the caller the words.
 */
export type Tone = 'pass' | 'fail' | 'warn' | 'active' | 'neutral';

interface ToneBadgeProps {
  readonly tone: Tone;
  readonly symbol: string;
  readonly text: string;
  /** The raw state, for tests and styles (`data-status`). */
  readonly status: string;
  readonly testId?: string | undefined;
}

export function ToneBadge({ tone, symbol, text, status, testId }: ToneBadgeProps) {
  return (
    <span className={`tone-badge tone-${tone}`} data-testid={testId} data-status={status}>
      <span className="status-symbol" aria-hidden="true">
        {symbol}
      </span>
      <span>{text}</span>
    </span>
  );
}
