/**
 * A lot's records: choose the lot, save its report (CSV or JSON, the same file as `matterline lot
 * report`), and see its throughput beside every lot's yield. The outcome line keeps its room, so a
 * saved file or an error does not move the charts. Lots changed elsewhere (a run) are merged in.
 */
import { useEffect, useId, useState } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import type { LotSummary } from '../../../preload/contract/lots';
import { ErrorPanel } from '../../components/ErrorPanel';
import { saveDownload } from '../../files';
import { settle, station } from '../../station';
import { mergeLot, sortLots, statusLabel } from '../lots/lotsModel';
import { HistoryCharts } from './HistoryCharts';

type Outcome = { readonly kind: 'saved'; readonly fileName: string } | { readonly kind: 'failed'; readonly error: AppErrorInfo } | null;

export function LotReports() {
  const ids = useId();
  const [lots, setLots] = useState<readonly LotSummary[] | null>(null);
  const [listError, setListError] = useState<AppErrorInfo | null>(null);
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [busy, setBusy] = useState<'csv' | 'json' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  // A lot that runs while the screen is open: its counts here and its charts (keyed by them) follow.
  useEffect(
    () =>
      station().on('lots.changed', (lot) => {
        setLots((current) => (current === null ? current : mergeLot(current, lot)));
        setChosenId((chosen) => chosen ?? lot.id);
      }),
    [],
  );

  useEffect(() => {
    let current = true;
    void settle(() => station().lots.list()).then((result) => {
      if (!current) return;
      if (!result.ok) {
        setListError(result.error);
        return;
      }
      const sorted = sortLots(result.value);
      setLots(sorted);
      setChosenId((chosen) => chosen ?? sorted[0]?.id ?? null);
    });
    return () => {
      current = false;
    };
  }, []);

  const exportReport = (format: 'csv' | 'json') => {
    if (chosenId === null || busy !== null) return;
    setBusy(format);
    void settle(() => station().history.exportReport({ lotId: chosenId, format })).then((result) => {
      setBusy(null);
      if (!result.ok) {
        setOutcome({ kind: 'failed', error: result.error });
        return;
      }
      saveDownload(result.value);
      setOutcome({ kind: 'saved', fileName: result.value.fileName });
    });
  };

  if (listError !== null) return <ErrorPanel error={listError} />;
  const chosen = lots?.find((lot) => lot.id === chosenId) ?? null;
  const disabled = chosen === null || busy !== null;

  return (
    <>
      <div className="panel history-lot-panel">
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-lot`}>
            Lot
          </label>
          <select
            id={`${ids}-lot`}
            className="field-input field-select"
            data-testid="history-lot-select"
            value={chosenId ?? ''}
            aria-describedby={`${ids}-lot-facts`}
            onChange={(event) => {
              setChosenId(event.target.value === '' ? null : Number(event.target.value));
              setOutcome(null);
            }}
          >
            {lots === null && <option value="">Reading the lots…</option>}
            {lots !== null && lots.length === 0 && <option value="">No lots yet</option>}
            {lots?.map((lot) => (
              <option key={lot.id} value={lot.id}>
                {lot.name}
              </option>
            ))}
          </select>
          <p className="field-facts" id={`${ids}-lot-facts`} data-testid="history-lot-facts">
            {chosen === null ? 'Choose a lot to save its report.' : `${chosen.kind} · ${statusLabel[chosen.status]} · ${chosen.passed} passed, ${chosen.failed} failed of ${chosen.quantity}`}
          </p>
        </div>
        <div className="history-export-actions">
          <button type="button" className="button button-primary" aria-disabled={disabled} onClick={() => exportReport('csv')} data-testid="history-export-csv">
            {busy === 'csv' ? 'Exporting…' : 'Export report CSV'}
          </button>
          <button type="button" className="button button-quiet" aria-disabled={disabled} onClick={() => exportReport('json')} data-testid="history-export-json">
            {busy === 'json' ? 'Exporting…' : 'Export JSON'}
          </button>
        </div>
        <div className="history-export-outcome">
          {outcome?.kind === 'failed' ? (
            <ErrorPanel error={outcome.error} />
          ) : (
            <p className="outcome-line" role="status" data-testid="history-export-done">
              {outcome?.kind === 'saved' ? `Report saved as ${outcome.fileName}.` : ''}
            </p>
          )}
        </div>
      </div>
      <HistoryCharts key={chosen === null ? 'all' : `${chosen.id}:${chosen.passed}:${chosen.failed}`} lot={chosen} />
    </>
  );
}
