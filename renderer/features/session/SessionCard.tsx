/**
 * The page a signed-out window shows: a heading, one sentence, the form, and below it a slot that
 * keeps room for a station error so nothing moves when one arrives.
 */
import type { ReactNode } from 'react';
import type { AppErrorInfo } from '../../../preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';

interface SessionCardProps {
  readonly id: 'first-run' | 'sign-in';
  readonly title: string;
  readonly intro: string;
  readonly error: AppErrorInfo | null;
  readonly children: ReactNode;
}

export function SessionCard({ id, title, intro, error, children }: SessionCardProps) {
  return (
    <section className="session-page" data-testid={`screen-${id}`} aria-labelledby={`${id}-title`}>
      <div className="panel session-card">
        <h1 id={`${id}-title`} className="screen-title">
          {title}
        </h1>
        <p className="session-intro">{intro}</p>
        {children}
      </div>
      <div className="session-error-slot">{error !== null && <ErrorPanel error={error} />}</div>
    </section>
  );
}

interface SubmitButtonProps {
  readonly busy: boolean;
  readonly testId: string;
  readonly label: string;
  readonly busyLabel: string;
}

/** Stays focusable while busy (aria-disabled), so focus is not lost mid-request. */
export function SubmitButton({ busy, testId, label, busyLabel }: SubmitButtonProps) {
  return (
    <button type="submit" className="button button-primary session-submit" data-testid={testId} aria-disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}
