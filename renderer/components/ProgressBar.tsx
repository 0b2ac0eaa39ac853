/**
 * A horizontal bar for "done of total", named for screen readers. The number itself is always
 * written beside it by the caller: the bar only helps the eye.
 */
interface ProgressBarProps {
  readonly value: number;
  readonly max: number;
  /** What is progressing, e.g. "Lot S-1 devices passed". */
  readonly label: string;
  /** A second, differently coloured part after `value` (e.g. failed devices). */
  readonly failed?: number;
  readonly testId?: string;
}

function percent(part: number, max: number): number {
  if (max <= 0) return 0;
  return Math.min(100, Math.max(0, (part / max) * 100));
}

export function ProgressBar({ value, max, label, failed = 0, testId }: ProgressBarProps) {
  const done = percent(value, max);
  const bad = Math.min(100 - done, percent(failed, max));
  return (
    <div
      className="progress-bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(value, max)}
      aria-valuetext={`${value} of ${max}`}
      data-testid={testId}
    >
      <span className="progress-bar-done" style={{ width: `${done}%` }} />
      {bad > 0 && <span className="progress-bar-failed" style={{ width: `${bad}%` }} />}
    </div>
  );
}
