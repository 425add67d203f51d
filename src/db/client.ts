import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { acquireDatabaseLock, type DatabaseLock } from './lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database or a transaction: repository functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies every pending migration. */
  migrate(): Promise<void>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite stored in `dataDir` (or in memory). */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir?: string | undefined }): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir);
}

export async function openPostgres(connectionString: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // Dates stay ISO strings: a calendar date has no time zone to shift.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  // An idle connection that the server closes (restart, failover, pg_terminate_backend) is dropped by
  // the pool, which then emits 'error' on itself: without a listener that error would crash the process.
  // The next query simply opens a new connection.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: () => migratePg(db as never, { migrationsFolder }),
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite has no locking between processes: two opening the same folder both write to it and corrupt it
 * silently. So a folder is opened under a lock file (see lock.ts), taken before PGlite touches anything
 * and released on close; a second process gets DatabaseInUseError. In memory, nothing is shared.
 */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  let lock: DatabaseLock | undefined;
  if (dataDir) {
    mkdirSync(dirname(resolve(dataDir)), { recursive: true });
    lock = acquireDatabaseLock(resolve(dataDir));
  }
  let client: PGlite;
  try {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create(dataDir ? { dataDir, extensions: { pg_trgm, unaccent } } : { extensions: { pg_trgm, unaccent } });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * Runs `work` in one transaction; the transaction is typed as a `Db`, so repository functions take
 * either. (Drizzle's transaction type differs per driver; both behave as a database here.)
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((transaction) => work(transaction as unknown as Db));
}

/** Rows of a raw `db.execute(sql…)` answer (both drivers return `{ rows }`). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

interface DriverClient {
  query(text: string, params: unknown[]): Promise<unknown>;
}

/**
 * The driver's client underneath Drizzle: the pool, a transaction's connection, or PGlite. Drizzle
 * keeps it on its session; undefined if a Drizzle release stops doing so (callers then take Drizzle's way).
 */
const driverClientOf = (db: Db) => (db._.session as unknown as { client?: DriverClient }).client;

/**
 * How many statements `db` can run at the same time: the size of a PostgreSQL pool; one for PGlite
 * (a single connection) and for a transaction (it holds one connection).
 */
export function concurrencyOf(db: Db): number {
  const client = driverClientOf(db);
  return client instanceof pg.Pool ? (client.options.max ?? 10) : 1;
}

/**
 * Whether a parameter given as a Buffer reaches the database in binary form, to be read by the type's
 * binary input: node-postgres sends it so; PGlite takes parameters as text.
 */
export function takesBinaryParameters(db: Db): boolean {
  const client = driverClientOf(db);
  return client instanceof pg.Pool || client instanceof pg.Client;
}

/** A statement parameter: text, binary (see takesBinaryParameters), or null. */
export type Parameter = string | Buffer | null;

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;

/**
 * Runs a statement with positional parameters ($1, $2 …) on the driver underneath Drizzle (the pool,
 * the transaction's connection or PGlite), inside the caller's transaction. Drizzle's own builder
 * examines every parameter through several class checks, about 15 µs each, and a bulk import sends
 * tens of thousands. Parameters are text, binary (a Buffer, where takesBinaryParameters) or null,
 * each cast to its type in the statement text.
 */
export async function executeWithParameters(db: Db, text: string, params: Parameter[]): Promise<void> {
  const client = driverClientOf(db);
  if (client) {
    await client.query(text, params);
    return;
  }
  // Any other driver: the same statement through Drizzle, slower but equivalent.
  const chunks = text.split(/\$(\d+)/);
  await db.execute(sql.join(chunks.map((chunk, k) => (k % 2 === 0 ? sql.raw(chunk) : sql`${params[Number(chunk) - 1]}`))));
}

/**
 * Runs `statement` over rows given as parameters: `statement` receives the rows as a VALUES list,
 * `(…), (…)`, each value cast to its column's type (undefined is written `default`, which only an
 * INSERT's own VALUES accepts); the rows are split over as many statements as the parameter limit needs.
 */
export async function executeForRows(db: Db, types: string[], rows: (Parameter | undefined)[][], statement: (values: string) => string): Promise<void> {
  const perStatement = Math.floor(MAX_PARAMETERS / Math.max(1, types.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: Parameter[] = [];
    const tuples = rows.slice(start, start + perStatement).map((row) => `(${types.map((type, k) => {
      const value = row[k];
      if (value === undefined) return 'default';
      params.push(value);
      return `$${params.length}::${type}`;
    }).join(', ')})`);
    await executeWithParameters(db, statement(tuples.join(', ')), params);
  }
}

/**
 * Inserts many rows of a table as Drizzle's `insert` would: column names and types from the table,
 * values mapped by their column, and a column a row leaves out (or undefined) takes its default.
 */
export async function insertRows<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const given = new Set(rows.flatMap((row) => Object.keys(row)));
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => given.has(key));
  const values = rows.map((row) => columns.map(([key, column]) => {
    const value = (row as Record<string, unknown>)[key];
    return value === null || value === undefined ? value : String(column.mapToDriverValue(value));
  }));
  const names = columns.map(([, column]) => `"${column.name}"`).join(', ');
  await executeForRows(db, columns.map(([, column]) => column.getSQLType()), values, (tuples) => `insert into "${getTableName(table)}" (${names}) values ${tuples}`);
}
