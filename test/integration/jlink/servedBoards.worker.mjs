// Serves simulated boards (serveBoard, main/sim/serve/serve.ts) on a worker thread. The J-Link
// library's calls are synchronous and block the test's thread while the stand-in waits on the
// board's socket, so the boards need an event loop of their own. Vite's module runner loads the
// TypeScript sources as they are, the way vitest does.
import { parentPort, workerData } from 'node:worker_threads';
import { createServer, createServerModuleRunner } from 'vite';

const server = await createServer({
  root: workerData.root,
  configFile: false,
  logLevel: 'silent',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
});
const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
const { serveBoard } = await runner.import('/main/sim/serve/serve.ts');
const boards = [];

parentPort.on('message', async (message) => {
  if (message.op === 'serve') {
    const served = await serveBoard({ probe: message.probe, shell: false });
    if (served.ok) boards.push(served.value);
    const result = served.ok ? { ok: true, value: { address: served.value.address, token: served.value.token } } : served;
    parentPort.postMessage({ id: message.id, result });
  } else if (message.op === 'stop') {
    for (const board of boards.splice(0)) await board.stop();
    await runner.close();
    await server.close();
    parentPort.postMessage({ id: message.id, result: { ok: true, value: null } });
  }
});
parentPort.postMessage({ ready: true });
