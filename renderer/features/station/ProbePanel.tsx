/** One probe in the run: its running count, the device on it now, the last result, and the steps. */
import { DeviceResult } from './DeviceResult';
import type { ProbeRunView } from './stationModel';
import { StepList } from './StepList';

interface ProbePanelProps {
  readonly probe: ProbeRunView;
  readonly label: string;
}

export function ProbePanel({ probe, label }: ProbePanelProps) {
  const headingId = `probe-panel-${probe.probeId}-title`;
  return (
    <section className="panel probe-panel" data-testid={`probe-panel-${probe.probeId}`} aria-labelledby={headingId}>
      <header className="probe-panel-header">
        <h3 id={headingId} className="probe-panel-title">
          {label}
        </h3>
        <p className="probe-counts" data-testid="probe-counts">
          <span className="probe-count-pass" data-testid="probe-passed">{`${probe.passed} passed`}</span>
          {' · '}
          <span className="probe-count-fail" data-testid="probe-failed">{`${probe.failed} failed`}</span>
        </p>
      </header>
      <p className="probe-device">
        <span className="muted">Device: </span>
        <span className="probe-serial" data-testid="probe-serial">
          {probe.serialNumber ?? 'none yet'}
        </span>
      </p>
      <DeviceResult last={probe.last} probeId={probe.probeId} />
      <StepList probe={probe} />
    </section>
  );
}
