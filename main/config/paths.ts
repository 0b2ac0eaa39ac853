/**
 * Where the station keeps its data. The default matches Electron's own userData folder for an app
 * named "Matterline", so the window and the command line share one database without being told.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Matterline';
export const DATABASE_FILE = 'matterline.sqlite';

export interface PathEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
}

const realEnvironment: PathEnvironment = { platform: process.platform, env: process.env, homeDir: os.homedir() };

export function defaultUserDataDir(where: PathEnvironment = realEnvironment): string {
  const { platform, env, homeDir } = where;
  if (env.MATTERLINE_USER_DATA) return path.resolve(env.MATTERLINE_USER_DATA);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(homeDir, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(homeDir, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(homeDir, '.config'), APP_NAME);
}

/** `--db PATH` wins; otherwise the database lives in the user-data folder. */
export function resolveDatabasePath(options: { db?: string | undefined; userDataDir?: string | undefined }): string {
  if (options.db !== undefined && options.db !== '') return options.db === ':memory:' ? options.db : path.resolve(options.db);
  return path.join(options.userDataDir ?? defaultUserDataDir(), DATABASE_FILE);
}
