import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/db/client.ts';
import { seedDatabase } from '../../src/db/seed.ts';
import { fixedClock } from '../../src/lib/dates.ts';

/** Which database the suite runs against: `pglite` (default) or `postgres` (a fresh database per test file). */
export const TEST_DB_KIND = process.env.LEXPACT_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const ADMIN_URL = process.env.LEXPACT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const TEST_CLOCK = fixedClock('2026-06-30T12:00:00Z');

export interface TestDb extends DatabaseHandle {
  /** Closes the connection and, on PostgreSQL, drops the test database. */
  destroy(): Promise<void>;
}

/**
 * A fresh, empty PostgreSQL database (not migrated) and its connection string, for code that opens its
 * own connection, such as the CLI run as a child process; `drop` removes it.
 */
export async function createPostgresDatabase({ adminUrl = ADMIN_URL, prefix = 'lexpact_test' }: { adminUrl?: string; prefix?: string } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * A migrated, empty database of the kind under test; `seed` loads the shipped reference data, or the
 * reference data of `dataDir` (a changed copy of `data/`).
 */
export async function createTestDb({ seed = false, dataDir }: { seed?: boolean; dataDir?: string } = {}): Promise<TestDb> {
  let handle: DatabaseHandle;
  let drop = async () => {};
  if (TEST_DB_KIND === 'postgres') {
    const created = await createPostgresDatabase();
    handle = await openPostgres(created.url);
    drop = created.drop;
  } else {
    handle = await openPglite();
  }
  await handle.migrate();
  if (seed) await seedDatabase({ db: handle.db, clock: TEST_CLOCK, ...(dataDir ? { dataDir } : {}) });
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
      await drop();
    },
  };
}
