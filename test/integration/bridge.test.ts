import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridgeServer, type BridgeServer } from '../../main/bridge/server';
import { createDispatcher } from '../../main/ipc/dispatcher';
import { EventBus } from '../../main/services/eventBus';
import { createHandlers } from '../../main/services/handlers';
import { openStationDatabase } from '../../main/store/database';
import type { BridgeEvent, BridgeResponse } from '../../preload/bridgeProtocol';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-bridge-'));
const staticDir = path.join(work, 'renderer');
const bridgeClientFile = path.join(work, 'matterline-bridge.js');
const databasePath = path.join(work, 'station.sqlite');
let bridge: BridgeServer;

beforeAll(async () => {
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head><script type="module" src="./app.js"></script></head><body></body></html>');
  fs.writeFileSync(path.join(staticDir, 'app.js'), 'export {};');
  fs.writeFileSync(bridgeClientFile, '/* bridge client */');
  const events = new EventBus();
  const handlers = createHandlers({ host: 'web', databasePath, events });
  bridge = await startBridgeServer({ dispatcher: createDispatcher(handlers), events, staticDir, bridgeClientFile });
});

afterAll(async () => {
  await bridge.close();
});

interface Opened {
  socket: WebSocket;
  request(channel: unknown, payload?: unknown, raw?: string): Promise<BridgeResponse>;
  events: BridgeEvent[];
}

