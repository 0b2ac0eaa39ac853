/**
 * A catalogue error as the biggest thing in its place: what happened, then the one thing to do,
 * then the raw detail one click away.
 */
import type { ReactNode } from 'react';
import type { AppErrorInfo } from '../../preload/contract';

interface ErrorPanelProps {
  readonly error: AppErrorInfo;
  /** Buttons that act on the failure, e.g. "Try again". */
  readonly children?: ReactNode;
}

export function ErrorPanel({ error, children }: ErrorPanelProps) {
  return (
    <div className="error-panel" role="alert" data-testid="error-panel" data-code={error.code}>
      <p className="error-message">{error.message}</p>
      <p className="error-fix">
        <span className="fix-label">What to do: </span>
        {error.fix}
      </p>
      <details className="detail-toggle">
        <summary>Show detail</summary>
        <dl className="detail-list">
          <dt>Error code</dt>
          <dd>
            <code>{error.code}</code>
          </dd>
          {error.detail !== undefined && (
            <>
              <dt>Detail</dt>
              <dd>
                <pre className="detail-text">{error.detail}</pre>
              </dd>
            </>
          )}
        </dl>
      </details>
      {children !== undefined && <div className="error-actions">{children}</div>}
    </div>
  );
}
