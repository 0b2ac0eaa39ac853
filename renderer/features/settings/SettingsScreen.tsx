import type { AppInfo, Result } from '../../../preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PlannedPanel } from '../../components/PlannedPanel';
import { Screen } from '../../components/Screen';

interface SettingsScreenProps {
  /** `app.info()` as answered by the station; null while it is on its way. */
  readonly info: Result<AppInfo> | null;
}

export function SettingsScreen({ info }: SettingsScreenProps) {
  return (
    <Screen id="settings" title="Settings">
      <PlannedPanel>Operators, roles and station options will be managed here.</PlannedPanel>
      <h2 className="section-heading">This station</h2>
      {info === null ? (
        <p className="muted">Reading station facts…</p>
      ) : info.ok ? (
        <StationFacts info={info.value} />
      ) : (
        <ErrorPanel error={info.error} />
      )}
    </Screen>
  );
}

function StationFacts({ info }: { readonly info: AppInfo }) {
  const inBrowser = info.host === 'web';
  return (
    <dl className="facts panel" data-testid="station-facts">
      <dt>Database</dt>
      <dd>
        <code data-testid="settings-database-path">{info.databasePath}</code>
        <span className="muted fact-note">Read-only here; chosen when the station starts (--db PATH).</span>
      </dd>
      <dt>Matterline</dt>
      <dd data-testid="settings-version">{info.version}</dd>
      <dt>Node.js</dt>
      <dd data-testid="settings-node-version">{info.versions.node}</dd>
      <dt>Electron</dt>
      <dd data-testid="settings-electron-version">{info.versions.electron ?? (inBrowser ? 'not used in a browser window' : 'not reported')}</dd>
      <dt>Chromium</dt>
      <dd data-testid="settings-chromium-version">{info.versions.chromium ?? (inBrowser ? 'not reported in a browser window' : 'not reported')}</dd>
    </dl>
  );
}
