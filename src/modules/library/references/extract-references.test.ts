import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatcher, type References } from './extract-references.ts';
import { loadGazetteerFromFiles } from './gazetteer-from-files.ts';

const DATA = fileURLToPath(new URL('../../../../data/', import.meta.url));
const matcher = buildMatcher(loadGazetteerFromFiles(DATA));
const extract = (text: string) => matcher.extract(text);
const none: References = { symbols: [], resolutions: [], instruments: [], countries: [] };

describe('the Chinese report of the Secretary-General (E/CN.15/2014/1)', () => {
  const report = readFileSync(`${DATA}documents/sg-report-2014-terrorism-prevention.zh.md`, 'utf8');
  const found = extract(report);

  it('finds the document symbol written in it', () => {
    expect(found.symbols).toEqual(['E/CN.15/2014/1']);
  });

  it('finds the General Assembly and Security Council resolutions, in symbol form', () => {
    expect(found.resolutions).toEqual([
      'A/RES/60/288',
      'A/RES/64/168',
      'A/RES/66/178',
      'A/RES/67/189',
      'A/RES/67/99',
      'A/RES/68/119',
      'A/RES/68/178',
      'A/RES/68/187',
      'A/RES/68/193',
      'S/RES/1267 (1999)',
      'S/RES/1373 (2001)',
      'S/RES/1540 (2004)',
      'S/RES/1989 (2011)',
    ]);
  });

  it('finds the six instruments it names in 《》, and not the CPPNM that its Amendment contains', () => {
    expect(found.instruments).toEqual([
      'beijing-convention-2010', // 《制止与国际民用航空有关的非法行为的公约》
      'beijing-protocol-2010', // 《制止非法劫持航空器公约的补充议定书》
      'cppnm-amendment-2005', // 《核材料实物保护公约修正案》
      'icsant-2005', // 《制止核恐怖主义行为国际公约》
      'icsft-1999', // 《制止向恐怖主义提供资助的国际公约》
      'terrorist-bombings-1997', // 《制止恐怖主义爆炸的国际公约》
    ]);
  });

  it('finds the States it names, by official and common Chinese names', () => {
    // 尼日尔, 尼日利亚, 马里, 阿尔及利亚, 乍得, 毛里塔尼亚, 布基纳法索, 塞内加尔, 也门, 阿富汗, 哈萨克斯坦,
    // 突尼斯, 索马里, 多民族玻利维亚国, 老挝人民民主共和国, 巴布亚新几内亚, 日本, 美国, 大不列颠及北爱尔兰联合王国, 欧洲联盟
    for (const id of [
      'NER',
      'NGA',
      'MLI',
      'DZA',
      'TCD',
      'MRT',
      'BFA',
      'SEN',
      'YEM',
      'AFG',
      'KAZ',
      'TUN',
      'SOM',
      'BOL',
      'LAO',
      'PNG',
      'JPN',
      'USA',
      'GBR',
      'EUU',
    ]) {
      expect(found.countries, id).toContain(id);
    }
    expect(found.countries.length).toBeGreaterThan(60);
  });

  it('does not take the 印度 of 印度洋委员会 (Indian Ocean Commission) for India', () => {
    expect(report).toContain('印度洋委员会');
    expect(found.countries).not.toContain('IND');
  });
});

