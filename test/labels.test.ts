import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../src/contracts/languages.ts';
import { parseCsv } from '../src/lib/csv.ts';
import { classOf, legendClasses } from '../web/src/modules/status/components/mapClasses.ts';
import { reasonOf } from '../web/src/lib/reasons.ts';
import { REASON_CODES } from '../src/contracts/reasons.ts';

type Messages = Record<string, unknown>;
const load = (lang: string, ns: string) =>
  JSON.parse(readFileSync(new URL(`../locales/${lang}/${ns}.json`, import.meta.url), 'utf8')) as Messages;

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
}

describe('the world map legend', () => {
  it('names exact counts when each shade holds one count', () => {
    expect(legendClasses(5).map((c) => [c.from, c.to])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(legendClasses(3).map((c) => [c.from, c.to])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('gives each shade the range of counts the map paints with it, and no more', () => {
    const classes = legendClasses(19);
    expect(classes.map((c) => [c.from, c.to])).toEqual([
      [0, 0],
      [1, 5],
      [6, 9],
      [10, 14],
      [15, 18],
      [19, 19],
    ]);
    for (const c of classes) {
      for (let n = c.from; n <= c.to; n += 1) expect(classes[classOf(n, 19)]).toEqual(c);
    }
  });
});

describe('field problems from the server', () => {
  async function translator(lang: string) {
    const i18n = i18next.createInstance();
    await i18n.use(ICU).init({
      lng: lang,
      fallbackLng: false,
      ns: ['common'],
      defaultNS: 'common',
      resources: { [lang]: { common: load(lang, 'common') } },
    });
    const t = i18n.t.bind(i18n) as unknown as (key: string, options?: Record<string, unknown>) => string;
    return (problem: Parameters<typeof reasonOf>[0]) =>
      reasonOf(problem, t, (key) => i18n.exists(key, { ns: 'common' }));
  }

  it('are translated by their code, with their values, in French and Arabic', async () => {
    const fr = await translator('fr');
    expect(fr({ field: 'asOf', reason: 'must be a real date written as YYYY-MM-DD', code: 'invalid_date' })).toEqual({
      text: 'doit être une date réelle écrite sous la forme AAAA-MM-JJ',
    });
    const tooShort = { origin: 'string', minimum: 3, inclusive: 'true' };
    expect(fr({ field: 'title', reason: 'Too small', code: 'too_small', params: tooShort }).text).toBe(
      'doit comporter au moins 3 caractères',
    );
    const c = { field: 'countries.0', reason: 'XYZ is not known', code: 'unknown_country', params: { value: 'XYZ' } };
    expect(fr(c).text).toBe('XYZ n’est pas un pays connu');
    const ar = await translator('ar');
    const tooBig = { origin: 'number', maximum: 500, inclusive: 'true' };
    expect(ar({ field: 'limit', reason: 'Too big', code: 'too_big', params: tooBig }).text).toMatch(
      /^يجب ألا يزيد على /,
    );
    expect(ar({ field: 'endDate', reason: 'must be on or after the start date', code: 'before_start_date' }).text).toBe(
      'يجب أن يكون في تاريخ البدء أو بعده',
    );
  });

  it("keep the server's English sentence, marked as English, for a code without a translation", async () => {
    const fr = await translator('fr');
    expect(fr({ field: 'x', reason: 'the column "x" is given twice', code: 'no_such_code' })).toEqual({
      text: 'the column "x" is given twice',
      lang: 'en',
    });
    expect(fr({ field: 'x', reason: 'did you mean NER?' })).toEqual({ text: 'did you mean NER?', lang: 'en' });
  });

  it('have a message in each of the six languages for every code the server can give', async () => {
    // Every value any reason takes, so that a message naming one the server does not send fails here.
    const params = {
      ...{ value: 'XYZ', values: 'a, b', each: 'true', column: 'title', file: 'a.pdf', line: 2, kind: 'law' },
      ...{ origin: 'string', minimum: 3, maximum: 5, inclusive: 'true', format: 'email', expected: 'string' },
      ...{ divisor: 2, women: 1, men: 2, total: 2, sum: 3, currency: 'EUR', date: '2024-01-01', status: 'active' },
      ...{ participant: 'NER', instrument: 'icsft-1999', from: '2024-01-01', to: '2023-01-01' },
    };
    expect(Object.keys(load('en', 'common').reasons as Messages).sort()).toEqual([...REASON_CODES].sort());
    for (const lang of LANGUAGES) {
      const translate = await translator(lang);
      for (const code of REASON_CODES) {
        const reason = translate({ field: 'x', reason: 'English', code, params });
        expect(reason.lang, `${lang}: reasons.${code}`).toBeUndefined();
        expect(reason.text, `${lang}: reasons.${code}`).not.toMatch(/[{}]|^English$/);
      }
    }
  });
});

describe('words of the interface', () => {
  it('English writes "organization" (United Nations style), never "organisation"', () => {
    for (const ns of ['common', 'status', 'accounts', 'library', 'programme', 'funding', 'programmeImport', 'mail']) {
      expect(
        strings(load('en', ns)).filter((text) => /organis(e|ation|ing)/i.test(text)),
        ns,
      ).toEqual([]);
    }
  });

  it('every place of adoption in the catalogue has a name in each of the six languages', () => {
    const catalogue = parseCsv(readFileSync(new URL('../data/instruments.csv', import.meta.url), 'utf8'));
    const places = new Set(catalogue.map((r) => r.values.adopted_place).filter(Boolean));
    // The instrument page's key: the English name in camel case.
    const key = (place: string) =>
      place.toLowerCase().replace(/\s+(\p{L})/gu, (_, letter: string) => letter.toUpperCase());
    for (const lang of LANGUAGES) {
      const names = load(lang, 'status').places as Record<string, string>;
      for (const place of places) expect(names[key(place!)], `${lang}: ${place}`).toBeTruthy();
    }
    expect((load('zh', 'status').places as Record<string, string>).newYork).toBe('纽约');
    expect((load('ar', 'status').places as Record<string, string>).newYork).toBe('نيويورك');
  });
});
