import { buildApp } from '../../src/server/app.ts';
import { createTestDb, TEST_CLOCK, type TestDb } from './db.ts';
import { TEST_SECURITY } from './accounts.ts';
import type { Clock } from '../../src/lib/dates.ts';
import type { SecurityConfig } from '../../src/server/config.ts';

/** The application on a fresh seeded test database, with a fixed clock; answers through `app.inject()`. */
export async function createTestApp({
  seed = true,
  dataDir,
  clock = TEST_CLOCK,
  security = TEST_SECURITY,
  library,
  programme,
}: {
  seed?: boolean;
  clock?: Clock;
  security?: SecurityConfig;
  /** Reference data to seed from instead of the shipped `data/` (a changed copy of it). */
  dataDir?: string;
  /** Programme settings: the overlap window. */
  programme?: { overlapWindowDays?: number };
  /** Library settings: upload limit, extraction limits and the folder originals are kept in. */
  library?: { maxUploadBytes?: number; maxExtractedBytes?: number; maxTextChars?: number; filesDir?: string };
} = {}) {
  const database: TestDb = await createTestDb({ seed, ...(dataDir ? { dataDir } : {}) });
  const app = await buildApp({
    database,
    clock,
    datasetCheckIntervalMs: 0,
    security,
    ...(library ? { library } : {}),
    ...(programme ? { programme } : {}),
  });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
