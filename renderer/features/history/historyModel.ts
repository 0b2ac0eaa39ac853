/**
 * What the History screen shows, kept pure: status words and symbols, times in UTC, step names,
 * and the one-sentence summaries that name the charts for screen readers.
 */
import type { LotCharts } from '../../../preload/contract/history';
import type { PipelineStepName } from '../../../preload/contract/station';
import type { Tone } from '../../components/ToneBadge';
import { stepLabel } from '../station/stationModel';

export const SEARCH_MIN_LENGTH = 3;
export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_TOO_SHORT = `Type at least ${SEARCH_MIN_LENGTH} characters of a serial number, EUI-64, DAC serial or QR payload.`;

/** The look of a device status, an attempt result or a step result: word, symbol and a colour class. */
export interface ResultLook {
  readonly text: string;
  readonly symbol: string;
  readonly tone: Tone;
}

const looks: Record<string, ResultLook> = {
  passed: { text: 'passed', symbol: '✓', tone: 'pass' },
  pass: { text: 'passed', symbol: '✓', tone: 'pass' },
  failed: { text: 'failed', symbol: '✕', tone: 'fail' },
  fail: { text: 'failed', symbol: '✕', tone: 'fail' },
  in_progress: { text: 'in progress', symbol: '▶', tone: 'active' },
  running: { text: 'running', symbol: '▶', tone: 'active' },
  allocated: { text: 'allocated', symbol: '○', tone: 'neutral' },
  cancelled: { text: 'cancelled', symbol: '■', tone: 'neutral' },
  skipped: { text: 'skipped', symbol: '–', tone: 'neutral' },
};

/** A word main may add later still shows, as itself. */
export function resultLook(result: string): ResultLook {
  return looks[result] ?? { text: result.replace(/_/g, ' '), symbol: '·', tone: 'neutral' };
}

export function stepName(step: string): string {
  return (stepLabel as Record<string, string | undefined>)[step as PipelineStepName] ?? step;
}

/** "2026-11-25 17:50:08 UTC": the station records UTC, and the report says the same. */
export function timeText(iso: string | null): string {
  if (iso === null) return '—';
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)/.exec(iso);
  return match === null ? iso : `${match[1]} ${match[2]} UTC`;
}

/** An hour bucket "2026-11-25T17:00:00Z" as the chart's axis shows it: "11-25 17:00". */
export function hourText(hour: string): string {
  const match = /^\d{4}-(\d\d-\d\d)T(\d\d):/.exec(hour);
  return match === null ? hour : `${match[1]} ${match[2]}:00`;
}

export function durationText(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}

export function hexId(value: number | null): string {
  return value === null ? '—' : `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function percentText(value: number | null): string {
  return value === null ? 'none yet' : `${(Math.round(value * 1000) / 10).toString()} %`;
}

export function throughputSummary(throughput: LotCharts['throughput'], scope: string): string {
  if (throughput.length === 0) return `Throughput of ${scope}: no device has finished yet.`;
  const passed = throughput.reduce((sum, hour) => sum + hour.passed, 0);
  const failed = throughput.reduce((sum, hour) => sum + hour.failed, 0);
  const busiest = throughput.reduce((best, hour) => (hour.passed + hour.failed > best.passed + best.failed ? hour : best));
  const hours = throughput.length === 1 ? '1 hour' : `${throughput.length} hours`;
  return `Throughput of ${scope}: ${passed} passed and ${failed} failed over ${hours}; busiest hour ${hourText(busiest.hour)} UTC with ${busiest.passed + busiest.failed} devices.`;
}

export function yieldSummary(yieldByLot: LotCharts['yieldByLot']): string {
  if (yieldByLot.length === 0) return 'Yield per lot: no lots yet.';
  const parts = yieldByLot.map((lot) => `${lot.lotName} ${percentText(lot.yield)}`);
  return `Yield per lot, passed of finished devices: ${parts.join(', ')}.`;
}
