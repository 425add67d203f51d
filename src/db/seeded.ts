import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { participants } from '../modules/participants/participants.table.ts';

/** Whether the reference data are loaded; apart from seed.ts so that checking does not load the importers. */
export async function isSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(participants);
  return (row?.n ?? 0) > 0;
}