describe('English', () => {
  it('finds resolutions, instruments and countries in a preambular paragraph', () => {
    const text =
      'Recalling Security Council resolutions 1373 (2001) and 2178 (2014) and General Assembly resolution 60/288, and the International Convention for the Suppression of the Financing of Terrorism, Niger and Nigeria…';
    expect(extract(text)).toEqual({
      symbols: [],
      resolutions: ['A/RES/60/288', 'S/RES/1373 (2001)', 'S/RES/2178 (2014)'],
      instruments: ['icsft-1999'],
      countries: ['NER', 'NGA'],
    });
  });

  it('reads lists and the organ-less forms by their number', () => {
    expect(
      extract('resolutions 1267 (1999) and 1989 (2011); resolutions 68/119 and 68/178; resolution 1373(2001)')
        .resolutions,
    ).toEqual(['A/RES/68/119', 'A/RES/68/178', 'S/RES/1267 (1999)', 'S/RES/1373 (2001)', 'S/RES/1989 (2011)']);
  });

  it('leaves session/number resolutions of other bodies alone', () => {
    const text =
      'Human Rights Council resolution 25/7, resolution 22/6 of the Commission on Crime Prevention and Criminal Justice, Economic and Social Council resolution 2013/37, ' +
      'Commission on Narcotic Drugs resolution 56/12; Conference of the Parties to the United Nations Convention against Transnational Organized Crime resolution 5/1. ' +
      'In its resolution 6/2, the Conference';
    expect(extract(text).resolutions).toEqual([]);
    const assembly =
      'In its resolution 60/288, the General Assembly. The Commission welcomed the adoption by States of resolution 68/119.';
    expect(extract(assembly).resolutions).toEqual(['A/RES/60/288', 'A/RES/68/119']);
  });

  it('finds and normalises document symbols, and explicit resolution symbols count as resolutions too', () => {
    const text =
      'See S/RES/1373(2001), A/RES/60/288, E/CN.15/2014/6, A/68/841–S/2014/41, A/HRC/25/59, CTOC/COP/2012/15, E/2014/30, A/C.3/68/L.16/Rev.1, S/PRST/2014/5 and ST/SGB/2003/13.';
    expect(extract(text)).toEqual({
      ...none,
      symbols: [
        'A/68/841',
        'A/C.3/68/L.16/Rev.1',
        'A/HRC/25/59',
        'A/RES/60/288',
        'CTOC/COP/2012/15',
        'E/2014/30',
        'E/CN.15/2014/6',
        'S/2014/41',
        'S/PRST/2014/5',
        'S/RES/1373 (2001)',
        'ST/SGB/2003/13',
      ],
      resolutions: ['A/RES/60/288', 'S/RES/1373 (2001)'],
    });
  });

  it('does not take dates, fractions or and/or for symbols', () => {
    expect(extract('On 12/05/2014, and/or A/B testing, 3/4 of S/he').symbols).toEqual([]);
  });

  it('matches names as whole words, the longest one at each place', () => {
    expect(extract('Nigeria alone').countries).toEqual(['NGA']);
    expect(extract('Guinea-Bissau').countries).toEqual(['GNB']);
    expect(extract('Equatorial Guinea and Papua New Guinea').countries).toEqual(['GNQ', 'PNG']);
    expect(extract('Chadian officials and a chad of paper').countries).toEqual([]);
    expect(extract('Chad').countries).toEqual(['TCD']);
    expect(
      extract(
        'Protocol of 2005 to the Convention for the Suppression of Unlawful Acts against the Safety of Maritime Navigation',
      ).instruments,
    ).toEqual(['sua-protocol-2005']);
    expect(
      extract('the Convention for the Suppression of Unlawful Acts against the  Safety of Maritime\nNavigation')
        .instruments,
    ).toEqual(['sua-1988']);
  });

  it('tolerates case, accents, apostrophes and line breaks', () => {
    expect(extract("CÔTE D’IVOIRE, Cote d'Ivoire and São Tomé and Príncipe").countries).toEqual(['CIV', 'STP']);
    expect(extract('the international convention\nfor the suppression of TERRORIST BOMBINGS').instruments).toEqual([
      'terrorist-bombings-1997',
    ]);
  });

  it('takes names under four letters only as the exact capitals', () => {
    const small = buildMatcher({
      instruments: [{ id: 'sua-1988', names: ['SUA'] }],
      countries: [{ id: 'TCD', names: ['Tch'] }],
    });
    expect(small.extract('the SUA instruments').instruments).toEqual(['sua-1988']);
    expect(small.extract('una sua posizione, Sua, SUAX').instruments).toEqual([]);
    expect(small.extract('Tch').countries).toEqual([]);
  });
});

