import { defineConfig } from 'vitest/config';

// Browser tests: Debian's chromium driven by playwright-core against the real server (built web).
export default defineConfig({
  test: {
    include: ['packages/e2e/src/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
