/**
 * The fourteen steps of one device in order, each with its state in words, a symbol and a colour,
 * and its time; the running step is highlighted, and the flash write shows its byte progress.
 */
import { ProgressBar } from '../../components/ProgressBar';
import { bytesText, durationText, stepLabel, type ProbeRunView, type StepState } from './stationModel';

const stateLook: Record<StepState, { readonly text: string; readonly symbol: string }> = {
  waiting: { text: 'waiting', symbol: '·' },
  running: { text: 'running', symbol: '▶' },
  pass: { text: 'passed', symbol: '✓' },
  fail: { text: 'failed', symbol: '✕' },
  skipped: { text: 'skipped', symbol: '–' },
};

export function StepList({ probe }: { readonly probe: ProbeRunView }) {
  return (
    <ol className="step-list" data-testid="step-list" aria-label={`${probe.probeId}: steps of the current device`}>
      {probe.steps.map((step) => {
        const look = stateLook[step.state];
        const progress = probe.progress !== null && probe.progress.step === step.name && step.state === 'running' ? probe.progress : null;
        return (
          <li
            key={step.name}
            className={`step step-${step.state}`}
            data-testid={`step-${step.name}`}
            data-state={step.state}
            aria-current={step.state === 'running' ? 'step' : undefined}
            title={step.detail === '' ? undefined : step.detail}
          >
            <span className="step-symbol" aria-hidden="true">
              {look.symbol}
            </span>
            <span className="step-name">{stepLabel[step.name]}</span>
            <span className="step-state">{look.text}</span>
            <span className="step-ms">{step.ms === null ? '' : durationText(step.ms)}</span>
            {progress !== null && (
              <span className="step-progress" data-testid="step-progress">
                <ProgressBar value={progress.done} max={progress.total} label={`${stepLabel[step.name]}: bytes written`} />
                <span className="step-progress-text">{`${bytesText(progress.done)} of ${bytesText(progress.total)}`}</span>
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