describe('French, Spanish, Russian and Arabic', () => {
  it('French', () => {
    expect(
      extract(
        "la résolution 1373 (2001) du Conseil de sécurité, la résolution 60/288 de l'Assemblée générale, la Convention internationale pour la répression du financement du terrorisme, le Niger et la Fédération de Russie",
      ),
    ).toEqual({
      ...none,
      resolutions: ['A/RES/60/288', 'S/RES/1373 (2001)'],
      instruments: ['icsft-1999'],
      countries: ['NER', 'RUS'],
    });
    expect(extract('la résolution 25/7 du Conseil des droits de l’homme').resolutions).toEqual([]);
  });

  it('Spanish', () => {
    expect(
      extract(
        'la resolución 1373 (2001) y las resoluciones 68/119 y 68/178 de la Asamblea General; el Convenio para la represión de actos ilícitos contra la seguridad de la navegación marítima; Nigeria y Chad',
      ),
    ).toEqual({
      ...none,
      resolutions: ['A/RES/68/119', 'A/RES/68/178', 'S/RES/1373 (2001)'],
      instruments: ['sua-1988'],
      countries: ['NGA', 'TCD'],
    });
  });

  it('Russian, with the commonest case endings', () => {
    expect(
      extract(
        'резолюция 1373 (2001) Совета Безопасности и резолюции 60/288; Международная конвенция о борьбе с захватом заложников; в Нигерии, Франции и России',
      ),
    ).toEqual({
      ...none,
      resolutions: ['A/RES/60/288', 'S/RES/1373 (2001)'],
      instruments: ['hostages-1979'],
      countries: ['FRA', 'NGA', 'RUS'],
    });
    expect(extract('Нигер и Нигерия').countries).toEqual(['NER', 'NGA']);
  });

  it('Arabic, with attached conjunctions and prepositions, spelling variants and Arabic-Indic digits', () => {
    expect(
      extract(
        'القرار ١٣٧٣ (٢٠٠١) وقرار الجمعية العامة 60/288 والاتفاقية الدولية لمناهضة أخذ الرهائن والجزائر وبالنيجر',
      ),
    ).toEqual({
      ...none,
      resolutions: ['A/RES/60/288', 'S/RES/1373 (2001)'],
      instruments: ['hostages-1979'],
      countries: ['DZA', 'NER'],
    });
    expect(extract('اتفاقية الحماية المادية للمواد النوويه').instruments).toEqual(['cppnm-1980']); // ة written ه
    expect(extract('قرار مجلس حقوق الإنسان 25/7').resolutions).toEqual([]);
  });

  it('Arabic, with a conjunction and a preposition together, but not two conjunctions or three letters', () => {
    expect(extract('وبالجزائر').countries).toEqual(['DZA']);
    expect(extract('فالنيجر').countries).toEqual(['NER']);
    expect(extract('وفالنيجر').countries).toEqual([]);
    expect(extract('ولبالجزائر').countries).toEqual([]);
    expect(extract('الجزائرية').countries).toEqual([]);
  });
});

