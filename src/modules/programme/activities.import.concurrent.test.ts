import { DEFAULT_EXTRACTION_LIMITS } from '../library/extract/limits.ts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { createTestApp } from '../../../test/helpers/app.ts';
import { TEST_CLOCK, openSecondHandle } from '../../../test/helpers/db.ts';
import { activityInputSchema } from '../../contracts/programme.ts';
import { inTransaction, rowsOf, type Db } from '../../db/client.ts';
import { CLI_CONTEXT } from '../audit/audit.service.ts';
import { COMMAND_LINE_ACTOR } from '../library/library.documents.ts';
import { insertActivity } from './activities.service.ts';
import { importActivities, type ImportReport } from './activities.import.ts';

const HEADER = 'code,title,type,status,start_date,end_date,countries';
const row = (prefix: string, n: number) =>
  `${prefix}-${n},Workshop ${prefix} ${n} on terrorist financing,national_workshop,delivered,2014-03-${String(1 + (n % 28)).padStart(2, '0')},2014-03-${String(1 + (n % 28)).padStart(2, '0')},NER`;
const sheet = (prefix: string, count: number) =>
  [HEADER, ...Array.from({ length: count }, (_, n) => row(prefix, n))].join('\n');

/** Imports of the same organiser's activities at the same time, over two connections to one database. */
describe('activity imports at the same time', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let db: Db;
  let organizationId: string;
  let partner: Record<string, string>;

  const form = async (csv: string) => {
    const body = new FormData();
    body.append('file', new Blob([csv]), 'activities.csv');
    const response = new Response(body);
    return { payload: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
  };
  const upload = async (csv: string) => {
    const { payload, contentType } = await form(csv);
    return context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/activities/import',
      headers: { ...partner, 'content-type': contentType },
      payload,
    });
  };
  /** The organiser's live activities with this code prefix: code → how many rows hold it. */
  const codes = async (prefix: string) =>
    rowsOf<{ code: string; n: number }>(
      await db.execute(sql`
    select code, count(*)::int as n from activities where organization_id = ${organizationId} and code like ${`${prefix}-%`} and deleted_at is null
    group by code order by code`),
    );
  const creations = async (prefix: string) =>
    Number(
      rowsOf<{ n: number }>(
        await db.execute(sql`
    select count(*)::int as n from audit_log where action = 'programme.activity.create' and after->>'code' like ${`${prefix}-%`}`),
      )[0]!.n,
    );
  /** As `lexpact activities import --organization …` runs it. */
  const importOn = (handle: Db, csv: string) =>
    importActivities({ db: handle, clock: TEST_CLOCK }, COMMAND_LINE_ACTOR, CLI_CONTEXT, {
      bytes: new TextEncoder().encode(csv),
      filename: 'activities.csv',
      maxExtractedBytes: DEFAULT_EXTRACTION_LIMITS.maxExtractedBytes,
      organizationId,
    });

  beforeAll(async () => {
    context = await createTestApp({ seed: true });
    db = context.database.db;
    organizationId = (await createOrganization(db, 'Sahel Partners')).id;
    partner = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'partner@example.org', role: 'partner', organizationId }),
      true,
    );
  });
  afterAll(async () => {
    await context?.close();
  });

  it('two imports of the same sheet both succeed; every activity exists once, created by one import, left unchanged by the other', async () => {
    const count = 30;
    const other = await openSecondHandle(context.database);
    let reports: ImportReport[];
    try {
      reports = await Promise.all([importOn(db, sheet('RACE', count)), importOn(other.db, sheet('RACE', count))]);
    } finally {
      await other.close();
    }
    const [first, second] = [...reports].sort((a, b) => b.created - a.created);
    expect(first).toMatchObject({ created: count, updated: 0, unchanged: 0 });
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: count });
    const stored = await codes('RACE');
    expect(stored).toHaveLength(count);
    expect(stored.filter((r) => r.n !== 1)).toEqual([]);
    expect(await creations('RACE')).toBe(count);
  });

  it('an activity with the same code saved while an import runs: nothing is lost, and the import is whole or refused whole with a 409 naming the code and line', async () => {
    const csv = [HEADER, row('SAVE', 1), row('SAVE', 2)].join('\n');
    const single = activityInputSchema.parse({
      code: 'SAVE-2',
      title: 'Saved through the form',
      type: 'advisory_mission',
      startDate: '2014-05-01',
      endDate: '2014-05-02',
      countries: ['MLI'],
      organizationId,
    });
    const save = (handle: Db, whileOpen: () => Promise<void> = async () => {}) =>
      inTransaction(handle, async (tx) => {
        await insertActivity(tx, COMMAND_LINE_ACTOR, CLI_CONTEXT, single, TEST_CLOCK.now().toISOString());
        await whileOpen();
      });
    const other = await openSecondHandle(context.database);
    try {
      if (context.database.kind === 'postgres') {
        // The form's transaction stays open until the import waits on its row, then commits.
        let importing: ReturnType<typeof upload> | undefined;
        await save(other.db, async () => {
          importing = upload(csv);
          await waitUntil(
            async () =>
              Number(
                rowsOf<{ n: number }>(
                  await other.db.execute(sql`
            select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event = 'transactionid'`),
                )[0]!.n,
              ) > 0,
          );
        });
        const refused = await importing!;
        expect(refused.statusCode, refused.body).toBe(409);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(refused.json()).toMatchObject({
          status: 409,
          code: 'programme.import_conflict',
          detail: expect.stringContaining('SAVE-2'),
          errors: [
            {
              file: 'activities.csv',
              line: 3,
              field: 'code',
              reason: 'SAVE-2 was saved by someone else while this import ran',
            },
          ],
        });
        // All or nothing: the import's first row is not kept; the form's activity is.
        expect(await codes('SAVE')).toEqual([{ code: 'SAVE-2', n: 1 }]);
      } else {
        // PGlite is one connection: the form's save and the import take turns.
        await save(other.db);
      }
      const again = await upload(csv);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
      expect(await codes('SAVE')).toEqual([
        { code: 'SAVE-1', n: 1 },
        { code: 'SAVE-2', n: 1 },
      ]);
    } finally {
      await other.close();
    }
  });
});

/** Polls a condition of the database (another transaction's progress); gives up after many tries. */
async function waitUntil(condition: () => Promise<boolean>, tries = 500): Promise<void> {
  for (let n = 0; n < tries; n++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the condition was never met');
}
