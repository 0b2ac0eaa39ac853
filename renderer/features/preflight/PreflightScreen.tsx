/**
 * Preflight: the same checks as `matterline doctor`. Runs on open, fills each row in as its check
 * finishes (`preflight.checkDone`), and says in one line whether the station is ready.
 */
import { useEffect, useId, useReducer, useState } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Screen } from '../../components/Screen';
import { StatusBadge } from '../../components/StatusBadge';
import { settle, station } from '../../station';
import { initialPreflightState, preflightReducer, statusOf, summarize, type CheckRow, type PreflightState } from './preflightModel';

export function PreflightScreen() {
  const [state, dispatch] = useReducer(preflightReducer, initialPreflightState);
  const running = state.phase === 'running';

  // Subscribe before the first run starts: effects run in order, so no event is missed.
  useEffect(() => station().on('preflight.checkDone', (check) => dispatch({ type: 'checkDone', check })), []);

  useEffect(() => {
    let current = true;
    const startedAt = Date.now();
    void settle(() => station().preflight.run()).then((result) => {
      if (current) dispatch({ type: 'finished', runId: state.runId, result, startedAt, finishedAt: Date.now() });
    });
    return () => {
      current = false;
    };
  }, [state.runId]);

  const runAgain = () => {
    if (!running) dispatch({ type: 'start' });
  };

  return (
    <Screen id="preflight" title="Preflight">
      <Summary state={state} />
      <div className="toolbar">
        <button
          type="button"
          className="button button-primary"
          data-testid="preflight-run-again"
          aria-disabled={running}
          onClick={runAgain}
        >
          Run again
        </button>
        <span className="muted" data-testid="preflight-last-run">
          {lastRunText(state)}
        </span>
      </div>
      {state.error !== null && <ErrorPanel error={state.error} />}
      <ul className="check-list" aria-label="Preflight checks" aria-busy={running}>
        {state.rows.map((row) => (
          <CheckItem key={row.name} row={row} />
        ))}
      </ul>
    </Screen>
  );
}

function Summary({ state }: { readonly state: PreflightState }) {
  const summary = summarize(state);
  return (
    <div className={`summary summary-${summary.tone}`} role="status">
      <p className="summary-text" data-testid="preflight-summary" data-state={summary.tone}>
        {summary.text}
      </p>
      <p className={summary.warnings > 0 ? 'summary-note summary-note-warn' : 'summary-note'}>{summary.note}</p>
    </div>
  );
}

function lastRunText(state: PreflightState): string {
  if (state.phase === 'running' || state.lastRun === null) return 'Checking this station…';
  const seconds = (state.lastRun.tookMs / 1000).toFixed(1);
  return `Last run finished ${new Date(state.lastRun.at).toLocaleTimeString()}, took ${seconds} s`;
}

function CheckItem({ row }: { readonly row: CheckRow }) {
  const { check } = row;
  const status = statusOf(check);
  const detailId = useId();
  const [detailOpen, setDetailOpen] = useState(false);
  const detail = check?.detail;
  return (
    <li className={`check check-${status.toLowerCase()}`} data-testid={`check-${row.name}`} data-status={status.toLowerCase()}>
      <div className="check-side">
        <StatusBadge status={status} testId="check-status" />
        {detail !== undefined && (
          <button
            type="button"
            className="button button-quiet"
            data-testid="check-detail-toggle"
            aria-expanded={detailOpen}
            aria-controls={detailId}
            onClick={() => setDetailOpen((open) => !open)}
          >
            {detailOpen ? 'Hide detail' : 'Show detail'}
          </button>
        )}
      </div>
      <div className="check-body">
        <h2 className="check-title">
          {row.title}
          {check !== null && !check.required && <span className="optional-tag">optional</span>}
        </h2>
        <p className="check-message" data-testid="check-message">
          {check === null ? 'Checking…' : check.message}
        </p>
        {check !== null && !check.ok && check.fix !== null && (
          <p className="check-fix" data-testid="check-fix">
            <span className="fix-label">Fix: </span>
            {check.fix}
          </p>
        )}
        {detail !== undefined && (
          <pre id={detailId} className="detail-text check-detail" data-testid="check-detail" hidden={!detailOpen}>
            {detail}
          </pre>
        )}
      </div>
    </li>
  );
}
