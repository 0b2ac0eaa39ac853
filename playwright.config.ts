import { defineConfig } from '@playwright/test';

// The renderer is tested in Debian's Chromium through the loopback bridge (no browser download).
// With an Electron runtime installed, MATTERLINE_E2E_HOST=electron runs the same specs in the app.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' },
});
