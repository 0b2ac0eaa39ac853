/**
 * `npm start`: opens the desktop window on the simulated probe. Where no Electron runtime is
 * installed (these build machines, firewalled factory PCs before packaging) it says so in one
 * sentence and points to `npm run web` and the CLI, exiting non-zero; it never downloads anything.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { appError } from '../../preload/contract/errors';
import { findElectronRuntime } from '../preflight/electronRuntime';

const projectRoot = path.join(import.meta.dirname, '..', '..'); // out/main → project root
const electronBinary = findElectronRuntime(projectRoot);

if (electronBinary === null) {
  const error = appError('ELECTRON_RUNTIME_MISSING');
  process.stderr.write(`${error.message} ${error.fix}\n`);
  process.exit(1);
}

const child = spawn(electronBinary, [path.join(import.meta.dirname, 'electron.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
