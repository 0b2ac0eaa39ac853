/**
 * Builds `window.matterline` from the contract over a transport. The Electron preload passes an
 * ipcRenderer transport, the browser bridge client a WebSocket one: the renderer gets the same
 * object either way and cannot tell which host it runs in.
 */
import { contract, channelName, type MatterlineApi } from './contract';
import type { Result } from './contract/errors';

export interface Transport {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function createApi(transport: Transport): MatterlineApi {
  const api: Record<string, unknown> = {};
  const eventChannels = new Set<string>();
  for (const [featureName, spec] of Object.entries(contract)) {
    const calls: Record<string, (input?: unknown) => Promise<Result<unknown>>> = {};
    for (const member of Object.keys(spec.calls)) {
      const channel = channelName(featureName, member);
      calls[member] = (input?: unknown) => transport.invoke(channel, input);
    }
    api[featureName] = Object.freeze(calls);
    for (const event of Object.keys(spec.events)) eventChannels.add(channelName(featureName, event));
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!eventChannels.has(event)) throw new Error(`Unknown Matterline event "${event}".`);
    if (typeof listener !== 'function') throw new Error('A Matterline event listener must be a function.');
    return transport.subscribe(event, listener);
  };
  return Object.freeze(api) as unknown as MatterlineApi;
}

/** Every call channel of the contract: what main registers and what the bridge accepts. */
export function callChannels(): string[] {
  return Object.entries(contract).flatMap(([featureName, spec]) =>
    Object.keys(spec.calls).map((member) => channelName(featureName, member)),
  );
}
