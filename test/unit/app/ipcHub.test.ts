import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, feature, type Caller } from '../../../preload/contract/define';
import { success, type Result } from '../../../preload/contract/errors';
import type { MatterlineHandlers } from '../../../preload/contract';
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

const OUR_PAGE = 'app://matterline/index.html';

function unwrapOk(result: unknown): void {
  expect(result).toMatchObject({ ok: true });
}

/** A WebContents as the hub sees it: an id, 'did-navigate' when its page loads again, 'destroyed' when its window closes. */
class FakeSender {
  private readonly onDestroyed: Array<() => void> = [];
  private readonly onNavigate: Array<() => void> = [];
  constructor(readonly id: number) {}
  once(event: 'destroyed', listener: () => void): this {
    if (event === 'destroyed') this.onDestroyed.push(listener);
    return this;
  }
  on(event: 'did-navigate', listener: () => void): this {
    if (event === 'did-navigate') this.onNavigate.push(listener);
    return this;
  }
  reload(): void {
    for (const listener of this.onNavigate) listener();
  }
  destroy(): void {
    for (const listener of this.onDestroyed.splice(0)) listener();
    this.onNavigate.length = 0;
  }
}

function eventFrom(url: string | null, sender: FakeSender): IpcMainInvokeEvent {
  return { sender, senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent;
}

function hub() {
  const ipcMain = recordingIpcMain();
  const handlers = createHandlers({ host: 'electron', databasePath: ':memory:', events: new EventBus() });
  const refused: string[] = [];
  registerIpcHub(ipcMain, createDispatcher(handlers), (line) => refused.push(line));
  const firstWindow = new FakeSender(1);
  const invokeFrom = (sender: FakeSender, channel: string, url: string | null, ...args: unknown[]) => {
    const listener = ipcMain.listeners.get(channel);
    if (listener === undefined) throw new Error(`no listener for ${channel}`);
    return listener(eventFrom(url, sender), ...args);
  };
  const invoke = (channel: string, url: string | null, ...args: unknown[]) => invokeFrom(firstWindow, channel, url, ...args);
  return { ipcMain, invoke, invokeFrom, refused, handlers };
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

  it('names each sending WebContents as its own caller', async () => {
    const ipcMain = recordingIpcMain();
    const whoContract = { who: feature({ calls: { ami: call(z.undefined(), z.string()) }, events: {} }) };
    const whoHandlers = { who: { ami: (_input: undefined, caller: Caller): Result<string> => success(caller.id) } };
    registerIpcHub(ipcMain, createDispatcher(whoHandlers as unknown as MatterlineHandlers, undefined, whoContract as never));
    const listener = ipcMain.listeners.get('who.ami');
    if (listener === undefined) throw new Error('who.ami not registered');
    expect(await listener(eventFrom(OUR_PAGE, new FakeSender(3)))).toEqual({ ok: true, value: 'webContents:3' });
    expect(await listener(eventFrom(OUR_PAGE, new FakeSender(4)))).toEqual({ ok: true, value: 'webContents:4' });
  });

  it('keeps a separate sign-in per window and ends it when the window is destroyed', async () => {
    const { invokeFrom } = hub();
    const first = new FakeSender(1);
    const second = new FakeSender(2);
    const created = await invokeFrom(first, 'session.createFirstEngineer', OUR_PAGE, { name: 'Erin', pin: '4821' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Erin', role: 'engineer' } });
    expect(await invokeFrom(first, 'session.status', OUR_PAGE)).toMatchObject({ ok: true, value: { firstRun: false, operator: { name: 'Erin' } } });
    expect(await invokeFrom(second, 'session.status', OUR_PAGE)).toMatchObject({ ok: true, value: { firstRun: false, operator: null } });
    first.destroy();
    expect(await invokeFrom(first, 'session.status', OUR_PAGE)).toMatchObject({ ok: true, value: { operator: null } });
  });

  it('ends a window\'s sign-in when its page is reloaded, as a reloaded browser tab does', async () => {
    const { invokeFrom } = hub();
    const window = new FakeSender(5);
    unwrapOk(await invokeFrom(window, 'session.createFirstEngineer', OUR_PAGE, { name: 'Erin', pin: '4821' }));
    expect(await invokeFrom(window, 'session.status', OUR_PAGE)).toMatchObject({ ok: true, value: { operator: { name: 'Erin' } } });
    window.reload();
    expect(await invokeFrom(window, 'session.status', OUR_PAGE)).toMatchObject({ ok: true, value: { operator: null } });
    // Signing in again after the reload works and is ended by the next reload too (the listener stays).
    unwrapOk(await invokeFrom(window, 'session.signIn', OUR_PAGE, { name: 'Erin', pin: '4821' }));
    window.reload();
    expect(await invokeFrom(window, 'session.status', OUR_PAGE)).toMatchObject({ ok: true, value: { operator: null } });
  });
});
