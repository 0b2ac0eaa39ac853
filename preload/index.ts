/**
 * The Electron preload: exposes exactly the contract as `window.matterline`, over ipcRenderer.
 * It runs sandboxed, so it is bundled into one CommonJS file that needs only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from './contract/errors';
import { createApi } from './api';

contextBridge.exposeInMainWorld(
  'matterline',
  createApi({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload) as Promise<Result<unknown>>,
    subscribe: (channel, listener) => {
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  }),
);
