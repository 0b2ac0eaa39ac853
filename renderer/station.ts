/**
 * Access to `window.matterline` for the screens. Calls already answer with a Result; `settle` also
 * turns a rejected promise (a transport that threw) into a catalogue error, so a screen only ever
 * has to handle `{ ok: false }`.
 */
import type { MatterlineApi, Result } from '../preload/contract';
import { appError } from '../preload/contract/errors';

export function hasStation(): boolean {
  return typeof window !== 'undefined' && 'matterline' in window && window.matterline != null;
}

export function station(): MatterlineApi {
  return window.matterline;
}

export async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, error: appError('INTERNAL', error instanceof Error ? error.message : String(error)) };
  }
}
