import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type DatabaseHandle, type Db } from '../../src/db/client.ts';
import { seedDatabase } from '../../src/db/seed.ts';
import { fixedClock } from '../../src/lib/dates.ts';

/** Which database the suite runs against: `pglite` (default) or `postgres` (a fresh database per test file). */
export const TEST_DB_KIND = process.env.LEXPACT_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const ADMIN_URL = process.env.LEXPACT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const TEST_CLOCK = fixedClock('2026-06-30T12:00:00Z');

export interface TestDb extends DatabaseHandle {
  /** Closes the connection and, on PostgreSQL, drops the test database. */
  destroy(): Promise<void>;
  /** Connection string of the PostgreSQL test database; null for PGlite. */
  url: string | null;
}

/**
 * A fresh, empty PostgreSQL database (not migrated) and its connection string, for code that opens its
 * own connection, such as the CLI run as a child process; `drop` removes it.
 */
export async function createPostgresDatabase({
  adminUrl = ADMIN_URL,
  prefix = 'lexpact_test',
}: { adminUrl?: string; prefix?: string } = {}): Promise<{ url: string; drop(): Promise<void> }> {
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
export async function createTestDb({
  seed = false,
  dataDir,
}: { seed?: boolean; dataDir?: string } = {}): Promise<TestDb> {
  let handle: DatabaseHandle;
  let drop = async () => {};
  let url: string | null = null;
  if (TEST_DB_KIND === 'postgres') {
    const created = await createPostgresDatabase();
    handle = await openPostgres(created.url);
    drop = created.drop;
    url = created.url;
  } else {
    handle = await openPglite();
  }
  await handle.migrate();
  if (seed) await seedDatabase({ db: handle.db, clock: TEST_CLOCK, ...(dataDir ? { dataDir } : {}) });
  return {
    ...handle,
    url,
    destroy: async () => {
      await handle.close();
      await drop();
    },
  };
}

/**
 * Another handle on the same test database, as a second process (a second `lexpact` command, another
 * server) would open: its own connection pool on PostgreSQL. PGlite is a single connection inside this
 * process, so there it is the same handle, and work on the two is serialised; closing it leaves the
 * database open.
 */
export async function openSecondHandle(test: TestDb): Promise<{ db: Db; close(): Promise<void> }> {
  if (!test.url) return { db: test.db, close: async () => {} };
  const other = await openPostgres(test.url);
  return { db: other.db, close: () => other.close() };
}