describe('Chinese', () => {
  it('reads 第…号决议 in all its forms', () => {
    const text =
      '第1373(2001)号决议；第 1540 (2004) 号决议；第 60/288 号决议；第68/119号决议；第1373（2001）号决议；第 68/119 和 68/178 号决议；第1267(1999)、1989(2011)号决议；第 67/99 号和第 68/187 号决议';
    expect(extract(text).resolutions).toEqual([
      'A/RES/60/288',
      'A/RES/67/99',
      'A/RES/68/119',
      'A/RES/68/178',
      'A/RES/68/187',
      'S/RES/1267 (1999)',
      'S/RES/1373 (2001)',
      'S/RES/1540 (2004)',
      'S/RES/1989 (2011)',
    ]);
    expect(extract('人权理事会第25/7号决议').resolutions).toEqual([]);
  });

  it('keeps 尼日尔 and 尼日利亚 apart and reports only the longest name at a place', () => {
    expect(extract('尼日利亚的官员').countries).toEqual(['NGA']);
    expect(extract('尼日尔和尼日利亚').countries).toEqual(['NER', 'NGA']);
    expect(extract('索马里').countries).toEqual(['SOM']);
    expect(extract('大不列颠及北爱尔兰联合王国').countries).toEqual(['GBR']);
    expect(extract('《核材料实物保护公约修正案》').instruments).toEqual(['cppnm-amendment-2005']);
  });

  it('does not find countries in 发展中国家, 国际, 印度洋 or after a date', () => {
    expect(extract('发展中国家；其中国际合作；印度洋委员会；3月19日本报告').countries).toEqual([]);
    expect(extract('中国和日本').countries).toEqual(['CHN', 'JPN']);
  });

  it('ignores a line break inside a name', () => {
    expect(extract('制止恐怖主义\n爆炸的国际公约').instruments).toEqual(['terrorist-bombings-1997']);
  });

  it('finds a name of a spaced script written straight after Chinese', () => {
    expect(extract('中国Niger和Nigeria').countries).toEqual(['CHN', 'NER', 'NGA']);
  });
});

describe('names of different kinds', () => {
  it('are matched each on their own: a name of one kind does not hide one of another inside it', () => {
    const small = buildMatcher({
      instruments: [{ id: 'niger-basin', names: ['Niger Basin Convention'] }],
      countries: [
        { id: 'NER', names: ['Niger'] },
        { id: 'NGA', names: ['Niger Basin'] },
      ],
    });
    expect(small.extract('the Niger Basin Convention')).toEqual({
      ...none,
      instruments: ['niger-basin'],
      countries: ['NGA'],
    });
  });
});

describe('robustness', () => {
  const isSortedUnique = (values: string[]) => values.every((v, i) => i === 0 || (values[i - 1] as string) < v);
  const check = (text: string) => {
    const found = extract(text);
    for (const values of Object.values(found)) expect(isSortedUnique(values)).toBe(true);
  };

  it('never throws and always returns sorted, unique lists, on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 5000 }), check), { numRuns: 200 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 5000 }), check), { numRuns: 100 });
  });

  it('never throws on strings made of the pieces the patterns look for', () => {
    const pieces = fc.constantFrom(
      'resolution',
      'resolutions',
      'résolution',
      'резолюции',
      'القرار',
      'قرار',
      '第',
      '号决议',
      '号',
      '和',
      '、',
      ' and ',
      ', ',
      ' ',
      '1373',
      '(2001)',
      '（2001）',
      '60/288',
      '/',
      'A/RES/',
      'S/RES/',
      'E/CN.15',
      '.',
      '(',
      ')',
      'XXV',
      'General Assembly',
      'Security Council',
      'Council',
      '大会',
      '安全理事会',
      'Niger',
      'Nigeria',
      '尼日尔',
      '尼日利亚',
      'Guinea',
      '-',
      'Bissau',
      'SUA',
      '中国',
      '国际',
      '日本',
      '1',
      '\n',
      'و',
      'ال',
      'Нигер',
      'ия',
      '\u0301',
      '\u00AD',
      '\uD800',
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 400 }).map((parts) => parts.join('')),
        check,
      ),
      { numRuns: 500 },
    );
  });

  it('finds names after letters that fold to more than one (ß → ss), in a text longer than 64 K units', () => {
    expect(extract('Straße: Niger').countries).toEqual(['NER']);
    expect(extract(`${'x '.repeat(40_000)}${'ß'.repeat(30_000)} Niger`).countries).toEqual(['NER']);
  });

  it('reads a 200 KB document quickly', () => {
    const report = readFileSync(`${DATA}documents/sg-report-2014-terrorism-prevention.zh.md`, 'utf8');
    const big = report.repeat(Math.ceil(200_000 / report.length));
    extract(big);
    const start = performance.now();
    extract(big);
    // Typically 30–40 ms; the bound only catches a pathological slow-down on a busy machine.
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
