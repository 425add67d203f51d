import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/helpers/db.ts';
import { auditLog } from '../modules/audit/audit.table.ts';
import { libraryDocuments } from '../modules/library/library.table.ts';
import { inTransaction, insertRows } from './client.ts';

describe('insertRows, the bulk insert that bypasses the query builder', () => {
  let database: TestDb;

  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('stores what Drizzle would store: quotes, backslashes, emoji, arrays, JSON, nulls and defaults', async () => {
    const awkward = `l'acte "n°" 12\\2008 — قانون 恐怖主义 🙂`;
    const id = crypto.randomUUID();
    await insertRows(database.db, libraryDocuments, [
      {
        id,
        uri: `/akn/test/${id}`,
        kind: 'legislation',
        countryId: null,
        symbol: awkward,
        categories: ['procedural_law', 'a "quoted", {braced} value'],
        themes: [],
        adoptedDate: '2008-03-01',
        createdAt: '2026-01-02T03:04:05.000Z',
        updatedAt: '2026-01-02T03:04:05.000Z',
      },
    ]);
    const [row] = await database.db.select().from(libraryDocuments).where(eq(libraryDocuments.id, id));
    expect(row).toMatchObject({
      symbol: awkward,
      countryId: null,
      categories: ['procedural_law', 'a "quoted", {braced} value'],
      themes: [],
      adoptedDate: '2008-03-01',
      // Left out: the column's default.
      visibility: 'public',
    });

    await insertRows(database.db, auditLog, [
      {
        at: '2026-01-02T03:04:05Z',
        actorLabel: 'cli',
        action: 'test.bulk',
        entityType: 'test',
        after: { text: awkward, list: [1, null] },
      },
      // A column only a later row gives is written for every row; the others take its default (null here).
      { at: '2026-01-02T03:04:05Z', actorLabel: 'cli', action: 'test.bulk', entityType: 'test', entityId: 'second' },
    ]);
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'test.bulk'))
      .orderBy(auditLog.id);
    expect(audits.map((audit) => [audit.entityId, audit.after])).toEqual([
      [null, { text: awkward, list: [1, null] }],
      ['second', null],
    ]);
  });

  it('splits a batch larger than one statement can carry, inside the caller transaction', async () => {
    // 10 columns × 7,000 rows = 70,000 parameters, over PostgreSQL's limit of 65,535 for one statement.
    const rows = Array.from({ length: 7_000 }, (_, k) => ({
      at: '2026-01-02T03:04:05Z',
      actorLabel: 'cli',
      action: 'test.many',
      entityType: 'test',
      entityId: String(k),
      actorUserId: null,
      before: null,
      after: { k },
      requestId: `r${k}`,
      clientAddress: null,
    }));
    await expect(
      inTransaction(database.db, async (tx) => {
        await insertRows(tx, auditLog, rows);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const count = async () =>
      (
        (await database.db.execute(
          sql`select count(*)::int as n from audit_log where action = 'test.many'`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]!.n;
    expect(await count()).toBe(0);
    await inTransaction(database.db, (tx) => insertRows(tx, auditLog, rows));
    expect(await count()).toBe(7_000);
  });
});
