import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_CLOCK, TEST_DB_KIND, type TestDb } from '../../../../test/helpers/db.ts';
import { inTransaction } from '../../../db/client.ts';
import { documentInputSchema, searchParamsSchema, type SearchParams } from '../../../contracts/library.ts';
import { CLI_CONTEXT } from '../../audit/audit.service.ts';
import { COMMAND_LINE_ACTOR, createDocument, type LibraryDeps } from '../library.documents.ts';
import { localFileStore } from '../storage/file-store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresSearchIndex } from './postgres-search.ts';

/**
 * How matches are ordered on either side of the ranking limit: ranked on their text while there are
 * few, on title and metadata (then newest first) when a word is in most of the library.
 */
describe('relevance ranking of many and of few matches', () => {
  let database: TestDb;
  let filesDir: string;
  const ids: Record<'titled' | 'dense' | 'older' | 'newer' | 'unrelated' | 'zhPhrase' | 'zhApart', string> = {
    titled: '',
    dense: '',
    older: '',
    newer: '',
    unrelated: '',
    zhPhrase: '',
    zhApart: '',
  };

  beforeAll(async () => {
    database = await createTestDb({ seed: true });
    filesDir = mkdtempSync(join(tmpdir(), 'lexpact-ranking-'));
    const deps: LibraryDeps = {
      db: database.db,
      files: localFileStore(filesDir),
      search: createPostgresSearchIndex(),
      clock: TEST_CLOCK,
      maxUploadBytes: 1_048_576,
    };
    const add = async (title: string, text: string, adoptedDate: string, language: 'en' | 'zh' = 'en') =>
      createDocument(
        deps,
        COMMAND_LINE_ACTOR,
        CLI_CONTEXT,
        documentInputSchema.parse({
          kind: 'legislation',
          titles: { [language]: title },
          country: language === 'en' ? 'NER' : 'CHN',
          adoptedDate,
        }),
        { bytes: new TextEncoder().encode(text), filename: `${title}.txt`, language },
      );
    ids.titled = await add(
      'Act on the financing of terrorism',
      'This act concerns banks and the duties of their staff.',
      '2005-01-01',
    );
    ids.dense = await add(
      'Banking act',
      `${'Financing terrorism is an offence. '.repeat(25)}Penalties follow.`,
      '2004-01-01',
    );
    ids.older = await add('Penal code', 'Whoever provides financing for terrorism is punished.', '2001-01-01');
    ids.newer = await add(
      'Criminal procedure code',
      'Investigations into the financing of terrorism are led by prosecutors.',
      '2012-01-01',
    );
    ids.unrelated = await add('Maritime code', 'Ships, ports and navigation.', '2015-01-01');
    ids.zhPhrase = await add(
      '刑法修正案',
      '本法规定，为恐怖活动提供技术援助，或者资助恐怖主义的，处五年以下有期徒刑。',
      '2015-08-29',
      'zh',
    );
    ids.zhApart = await add(
      '反洗钱法',
      '金融机构应当提供技术支持和法律援助，防止资助犯罪。恐怖主义另行规定。',
      '2006-10-31',
      'zh',
    );
  });
  afterAll(async () => {
    await database?.destroy();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const order = async (rankAllLimit: number, params: Partial<SearchParams>) => {
    const index = createPostgresSearchIndex({ rankAllLimit });
    const result = await index.search(database.db, searchParamsSchema.parse(params), { kind: 'public' }, 'en');
    return { total: result.total, ids: result.hits.map((hit) => hit.documentId) };
  };

  it('with few matches, the text that uses the words most ranks first', async () => {
    const { total, ids: ranked } = await order(1_000, { q: 'financing terrorism' });
    expect(total).toBe(4);
    expect(ranked[0]).toBe(ids.dense);
    expect(ranked).not.toContain(ids.unrelated);
  });

  it('with more matches than the limit, titles decide and the newest come first among the rest', async () => {
    const { total, ids: ranked } = await order(3, { q: 'financing terrorism' });
    expect(total).toBe(4);
    expect(ranked).toEqual([ids.titled, ids.newer, ids.dense, ids.older]);
  });

  it('an exclusion removes every document with the excluded word, on both sides of the limit', async () => {
    for (const limit of [1_000, 1]) {
      const { total, ids: ranked } = await order(limit, { q: 'financing -prosecutors' });
      expect(total).toBe(3);
      expect(new Set(ranked)).toEqual(new Set([ids.titled, ids.dense, ids.older]));
    }
  });

  it('a Chinese phrase typed without spaces finds the text where its words stand together, and marks them', async () => {
    const index = createPostgresSearchIndex();
    for (const phrase of ['技术援助', '资助恐怖主义']) {
      const result = await index.search(database.db, searchParamsSchema.parse({ q: phrase }), { kind: 'public' }, 'zh');
      expect(
        result.hits.map((hit) => hit.documentId),
        phrase,
      ).toEqual([ids.zhPhrase]);
      expect(result.hits[0]!.snippet).toContain(`[[${phrase}]]`);
    }
    // The words apart, in any order: found by each word, not as the phrase.
    const apart = await index.search(
      database.db,
      searchParamsSchema.parse({ q: '技术 援助' }),
      { kind: 'public' },
      'zh',
    );
    expect(new Set(apart.hits.map((hit) => hit.documentId))).toEqual(new Set([ids.zhPhrase, ids.zhApart]));
  });

  it('rebuilds the entries an earlier version of the indexing built, after which they are found again', async () => {
    const index = createPostgresSearchIndex();
    const find = async () =>
      (await index.search(database.db, searchParamsSchema.parse({ q: '技术援助' }), { kind: 'public' }, 'zh')).total;
    // As the previous version left it: no pairs of Chinese words in the vector.
    await database.db.execute(
      sql`update library_search set index_version = 1, vector = ts_delete(vector, array['技术援助'])`,
    );
    expect(await find()).toBe(0);
    if (TEST_DB_KIND === 'postgres') {
      // Another server holding the rebuild lock (a second connection): this one leaves the rebuild to it.
      await inTransaction(database.db, async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${0x4c585349})`);
        expect(await index.reindexOutdated(database.db)).toBe(0);
      });
      expect(await find()).toBe(0);
    }
    expect(await index.reindexOutdated(database.db)).toBe(7);
    expect(await find()).toBe(1);
    expect(await index.reindexOutdated(database.db)).toBe(0);
  });

  it('read partition by partition side by side, a search gives exactly what one reading of the whole table gives', async () => {
    if (TEST_DB_KIND === 'postgres') {
      // The documents are spread over several partitions, so the merge below has something to merge.
      const [spread] = (
        (await database.db.execute(sql`select count(distinct tableoid)::int as n from library_search`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows;
      expect(spread!.n).toBeGreaterThan(1);
    }
    const cases: { limit: number; params: Partial<SearchParams> }[] = [
      { limit: 1_000, params: { q: 'financing terrorism' } },
      { limit: 3, params: { q: 'financing terrorism' } },
      // As many matches as the limit: ranked on text; a partition holding more than its even share and a
      // quarter of them (3 or 4 of the 4) is read again for that ranking.
      { limit: 4, params: { q: 'financing terrorism' } },
      { limit: 3, params: { q: 'financing terrorism', pageSize: 2, page: 2 } },
      { limit: 1_000, params: { q: 'code', sort: 'date_asc' } },
      { limit: 1_000, params: { sort: 'date_desc', pageSize: 3, page: 2 } },
      { limit: 1_000, params: { q: 'Finacing terorism' } },
    ];
    for (const { limit, params } of cases) {
      const index = createPostgresSearchIndex({ rankAllLimit: limit });
      const parsed = searchParamsSchema.parse(params);
      // A transaction holds one connection: the search then reads the whole table in one statement.
      const whole = await inTransaction(database.db, (tx) => index.search(tx, parsed, { kind: 'public' }, 'en'));
      const sideBySide = await index.search(database.db, parsed, { kind: 'public' }, 'en');
      expect(sideBySide, JSON.stringify(params)).toEqual(whole);
      expect(sideBySide.total, JSON.stringify(params)).toBeGreaterThan(0);
    }
  });

  it('settling after a bulk change leaves nothing pending in the text indexes, which new entries otherwise wait in', async () => {
    const pendingPages = async () =>
      (
        (await database.db.execute(sql`
      select coalesce(sum(gin_clean_pending_list(i.indexrelid::regclass)), 0)::int as pages from pg_index i
      join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
      where am.amname = 'gin' and i.indrelid in (select inhrelid from pg_inherits where inhparent = 'library_search'::regclass)`)) as unknown as {
          rows: { pages: number }[];
        }
      ).rows[0]!.pages;
    const index = createPostgresSearchIndex();
    await database.db.execute(sql`update library_search set index_version = 1`);
    expect(await index.reindexOutdated(database.db)).toBe(7);
    expect(await pendingPages()).toBe(0);
    // Without settling, the rebuilt entries would still be pending (cleaning them now finds pages).
    await index.indexDocuments(database.db, Object.values(ids));
    expect(await pendingPages()).toBeGreaterThan(0);
  });

  it('a year filter keeps the documents dated in that year only', async () => {
    expect((await order(1_000, { q: 'financing', year: 2012 })).ids).toEqual([ids.newer]);
    expect((await order(1_000, { q: 'financing', year: 2013 })).total).toBe(0);
  });
});
