// Builds every part of Matterline with Vite into out/:
//   out/renderer/           the window (React), served by app:// in Electron and by the loopback bridge
//   out/bridge/             the browser's stand-in for the preload (window.matterline over WebSocket)
//   out/preload/preload.cjs the sandboxed Electron preload (one CommonJS file, needs only 'electron')
//   out/main/{electron,cli,launch,probeWorker}.js  Electron main, the matterline CLI, the `npm start` launcher, a probe worker
// Dependencies stay external in main (native modules load from node_modules; electron-builder
// rebuilds them for Electron at packaging time).
import react from '@vitejs/plugin-react';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'out');
const quiet = { logLevel: process.env.MATTERLINE_BUILD_VERBOSE ? 'info' : 'warn', configFile: false, root };

rmSync(out, { recursive: true, force: true });

await build({
  ...quiet,
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: { outDir: path.join(out, 'renderer'), emptyOutDir: true, target: 'chrome120', sourcemap: true },
});

await build({
  ...quiet,
  build: {
    outDir: path.join(out, 'bridge'),
    emptyOutDir: true,
    target: 'chrome120',
    minify: false,
    lib: { entry: path.join(root, 'preload/bridgeClient.ts'), formats: ['iife'], name: 'MatterlineBridge', fileName: () => 'matterline-bridge.js' },
  },
});

await build({
  ...quiet,
  build: {
    outDir: path.join(out, 'preload'),
    emptyOutDir: true,
    target: 'chrome120',
    minify: false,
    lib: { entry: path.join(root, 'preload/index.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});

await build({
  ...quiet,
  build: {
    ssr: true,
    outDir: path.join(out, 'main'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        electron: path.join(root, 'main/app/electron.ts'),
        cli: path.join(root, 'main/cli/entry.ts'),
        launch: path.join(root, 'main/app/launch.ts'),
        probeWorker: path.join(root, 'main/station/worker/probeWorkerEntry.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
await import('./build-native.mjs'); // the C stand-in for SEGGER's J-Link library (out/native/)
