/**
 * The loopback bridge behind `npm run web` and the e2e tests: serves the built renderer and answers
 * the contract over a WebSocket, through the same dispatcher (and so the same schemas) as Electron's
 * IPC hub. It listens on 127.0.0.1 only, demands a random per-run token, and checks Host and Origin
 * so that no other web page in the same browser can drive the station. Each WebSocket connection is
 * one caller (`bridge:<n>`), so each browser tab has its own sign-in, which ends when it disconnects.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { BRIDGE_CLIENT_PATH, BRIDGE_PATH, type BridgeEvent, type BridgeResponse } from '../../preload/bridgeProtocol';
import { appError, failure } from '../../preload/contract/errors';
import { CONTENT_SECURITY_POLICY } from '../app/contentSecurityPolicy';
import { contentTypeFor, resolveStaticFile } from '../app/staticFiles';
import { describeIssues, type Caller, type Dispatcher } from '../ipc/dispatcher';
import type { EventBus } from '../services/eventBus';

export interface BridgeOptions {
  readonly dispatcher: Dispatcher;
  readonly events: EventBus;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  /** The built bridge client script (out/bridge/matterline-bridge.js). */
  readonly bridgeClientFile: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Generated when not given; tests pass their own. */
  readonly token?: string;
  readonly log?: (line: string) => void;
}

export interface BridgeServer {
  /** Open this in a browser: it carries the token in its fragment, which is never sent over HTTP. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const requestSchema = z.object({ id: z.number().int().nonnegative(), channel: z.string().min(1), payload: z.unknown().optional() }).strict();

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
};

export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const log = options.log ?? (() => {});
  const server = http.createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();
  let connections = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;
  const allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([origin, `http://localhost:${port}`]);

  server.on('request', (request, response) => {
    if (!allowedHosts.has(request.headers.host ?? '')) return sendJson(response, 421, appError('IPC_FORBIDDEN_SENDER', `Host ${request.headers.host ?? '(none)'}`));
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, appError('IPC_BAD_REQUEST', `${request.method ?? ''} is not served`));
    const urlPath = new URL(request.url ?? '/', origin).pathname;
    const file = urlPath === BRIDGE_CLIENT_PATH ? options.bridgeClientFile : resolveStaticFile(options.staticDir, urlPath);
    if (file === null || !fs.existsSync(file)) return sendJson(response, 404, appError('NOT_FOUND', urlPath));
    let body: Buffer = fs.readFileSync(file);
    if (file.endsWith('index.html')) body = Buffer.from(withBridgeClient(body.toString('utf8')));
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': contentTypeFor(file), 'content-length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  });

  server.on('upgrade', (request, socket: Duplex, head) => {
    const url = new URL(request.url ?? '/', origin);
    const refuse = (status: number, code: 'BRIDGE_TOKEN_REQUIRED' | 'IPC_FORBIDDEN_SENDER', detail: string) => {
      log(`refused bridge connection: ${detail}`);
      const body = JSON.stringify({ ok: false, error: appError(code, detail) });
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    };
    if (url.pathname !== BRIDGE_PATH) return refuse(404, 'IPC_FORBIDDEN_SENDER', `path ${url.pathname}`);
    if (!allowedHosts.has(request.headers.host ?? '')) return refuse(421, 'IPC_FORBIDDEN_SENDER', `Host ${request.headers.host ?? '(none)'}`);
    // Browsers always send Origin on WebSocket handshakes; a page from any other origin is refused.
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && !allowedOrigins.has(requestOrigin)) return refuse(403, 'IPC_FORBIDDEN_SENDER', `Origin ${requestOrigin}`);
    if (!tokensMatch(url.searchParams.get('token'), token)) return refuse(401, 'BRIDGE_TOKEN_REQUIRED', url.searchParams.has('token') ? 'wrong token' : 'no token');
    sockets.handleUpgrade(request, socket, head, (client) => {
      connections += 1;
      const caller: Caller = { id: `bridge:${connections}` };
      clients.add(client);
      client.on('close', () => {
        clients.delete(client);
        options.dispatcher.callerGone(caller);
      });
      client.on('message', (data, isBinary) => void answer(client, caller, isBinary ? null : data.toString()));
    });
  });

  async function answer(client: WebSocket, caller: Caller, text: string | null): Promise<void> {
    let message: unknown;
    try {
      message = text === null ? undefined : JSON.parse(text);
    } catch {
      message = undefined;
    }
    const parsed = requestSchema.safeParse(message);
    let response: BridgeResponse;
    if (!parsed.success) {
      const id = typeof (message as { id?: unknown } | undefined)?.id === 'number' ? (message as { id: number }).id : null;
      response = { id, result: failure('IPC_BAD_REQUEST', text === null ? 'binary message' : `bridge message: ${describeIssues(parsed.error)}`) };
    } else {
      response = { id: parsed.data.id, result: await options.dispatcher.dispatch(parsed.data.channel, parsed.data.payload, caller) };
    }
    if (client.readyState === client.OPEN) client.send(JSON.stringify(response));
  }

  const stopForwarding = options.events.forwardTo((event, payload) => {
    const message: BridgeEvent = { event, payload };
    const text = JSON.stringify(message);
    for (const client of clients) if (client.readyState === client.OPEN) client.send(text);
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      stopForwarding();
      for (const client of clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The bridge client must define window.matterline before the app's module script runs. */
function withBridgeClient(html: string): string {
  const tag = `<script src="${BRIDGE_CLIENT_PATH}"></script>`;
  return html.includes('<script') ? html.replace('<script', `${tag}\n    <script`) : html.replace('</head>', `${tag}\n</head>`);
}

function sendJson(response: http.ServerResponse, status: number, error: ReturnType<typeof appError>): void {
  const body = JSON.stringify({ ok: false, error });
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
