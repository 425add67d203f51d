import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/dates.ts';

/** What the programme's services need: the database and the clock. */
export interface ProgrammeDeps {
  db: Db;
  clock: Clock;
}

export const nowOf = (deps: ProgrammeDeps) => deps.clock.now().toISOString();

/** Ids in the address are checked before they reach a uuid column, so a malformed one is "not found", not a database error. */
export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The participant in this column lies in the UN M49 region, subregion or intermediate region. */
export const participantInRegion = (participantColumn: SQL, region: string) =>
  sql`exists (select 1 from participants p where p.id = ${participantColumn}
    and (p.region_m49 = ${region} or p.subregion_m49 = ${region} or p.intermediate_region_m49 = ${region}))`;
