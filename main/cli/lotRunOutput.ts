/**
 * What `matterline lot run` and `matterline demo` print: a line per device as it finishes (text
 * mode), then a table and a summary; with --json one document: the lot, the devices
 * ({serialNumber, eui64, dacSerial, probe, result, reason, ms}) and the summary.
 */
import type { DeviceOutcome, PipelineEvent } from '../station/pipeline/types';
import type { RecoveredAttempt } from '../station/recovery';
import type { LotRunSummary } from '../station/runLot';
import type { StationDatabase } from '../store/database';
import type { Output } from './output';
import { printJson } from './output';

export interface DeviceLine {
  readonly serialNumber: string;
  readonly eui64: string | null;
  readonly dacSerial: string | null;
  readonly probe: string;
  readonly result: 'passed' | 'failed';
  readonly reason: string | null;
  readonly ms: number;
}

function reasonOf(outcome: DeviceOutcome): string | null {
  if (outcome.result === 'pass') return null;
  if (outcome.result === 'cancelled') return `${outcome.step}: cancelled (${outcome.deviceState})`;
  return `${outcome.step}: ${outcome.code}: ${outcome.reason}`;
}

/** Collects finished devices from pipeline events; prints a line each in text mode. */
export class DeviceCollector {
  readonly devices: DeviceLine[] = [];

  constructor(
    private readonly db: StationDatabase,
    private readonly output: Output,
  ) {}

  readonly onEvent = (event: PipelineEvent): void => {
    if (event.type !== 'device-finished') return;
    const device = this.db.devices.get(event.deviceId);
    const line: DeviceLine = {
      serialNumber: event.serialNumber,
      eui64: event.eui64,
      dacSerial: device.ok ? device.value.dacSerial : null,
      probe: event.probe,
      result: event.outcome.result === 'pass' ? 'passed' : 'failed',
      reason: reasonOf(event.outcome),
      ms: event.ms,
    };
    this.devices.push(line);
    if (!this.output.json) this.output.write(formatLine(line));
  };
}

export function formatLine(line: DeviceLine): string {
  const result = line.result === 'passed' ? 'PASS' : 'FAIL';
  return `${result}  ${line.serialNumber.padEnd(26)} ${(line.eui64 ?? '-').padEnd(16)}  ${(line.dacSerial ?? '-').padEnd(32)}  ${String(line.ms).padStart(6)} ms  ${line.probe}${line.reason === null ? '' : `\n      ${line.reason}`}`;
}

export interface RunSummaryNumbers {
  readonly passed: number;
  readonly failed: number;
  readonly devicesPerSecond: number;
  readonly seconds: number;
  readonly lotPassed: number;
  readonly lotQuantity: number;
  readonly lotStatus: string;
  readonly recovered: number;
}

export function summarise(devices: readonly DeviceLine[], run: LotRunSummary, seconds: number, recovered: readonly RecoveredAttempt[]): RunSummaryNumbers {
  const passed = devices.filter((d) => d.result === 'passed').length;
  return {
    passed,
    failed: devices.length - passed,
    seconds: Math.round(seconds * 1000) / 1000,
    devicesPerSecond: seconds > 0 ? Math.round((passed / seconds) * 100) / 100 : 0,
    lotPassed: run.counts.passed,
    lotQuantity: run.lot.quantity,
    lotStatus: run.lot.status,
    recovered: recovered.length,
  };
}

export function printRun(output: Output, run: LotRunSummary, devices: readonly DeviceLine[], summary: RunSummaryNumbers, extra: Record<string, unknown> = {}): void {
  const lot = { id: run.lot.id, name: run.lot.name, kind: run.lot.kind, status: run.lot.status, quantity: run.lot.quantity, configHash: run.lot.configHash };
  if (output.json) {
    printJson(output, { lot, devices, summary, probes: run.probes, ...extra });
    return;
  }
  output.write('');
  output.write(`lot "${lot.name}" (${lot.kind}): ${summary.lotPassed}/${lot.quantity} passed, now ${lot.status}`);
  output.write(`this run: ${summary.passed} passed, ${summary.failed} failed in ${summary.seconds} s (${summary.devicesPerSecond} devices/s)${summary.recovered > 0 ? `; ${summary.recovered} interrupted attempt(s) resolved first` : ''}`);
  for (const probe of run.probes) if (probe.error !== null) output.write(`probe ${probe.probe}: ${probe.error.message}${probe.error.detail === undefined ? '' : ` (${probe.error.detail})`}`);
  for (const [key, value] of Object.entries(extra)) output.write(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}
