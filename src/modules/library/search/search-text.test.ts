import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KIND, type TestDb } from '../../../../test/helpers/db.ts';
import { takesBinaryParameters } from '../../../db/client.ts';
import { LANGUAGES } from '../../../contracts/languages.ts';
import { MAX_TERMS, parseQuery } from './query.ts';
import { snippetOf } from './snippets.ts';
import { textQuery, tsQueryLiteral, VectorBuilder } from './lexemes.ts';
import { analyse, hanPairs, normalizeArabic, segmentHan, TEXT_SEARCH_CONFIG } from './text.ts';
import type { Language } from '../../../contracts/languages.ts';

const englishQuery = (input: string) => tsQueryLiteral(parseQuery(input).include, 'en', '&');

describe('search text analysis', () => {
  it('splits Chinese into words with ICU, leaving other scripts alone', () => {
    const words = segmentHan('联合国毒品和犯罪问题办公室协助各国批准反恐怖主义公约').split(' ');
    expect(words).toContain('毒品');
    expect(words).toContain('公约');
    expect(words.length).toBeGreaterThan(5);
    expect(segmentHan('Financing Convention')).toBe('Financing Convention');
  });

  it('folds Arabic vowel marks, tatweel, alef, yaa, taa marbuta and hamza forms', () => {
    expect(normalizeArabic('الإرهاب')).toBe(normalizeArabic('الارهاب'));
    expect(normalizeArabic('اتفاقيَّة')).toBe(normalizeArabic('اتفاقيه'));
    expect(normalizeArabic('مستشفى')).toBe('مستشفي');
    expect(normalizeArabic('مـــكافحة')).toBe(normalizeArabic('مكافحة'));
  });
});

