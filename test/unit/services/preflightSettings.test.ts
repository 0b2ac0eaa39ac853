// The J-Link library path an engineer sets in Settings is where preflight looks first; a path given
// with --jlink-lib when the station starts wins for that run.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/services/eventBus';
import { createHandlers } from '../../../main/services/handlers';
import { JLINK_LIBRARY_KEY } from '../../../main/services/stationSettings';
import { openStationDatabase } from '../../../main/store/database';
import { unwrap, useTempDirs } from '../store/helpers';

const tempDir = useTempDirs();

async function jlinkCheckDetail(dir: string, startFlag: string | undefined): Promise<string> {
  const databasePath = join(dir, 'station.sqlite');
  const handlers = createHandlers({ host: 'web', databasePath, events: new EventBus(), jlinkLibraryPath: startFlag });
  const report = unwrap(await handlers.preflight.run(undefined, { id: 'test:1' }));
  const check = report.checks.find((candidate) => candidate.name === 'jlink-library');
  if (check === undefined) expect.fail('preflight has no jlink-library check');
  return JSON.stringify(check);
}

describe('preflight and the J-Link library setting', () => {
  it('looks at the path set in Settings, unless --jlink-lib was given at start', async () => {
    const dir = tempDir();
    const db = unwrap(openStationDatabase(join(dir, 'station.sqlite')));
    unwrap(db.settings.write(JLINK_LIBRARY_KEY, join(dir, 'from-settings', 'libjlinkarm.so')));
    db.close();
    expect(await jlinkCheckDetail(dir, undefined)).toContain('from-settings');
    const overridden = await jlinkCheckDetail(dir, join(dir, 'from-flag', 'libjlinkarm.so'));
    expect(overridden).toContain('from-flag');
    expect(overridden).not.toContain('from-settings');
  });
});
