import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { LibraryDocument } from '../../../contracts/library.ts';
import { toAkomaNtoso } from './akoma-ntoso.ts';

const FIXTURES = new URL('../../../../test/fixtures/akn/', import.meta.url);
const OPTIONS = { publisher: 'Lexpact', generatedAt: '2025-03-01T10:15:00.000Z' };

let schema = '';
let xmlSchema = '';

beforeAll(async () => {
  [schema, xmlSchema] = await Promise.all([
    readFile(new URL('akomantoso30.xsd', FIXTURES), 'utf8'),
    readFile(new URL('xml.xsd', FIXTURES), 'utf8'),
  ]);
});

async function validate(xml: string) {
  return validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [{ fileName: 'akomantoso30.xsd', contents: schema }],
    preload: [{ fileName: 'xml.xsd', contents: xmlSchema }],
  });
}

/** Fails with the schema's own messages, which say exactly which element is wrong. */
async function expectValid(xml: string) {
  const result = await validate(xml);
  if (!result.valid) console.error(result.rawOutput, '\n', xml);
  expect(result.errors.map((error) => error.message)).toEqual([]);
  expect(result.valid).toBe(true);
}

const decodeEntities = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** Text of every <p> in the body, entities decoded: what an XML parser would hand back. */
function bodyParagraphs(xml: string): string[] {
  const body = xml.slice(xml.indexOf('</preface>') >= 0 ? xml.indexOf('</preface>') : xml.indexOf('</header>'));
  return [...body.matchAll(/<p(?: [^>]*)?>(.*?)<\/p>/gs)].map((match) => decodeEntities(match[1] ?? ''));
}

function document(overrides: Partial<LibraryDocument>): LibraryDocument {
  return {
    id: 'doc-1',
    uri: '/akn/ne/act/2008/12',
    kind: 'legislation',
    subtype: 'act',
    title: 'Law',
    titles: { en: 'Law' },
    country: 'NER',
    countryName: 'Niger',
    organization: null,
    symbol: null,
    number: null,
    court: null,
    caseNumber: null,
    parties: null,
    decisionDate: null,
    adoptedDate: null,
    publishedDate: null,
    inForceDate: null,
    repealedDate: null,
    status: null,
    statusAsAt: null,
    categories: [],
    themes: [],
    source: null,
    officialUrl: null,
    visibility: 'public',
    languages: [],
    instruments: [],
    asAt: '2025-01-01',
    expressions: [],
    current: [],
    events: [],
    affects: [],
    references: { symbols: [], resolutions: [], instruments: [], countries: [] },
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    canEdit: false,
    ...overrides,
  };
}

const expression = (language: LibraryDocument['current'][number]['language'], versionDate: string) => ({
  id: `expr-${language}-${versionDate}`,
  language,
  versionDate,
  file: null,
  textLength: 100,
});

