/**
 * The frame: header with the station's identity and the operator, the section navigation the
 * operator's role may use, and the open section. Until someone signs in, the window shows only the
 * first-run or sign-in form.
 */
import { useEffect, useRef, useState } from 'react';
import type { AppErrorInfo, AppInfo, OperatorRole, Result } from '../preload/contract';
import { appError } from '../preload/contract/errors';
import { AppHeader } from './AppHeader';
import { ErrorPanel } from './components/ErrorPanel';
import { ConfigurationsScreen } from './features/configs/ConfigurationsScreen';
import { HistoryScreen } from './features/history/HistoryScreen';
import { LotsScreen } from './features/lots/LotsScreen';
import { PreflightScreen } from './features/preflight/PreflightScreen';
import { QaScreen } from './features/qa/QaScreen';
import { FirstRun } from './features/session/FirstRun';
import { SignIn } from './features/session/SignIn';
import { useSession, type Session, type SessionState } from './features/session/useSession';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { StationScreen } from './features/station/StationScreen';
import { defaultSection, mayOpen, sectionHref, sectionLabel, sectionsFor, useSection, type SectionId } from './router';
import { hasStation, settle, station } from './station';

const notConnected = appError(
  'BRIDGE_DISCONNECTED',
  'window.matterline is missing: this page was opened without the Matterline preload script or bridge client.',
);

export function App() {
  const connected = hasStation();
  const session = useSession(connected);
  const operator = session.state.phase === 'signedIn' ? session.state.operator : null;
  const requested = useSection();
  // A section the role may not open (typed into the address bar) shows the default one instead.
  const section = operator === null || mayOpen(requested, operator.role) ? requested : defaultSection;
  const [info, setInfo] = useState<Result<AppInfo> | null>(null);
  const [signOutError, setSignOutError] = useState<AppErrorInfo | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const shownView = useRef<string | null>(null);
  const operatorId = operator?.id ?? null;

  // Asked again when the operator changes, in case main answers it only to a signed-in window.
  useEffect(() => {
    if (!connected) return;
    let current = true;
    void settle(() => station().app.info()).then((result) => {
      if (current) setInfo(result);
    });
    return () => {
      current = false;
    };
  }, [connected, operatorId]);

  // Title follows the view; after a change the new heading takes focus (not on first open, and not
  // on the sign-in forms, whose first field takes it).
  const view = operatorId === null ? session.state.phase : `${operatorId}:${section}`;
  useEffect(() => {
    document.title = `${viewTitle(session.state, section)} · Matterline`;
    if (operatorId !== null && shownView.current !== null && shownView.current !== view) {
      mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
    }
    shownView.current = view;
  }, [view, operatorId, section, session.state]);

  const signOut = () => {
    if (signingOut) return;
    setSigningOut(true);
    void session.signOut().then((result) => {
      setSigningOut(false);
      setSignOutError(result.ok ? null : result.error);
    });
  };

  return (
    <div className={operator === null ? 'app app-signed-out' : 'app'}>
      <AppHeader connected={connected} info={info} operator={operator} onSignOut={signOut} signingOut={signingOut} />
      {operator !== null && <SectionNav role={operator.role} section={section} />}
      <main className="app-main" ref={mainRef}>
        {!connected ? (
          <ErrorPanel error={notConnected} />
        ) : operator === null ? (
          <SessionGate session={session} />
        ) : (
          <>
            {signOutError !== null && <ErrorPanel error={signOutError} />}
            <CurrentScreen section={section} info={info} />
          </>
        )}
      </main>
    </div>
  );
}

function viewTitle(state: SessionState, section: SectionId): string {
  switch (state.phase) {
    case 'checking':
    case 'unavailable':
      return 'Matterline';
    case 'firstRun':
      return 'Create the first engineer';
    case 'signedOut':
      return 'Sign in';
    case 'signedIn':
      return sectionLabel(section);
  }
}

function SessionGate({ session }: { readonly session: Session }) {
  const { state } = session;
  switch (state.phase) {
    case 'checking':
      return (
        <p className="muted" data-testid="session-checking" role="status">
          Checking who is signed in…
        </p>
      );
    case 'unavailable':
      return (
        <ErrorPanel error={state.error}>
          <button type="button" className="button button-primary" data-testid="session-retry" onClick={session.recheck}>
            Try again
          </button>
        </ErrorPanel>
      );
    case 'firstRun':
      return <FirstRun onSignedIn={session.signedIn} />;
    case 'signedOut':
      return <SignIn onSignedIn={session.signedIn} />;
    case 'signedIn':
      return null;
  }
}

function SectionNav({ role, section }: { readonly role: OperatorRole; readonly section: SectionId }) {
  return (
    <nav className="app-nav" aria-label="Sections">
      <ul>
        {sectionsFor(role).map((s) => (
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
  );
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
    case 'configurations':
      return <ConfigurationsScreen />;
    case 'settings':
      return <SettingsScreen info={info} />;
    case 'preflight':
      return <PreflightScreen />;
  }
}
