/** The frame: header with the station's identity, the section navigation, and the open section. */
import { useEffect, useRef, useState } from 'react';
import type { AppInfo, Result } from '../preload/contract';
import { appError } from '../preload/contract/errors';
import { ErrorPanel } from './components/ErrorPanel';
import { Screen } from './components/Screen';
import { HistoryScreen } from './features/history/HistoryScreen';
import { LotsScreen } from './features/lots/LotsScreen';
import { PreflightScreen } from './features/preflight/PreflightScreen';
import { QaScreen } from './features/qa/QaScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { StationScreen } from './features/station/StationScreen';
import { sectionHref, sectionLabel, sections, useSection, type SectionId } from './router';
import { hasStation, settle, station } from './station';

const notConnected = appError(
  'BRIDGE_DISCONNECTED',
  'window.matterline is missing: this page was opened without the Matterline preload script or bridge client.',
);

const hostLabel: Record<AppInfo['host'], string> = {
  electron: 'Desktop window',
  web: 'Browser window',
};

export function App() {
  const connected = hasStation();
  const section = useSection();
  const [info, setInfo] = useState<Result<AppInfo> | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const shownSection = useRef<SectionId | null>(null);

  useEffect(() => {
    if (!connected) return;
    let current = true;
    void settle(() => station().app.info()).then((result) => {
      if (current) setInfo(result);
    });
    return () => {
      current = false;
    };
  }, [connected]);

  // Title follows the section; after a change the new heading takes focus (not on first open).
  useEffect(() => {
    document.title = `${sectionLabel(section)} · Matterline`;
    if (shownSection.current !== null && shownSection.current !== section) {
      mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
    }
    shownSection.current = section;
  }, [section]);

  return (
    <div className="app">
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
        </span>
      </header>
      <nav className="app-nav" aria-label="Sections">
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a
                className="nav-link"
                href={sectionHref(s.id)}
                data-testid={`nav-${s.id}`}
                aria-current={s.id === section ? 'page' : undefined}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main" ref={mainRef}>
        {connected ? (
          <CurrentScreen section={section} info={info} />
        ) : (
          <Screen id={section} title={sectionLabel(section)}>
            <ErrorPanel error={notConnected} />
          </Screen>
        )}
      </main>
    </div>
  );
}

function versionText(connected: boolean, info: Result<AppInfo> | null): string {
  if (!connected) return 'Version unknown';
  if (info === null) return 'Version …';
  return info.ok ? `Version ${info.value.version}` : 'Version unknown';
}

function CurrentScreen({ section, info }: { readonly section: SectionId; readonly info: Result<AppInfo> | null }) {
  switch (section) {
    case 'lots':
      return <LotsScreen />;
    case 'station':
      return <StationScreen />;
    case 'qa':
      return <QaScreen />;
    case 'history':
      return <HistoryScreen />;
    case 'settings':
      return <SettingsScreen info={info} />;
    case 'preflight':
      return <PreflightScreen />;
  }
}
