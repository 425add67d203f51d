import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.ts';
import { createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';
import { REPO_ROOT } from '../../../test/helpers/fixtures.ts';
import { searchResponseSchema, type DocumentInput } from '../../contracts/library.ts';
import { SHIPPED_DATA_DIR, SHIPPED_DOCUMENTS } from '../../db/seed.ts';
import { parseCsv } from '../../lib/csv.ts';
import { CLI_CONTEXT } from '../audit/audit.service.ts';
import { COMMAND_LINE_ACTOR } from './library.documents.ts';
import { importLibraryFolder } from './library.import.ts';
import { postgresSearchIndex } from './search/postgres-search.ts';
import { localFileStore } from './storage/file-store.ts';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'library');

type SearchBody = ReturnType<typeof searchResponseSchema.parse> & { fuzzy: boolean };

/** The library as a reader sees it: the five fixture files uploaded through the API, plus the shipped Chinese report imported as seeding does. */
describe('library search in the six languages', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let filesDir: string;
  const ids: Record<'en' | 'fr' | 'ar' | 'ru' | 'es' | 'zh', string> = {
    en: '',
    fr: '',
    ar: '',
    ru: '',
    es: '',
    zh: '',
  };

  /** Anonymous search, as a visitor of the public site would run it. */
  const search = async (query: Record<string, string | number>) => {
    const url = `/api/v1/library/search?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`;
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body.slice(0, 500)}`).toBe(200);
    const body = response.json() as SearchBody;
    searchResponseSchema.parse(body);
    return body;
  };
  const idsOf = (body: SearchBody) => body.results.map((r) => r.id);

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'lexpact-library-search-'));
    const created = await createTestApp({ library: { filesDir } });
    app = created.app;
    close = created.close;
    const { db } = created.database;
    const admin = await createUser(db, { email: 'admin@example.org', role: 'administrator' });
    const headers = await sessionHeaders(db, TEST_CLOCK, admin, true);

    const upload = async (file: string, language: string, metadata: DocumentInput | Record<string, unknown>) => {
      const form = new FormData();
      form.append('metadata', JSON.stringify(metadata));
      form.append('language', language);
      form.append('file', new Blob([readFileSync(join(FIXTURES, file))]), file);
      const encoded = new Response(form);
      const payload = Buffer.from(await encoded.arrayBuffer());
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/library/documents',
        payload,
        headers: { ...headers, 'content-type': encoded.headers.get('content-type')! },
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { id: string }).id;
    };

    ids.en = await upload('law-en.pdf', 'en', {
      kind: 'legislation',
      subtype: 'act',
      titles: { en: 'Law No. 2008-12 on combating the financing of terrorism' },
      country: 'NER',
      number: '2008-12',
      adoptedDate: '2008-06-01',
      categories: ['substantive_criminal_law'],
      themes: ['financing_of_terrorism'],
      instruments: [{ instrument: 'icsft-1999', article: '2', note: null }],
    });
    ids.fr = await upload('law-fr.docx', 'fr', {
      kind: 'legislation',
      subtype: 'act',
      titles: { fr: 'Loi n° 2008-12 relative à la lutte contre le financement du terrorisme' },
      country: 'MLI',
      number: '2008-12',
      adoptedDate: '2010-03-15',
      categories: ['substantive_criminal_law', 'international_cooperation'],
      themes: ['financing_of_terrorism'],
    });
    ids.ar = await upload('page-ar.html', 'ar', {
      kind: 'legislation',
      subtype: 'act',
      titles: { ar: 'قانون مكافحة الإرهاب' },
      country: 'EGY',
      adoptedDate: '2015-02-24',
      categories: ['substantive_criminal_law'],
    });
    ids.ru = await upload('note-ru.txt', 'ru', {
      kind: 'ta_tool',
      subtype: 'manual',
      titles: { ru: 'Пояснительная записка о финансировании терроризма' },
      organization: 'UNODC',
      publishedDate: '2012-09-01',
      themes: ['financing_of_terrorism'],
    });
    ids.es = await upload('guide-es.md', 'es', {
      kind: 'ta_tool',
      subtype: 'legislative_guide',
      titles: { es: 'Guía legislativa' },
      organization: 'UNODC',
      publishedDate: '2016-05-10',
      themes: ['financing_of_terrorism'],
    });

    // The shipped sample report, imported the way seeding imports it.
    const report = await importLibraryFolder(
      {
        db,
        files: localFileStore(filesDir),
        search: postgresSearchIndex,
        clock: TEST_CLOCK,
        maxUploadBytes: 50 * 1_048_576,
      },
      COMMAND_LINE_ACTOR,
      CLI_CONTEXT,
      join(SHIPPED_DATA_DIR, SHIPPED_DOCUMENTS),
    );
    expect(report.imported).toHaveLength(1);
    ids.zh = report.imported[0]!.id!;
  });
  afterAll(async () => {
    await close?.();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  describe('finds words in each language, whatever their form', () => {
    it('English: "financed" finds the law that says "financing" (stemming), with the match marked in the snippet', async () => {
      const body = await search({ q: 'financed' });
      expect(body.fuzzy).toBe(false);
      const hit = body.results.find((r) => r.id === ids.en);
      expect(hit).toMatchObject({
        language: 'en',
        kind: 'legislation',
        country: 'NER',
        countryName: 'Niger',
        title: 'Law No. 2008-12 on combating the financing of terrorism',
      });
      expect(hit!.snippet).toMatch(/\[\[financing\]\]/i);
    });

    it('English: a word found only on page 2 of the PDF finds it too', async () => {
      const body = await search({ q: 'cooperate', lang: 'en' });
      expect(idsOf(body)).toEqual([ids.en]);
      expect(body.results[0]!.snippet).toContain('[[cooperate]]');
    });

    it('French: "financements" finds the text saying "financement" (the French stemmer reduces both to "financ")', async () => {
      const body = await search({ q: 'financements', lang: 'fr' });
      expect(idsOf(body)).toEqual([ids.fr]);
      expect(body.results[0]!.snippet).toMatch(/\[\[financement\]\]/);
      // "terroristes" and "terrorisme" are both "terror" to the French stemmer.
      expect(idsOf(await search({ q: 'terroristes', lang: 'fr' }))).toEqual([ids.fr]);
    });

    it('Arabic: the word written without hamza, or with a vowel mark, finds the page written with hamza and without vowels', async () => {
      // The page says الإرهاب (alef with hamza below) and تمويل (no vowel marks).
      expect(idsOf(await search({ q: 'الارهاب' }))).toEqual([ids.ar]);
      expect(idsOf(await search({ q: 'تمويلُ' }))).toEqual([ids.ar]);
      // Taa marbuta written as haa: جريمه for جريمة.
      expect(idsOf(await search({ q: 'جريمه', lang: 'ar' }))).toEqual([ids.ar]);
    });

    it('Russian: "терроризм" finds the note that only says "терроризма"', async () => {
      const body = await search({ q: 'терроризм' });
      expect(idsOf(body)).toEqual([ids.ru]);
      expect(body.results[0]!.snippet).toMatch(/\[\[терроризма\]\]/i);
    });

    it('Spanish: "legislativas" finds the "Guía legislativa", and "financiación" the guide on "financiación"', async () => {
      expect(idsOf(await search({ q: 'legislativas' }))).toEqual([ids.es]);
      const body = await search({ q: 'financiación', lang: 'es' });
      expect(idsOf(body)).toEqual([ids.es]);
      expect(body.results[0]!.snippet).toContain('[[financiación]]');
    });

    it('Chinese: a word inside a sentence of the shipped report finds it; a Han string that is not in it finds nothing', async () => {
      for (const word of ['技术援助', '预防恐怖主义处']) {
        const body = await search({ q: word });
        expect(idsOf(body), word).toEqual([ids.zh]);
        expect(body.results[0]!.language).toBe('zh');
        const snippet = body.results[0]!.snippet;
        // The match is marked and the snippet reads as Chinese: no spaces between two Han characters.
        expect(snippet).toContain(`[[${word}]]`);
        expect(snippet).not.toMatch(/[\u4e00-\u9fff](\s|\]\]\s*\[\[)+[\u4e00-\u9fff]/u);
      }
      const none = await search({ q: '量子计算机' });
      expect(none.total).toBe(0);
      expect(none.results).toEqual([]);
    });
  });

  describe('query syntax', () => {
    it('"Central Authority" as a phrase finds the PDF; the same words in the other order do not', async () => {
      expect(idsOf(await search({ q: '"Central Authority"' }))).toEqual([ids.en]);
      const reversed = await search({ q: '"Authority Central"' });
      expect(reversed.total).toBe(0);
      expect(reversed.fuzzy).toBe(false);
    });

    it('an excluded word removes the documents that contain it', async () => {
      const all = idsOf(await search({ q: 'financing', lang: 'en' }));
      expect(all).toContain(ids.en);
      const body = await search({ q: 'financing -Authority' });
      expect(idsOf(body)).not.toContain(ids.en);
      expect(body.fuzzy).toBe(false);
    });

    it('never fails on odd input: unbalanced quotes, lone operators, SQL, emoji, long strings', async () => {
      const odd = [
        '"unbalanced',
        '-',
        '--',
        '"',
        '""',
        '- -',
        '-"',
        "'; drop table library_documents; --",
        '🙂🔥 terrorism 👍🏽',
        'a:* & b | !c',
        '(financing)',
        '\\',
        '\u0301',
        'क'.repeat(1000),
        'a'.repeat(5000),
        'a"b-c'.repeat(2000),
        '\u0000',
        'تمويلُ "الإرهاب',
        '"技术援助" -报告',
      ];
      for (const q of odd) {
        const response = await app.inject({ method: 'GET', url: `/api/v1/library/search?q=${encodeURIComponent(q)}` });
        expect(response.statusCode, `${JSON.stringify(q.slice(0, 40))}: ${response.body.slice(0, 300)}`).toBe(200);
      }
      // The library is still there afterwards.
      expect((await search({})).total).toBe(6);
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async (q) => {
          const response = await app.inject({
            method: 'GET',
            url: `/api/v1/library/search?q=${encodeURIComponent(q)}`,
          });
          expect(response.statusCode, `${JSON.stringify(q)}: ${response.body.slice(0, 300)}`).toBe(200);
        }),
        { numRuns: 50 },
      );
    });

    it('a query longer than allowed is refused with 400, not a server error', async () => {
      const response = await app.inject({ method: 'GET', url: `/api/v1/library/search?q=${'a'.repeat(10_001)}` });
      expect(response.statusCode).toBe(400);
    });
  });

  describe('filters, facets, order and pages', () => {
    it('without a query lists everything, with facets that add up and list every language', async () => {
      const body = await search({});
      expect(body.total).toBe(6);
      expect(new Set(idsOf(body))).toEqual(new Set(Object.values(ids)));
      const sum = (facet: { count: number }[]) => facet.reduce((n, f) => n + f.count, 0);
      expect(body.facets.language.map((f) => f.value).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
      expect(sum(body.facets.language)).toBe(body.total);
      expect(sum(body.facets.kind)).toBe(body.total);
      expect(body.facets.kind).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ value: 'legislation', count: 3 }),
          expect.objectContaining({ value: 'ta_tool', count: 2 }),
          expect.objectContaining({ value: 'un_document', count: 1 }),
        ]),
      );
      expect(body.facets.country).toEqual(
        expect.arrayContaining([expect.objectContaining({ value: 'NER', label: 'Niger', count: 1 })]),
      );
      expect(sum(body.facets.country)).toBe(3);
      expect(body.facets.instrument).toEqual([expect.objectContaining({ value: 'icsft-1999', count: 1 })]);
      expect(body.facets.year.map((f) => f.value)).toEqual(['2016', '2015', '2014', '2012', '2010', '2008']);
    });

    it('each filter narrows the results, and the facets count only what is left', async () => {
      const zh = await search({ lang: 'zh' });
      expect(idsOf(zh)).toEqual([ids.zh]);
      expect(zh.facets.language).toEqual([{ value: 'zh', label: 'zh', count: 1 }]);

      const niger = await search({ country: 'ner' });
      expect(idsOf(niger)).toEqual([ids.en]);
      expect(niger.facets.country).toEqual([{ value: 'NER', label: 'Niger', count: 1 }]);

      const tools = await search({ kind: 'ta_tool' });
      expect(new Set(idsOf(tools))).toEqual(new Set([ids.ru, ids.es]));
      expect(tools.facets.kind).toEqual([{ value: 'ta_tool', label: 'ta_tool', count: 2 }]);

      expect(idsOf(await search({ instrument: 'icsft-1999' }))).toEqual([ids.en]);
      expect(idsOf(await search({ year: 2010 }))).toEqual([ids.fr]);
      expect(idsOf(await search({ q: 'financing', kind: 'ta_tool', lang: 'en' }))).toEqual([]);
      expect(new Set(idsOf(await search({ category: 'substantive_criminal_law' })))).toEqual(
        new Set([ids.en, ids.fr, ids.ar]),
      );
      const themed = await search({ theme: 'financing_of_terrorism', year: 2012 });
      expect(idsOf(themed)).toEqual([ids.ru]);
    });

    it('sort=date_desc and date_asc order by date', async () => {
      const desc = await search({ sort: 'date_desc' });
      expect(desc.results.map((r) => r.date)).toEqual([
        '2016-05-10',
        '2015-02-24',
        '2014-02-07',
        '2012-09-01',
        '2010-03-15',
        '2008-06-01',
      ]);
      const asc = await search({ sort: 'date_asc' });
      expect(idsOf(asc)).toEqual([...idsOf(desc)].reverse());
    });

    it('pages of two give the rest, without repeats, with the same total', async () => {
      const pages = await Promise.all([1, 2, 3, 4].map((page) => search({ sort: 'date_desc', pageSize: 2, page })));
      expect(pages.map((p) => p.total)).toEqual([6, 6, 6, 6]);
      expect(pages.map((p) => p.results.length)).toEqual([2, 2, 2, 0]);
      expect(pages.flatMap(idsOf)).toEqual(idsOf(await search({ sort: 'date_desc' })));
      expect(pages[1]).toMatchObject({ page: 2, pageSize: 2 });
    });
  });

  describe('typo tolerance', () => {
    it('a misspelt word finds the documents whose titles hold it, flagged as fuzzy', async () => {
      const body = await search({ q: 'Terorism' });
      expect(body.fuzzy).toBe(true);
      expect(new Set(idsOf(body))).toEqual(new Set([ids.en, ids.fr, ids.zh]));
      expect(body.total).toBe(3);
    });

    it('a country name with a letter too many finds the documents of that country', async () => {
      const body = await search({ q: 'Nigerr' });
      expect(body.fuzzy).toBe(true);
      expect(idsOf(body)).toEqual([ids.en]);
    });

    // Fails: word_similarity is 0.5 here, under the 0.6 threshold of `<%` (see the report).
    it('misspelt title words ("Finacing Terorism law") find the law by a close match, flagged as fuzzy', async () => {
      const body = await search({ q: 'Finacing Terorism law' });
      expect(body.fuzzy).toBe(true);
      expect(idsOf(body)).toContain(ids.en);
    });

    // Fails: a transposition in a five-letter name gives word_similarity 0.5, under the 0.6 threshold.
    it('a country name with two letters swapped ("Nigre") finds the documents of Niger', async () => {
      const body = await search({ q: 'Nigre' });
      expect(body.fuzzy).toBe(true);
      expect(idsOf(body)).toContain(ids.en);
    });

    it('a phrase or an exclusion is not matched loosely', async () => {
      expect(await search({ q: '"Terorism"' })).toMatchObject({ total: 0, fuzzy: false });
      expect(await search({ q: 'Terorism -law' })).toMatchObject({ total: 0, fuzzy: false });
    });
  });

  it('format=csv downloads a header and one row per result', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/library/search?q=financing&lang=en&format=csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="library-search-2026-06-30\.csv"/);
    const json = await search({ q: 'financing', lang: 'en' });
    const records = parseCsv(response.body);
    expect(response.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
      'id,title,kind,country,country_name,language,date,score,snippet,url',
    );
    expect(records).toHaveLength(json.total);
    expect(records.map((r) => r.values.id)).toEqual(idsOf(json));
    const law = records.find((r) => r.values.id === ids.en)!;
    expect(law.values).toMatchObject({
      title: 'Law No. 2008-12 on combating the financing of terrorism',
      country: 'NER',
      country_name: 'Niger',
      language: 'en',
      date: '2008-06-01',
    });
    expect(law.values.snippet).not.toContain('[[');
    expect(law.values.url).toMatch(new RegExp(`/library/${ids.en}$`));

    const chinese = parseCsv(
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/library/search?q=${encodeURIComponent('技术援助')}&format=csv`,
        })
      ).body,
    );
    expect(chinese.map((r) => r.values.id)).toEqual([ids.zh]);
    expect(chinese[0]!.values.snippet).toContain('技术援助');
  });

  // Fails: results carry the title in the language of the text found, whatever `hl` asks for (see the report).
  it('hl chooses the language of the titles of the results, as documented for the parameter', async () => {
    const english = await search({ q: '技术援助', hl: 'en' });
    expect(english.results[0]!.title).toBe(
      'Assistance in implementing the international conventions and protocols related to terrorism: report of the Secretary-General',
    );
    const chinese = await search({ q: '技术援助', hl: 'zh' });
    expect(chinese.results[0]!.title).toBe('协助执行与恐怖主义有关的国际公约和议定书：秘书长的报告');
  });
});
