/** The only way the window reaches the station: built by the preload script or the bridge client. */
import type { MatterlineApi } from '../preload/contract';

declare global {
  interface Window {
    readonly matterline: MatterlineApi;
  }
}

export {};
