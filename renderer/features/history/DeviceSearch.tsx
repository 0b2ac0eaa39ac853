/**
 * Finding devices: one labelled field (Enter searches) and the devices found, newest first. Each
 * row opens its device with a button, so the list works from the keyboard. The results area keeps
 * its height while a search runs, so the panels below do not jump.
 */
import { useState, type FormEvent } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import type { DeviceRow } from '../../../preload/contract/history';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { settle, station } from '../../station';
import { ResultBadge } from './ResultBadge';
import { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH, SEARCH_TOO_SHORT, timeText } from './historyModel';

type Found =
  | { readonly phase: 'idle' }
  | { readonly phase: 'searching'; readonly text: string }
  | { readonly phase: 'ready'; readonly text: string; readonly rows: readonly DeviceRow[] }
  | { readonly phase: 'failed'; readonly error: AppErrorInfo };

interface DeviceSearchProps {
  readonly openedId: number | null;
  readonly onOpen: (id: number) => void;
}

export function DeviceSearch({ openedId, onOpen }: DeviceSearchProps) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [found, setFound] = useState<Found>({ phase: 'idle' });

  const search = (event: FormEvent) => {
    event.preventDefault();
    const typed = text.trim();
    if (typed.length < SEARCH_MIN_LENGTH) {
      setProblem(SEARCH_TOO_SHORT);
      return;
    }
    setProblem(null);
    setFound({ phase: 'searching', text: typed });
    void settle(() => station().history.search({ text: typed })).then((result) =>
      setFound(result.ok ? { phase: 'ready', text: typed, rows: result.value } : { phase: 'failed', error: result.error }),
    );
  };

  return (
    <>
      <form className="history-search" role="search" onSubmit={search} data-testid="history-search-form" noValidate>
        <Field
          label="Serial number, EUI-64, DAC serial or QR payload"
          hint="The whole value or its start"
          value={text}
          onChange={setText}
          problem={problem}
          maxLength={SEARCH_MAX_LENGTH}
          testId="history-search-text"
        />
        <button type="submit" className="button button-primary history-search-button" data-testid="history-search-submit">
          Search
        </button>
      </form>
      <div className="history-results" data-testid="history-results">
        <Results found={found} openedId={openedId} onOpen={onOpen} />
      </div>
    </>
  );
}

function Results({ found, openedId, onOpen }: { readonly found: Found; readonly openedId: number | null; readonly onOpen: (id: number) => void }) {
  switch (found.phase) {
    case 'idle':
      return <p className="muted">Search to list the devices this station recorded.</p>;
    case 'searching':
      return (
        <p className="muted" role="status">
          {`Searching for “${found.text}”…`}
        </p>
      );
    case 'failed':
      return <ErrorPanel error={found.error} />;
    case 'ready':
      return (
        <>
          <p className="muted" role="status" data-testid="history-results-count">
            {found.rows.length === 0
              ? `No device has a value that is or starts with “${found.text}”.`
              : `${found.rows.length === 100 ? 'The newest 100 devices' : found.rows.length === 1 ? '1 device' : `${found.rows.length} devices`} matching “${found.text}”, newest first.`}
          </p>
          {found.rows.length > 0 && <ResultTable rows={found.rows} openedId={openedId} onOpen={onOpen} />}
        </>
      );
  }
}

function ResultTable({ rows, openedId, onOpen }: { readonly rows: readonly DeviceRow[]; readonly openedId: number | null; readonly onOpen: (id: number) => void }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="history-results-caption" tabIndex={0}>
      <table className="data-table history-table" data-testid="history-result-table">
        <caption id="history-results-caption" className="visually-hidden">
          Devices found, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Serial number</th>
            <th scope="col">EUI-64</th>
            <th scope="col">DAC serial</th>
            <th scope="col">Lot</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`history-row-${row.serialNumber}`} data-opened={row.id === openedId}>
              <th scope="row">
                <button
                  type="button"
                  className="history-open"
                  aria-pressed={row.id === openedId}
                  onClick={() => onOpen(row.id)}
                  data-testid="history-open"
                >
                  {row.serialNumber}
                </button>
              </th>
              <td>
                <code>{row.eui64 ?? '—'}</code>
              </td>
              <td>
                <code className="history-long-hex">{row.dacSerial ?? '—'}</code>
              </td>
              <td className="history-lot">{row.lotName}</td>
              <td>
                <ResultBadge result={row.status} testId="history-row-status" />
              </td>
              <td className="history-time">{timeText(row.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
