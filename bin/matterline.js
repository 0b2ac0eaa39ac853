#!/usr/bin/env node
// The `matterline` command. The CLI is built to out/main/cli.js by `npm run build` (which `npm ci`
// runs through the prepare script); this file only finds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('Matterline is not built yet: run `npm run build` in the Matterline folder, then try again.\n');
  process.exit(2);
}
await import(built.href);
