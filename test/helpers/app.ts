import { buildApp } from '../../src/server/app.ts';
import { createTestDb, TEST_CLOCK, type TestDb } from './db.ts';

/** The application on a fresh seeded test database, with a fixed clock; answers through `app.inject()`. */
export async function createTestApp({ seed = true }: { seed?: boolean } = {}) {
  const database: TestDb = await createTestDb({ seed });
  const app = await buildApp({ database, clock: TEST_CLOCK, datasetCheckIntervalMs: 0 });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