describe('search query parser', () => {
  it('reads words, quoted phrases and exclusions', () => {
    expect(parseQuery('financing "foreign terrorist fighters" -aviation')).toEqual({
      include: [{ words: ['financing'] }, { words: ['foreign', 'terrorist', 'fighters'] }],
      exclude: [{ words: ['aviation'] }],
    });
    expect(englishQuery('financing "foreign terrorist fighters"')).toBe(
      "'financ' & ('foreign' <1> 'terrorist' <1> 'fighter')",
    );
    expect(tsQueryLiteral(parseQuery('-aviation -"air navigation"').exclude, 'en', '|')).toBe(
      "'aviat' | ('air' <1> 'navig')",
    );
  });

  it('drops stop words, keeping their place in a phrase, and reads the words in each language when none is chosen', () => {
    expect(englishQuery('"act of terrorism"')).toBe("('act' <2> 'terror')");
    expect(englishQuery('the')).toBeNull();
    expect(tsQueryLiteral(parseQuery('financement').include, undefined, '&')).toBe("('financ') | ('financement')");
  });

  it("asks the index for a phrase's words in any order, and checks each language's own phrase reading on its texts", () => {
    const phrase = textQuery(parseQuery('"mutual legal assistance" financing').include, undefined);
    expect(phrase?.query).toContain("('mutual' <1> 'legal' <1> 'assist') & 'financ'");
    expect(phrase?.phrases?.bag).toContain("('mutual' & 'legal' & 'assist') & 'financ'");
    expect(phrase?.phrases?.bag).not.toContain('<');
    expect(phrase?.phrases?.byLanguage.get('en')).toBe("('mutual' <1> 'legal' <1> 'assist') & 'financ'");
    expect(phrase?.phrases?.byLanguage.get('ru')).toBe("('mutual' <1> 'legal' <1> 'assistance') & 'financing'");
    // Words only: the index answers the query itself, nothing is left to check.
    expect(textQuery(parseQuery('mutual legal assistance').include, 'en')).toEqual({
      query: "'mutual' & 'legal' & 'assist'",
      phrases: null,
    });
    expect(textQuery(parseQuery('资助恐怖主义').include, 'zh')?.phrases).toBeNull();
  });

  it('asks the index for a Chinese phrase by its pairs of neighbouring words', () => {
    const [first, second, third] = analyse('资助恐怖主义').split(' ');
    expect(tsQueryLiteral(parseQuery('资助恐怖主义').include, 'zh', '&')).toBe(
      `('${first}${second}' & '${second}${third}')`,
    );
    expect(tsQueryLiteral(parseQuery('技术援助').include, 'zh', '&')).toBe("'技术援助'");
  });

  it("snippets mark the words found by their lexeme in the text's language, and skip stop words", () => {
    const words = (query: string) => parseQuery(query).include.flatMap((term) => term.words);
    expect(
      snippetOf(
        'Whoever provides financing for the terrorism of others is punished.',
        'en',
        words('the financed terrorism'),
      ),
    ).toBe('Whoever provides [[financing]] for the [[terrorism]] of others is punished.');
    expect(snippetOf('Le financement du terrorisme est puni.', 'fr', words('financements'))).toBe(
      'Le [[financement]] du terrorisme est puni.',
    );
    // Nothing in the text: its opening words, unmarked.
    const long = Array.from({ length: 100 }, (_, k) => `word${k}`).join(' ');
    expect(snippetOf(long, 'en', words('absent'))).toBe(Array.from({ length: 32 }, (_, k) => `word${k}`).join(' '));
  });

  it('snippets show at most two passages, around their matches, in text order', () => {
    const filler = (from: number, count: number) => Array.from({ length: count }, (_, k) => `w${from + k}`).join(' ');
    const text = `${filler(0, 100)} extradition ${filler(100, 100)} hostage ${filler(200, 100)} extradition ${filler(300, 20)}`;
    const snippet = snippetOf(text, 'en', ['extradition', 'hostage']);
    const passages = snippet.split(' … ');
    expect(passages).toHaveLength(2);
    expect(passages.every((passage) => passage.split(' ').length === 32)).toBe(true);
    // The first passage is the first match, with words before and after it.
    expect(passages[0]).toMatch(/^w8\d .* \[\[extradition\]\] w10\d .*/);
    expect(snippet.match(/\[\[/g)).toHaveLength(2);
  });

  it('snippets mark a Chinese phrase as one run of characters, without the spaces of segmentation', () => {
    const text = analyse('本法规定，为恐怖活动提供技术援助，或者资助恐怖主义的，处五年以下有期徒刑。');
    const query = parseQuery('技术援助').include.flatMap((term) => term.words);
    const snippet = snippetOf(text, 'zh', query);
    expect(snippet).toContain('[[技术援助]]');
    expect(snippet).not.toMatch(/[\u4e00-\u9fff]\s+[\u4e00-\u9fff]/u);
  });

  it('pairs neighbouring Chinese words across punctuation, never across other words', () => {
    expect(hanPairs('提供 技术 , 援助 ABC 资助 恐怖')).toEqual(['提供技术', '技术援助', '资助恐怖']);
    expect(hanPairs('terrorism financing')).toEqual([]);
  });

  it('copes with unbalanced quotes, lone operators, SQL-looking text and emoji', () => {
    expect(parseQuery('"unclosed phrase')).toEqual({ include: [{ words: ['unclosed', 'phrase'] }], exclude: [] });
    expect(parseQuery('- -- "" & | !')).toEqual({ include: [], exclude: [] });
    expect(englishQuery("'; drop table users; --")).toBe("'drop' & 'tabl' & 'user'");
    expect(englishQuery('🙂 terrorism 🙂')).toBe("'terror'");
    expect(englishQuery('-only -exclusions')).toBeNull();
  });

  it('cuts very long input to a bounded number of terms', () => {
    const query = parseQuery('word '.repeat(2000));
    expect(query.include.length).toBeLessThanOrEqual(MAX_TERMS);
  });

  it('accepts any string without error', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 10_000 }), (input) => {
        const query = parseQuery(input);
        const text = tsQueryLiteral(query.include, undefined, '&');
        // No operator at either end, no empty group, no two operators in a row.
        if (text !== null) expect(text).not.toMatch(/^\s*[&|]|[&|!]\s*$|\(\s*\)|[&|]\s*[&|]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('search on the database', () => {
  let database: TestDb;
  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const matches = async (lang: Language, document: string, query: string) => {
    const parsed = parseQuery(query);
    const included = tsQueryLiteral(parsed.include, lang, '&');
    if (included === null) return false;
    const excluded = parsed.exclude.length > 0 ? tsQueryLiteral(parsed.exclude, lang, '|') : null;
    const analysed = analyse(document);
    const vector = new VectorBuilder(lang).addText(analysed, 'D').addLexemes(hanPairs(analysed), 'D').literal();
    const result = (await database.db.execute(
      sql`select ${vector}::tsvector @@ (${included}::tsquery && !!coalesce(${excluded}::tsquery, ''::tsquery)) as hit`,
    )) as unknown as { rows: { hit: boolean }[] };
    return result.rows[0]!.hit;
  };

  // Hyphenated compounds are the one known difference: PostgreSQL adds the whole compound to its parts.
  it("gives the lexemes, positions and weights of PostgreSQL's own configurations", async () => {
    const samples: Record<Exclude<Language, 'zh'>, string> = {
      en: 'The States Parties shall take measures to criminalize the financing of terrorism and of terrorist organizations; mutual legal assistance.',
      fr: "Les États parties prennent les mesures nécessaires pour ériger en infraction le financement du terrorisme et l'entraide judiciaire.",
      es: 'Los Estados Partes adoptarán las medidas necesarias para tipificar como delito la financiación del terrorismo y la extradición.',
      ru: 'Государства участники принимают меры, необходимые для признания уголовным преступлением финансирование терроризма и выдачу.',
      ar: analyse(
        'تتخذ الدول الأطراف التدابير اللازمة لتجريم تمويل الإرهاب وتسليم المجرمين والمساعدة القانونية المتبادلة',
      ),
    };
    for (const [lang, text] of Object.entries(samples) as [Exclude<Language, 'zh'>, string][]) {
      const ours = new VectorBuilder(lang).addText(text, 'B').literal();
      const result = (await database.db.execute(sql`
        select ${ours}::tsvector::text as ours, setweight(to_tsvector(${TEXT_SEARCH_CONFIG[lang]}::regconfig, ${text}), 'B')::text as theirs`)) as unknown as {
        rows: { ours: string; theirs: string }[];
      };
      expect(result.rows[0]!.ours, lang).toBe(result.rows[0]!.theirs);
    }
  });

  it('stores the same vector from its binary form as from its text form, where the driver sends binary', async () => {
    // PGlite takes parameters as text: the indexer gives it the text form.
    expect(takesBinaryParameters(database.db)).toBe(TEST_DB_KIND === 'postgres');
    if (TEST_DB_KIND !== 'postgres') return;
    const samples: [Language, string][] = [
      ['en', "The State's \\ back-slashed financing of terrorism 🙂 financing 𝒳 terrorism again and again"],
      ['zh', analyse('联合国毒品和犯罪问题办公室在预防恐怖主义方面提供的技术援助。')],
      ['ar', analyse('تتخذ الدول الأطراف التدابير اللازمة لتجريم تمويل الإرهاب')],
      ['ru', 'финансирование терроризма и выдача'],
      ['fr', ''],
    ];
    for (const [lang, text] of samples) {
      const vector = new VectorBuilder(lang)
        .addText('Titre du texte', 'A')
        .addText(text, 'C')
        .addText(text.repeat(300), 'D')
        .addLexemes(hanPairs(text), 'D');
      const result = (await database.db.execute(
        sql`select ${vector.binary()}::tsvector::text as binary, ${vector.literal()}::tsvector::text as literal`,
      )) as unknown as { rows: { binary: string; literal: string }[] };
      expect(result.rows[0]!.binary, lang).toBe(result.rows[0]!.literal);
    }
  });

  it('finds Chinese documents by words, not only by exact substrings', async () => {
    const document = '秘书长的报告介绍了联合国毒品和犯罪问题办公室在预防恐怖主义方面提供的技术援助。';
    expect(await matches('zh', document, '恐怖主义')).toBe(true);
    expect(await matches('zh', document, '技术援助')).toBe(true);
    expect(await matches('zh', document, '"联合国毒品和犯罪问题办公室"')).toBe(true);
    expect(await matches('zh', document, '核恐怖主义')).toBe(false);
  });

  it('finds Arabic words written without hamza or with vowel marks, and stems them', async () => {
    const document = 'تقرير الأمين العام عن المساعدة التقنية في مجال منع الإرهاب';
    expect(await matches('ar', document, 'الارهاب')).toBe(true);
    expect(await matches('ar', document, 'الإرْهَاب')).toBe(true);
  });

  it('stems English, French, Russian and Spanish, and honours phrases and exclusions', async () => {
    expect(await matches('en', 'States ratified the conventions', 'ratified convention')).toBe(true);
    expect(await matches('en', 'States ratified the conventions', 'ratified protocol')).toBe(false);
    expect(await matches('fr', 'la répression du financement du terrorisme', 'financements terrorisme')).toBe(true);
    expect(await matches('ru', 'конвенции о борьбе с финансированием терроризма', 'конвенция терроризм')).toBe(true);
    expect(
      await matches('es', 'convenios para la represión de la financiación del terrorismo', 'convenio financiación'),
    ).toBe(true);
    expect(await matches('en', 'foreign terrorist fighters', '"foreign terrorist fighters"')).toBe(true);
    expect(await matches('en', 'fighters, terrorist and foreign', '"foreign terrorist fighters"')).toBe(false);
    expect(await matches('en', 'foreign terrorist fighters and aviation', 'fighters -aviation')).toBe(false);
  });

  it('never makes PostgreSQL reject a query, whatever was typed, in any of the six languages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.constantFrom(...LANGUAGES),
        async (input, lang) => {
          const tsquery = tsQueryLiteral(parseQuery(input).include, lang, '&');
          if (tsquery === null) return;
          await database.db.execute(sql`select ${tsquery}::tsquery`);
        },
      ),
      { numRuns: 150 },
    );
  });
});
