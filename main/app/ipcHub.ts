/**
 * Electron's side of the contract: registers one ipcMain handler per declared channel, refuses any
 * request whose sender frame is not our own page, and hands the rest to the shared dispatcher (which
 * validates the payload against its schema).
 */
import type { IpcMainInvokeEvent } from 'electron';
import { failure, type Result } from '../../preload/contract/errors';
import type { Dispatcher } from '../ipc/dispatcher';
import { isTrustedSenderUrl } from './windowOptions';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export type SenderLogger = (line: string) => void;

export function registerIpcHub(ipcMain: IpcMainLike, dispatcher: Dispatcher, log: SenderLogger = () => {}): void {
  for (const channel of dispatcher.channels) {
    ipcMain.handle(channel, async (event, ...args): Promise<Result<unknown>> => {
      const senderUrl = event.senderFrame?.url;
      if (!isTrustedSenderUrl(senderUrl)) {
        log(`refused ${channel} from ${senderUrl ?? 'a destroyed frame'}`);
        return failure('IPC_FORBIDDEN_SENDER', `${channel} from ${senderUrl ?? 'a destroyed frame'}`);
      }
      // The contract sends exactly one payload argument; anything else is malformed.
      if (args.length > 1) return failure('IPC_BAD_REQUEST', `${channel}: expected one payload, received ${args.length}`);
      return dispatcher.dispatch(channel, args[0]);
    });
  }
}
