/**
 * Preflight screen state, kept pure so the screen only renders it. Rows are reserved before the
 * results arrive (the checks of the previous run, or the checks the station is known to run), and
 * each `preflight.checkDone` event fills its row in place, so the list does not jump.
 */
import type { AppErrorInfo, PreflightCheck, PreflightReport, Result } from '../../../preload/contract';
import type { Status } from '../../components/StatusBadge';

export interface CheckRow {
  readonly name: string;
  readonly title: string;
  /** The finished check; null while it runs. */
  readonly check: PreflightCheck | null;
}

/**
 * What the station checks today, in report order (main's PREFLIGHT_CHECKS); only used to reserve
 * rows before the first results arrive. A check the station adds later gets a row when it reports.
 */
export const expectedChecks: readonly CheckRow[] = [
  { name: 'database', title: 'Database writable', check: null },
  { name: 'jlink-library', title: 'J-Link library', check: null },
  { name: 'udev-rules', title: 'Linux udev rules for J-Link', check: null },
  { name: 'serial-ports', title: 'Serial ports', check: null },
  { name: 'versions', title: 'Node and Electron versions', check: null },
];

export interface PreflightState {
  /** Increases with each run; a late answer from an earlier run is ignored. */
  readonly runId: number;
  readonly phase: 'running' | 'done' | 'failed';
  readonly rows: readonly CheckRow[];
  readonly error: AppErrorInfo | null;
  /** When the last run finished and how long it took; null while the first run is on its way. */
  readonly lastRun: { readonly at: number; readonly tookMs: number } | null;
}

export type PreflightAction =
  | { readonly type: 'start' }
  | { readonly type: 'checkDone'; readonly check: PreflightCheck }
  | {
      readonly type: 'finished';
      readonly runId: number;
      readonly result: Result<PreflightReport>;
      readonly startedAt: number;
      readonly finishedAt: number;
    };

export const initialPreflightState: PreflightState = {
  runId: 1,
  phase: 'running',
  rows: expectedChecks,
  error: null,
  lastRun: null,
};

function rowOf(check: PreflightCheck): CheckRow {
  return { name: check.name, title: check.title, check };
}

export function preflightReducer(state: PreflightState, action: PreflightAction): PreflightState {
  switch (action.type) {
    case 'start': {
      const reserved = state.rows.length > 0 ? state.rows : expectedChecks;
      return {
        runId: state.runId + 1,
        phase: 'running',
        rows: reserved.map((row) => ({ name: row.name, title: row.title, check: null })),
        error: null,
        lastRun: state.lastRun,
      };
    }
    case 'checkDone': {
      if (state.phase !== 'running') return state;
      const index = state.rows.findIndex((row) => row.name === action.check.name);
      const rows =
        index === -1
          ? [...state.rows, rowOf(action.check)]
          : state.rows.map((row, i) => (i === index ? rowOf(action.check) : row));
      return { ...state, rows };
    }
    case 'finished': {
      if (action.runId !== state.runId || state.phase !== 'running') return state;
      const lastRun = { at: action.finishedAt, tookMs: action.finishedAt - action.startedAt };
      if (action.result.ok) {
        return { ...state, phase: 'done', rows: action.result.value.checks.map(rowOf), lastRun };
      }
      return {
        ...state,
        phase: 'failed',
        rows: state.rows.filter((row) => row.check !== null),
        error: action.result.error,
        lastRun,
      };
    }
  }
}

/** PASS, FAIL for a required check that failed, WARN for an optional one, PENDING while it runs. */
export function statusOf(check: PreflightCheck | null): Status {
  if (check === null) return 'PENDING';
  if (check.ok) return 'PASS';
  return check.required ? 'FAIL' : 'WARN';
}

export interface PreflightSummary {
  readonly tone: 'running' | 'pass' | 'fail' | 'error';
  readonly text: string;
  /** A second, smaller line; empty when there is nothing to add. */
  readonly note: string;
  /** Optional checks that failed (shown as WARN). */
  readonly warnings: number;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function summarize(state: PreflightState): PreflightSummary {
  const finished = state.rows.filter((row) => row.check !== null);
  if (state.phase === 'running') {
    return {
      tone: 'running',
      text: `Running checks… ${finished.length} of ${state.rows.length} done`,
      note: 'Each row fills in as its check finishes.',
      warnings: 0,
    };
  }
  if (state.phase === 'failed') {
    return { tone: 'error', text: 'Preflight could not run', note: 'What happened and what to do are shown below.', warnings: 0 };
  }
  const failed = state.rows.filter((row) => statusOf(row.check) === 'FAIL').length;
  const warned = state.rows.filter((row) => statusOf(row.check) === 'WARN').length;
  const note =
    warned > 0 ? `${plural(warned, 'optional check needs', 'optional checks need')} attention (WARN).` : '';
  if (failed === 0) return { tone: 'pass', text: 'All required checks passed', note, warnings: warned };
  return { tone: 'fail', text: `${plural(failed, 'required check', 'required checks')} failed`, note, warnings: warned };
}
