import type { Gazetteer } from './extract-references.ts';

/**
 * The reference data holds official names and table short names; running text mostly uses shorter
 * forms. These are added to a gazetteer before the matcher is built. A derived form that would
 * point to two different ids is dropped: it would not tell them apart.
 */

// Official UN names in Chinese, Russian, Arabic, French and Spanish are the long forms; text written
// in those languages mostly uses these common forms. ("中非" is left out on purpose: it is also the
// 中非 of 中非国家经济共同体, the Economic Community of Central African States.)
const COMMON_NAMES: Record<string, string[]> = {
  ARE: ['阿联酋'],
  BIH: ['波黑'],
  BOL: ['玻利维亚'],
  BRN: ['文莱', 'Brunéi', 'Бруней', 'بروناي'],
  COD: ['刚果(金)', 'RDC', 'RD del Congo'],
  COG: ['刚果(布)'],
  CZE: ['République tchèque', 'República Checa', 'Чешская Республика', 'الجمهورية التشيكية', '捷克共和国'],
  EUU: ['欧盟', 'Евросоюз'],
  FSM: ['密克罗尼西亚'],
  GBR: ['英国', 'Royaume-Uni', 'Reino Unido', 'Великобритания', 'Соединенное Королевство', 'المملكة المتحدة'],
  IRN: ['伊朗'],
  KOR: ['韩国', 'Corée du Sud', 'Corea del Sur', 'Южная Корея', 'كوريا الجنوبية'],
  LAO: ['老挝', 'Laos', 'Лаос', 'لاوس'],
  MDA: ['摩尔多瓦', 'Moldavie', 'Молдова', 'Молдавия', 'مولدوفا'],
  NLD: ['荷兰', 'Pays-Bas', 'Países Bajos', 'Нидерланды', 'Голландия', 'هولندا'],
  PRK: ['朝鲜', 'Corée du Nord', 'Corea del Norte', 'КНДР', 'Северная Корея', 'كوريا الشمالية'],
  PSE: ['巴勒斯坦', 'Palestina', 'Палестина', 'فلسطين'],
  RUS: ['俄罗斯', 'Russie', 'Rusia', 'Россия', 'روسيا'],
  SYR: ['叙利亚', 'Syrie', 'Siria', 'Сирия', 'سوريا', 'سورية'],
  TUR: ['Turquie', 'Turquía'],
  TZA: ['坦桑尼亚', 'Tanzanie', 'Tanzanía', 'Танзания', 'تنزانيا'],
  USA: ['美国', 'États-Unis', 'Estados Unidos', 'الولايات المتحدة'],
  VAT: ['梵蒂冈'],
  VEN: ['委内瑞拉'],
};

// Without its year, the short name of these instruments also names another, better-known treaty:
// the Hague Conventions of 1899/1907 and later private-law conventions, the 1999 Montreal
// Convention on air carriers' liability, the 1987 Montreal Protocol on the ozone layer.
const KEEP_YEAR = new Set(['hague-1970', 'montreal-1971', 'montreal-protocol-2014']);

const TRAILING_YEAR = /\s*\(?\s*(?:1[89]\d\d|20\d\d)\s*\)?\s*$/u;
const PARENTHESIS = /\s*\([^()]*\)\s*/gu;

/**
 * "Bolivia (Plurinational State of)" → "Bolivia"; "UNTOC (Palermo Convention) 2000" → "UNTOC 2000";
 * a year in brackets stays: "东京公约 (1963)" → "东京公约 1963".
 */
export const withoutParentheses = (name: string): string =>
  name
    .replace(/\(\s*(\d{4})\s*\)/gu, ' $1 ')
    .replace(PARENTHESIS, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Parenthesised names that are names themselves: acronyms and "… Convention/Protocol [year]". */
function namesInParentheses(name: string): string[] {
  return [...name.matchAll(/\(([^()]+)\)/gu)]
    .map((m) => (m[1] as string).trim())
    .filter(
      (inner) =>
        /^[A-Z]{4,}$/u.test(inner) || /^\p{Lu}[\p{L} ]* (?:Convention|Protocol)(?: (?:1[89]|20)\d\d)?$/u.test(inner),
    );
}

function withVariants(
  groups: { id: string; names: string[] }[],
  derive: (id: string, name: string) => string[],
  extra: Record<string, string[]>,
) {
  const owners = new Map<string, Set<string>>();
  const derived = groups.map(({ id, names }) => {
    const candidates = new Set<string>([...names.flatMap((name) => derive(id, name)), ...(extra[id] ?? [])]);
    for (const name of names) candidates.delete(name);
    for (const name of candidates) {
      const key = name.normalize('NFKC').toLowerCase();
      owners.set(key, (owners.get(key) ?? new Set()).add(id));
    }
    return candidates;
  });
  // Given names count as owned too, so that a derived form cannot shadow another id's real name.
  for (const { id, names } of groups) {
    for (const name of names) {
      const key = name.normalize('NFKC').toLowerCase();
      owners.set(key, (owners.get(key) ?? new Set()).add(id));
    }
  }
  return groups.map(({ id, names }, index) => ({
    id,
    names: [
      ...names,
      ...[...(derived[index] as Set<string>)].filter(
        (name) => owners.get(name.normalize('NFKC').toLowerCase())?.size === 1,
      ),
    ],
  }));
}

export function addNameVariants(gazetteer: Gazetteer): Gazetteer {
  const instruments = withVariants(
    gazetteer.instruments,
    (id, name) => {
      const plain = withoutParentheses(name);
      const out = [plain, ...namesInParentheses(name)];
      if (!KEEP_YEAR.has(id)) out.push(plain.replace(TRAILING_YEAR, ''));
      return out.filter((n) => n.length >= 4);
    },
    {},
  );
  const countries = withVariants(
    gazetteer.countries,
    (_id, name) => [withoutParentheses(name)].filter((n) => n.length >= 4),
    COMMON_NAMES,
  );
  return { instruments, countries };
}
