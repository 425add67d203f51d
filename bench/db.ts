import { openPglite, openPostgres, type DatabaseHandle } from '../src/db/client.ts';
import { createPostgresDatabase } from '../test/helpers/db.ts';

export const POSTGRES_ADMIN_URL =
  process.env.LEXPACT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh migrated database for a benchmark; PostgreSQL databases are dropped on close. */
export async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const handle = await openPglite();
    await handle.migrate();
    return handle;
  }
  const created = await createPostgresDatabase({ adminUrl: POSTGRES_ADMIN_URL, prefix: 'lexpact_bench' });
  const handle = await openPostgres(created.url);
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await created.drop();
    },
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
