/**
 * What the station does when the window's process starts (Electron or `matterline web`): the demo
 * configuration exists (made offline with our own code on first run) and is saved in the database,
 * so the embedded default — the simulated probe with the demo product — is ready; and attempts a
 * crash left in progress are resolved before anything else runs (main/station/recovery.ts).
 * Problems are reported, not thrown: the window still opens and Preflight says what is wrong.
 */
import type { AppErrorInfo } from '../../preload/contract/errors';
import { saveConfigurationFile } from '../station/productConfigs';
import { recoverInterruptedAttempts } from '../station/recovery';
import { openStationDatabase } from '../store/database';
import { ensureDemoConfiguration } from './demoConfiguration';

export interface StartupReport {
  readonly messages: readonly string[];
  readonly problems: readonly AppErrorInfo[];
}

export async function prepareStation(options: { readonly userDataDir: string; readonly databasePath: string; readonly now?: Date }): Promise<StartupReport> {
  const now = options.now ?? new Date();
  const messages: string[] = [];
  const problems: AppErrorInfo[] = [];
  const demo = await ensureDemoConfiguration(options.userDataDir, now);
  if (!demo.ok) problems.push(demo.error);
  else if (demo.value.created) messages.push(`created the demo product configuration ${demo.value.configFile}`);
  const opened = openStationDatabase(options.databasePath);
  if (!opened.ok) return { messages, problems: [...problems, opened.error] };
  const db = opened.value;
  try {
    if (demo.ok) {
      const saved = await saveConfigurationFile(db, demo.value.configFile, { now });
      if (!saved.ok) problems.push(saved.error);
      else if (saved.value.created) messages.push(`saved the demo configuration as "${saved.value.record.name}" v${saved.value.record.version}`);
    }
    const recovered = await recoverInterruptedAttempts(db, { now, actor: 'startup' });
    if (!recovered.ok) problems.push(recovered.error);
    else for (const attempt of recovered.value) messages.push(`interrupted attempt ${attempt.attemptId} (${attempt.serialNumber} on ${attempt.probe}): ${attempt.result}, ${attempt.reason}`);
  } finally {
    db.close();
  }
  return { messages, problems };
}
