import { defineConfig } from 'vitest/config';

// Every test runs twice: on the embedded PGlite and on a real PostgreSQL server.
const shared = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      { test: { ...shared, name: 'pglite', env: { TZ: 'UTC', LEXPACT_TEST_DB: 'pglite' } } },
      { test: { ...shared, name: 'postgres', env: { TZ: 'UTC', LEXPACT_TEST_DB: 'postgres' } } },
    ],
  },
});
