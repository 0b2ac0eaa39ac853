import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/app/contentSecurityPolicy';
import { hardenWebContents, isTrustedSenderUrl, mainWindowOptions, type HardenableWebContents } from '../../../main/app/windowOptions';

describe('main window security options', () => {
  const options = mainWindowOptions('/app/out/preload/preload.cjs');

  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('is what the Electron entry actually uses for its window and every web contents', () => {
    const source = readFileSync(path.join(import.meta.dirname, '../../../main/app/electron.ts'), 'utf8');
    expect(source).toMatch(/new BrowserWindow\(mainWindowOptions\(preloadPath\)\)/);
    expect(source).toMatch(/hardenWebContents\(window\.webContents\)/);
    expect(source).toMatch(/web-contents-created[^\n]*hardenWebContents\(contents\)/);
    expect(source).toMatch(/requestSingleInstanceLock\(\)/);
    expect(source).toMatch(/app\.setPath\('userData'/);
    expect(source).not.toMatch(/@electron\/remote|nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false/);
  });

  it('denies navigation, redirects, webviews, new windows and permission requests', () => {
    const emitter = new EventEmitter();
    let openHandler: (() => { action: string }) | undefined;
    let permissionHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    const contents = {
      on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
      setWindowOpenHandler: (handler: () => { action: string }) => {
        openHandler = handler;
      },
      session: {
        setPermissionRequestHandler: (handler: typeof permissionHandler) => {
          permissionHandler = handler;
        },
      },
    } as unknown as HardenableWebContents;
    hardenWebContents(contents);

    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      emitter.emit(name, { preventDefault: () => (prevented = true) });
      expect(prevented, name).toBe(true);
    }
    expect(openHandler?.()).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    permissionHandler?.(null, 'media', (answer) => (granted = answer));
    expect(granted).toBe(false);
  });

  it('trusts only app://matterline as a sender', () => {
    expect(isTrustedSenderUrl('app://matterline/index.html')).toBe(true);
    expect(isTrustedSenderUrl('app://matterline.evil/index.html')).toBe(false);
    expect(isTrustedSenderUrl('https://matterline/index.html')).toBe(false);
    expect(isTrustedSenderUrl('not a url')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
  });

  it('has a strict content security policy', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  });
});
