/**
 * The window's security posture, kept apart from the Electron entry so a test can assert every
 * option. The renderer gets no Node, runs sandboxed and isolated, cannot navigate away, cannot open
 * windows and is refused every permission request.
 */
import type { BrowserWindowConstructorOptions, Event, WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'matterline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: 'Matterline',
    show: false,
    backgroundColor: '#f4f6f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** True only for our own page, served from app://matterline/. */
export function isTrustedSenderUrl(url: string | undefined | null): boolean {
  if (typeof url !== 'string' || url === '') return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The part of WebContents the hardening needs; a structural type so it can be exercised in tests. */
export interface HardenableWebContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: Event) => void): unknown;
  setWindowOpenHandler: WebContents['setWindowOpenHandler'];
  session: { setPermissionRequestHandler: WebContents['session']['setPermissionRequestHandler'] };
}

export function hardenWebContents(contents: HardenableWebContents): void {
  // The window only ever shows our own page; any navigation is an attack or a bug.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
}
