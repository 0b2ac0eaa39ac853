// npm run bench: how fast the foundation's hot paths are. Numbers are printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bench, describe } from 'vitest';
import { createDispatcher } from '../../main/ipc/dispatcher';
import { EventBus } from '../../main/services/eventBus';
import { createHandlers } from '../../main/services/handlers';
import { openStationDatabase } from '../../main/store/database';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-bench-'));

describe('IPC dispatch', () => {
  const dispatcher = createDispatcher(createHandlers({ host: 'web', databasePath: ':memory:', events: new EventBus() }));
  bench('app.info through schema check and handler', async () => {
    await dispatcher.dispatch('app.info', undefined, { id: 'bench' });
  });
  bench('malformed payload refused', async () => {
    await dispatcher.dispatch('app.info', { unexpected: true }, { id: 'bench' });
  });
});

describe('store', () => {
  let counter = 0;
  bench('open a new database file and run every migration', () => {
    const opened = openStationDatabase(path.join(work, `fresh-${counter++}.sqlite`));
    if (!opened.ok) throw new Error(opened.error.message);
    opened.value.close();
  });

  const opened = openStationDatabase(path.join(work, 'events.sqlite'));
  if (!opened.ok) throw new Error(opened.error.message);
  const database = opened.value;
  bench('append one event to the hash-chained log (WAL, committed)', () => {
    const appended = database.events.append('bench.tick', 'bench', { n: counter++ });
    if (!appended.ok) throw new Error(appended.error.message);
  });
});
