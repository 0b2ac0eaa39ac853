/**
 * Opens the station window for a spec, as a new user would: by default `matterline web` (the real
 * command behind `npm run web`) in a child process and Debian's Chromium on the URL it prints; with
 * MATTERLINE_E2E_HOST=electron and an Electron runtime installed, the desktop app itself.
 */
import { _electron, chromium, test as base, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface StationWindow {
  readonly page: Page;
  readonly host: 'web' | 'electron';
  /** The address without its token (web host only): what an unauthorised page would load. */
  readonly originWithoutToken: string | null;
  readonly databasePath: string;
  /** The station's user-data folder (demo credentials live there). */
  readonly userDataDir: string;
  /** Console errors and uncaught page errors seen so far; specs assert it stays empty. */
  readonly consoleErrors: string[];
  readonly browser: Browser | null;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function startWeb(databasePath: string, userDataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/matterline.js'), 'web', '--json', '--port', '0', '--db', databasePath, '--user-data-dir', userDataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      try {
        const started = JSON.parse(stdout) as { url: string };
        resolve({ child, url: started.url });
      } catch {
        // The JSON document is not complete yet.
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`matterline web exited with ${code}: ${stderr}`)));
  });
}

function watchConsole(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
}

export const test = base.extend<{ station: StationWindow }, { webBrowser: Browser | null }>({
  // One Chromium per worker (starting it costs seconds); each test gets a fresh context and database.
  webBrowser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      if (process.env.MATTERLINE_E2E_HOST === 'electron') return use(null);
      const browser = await chromium.launch({ executablePath: process.env.MATTERLINE_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  station: async ({ webBrowser }, use) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-e2e-'));
    const databasePath = path.join(work, 'station.sqlite');
    const userDataDir = path.join(work, 'user-data');
    const consoleErrors: string[] = [];
    if (process.env.MATTERLINE_E2E_HOST === 'electron') {
      const { findElectronRuntime } = await import('../../main/preflight/electronRuntime');
      const executablePath = findElectronRuntime(root);
      if (executablePath === null) throw new Error('MATTERLINE_E2E_HOST=electron but no Electron runtime is installed.');
      const app: ElectronApplication = await _electron.launch({
        executablePath,
        args: [path.join(root, 'out/main/electron.js'), '--user-data-dir', userDataDir, '--db', databasePath],
      });
      const page = await app.firstWindow();
      watchConsole(page, consoleErrors);
      await use({ page, host: 'electron', originWithoutToken: null, databasePath, userDataDir, consoleErrors, browser: null });
      await app.close();
      return;
    }
    if (webBrowser === null) throw new Error('No browser was started for the web host.');
    const web = await startWeb(databasePath, userDataDir);
    const context = await webBrowser.newContext();
    const page = await context.newPage();
    watchConsole(page, consoleErrors);
    await page.goto(web.url);
    await use({ page, host: 'web', originWithoutToken: new URL(web.url).origin + '/', databasePath, userDataDir, consoleErrors, browser: webBrowser });
    await context.close();
    web.child.kill('SIGTERM');
  },
});

export { expect } from '@playwright/test';
