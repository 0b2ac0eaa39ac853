/** Where a settings change answers: the sentence saying it is done, or main's refusal, in room kept for them. */
import { ErrorPanel } from '../../components/ErrorPanel';
import type { SettingsChange } from './useSettingsChange';

export function ChangeOutcome({ change, testId }: { readonly change: SettingsChange; readonly testId: string }) {
  return (
    <div className="settings-outcome" data-testid={`${testId}-outcome`}>
      <p className="outcome-line" role="status" data-testid={`${testId}-done`}>
        {change.done}
      </p>
      {change.error !== null && <ErrorPanel error={change.error} />}
    </div>
  );
}

/** Shown to QA where an engineer would find the controls. */
export function ReadOnlyNote({ children }: { readonly children: string }) {
  return (
    <p className="settings-read-only muted" data-testid="settings-read-only">
      {children}
    </p>
  );
}
