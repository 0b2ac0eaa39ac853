import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node; the renderer's own logic is tested in e2e.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
  },
});
