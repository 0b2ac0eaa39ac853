/** A device status, attempt or inspection result by word, symbol and colour together, so it reads without colour vision. */
import { ToneBadge } from '../../components/ToneBadge';
import { resultLook } from './historyModel';

export function ResultBadge({ result, testId }: { readonly result: string; readonly testId?: string }) {
  const look = resultLook(result);
  return <ToneBadge tone={look.tone} symbol={look.symbol} text={look.text} status={result} testId={testId} />;
}
