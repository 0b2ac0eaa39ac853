/**
 * A probe worker process: one per probe (DESIGN.md, Processes). It owns the probe, runs the
 * pipeline, and reaches the database only through the main process. It says it is alive every
 * HEARTBEAT_INTERVAL_MS; when the main process goes away (crash, kill) the IPC channel closes and
 * the worker exits at once, leaving the interrupted attempt for main's recovery on the next start.
 */
import { appError } from '../../../preload/contract/errors';
import { boardSourceFor } from '../boards';
import { runProbeJob } from '../pipeline/probeJob';
import { LedgerClient } from './ledgerClient';
import { HEARTBEAT_INTERVAL_MS, type MainToWorker, type WorkerStart, type WorkerToMain } from './protocol';

function send(message: WorkerToMain): boolean {
  if (process.send === undefined || !process.connected) return false;
  process.send(message);
  return true;
}

const client = new LedgerClient(send);
const cancel = new AbortController();
let started = false;

async function start(message: WorkerStart): Promise<void> {
  const boards = boardSourceFor(message.probe, {
    label: message.label,
    ...(message.keepBoardsIn === undefined ? {} : { keepBoardsIn: message.keepBoardsIn }),
    ...(message.jlinkLibraryPath === undefined ? {} : { jlinkLibraryPath: message.jlinkLibraryPath }),
  });
  if (!boards.ok) {
    send({ type: 'fatal', error: boards.error });
    return;
  }
  const result = await runProbeJob({ spec: message.spec, boards: boards.value, ledger: client.ledger, emit: (event) => send({ type: 'event', event }), signal: cancel.signal });
  if (!result.ok) send({ type: 'fatal', error: result.error });
  else send({ type: 'done', devices: result.value.length });
}

process.on('message', (raw: MainToWorker) => {
  if (raw.type === 'reply') client.reply(raw.id, raw.result);
  else if (raw.type === 'cancel') cancel.abort();
  else if (raw.type === 'start' && !started) {
    started = true;
    start(raw)
      .catch((error: unknown) => send({ type: 'fatal', error: appError('STATION_STEP_CRASHED', error instanceof Error ? error.message : String(error)) }))
      .finally(() => {
        clearInterval(heartbeat);
        process.disconnect?.();
      });
  }
});

// Ctrl+C in a terminal reaches the whole process group: the station decides (it cancels the jobs
// gracefully), the worker does not die under the device it is working on.
process.on('SIGINT', () => undefined);

process.on('disconnect', () => {
  client.abandon();
  process.exit(0);
});

// The channel can close before the 'disconnect' listener exists (the station killed while this
// process was still loading): the heartbeat notices and ends the orphan.
const heartbeat = setInterval(() => {
  if (!send({ type: 'heartbeat' })) {
    client.abandon();
    process.exit(0);
  }
}, HEARTBEAT_INTERVAL_MS);
if (!process.connected) process.exit(0);