function connect(query: string, origin = bridge.origin): Promise<Opened | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge${query}`, { origin });
    const waiting = new Map<number, (response: BridgeResponse) => void>();
    const events: BridgeEvent[] = [];
    let nextId = 1;
    let lastAnonymous: ((response: BridgeResponse) => void) | undefined;
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as BridgeResponse & BridgeEvent;
      if (typeof message.event === 'string') events.push(message);
      else if (message.id === null) lastAnonymous?.(message);
      else waiting.get(message.id)?.(message);
    });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.on('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
    socket.on('open', () =>
      resolve({
        socket,
        events,
        request: (channel, payload, raw) =>
          new Promise((answer) => {
            if (raw !== undefined) {
              lastAnonymous = answer;
              socket.send(raw);
              return;
            }
            const id = nextId++;
            waiting.set(id, answer);
            socket.send(JSON.stringify({ id, channel, payload }));
          }),
      }),
    );
  });
}

async function open(): Promise<Opened> {
  const connection = await connect(`?token=${bridge.token}`);
  if (!('socket' in connection)) throw new Error(`refused: ${connection.status} ${connection.body}`);
  return connection;
}

describe('loopback bridge', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token in its fragment', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a connection without the token, or with a wrong one, with the catalogue error', async () => {
    for (const query of ['', '?token=', `?token=${bridge.token}x`, '?token=wrong']) {
      const refused = await connect(query);
      expect('status' in refused && refused.status, query).toBe(401);
      if ('body' in refused) expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'BRIDGE_TOKEN_REQUIRED' } });
    }
  });

  it('refuses a page from another origin even with the token', async () => {
    const refused = await connect(`?token=${bridge.token}`, 'http://evil.example');
    expect('status' in refused && refused.status).toBe(403);
  });

  it('answers a valid call with the same Result as the IPC hub', async () => {
    const connection = await open();
    const response = await connection.request('app.info');
    expect(response).toMatchObject({ id: 1, result: { ok: true, value: { name: 'Matterline', host: 'web' } } });
    connection.socket.close();
  });

  it('refuses a malformed payload, an unknown channel and malformed messages with catalogue errors', async () => {
    const connection = await open();
    expect((await connection.request('app.info', { sneaky: true })).result).toMatchObject({ ok: false, error: { code: 'IPC_BAD_REQUEST' } });
    expect((await connection.request('shell.exec', 'rm -rf /')).result).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
    const notJson = await connection.request(undefined, undefined, '{not json');
    expect(notJson).toMatchObject({ id: null, result: { ok: false, error: { code: 'IPC_BAD_REQUEST' } } });
    const noChannel = await connection.request(undefined, undefined, JSON.stringify({ id: 'x', payload: 1 }));
    expect(noChannel.result).toMatchObject({ ok: false, error: { code: 'IPC_BAD_REQUEST' } });
    // The connection survives bad requests.
    expect((await connection.request('app.info')).result.ok).toBe(true);
    connection.socket.close();
  });

  it('pushes contract events to the window while a call runs', async () => {
    const connection = await open();
    const response = await connection.request('preflight.run');
    expect(response.result.ok).toBe(true);
    const checks = response.result.ok ? (response.result.value as { checks: Array<{ name: string }> }).checks : [];
    const pushed = connection.events.filter((event) => event.event === 'preflight.checkDone').map((event) => (event.payload as { name: string }).name);
    expect(pushed.sort()).toEqual(checks.map((check) => check.name).sort());
    expect(checks.find((check) => check.name === 'database')).toMatchObject({ ok: true });
    connection.socket.close();
  });

  it('serves the renderer with the bridge client injected first and a strict CSP', async () => {
    const response = await fetch(`${bridge.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html.indexOf('/matterline-bridge.js')).toBeGreaterThan(0);
    expect(html.indexOf('/matterline-bridge.js')).toBeLessThan(html.indexOf('./app.js'));
    expect((await fetch(`${bridge.origin}/matterline-bridge.js`)).status).toBe(200);
  });

  it('serves nothing outside the build and refuses foreign Host headers', async () => {
    expect((await fetch(`${bridge.origin}/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${bridge.origin}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await fetch(`${bridge.origin}/`, { method: 'POST' })).status).toBe(405);
    const rebinding = await new Promise<number>((resolve) => {
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port: bridge.port, path: '/', headers: { host: 'attacker.example' } }, (res) => resolve(res.statusCode ?? 0));
        req.end();
      });
    });
    expect(rebinding).toBe(421);
  });

  it('keeps one sign-in per connection and ends it when the connection closes', async () => {
    const first = await open();
    const second = await open();
    expect((await first.request('session.status')).result).toMatchObject({ ok: true, value: { firstRun: true, operator: null } });
    const created = (await first.request('session.createFirstEngineer', { name: 'Erin', pin: '4821' })).result;
    expect(created).toMatchObject({ ok: true, value: { name: 'Erin', role: 'engineer' } });
    expect((await first.request('session.status')).result).toMatchObject({ ok: true, value: { firstRun: false, operator: { name: 'Erin' } } });
    // The other tab shares the station but not the sign-in.
    expect((await second.request('session.status')).result).toMatchObject({ ok: true, value: { firstRun: false, operator: null } });
    expect((await second.request('session.createFirstEngineer', { name: 'Mallory', pin: '1111' })).result).toMatchObject({ ok: false, error: { code: 'SESSION_FIRST_RUN_DONE' } });
    expect((await second.request('session.signIn', { name: 'Erin', pin: '0000' })).result).toMatchObject({ ok: false, error: { code: 'RECORD_PIN_WRONG' } });
    expect((await second.request('session.signIn', { name: 'Erin', pin: '12' })).result).toMatchObject({ ok: false, error: { code: 'IPC_BAD_REQUEST' } });

    const closed = new Promise((resolve) => first.socket.once('close', resolve));
    first.socket.close();
    await closed;
    const db = openStationDatabase(databasePath);
    if (!db.ok) throw new Error(db.error.code);
    try {
      await expect.poll(() => db.value.events.list().map((event) => event.kind)).toContain('session.signedOut');
      const sessionEvents = db.value.events.list().filter((event) => event.kind.startsWith('session.'));
      expect(sessionEvents.map((event) => [event.kind, event.actor, (event.payload as { reason?: string }).reason])).toEqual([
        ['session.signedIn', 'Erin', undefined],
        ['session.signedOut', 'Erin', 'windowClosed'],
      ]);
      expect((sessionEvents[0]?.payload as { window: string }).window).toMatch(/^bridge:\d+$/);
    } finally {
      db.value.close();
    }
    expect((await second.request('session.signIn', { name: 'erin', pin: '4821' })).result).toMatchObject({ ok: true, value: { name: 'Erin', role: 'engineer' } });
    expect((await second.request('session.signOut')).result).toEqual({ ok: true, value: null });
    expect((await second.request('session.status')).result).toMatchObject({ ok: true, value: { operator: null } });
    second.socket.close();
  });
});
