import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { registerIpcHub, type IpcMainLike } from '../../../main/app/ipcHub';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import { EventBus } from '../../../main/services/eventBus';
import { createHandlers } from '../../../main/services/handlers';
import { callChannels } from '../../../preload/api';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Records what the hub registers, the way Electron's ipcMain would hold it. */
function recordingIpcMain(): IpcMainLike & { listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return { listeners, handle: (channel, listener) => void listeners.set(channel, listener) };
}

function eventFrom(url: string | null): IpcMainInvokeEvent {
  return { senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent;
}

function hub() {
  const ipcMain = recordingIpcMain();
  const handlers = createHandlers({ host: 'electron', databasePath: ':memory:', events: new EventBus() });
  const refused: string[] = [];
  registerIpcHub(ipcMain, createDispatcher(handlers), (line) => refused.push(line));
  const invoke = (channel: string, url: string | null, ...args: unknown[]) => {
    const listener = ipcMain.listeners.get(channel);
    if (listener === undefined) throw new Error(`no listener for ${channel}`);
    return listener(eventFrom(url), ...args);
  };
  return { ipcMain, invoke, refused };
}

describe('Electron IPC hub', () => {
  it('registers exactly the channels of the contract', () => {
    expect([...hub().ipcMain.listeners.keys()].sort()).toEqual(callChannels().sort());
  });

  it('answers our own page', async () => {
    const result = await hub().invoke('app.info', 'app://matterline/index.html');
    expect(result).toMatchObject({ ok: true, value: { name: 'Matterline', host: 'electron' } });
  });

  it('refuses a malformed payload with a catalogue error', async () => {
    const result = await hub().invoke('app.info', 'app://matterline/index.html', { unexpected: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_BAD_REQUEST' } });
    const twoArgs = await hub().invoke('app.info', 'app://matterline/index.html', undefined, 'extra');
    expect(twoArgs).toMatchObject({ ok: false, error: { code: 'IPC_BAD_REQUEST' } });
  });

  it('refuses any sender that is not our own page', async () => {
    const { invoke, refused } = hub();
    for (const url of ['https://example.com/', 'file:///tmp/index.html', 'app://other/index.html', 'http://127.0.0.1:5173/', '', null]) {
      const result = await invoke('app.info', url);
      expect(result).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN_SENDER' } });
    }
    expect(refused).toHaveLength(6);
  });
});
