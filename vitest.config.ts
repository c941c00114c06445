import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{lib,reference-server,seed,scenarios,bench}/**/*.test.ts', '*.test.ts'],
    globalSetup: ['bench/env/test-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
