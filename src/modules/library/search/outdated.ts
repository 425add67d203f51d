import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../db/client.ts';
import { SEARCH_INDEX_VERSION } from './index-version.ts';

/**
 * Whether some entries were built by an earlier version of the indexing. Apart from the index, which loads the
 * stemmers of five languages, so that a command that only reads can ask without loading them.
 */
export async function hasOutdatedEntries(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ outdated: boolean }>(
    await db.execute(sql`
    select exists (select 1 from library_search where index_version < ${SEARCH_INDEX_VERSION}) as outdated`),
  );
  return row?.outdated === true;
}
