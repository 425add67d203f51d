import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import type pgModule from 'pg';
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

/**
 * Drizzle applies the journal's migrations newer than the newest one recorded in `drizzle.__drizzle_migrations`;
 * when that one is the journal's last, there is nothing to do, and one query says so without drizzle reading
 * and hashing every migration file (most command-line runs find the database up to date).
 */
async function isUpToDate(db: Db): Promise<boolean> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const newest = journal.entries.at(-1)?.when;
  const [table] = rowsOf<{ name: string | null }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`),
  );
  if (newest === undefined || !table?.name) return false;
  const [applied] = rowsOf<{ at: string | number | null }>(
    await db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`),
  );
  return applied?.at !== null && applied?.at !== undefined && Number(applied.at) >= newest;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite stored in `dataDir` (or in memory). */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  embedded?: EmbeddedOptions;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir, options.embedded);
}

export interface EmbeddedOptions {
  /**
   * PostgreSQL's shared_buffers, such as `16MB` (default 128MB). PGlite writes all of it when it starts, so all of
   * it is resident: a short command that reads a few pages does better with less.
   */
  sharedBuffers?: string;
}

/** The pg driver, once a PostgreSQL database has been opened; until then no client can be one of its. */
let pg: typeof pgModule | undefined;

// Each driver is imported when a database of its kind is opened: a command that opens none (help, a usage
// error) does not pay for loading PGlite's WebAssembly or the pg driver.
export async function openPostgres(connectionString: string): Promise<DatabaseHandle> {
  const [{ default: pgDriver }, { drizzle: drizzlePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
  ]);
  pg = pgDriver;
  const pool = new pgDriver.Pool({ connectionString, max: 10 });
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
    migrate: async () => {
      if (await isUpToDate(db)) return;
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      await migrate(db as never, { migrationsFolder });
    },
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
export async function openPglite(dataDir?: string, options: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  let lock: DatabaseLock | undefined;
  if (dataDir) {
    mkdirSync(dirname(resolve(dataDir)), { recursive: true });
    lock = acquireDatabaseLock(resolve(dataDir));
  }
  let client: PGlite;
  const [{ PGlite }, { pg_trgm }, { unaccent }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('drizzle-orm/pglite'),
  ]);
  try {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const startParams = options.sharedBuffers
      ? [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers}`]
      : undefined;
    client = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(startParams ? { startParams } : {}),
      extensions: { pg_trgm, unaccent },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: async () => {
      if (await isUpToDate(db)) return;
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(db as never, { migrationsFolder });
    },
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
  return pg && client instanceof pg.Pool ? (client.options.max ?? 10) : 1;
}

/**
 * Whether a parameter given as a Buffer reaches the database in binary form, to be read by the type's
 * binary input: node-postgres sends it so; PGlite takes parameters as text.
 */
export function takesBinaryParameters(db: Db): boolean {
  const client = driverClientOf(db);
  return pg !== undefined && (client instanceof pg.Pool || client instanceof pg.Client);
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
  await db.execute(
    sql.join(chunks.map((chunk, k) => (k % 2 === 0 ? sql.raw(chunk) : sql`${params[Number(chunk) - 1]}`))),
  );
}

/**
 * Runs `statement` over rows given as parameters: `statement` receives the rows as a VALUES list,
 * `(…), (…)`, each value cast to its column's type (undefined is written `default`, which only an
 * INSERT's own VALUES accepts); the rows are split over as many statements as the parameter limit needs.
 */
export async function executeForRows(
  db: Db,
  types: string[],
  rows: (Parameter | undefined)[][],
  statement: (values: string) => string,
): Promise<void> {
  const perStatement = Math.floor(MAX_PARAMETERS / Math.max(1, types.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: Parameter[] = [];
    const tuples = rows.slice(start, start + perStatement).map(
      (row) =>
        `(${types
          .map((type, k) => {
            const value = row[k];
            if (value === undefined) return 'default';
            params.push(value);
            return `$${params.length}::${type}`;
          })
          .join(', ')})`,
    );
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
  const values = rows.map((row) =>
    columns.map(([key, column]) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null || value === undefined ? value : String(column.mapToDriverValue(value));
    }),
  );
  const names = columns.map(([, column]) => `"${column.name}"`).join(', ');
  await executeForRows(
    db,
    columns.map(([, column]) => column.getSQLType()),
    values,
    (tuples) => `insert into "${getTableName(table)}" (${names}) values ${tuples}`,
  );
}
