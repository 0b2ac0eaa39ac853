/**
 * Settings: the station's operators, id, trust store, CD signing certificates, J-Link library and
 * label template (engineers change them; QA sees them read-only), the facts about this station, and
 * the log export any signed-in operator may use. Main checks the role on every call; this screen
 * only hides the controls a role may not use, and says why.
 */
import { useEffect, useState } from 'react';
import type { AppErrorInfo, AppInfo, Result } from '../../../preload/contract';
import type { StationSettings } from '../../../preload/contract/settings';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Screen } from '../../components/Screen';
import { settle, station } from '../../station';
import { CdSignersSection, TrustStoreSection } from './CertificateSections';
import { JlinkSection } from './JlinkSection';
import { LabelTemplateSection } from './LabelTemplateSection';
import { LogsSection } from './LogsSection';
import { OperatorsSection } from './OperatorsSection';
import { StationIdSection } from './StationIdSection';
import './settings.css';

interface SettingsScreenProps {
  /** `app.info()` as answered by the station; null while it is on its way. */
  readonly info: Result<AppInfo> | null;
}

type Loaded = { readonly phase: 'loading' } | { readonly phase: 'ready'; readonly settings: StationSettings } | { readonly phase: 'failed'; readonly error: AppErrorInfo };

interface Self {
  readonly id: number;
  readonly role: string;
}

export function SettingsScreen({ info }: SettingsScreenProps) {
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [self, setSelf] = useState<Self | null>(null);

  useEffect(() => {
    let current = true;
    void settle(() => station().session.status()).then((status) => {
      if (current && status.ok && status.value.operator !== null) setSelf({ id: status.value.operator.id, role: status.value.operator.role });
    });
    void settle(() => station().settings.get()).then((result) => {
      if (current) setLoaded(result.ok ? { phase: 'ready', settings: result.value } : { phase: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, []);

  const onChanged = (settings: StationSettings) => setLoaded({ phase: 'ready', settings });
  const canChange = self?.role === 'engineer';

  return (
    <Screen id="settings" title="Settings">
      {loaded.phase === 'ready' && !canChange && self !== null && (
        <p className="settings-read-only-banner" role="note" data-testid="settings-read-only-banner">
          Read-only: you are signed in as {self.role === 'qa' ? 'QA' : self.role}, and only an engineer can change settings.
        </p>
      )}
      {loaded.phase === 'loading' && (
        <p className="muted" role="status" data-testid="settings-loading">
          Reading the settings…
        </p>
      )}
      {loaded.phase === 'failed' && <ErrorPanel error={loaded.error} />}
      {loaded.phase === 'ready' && <SettingsSections settings={loaded.settings} selfId={self?.id ?? null} canChange={canChange} onChanged={onChanged} />}

      <h2 className="section-heading">This station</h2>
      {info === null ? <p className="muted">Reading station facts…</p> : info.ok ? <StationFacts info={info.value} /> : <ErrorPanel error={info.error} />}

      <LogsSection />
    </Screen>
  );
}

interface SectionsProps {
  readonly settings: StationSettings;
  readonly selfId: number | null;
  readonly canChange: boolean;
  readonly onChanged: (settings: StationSettings) => void;
}

function SettingsSections({ settings, selfId, canChange, onChanged }: SectionsProps) {
  return (
    <>
      <OperatorsSection operators={settings.operators} selfId={selfId} canChange={canChange} onChanged={onChanged} />
      <StationIdSection stationId={settings.stationId} canChange={canChange} onChanged={onChanged} />
      <TrustStoreSection settings={settings} canChange={canChange} onChanged={onChanged} />
      <CdSignersSection settings={settings} canChange={canChange} onChanged={onChanged} />
      <JlinkSection path={settings.jlinkLibraryPath} canChange={canChange} onChanged={onChanged} />
      <LabelTemplateSection template={settings.labelTemplate} canChange={canChange} onChanged={onChanged} />
    </>
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
