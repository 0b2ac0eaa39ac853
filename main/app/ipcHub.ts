/**
 * Electron's side of the contract: registers one ipcMain handler per declared channel, refuses any
 * request whose sender frame is not our own page, and hands the rest to the shared dispatcher (which
 * validates the payload against its schema). The caller is the sending WebContents
 * (`webContents:<id>`): each window has its own sign-in, which ends when the window is destroyed or
 * its page is loaded again (a reload), just as a reloaded browser tab opens a new bridge connection.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { failure, type Result } from '../../preload/contract/errors';
import type { Caller, Dispatcher } from '../ipc/dispatcher';
import { isTrustedSenderUrl } from './windowOptions';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export type SenderLogger = (line: string) => void;

/** The part of a WebContents the hub uses (tests pass fakes). */
interface SenderLike {
  readonly id: number;
  once(event: 'destroyed', listener: () => void): unknown;
  /** Main-frame loads only (a reload included); in-page hash routing is 'did-navigate-in-page'. */
  on(event: 'did-navigate', listener: () => void): unknown;
}

export function registerIpcHub(ipcMain: IpcMainLike, dispatcher: Dispatcher, log: SenderLogger = () => {}): void {
  const watched = new Set<number>();
  const callerOf = (sender: SenderLike): Caller => {
    const caller = { id: `webContents:${sender.id}` };
    if (!watched.has(sender.id)) {
      watched.add(sender.id);
      // Registered at the sender's first request, so the page's own first load is already past.
      sender.on('did-navigate', () => dispatcher.callerGone(caller));
      sender.once('destroyed', () => {
        watched.delete(sender.id);
        dispatcher.callerGone(caller);
      });
    }
    return caller;
  };
  for (const channel of dispatcher.channels) {
    ipcMain.handle(channel, async (event, ...args): Promise<Result<unknown>> => {
      const senderUrl = event.senderFrame?.url;
      if (!isTrustedSenderUrl(senderUrl)) {
        log(`refused ${channel} from ${senderUrl ?? 'a destroyed frame'}`);
        return failure('IPC_FORBIDDEN_SENDER', `${channel} from ${senderUrl ?? 'a destroyed frame'}`);
      }
      // The contract sends exactly one payload argument; anything else is malformed.
      if (args.length > 1) return failure('IPC_BAD_REQUEST', `${channel}: expected one payload, received ${args.length}`);
      return dispatcher.dispatch(channel, args[0], callerOf(event.sender as SenderLike));
    });
  }
}
