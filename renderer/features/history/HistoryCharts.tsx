/**
 * Two charts: devices finished per UTC hour in the chosen lot (passed and failed stacked), and the
 * yield of every lot (0–100 %). Each chart is an image named by a sentence that says what it shows,
 * with its numbers in a table under "Show the numbers"; the charts' room is kept while they load.
 * The parent keys it by lot, so choosing another lot starts it afresh (loading).
 */
import { useEffect, useState } from 'react';
import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AppErrorInfo } from '../../../preload/contract';
import type { LotCharts } from '../../../preload/contract/history';
import type { LotSummary } from '../../../preload/contract/lots';
import { ErrorPanel } from '../../components/ErrorPanel';
import { settle, station } from '../../station';
import { hourText, percentText, throughputSummary, yieldSummary } from './historyModel';

// The stylesheet's --pass and --fail: recharts draws in SVG attributes, which do not read CSS variables.
const PASS = '#156a34';
const FAIL = '#a4161a';
const ACCENT = '#0b57d0';

type Loaded = { readonly phase: 'loading' } | { readonly phase: 'ready'; readonly lot: LotCharts; readonly all: LotCharts } | { readonly phase: 'failed'; readonly error: AppErrorInfo };

export function HistoryCharts({ lot }: { readonly lot: LotSummary | null }) {
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const lotId = lot?.id;

  useEffect(() => {
    let current = true;
    void Promise.all([settle(() => station().history.charts(lotId === undefined ? {} : { lotId })), settle(() => station().history.charts({}))]).then(([one, all]) => {
      if (!current) return;
      if (!one.ok) setLoaded({ phase: 'failed', error: one.error });
      else if (!all.ok) setLoaded({ phase: 'failed', error: all.error });
      else setLoaded({ phase: 'ready', lot: one.value, all: all.value });
    });
    return () => {
      current = false;
    };
  }, [lotId]);

  if (loaded.phase === 'failed') return <ErrorPanel error={loaded.error} />;
  const scope = lot === null ? 'all lots' : `lot ${lot.name}`;
  const throughput = loaded.phase === 'ready' ? loaded.lot.throughput : null;
  const yieldByLot = loaded.phase === 'ready' ? loaded.all.yieldByLot : null;

  return (
    <div className="history-charts">
      <figure className="panel history-chart" data-testid="history-throughput">
        <figcaption className="history-chart-title">{`Devices finished per hour (UTC), ${scope}`}</figcaption>
        {throughput === null ? (
          <ChartLoading />
        ) : (
          <>
            <div className="history-chart-canvas" role="img" aria-label={throughputSummary(throughput, scope)} data-testid="history-throughput-chart">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={throughput.map((hour) => ({ ...hour, label: hourText(hour.hour) }))} accessibilityLayer={false}>
                  <XAxis dataKey="label" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="passed" name="passed" stackId="finished" fill={PASS} isAnimationActive={false} />
                  <Bar dataKey="failed" name="failed" stackId="finished" fill={FAIL} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <NumbersTable
              caption={`Devices finished per hour (UTC), ${scope}`}
              headings={['Hour (UTC)', 'Passed', 'Failed']}
              rows={throughput.map((hour) => [hourText(hour.hour), String(hour.passed), String(hour.failed)])}
              testId="history-throughput-table"
            />
          </>
        )}
      </figure>
      <figure className="panel history-chart" data-testid="history-yield">
        <figcaption className="history-chart-title">Yield per lot (passed of finished devices)</figcaption>
        {yieldByLot === null ? (
          <ChartLoading />
        ) : (
          <>
            <div className="history-chart-canvas" role="img" aria-label={yieldSummary(yieldByLot)} data-testid="history-yield-chart">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={yieldByLot.map((row) => ({ lot: row.lotName, yield: row.yield === null ? 0 : Math.round(row.yield * 1000) / 10 }))} accessibilityLayer={false}>
                  <XAxis dataKey="lot" />
                  <YAxis domain={[0, 100]} unit=" %" />
                  <Tooltip />
                  <Bar dataKey="yield" name="yield %" fill={ACCENT} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <NumbersTable
              caption="Yield per lot"
              headings={['Lot', 'Passed', 'Failed', 'Yield']}
              rows={yieldByLot.map((row) => [row.lotName, String(row.passed), String(row.failed), percentText(row.yield)])}
              testId="history-yield-table"
            />
          </>
        )}
      </figure>
    </div>
  );
}

function ChartLoading() {
  return (
    <p className="history-chart-canvas history-chart-loading muted" role="status">
      Reading the records…
    </p>
  );
}

interface NumbersTableProps {
  readonly caption: string;
  readonly headings: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly testId: string;
}

function NumbersTable({ caption, headings, rows, testId }: NumbersTableProps) {
  return (
    <details className="detail-toggle history-numbers">
      <summary>Show the numbers</summary>
      {rows.length === 0 ? (
        <p className="muted">No device has finished yet.</p>
      ) : (
        <table className="data-table history-numbers-table" data-testid={testId}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {headings.map((heading, index) => (
                <th key={heading} scope="col" className={index === 0 ? undefined : 'numeric'}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={index} className="numeric">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
