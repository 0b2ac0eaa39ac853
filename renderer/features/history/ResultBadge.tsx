/** A device status, attempt or inspection result by word, symbol and colour together, so it reads without colour vision. */
import { resultLook } from './historyModel';

export function ResultBadge({ result, testId }: { readonly result: string; readonly testId?: string }) {
  const look = resultLook(result);
  return (
    <span className={`history-badge history-badge-${look.tone}`} data-testid={testId} data-status={result}>
      <span className="status-symbol" aria-hidden="true">
        {look.symbol}
      </span>
      <span>{look.text}</span>
    </span>
  );
}
