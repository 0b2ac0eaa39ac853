/** Facts about the running station that every screen may show. */
import { z } from 'zod';
import { call, feature } from './define';

export const appInfoSchema = z.object({
  name: z.literal('Matterline'),
  version: z.string(),
  /** Which host the window runs in: the Electron shell or the loopback browser bridge. */
  host: z.enum(['electron', 'web']),
  /** Shown read-only in Settings; the window cannot choose it. */
  databasePath: z.string(),
  versions: z.object({ node: z.string(), electron: z.string().nullable(), chromium: z.string().nullable() }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appContract = feature({
  calls: {
    info: call(z.undefined(), appInfoSchema),
  },
  events: {},
});
