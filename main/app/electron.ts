/**
 * The Electron shell: one window on our own app:// origin, the IPC hub, nothing else. Everything
 * below it (services, store, probes) is plain Node and runs and is tested without Electron.
 */
import { BrowserWindow, app, ipcMain, protocol } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { channelName } from '../../preload/contract';
import { resolveDatabasePath } from '../config/paths';
import { createDispatcher } from '../ipc/dispatcher';
import { prepareStation } from '../services/stationStartup';
import { EventBus } from '../services/eventBus';
import { createHandlers } from '../services/handlers';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { registerIpcHub } from './ipcHub';
import { contentTypeFor, resolveStaticFile } from './staticFiles';
import { parseStationArgs } from './stationArgs';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME, hardenWebContents, mainWindowOptions } from './windowOptions';

const builtDir = import.meta.dirname; // out/main
const rendererDir = path.join(builtDir, '..', 'renderer');
const preloadPath = path.join(builtDir, '..', 'preload', 'preload.cjs');

const args = parseStationArgs(process.argv);
// Must happen before 'ready' and before the single-instance lock, which is keyed on userData.
if (args.userDataDir !== undefined) app.setPath('userData', path.resolve(args.userDataDir));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticFile(rendererDir, url.pathname) : null;
    if (file === null) return new Response('Not found', { status: 404 });
    return new Response(await fs.readFile(file), {
      headers: { 'content-type': contentTypeFor(file), 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

async function start(): Promise<void> {
  const databasePath = resolveDatabasePath({ db: args.db, userDataDir: app.getPath('userData') });
  const startup = await prepareStation({ userDataDir: app.getPath('userData'), databasePath });
  for (const message of startup.messages) console.log(`[app] ${message}`);
  for (const problem of startup.problems) console.error(`[app] ${problem.message} (${problem.detail ?? ''}) ${problem.fix}`);
  const events = new EventBus();
  const handlers = createHandlers({ host: 'electron', databasePath, userDataDir: app.getPath('userData'), jlinkLibraryPath: args.jlinkLib, events });
  const log = (line: string) => {
    console.log(`[ipc] ${line}`);
    handlers.stationLog.write('warn', 'ipc', { line });
  };
  registerIpcHub(ipcMain, createDispatcher(handlers, log), log);
  events.forwardTo((channel, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(channel, payload);
  });
  serveRenderer();
  mainWindow = createWindow();
  console.log(`[app] Matterline started; database ${databasePath}; ${channelName('app', 'info')} ready`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Windows are only ever created by us; refuse anything else at the app level too.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[app] failed to start', error);
      app.exit(1);
    });
}
