/**
 * Messages on the loopback bridge's WebSocket. The browser sends requests; the station answers each
 * with the same Result an ipcMain handler would return, and pushes contract events.
 */
import type { Result } from './contract/errors';

export const BRIDGE_PATH = '/bridge';
export const BRIDGE_CLIENT_PATH = '/matterline-bridge.js';

export interface BridgeRequest {
  readonly id: number;
  readonly channel: string;
  readonly payload?: unknown;
}

export interface BridgeResponse {
  /** The request's id, or null when the request was too malformed to carry one. */
  readonly id: number | null;
  readonly result: Result<unknown>;
}

export interface BridgeEvent {
  readonly event: string;
  readonly payload: unknown;
}