describe('toAkomaNtoso', () => {
  it('writes an act with Chinese text, an amendment and a repeal that validates against the OASIS schema', async () => {
    const act = document({
      uri: '/akn/cn/act/2015/36',
      country: 'CHN',
      countryName: 'China',
      number: '2015-36',
      title: '中华人民共和国反恐怖主义法',
      titles: { zh: '中华人民共和国反恐怖主义法', en: 'Counter-Terrorism Law of the People’s Republic of China' },
      adoptedDate: '2015-12-27',
      publishedDate: '2015-12-27',
      source: 'Gazette of the Standing Committee',
      current: [expression('zh', '2018-04-27')],
      expressions: [expression('zh', '2018-04-27'), expression('zh', '2015-12-27')],
      events: [
        {
          type: 'repeal',
          date: '2030-01-01',
          by: { id: 'd3', title: 'Repealing Act', uri: '/akn/cn/act/2029/1' },
          note: null,
        },
        { type: 'commencement', date: '2016-01-01', by: null, note: null },
        {
          type: 'amendment',
          date: '2018-04-27',
          by: { id: 'd2', title: 'Decision on amending six laws', uri: '/akn/cn/act/2018/6' },
          note: 'Article 96',
        },
      ],
      instruments: [
        {
          instrument: 'icsft-1999',
          article: '2(1)',
          note: null,
          title: 'International Convention for the Suppression of the Financing of Terrorism',
        },
      ],
    });
    const text = '第一章 总则\n\n第一条 为了防范和惩治恐怖活动，制定本法。\n第二条 国家反对一切形式的恐怖主义。';
    const xml = toAkomaNtoso(act, { language: 'zh', content: text }, OPTIONS);

    await expectValid(xml);
    expect(xml).toContain('<act name="act" contains="singleVersion">');
    expect(xml).toContain('<FRBRuri value="/akn/cn/act/2015/36"/>');
    expect(xml).toContain('<FRBRuri value="/akn/cn/act/2015/36/zho@2018-04-27"/>');
    expect(xml).toContain('<FRBRlanguage language="zho"/>');
    expect(xml).toContain('<FRBRcountry value="cn"/>');
    expect(xml).toContain(
      '<FRBRalias value="Counter-Terrorism Law of the People’s Republic of China" name="title-en"/>',
    );
    expect(xml).toContain('<docTitle xml:lang="zh">中华人民共和国反恐怖主义法</docTitle>');
    expect(xml).toContain('<eventRef eId="event_1" date="2015-12-27" source="#original" type="generation"/>');
    expect(xml).toContain('<eventRef eId="event_2" date="2016-01-01" source="#lexpact" refersTo="#commencement"/>');
    expect(xml).toContain('<eventRef eId="event_3" date="2018-04-27" source="#passiveRef_1" type="amendment"/>');
    expect(xml).toContain('<eventRef eId="event_4" date="2030-01-01" source="#passiveRef_2" type="repeal"/>');
    expect(xml).toContain(
      '<passiveRef eId="passiveRef_1" href="/akn/cn/act/2018/6" showAs="Decision on amending six laws"/>',
    );
    expect(xml).toContain('<TLCOrganization eId="lexpact" href="/ontology/organization/lexpact" showAs="Lexpact"/>');
    expect(xml).toContain(
      '<publication date="2015-12-27" name="officialPublication" showAs="Gazette of the Standing Committee"/>',
    );
    expect(bodyParagraphs(xml)).toEqual([
      '第一章 总则',
      '第一条 为了防范和惩治恐怖活动，制定本法。<br/>第二条 国家反对一切形式的恐怖主义。',
    ]);
  });

  it('writes a draft bill as <bill>', async () => {
    const bill = document({
      uri: '/akn/ke/bill/2024/7',
      country: 'KEN',
      countryName: 'Kenya',
      subtype: 'draft_bill',
      title: 'Prevention of Terrorism (Amendment) Bill',
      titles: { en: 'Prevention of Terrorism (Amendment) Bill' },
      current: [expression('en', '2024-03-01')],
    });
    const xml = toAkomaNtoso(
      bill,
      { language: 'en', content: 'A Bill for an Act of Parliament to amend the Prevention of Terrorism Act.' },
      OPTIONS,
    );

    await expectValid(xml);
    expect(xml).toContain('<bill name="bill">');
    expect(xml).toContain('<FRBRsubtype value="draft_bill"/>');
    // No adoption, decision or publication date: the version date stands in, and there is no lifecycle.
    expect(xml).toContain('<FRBRdate date="2024-03-01" name="version"/>');
    expect(xml).not.toContain('<lifecycle');
    expect(bodyParagraphs(xml)).toEqual(['A Bill for an Act of Parliament to amend the Prevention of Terrorism Act.']);
  });

  it('writes a judgment with a header and a judgmentBody', async () => {
    const judgment = document({
      uri: '/akn/fr/judgment/2019/123',
      kind: 'case_law',
      subtype: null,
      country: 'FRA',
      countryName: 'France',
      court: 'Cour de cassation',
      caseNumber: '18-86.767',
      parties: 'Ministère public c. X',
      decisionDate: '2019-06-12',
      title: 'Arrêt n° 1234',
      titles: { fr: 'Arrêt n° 1234' },
      current: [expression('fr', '2019-06-12')],
    });
    const xml = toAkomaNtoso(judgment, { language: 'fr', content: 'LA COUR,\n\nRejette le pourvoi.' }, OPTIONS);

    await expectValid(xml);
    expect(xml).toContain('<judgment name="judgment">');
    expect(xml).toContain('<courtType>Cour de cassation</courtType>');
    expect(xml).toContain('<docketNumber>18-86.767</docketNumber>');
    expect(xml).toContain('<FRBRdate date="2019-06-12" name="decision"/>');
    expect(xml).toContain('<FRBRlanguage language="fra"/>');
    expect(xml).toMatch(/<judgmentBody xml:lang="fr">\s*<decision>/);
    expect(bodyParagraphs(xml)).toEqual(['LA COUR,', 'Rejette le pourvoi.']);
  });

  it('writes a UN document without text as <doc> with a placeholder paragraph', async () => {
    const resolution = document({
      uri: '/akn/un/statement/2001/s-res-1373',
      kind: 'un_document',
      subtype: 'resolution',
      country: null,
      countryName: null,
      organization: 'Security Council',
      symbol: 'S/RES/1373 (2001)',
      adoptedDate: '2001-09-28',
      title: 'Resolution 1373 (2001)',
      titles: { en: 'Resolution 1373 (2001)', fr: 'Résolution 1373 (2001)', ar: 'القرار 1373 (2001)' },
    });
    const xml = toAkomaNtoso(resolution, null, OPTIONS);

    await expectValid(xml);
    expect(xml).toContain('<doc name="un_document">');
    expect(xml).toContain('<FRBRalias value="S/RES/1373 (2001)" name="symbol"/>');
    expect(xml).toContain('<FRBRnumber value="S/RES/1373 (2001)"/>');
    expect(xml).toContain('<FRBRalias value="القرار 1373 (2001)" name="title-ar"/>');
    expect(xml).toContain('<FRBRuri value="/akn/un/statement/2001/s-res-1373/eng@2001-09-28"/>');
    expect(xml).toContain(
      '<TLCOrganization eId="author" href="/ontology/organization/security-council" showAs="Security Council"/>',
    );
    expect(xml).toContain('<p status="editorial">Text not available.</p>');
  });

  it('escapes markup, drops characters XML cannot carry, and keeps emoji and Arabic intact', async () => {
    const hostile = document({
      uri: '/akn/eg/act/2015/94',
      kind: 'legislation',
      subtype: 'decree',
      country: 'EGY',
      countryName: 'Egypt',
      title: 'Loi "spéciale" <2015> & co',
      titles: { ar: 'قانون مكافحة الإرهاب', fr: 'Loi "spéciale" <2015> & co' },
      adoptedDate: '2015-08-15',
      current: [expression('ar', '2015-08-15')],
    });
    const raw =
      'مادة ١: <script>alert("x")</script> & \'quotes\'\u0007 bell\u0000 nul 🏛️ emoji \uD800lone \uFFFF end\n\nفقرة ثانية';
    const xml = toAkomaNtoso(hostile, { language: 'ar', content: raw }, OPTIONS);

    await expectValid(xml);
    expect(xml).toContain('<act name="decree">');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert("x")&lt;/script&gt; &amp; \'quotes\'');
    expect(xml).toContain('<FRBRalias value="Loi &quot;spéciale&quot; &lt;2015&gt; &amp; co" name="title-fr"/>');
    expect(xml).not.toMatch(/(?![\t\n\r])\p{Cc}|\p{Cs}|\uFFFF/u);
    expect(bodyParagraphs(xml)).toEqual([
      'مادة ١: <script>alert("x")</script> & \'quotes\' bell nul 🏛️ emoji lone  end',
      'فقرة ثانية',
    ]);
    expect(xml).toContain('<docTitle xml:lang="ar">قانون مكافحة الإرهاب</docTitle>');
  });

  it('reports a document without <meta> as invalid, so the checks above can fail', async () => {
    const xml = toAkomaNtoso(
      document({ adoptedDate: '2008-05-01' }),
      { language: 'en', content: 'Article 1.' },
      OPTIONS,
    );
    await expectValid(xml);

    const broken = xml.replace(/<meta>[\s\S]*<\/meta>\n/, '');
    expect(broken).not.toContain('<meta>');
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.map((error) => error.message).join('\n')).toMatch(/meta/);
  });
});
