import { defineConfig } from 'vitest/config';

// One configuration for the domain and server suites. The engine under test is chosen by
// JIXU_TEST_PG_URL (set: PostgreSQL, each test file gets its own database; unset: SQLite).
export default defineConfig({
  test: {
    include: ['packages/domain/**/*.test.ts', 'packages/server/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
