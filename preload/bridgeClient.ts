/**
 * The browser's stand-in for the Electron preload: defines `window.matterline` from the same
 * contract, carried over the loopback bridge's WebSocket. Loaded as a classic script before the
 * app's module script, so the renderer finds the API in place exactly as under Electron.
 */
import { createApi } from './api';
import { BRIDGE_PATH, type BridgeEvent, type BridgeRequest, type BridgeResponse } from './bridgeProtocol';
import { failure, type Result } from './contract/errors';

const TOKEN_KEY = 'matterline.bridgeToken';

/** The token arrives in the URL fragment (never sent over HTTP); keep it for reloads, then hide it. */
function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1] !== undefined) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

class BridgeConnection {
  private socket: WebSocket | null = null;
  private opening: Promise<WebSocket | null> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly token: string | null) {}

  async invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    const socket = await this.open();
    if (socket === null) return failure(this.token === null ? 'BRIDGE_TOKEN_REQUIRED' : 'BRIDGE_DISCONNECTED');
    const id = this.nextId++;
    const request: BridgeRequest = { id, channel, payload };
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      socket.send(JSON.stringify(request));
    });
  }

  subscribe(channel: string, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    void this.open();
    return () => {
      set.delete(listener);
    };
  }

  private open(): Promise<WebSocket | null> {
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve(this.socket);
    if (this.opening !== null) return this.opening;
    if (this.token === null) return Promise.resolve(null);
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${window.location.host}${BRIDGE_PATH}?token=${encodeURIComponent(this.token)}`);
    this.opening = new Promise((resolve) => {
      socket.addEventListener('open', () => {
        this.socket = socket;
        this.opening = null;
        resolve(socket);
      });
      socket.addEventListener('close', () => {
        this.opening = null;
        if (this.socket === socket) this.socket = null;
        // Requests in flight on a dropped connection get a clear answer instead of hanging.
        for (const settle of this.pending.values()) settle(failure('BRIDGE_DISCONNECTED'));
        this.pending.clear();
        resolve(null);
      });
    });
    socket.addEventListener('message', (message: MessageEvent<string>) => this.receive(message.data));
    return this.opening;
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as Partial<BridgeResponse & BridgeEvent>;
    if (typeof message.event === 'string') {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    if (typeof message.id === 'number' && message.result !== undefined) {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    }
  }
}

const connection = new BridgeConnection(takeToken());
Object.defineProperty(window, 'matterline', {
  value: createApi({
    invoke: (channel, payload) => connection.invoke(channel, payload),
    subscribe: (channel, listener) => connection.subscribe(channel, listener),
  }),
  writable: false,
  configurable: false,
  enumerable: true,
});
