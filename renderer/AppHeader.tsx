/** The header: the station's identity on the left; who is signed in and "Sign out" on the right. */
import type { AppInfo, OperatorRole, Result, SignedInOperator } from '../preload/contract';

const hostLabel: Record<AppInfo['host'], string> = {
  electron: 'Desktop window',
  web: 'Browser window',
};

const roleLabel: Record<OperatorRole, string> = {
  technician: 'technician',
  qa: 'QA',
  engineer: 'engineer',
};

interface AppHeaderProps {
  readonly connected: boolean;
  readonly info: Result<AppInfo> | null;
  readonly operator: SignedInOperator | null;
  readonly onSignOut: () => void;
  readonly signingOut: boolean;
}

export function AppHeader({ connected, info, operator, onSignOut, signingOut }: AppHeaderProps) {
  return (
    <header className="app-header">
      <span className="app-name" data-testid="app-name">
        {info?.ok ? info.value.name : 'Matterline'}
      </span>
      <span className="app-meta">
        <span data-testid="app-version">{versionText(connected, info)}</span>
        {info?.ok && (
          <span className="host-tag" data-testid="app-host" data-host={info.value.host}>
            {hostLabel[info.value.host]}
          </span>
        )}
        {operator !== null && (
          <>
            <span className="operator-tag" data-role={operator.role}>
              <span className="visually-hidden">Signed in: </span>
              <span data-testid="session-operator">{`${operator.name} · ${roleLabel[operator.role]}`}</span>
            </span>
            <button type="button" className="button button-on-dark" data-testid="sign-out" aria-disabled={signingOut} onClick={onSignOut}>
              Sign out
            </button>
          </>
        )}
      </span>
    </header>
  );
}

function versionText(connected: boolean, info: Result<AppInfo> | null): string {
  if (!connected) return 'Version unknown';
  if (info === null) return 'Version …';
  return info.ok ? `Version ${info.value.version}` : 'Version unknown';
}
