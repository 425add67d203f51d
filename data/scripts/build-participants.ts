/**
 * Builds the participant reference data shipped in `data/`:
 *
 *   data/participants.csv          one row per participant that can take treaty action
 *   data/regions.csv               the UN M49 regions those participants use, plus World (001)
 *   data/participant-aliases.csv   name variants that must resolve to a participant
 *
 * Sources: the npm packages `world-countries` (ISO codes, UN membership, a regional grouping that
 * is mapped to UN M49 below) and `i18n-iso-countries` (names in ar, zh, fr, ru, es), the UNTC name
 * crosswalk `test/fixtures/untc-participants.csv` (a byte-exact copy of the shared reference file;
 * authority for the English UN short names, ISO alpha-3 and M49 codes of the States it covers), and
 * the small hand-maintained tables in this file. Provenance: data/README-participants.md.
 *
 * Run from the repository root with Node 24: `npx node data/scripts/build-participants.ts`
 * Then check the output: `npx node data/scripts/check-participants.ts`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Country } from 'world-countries';
import worldCountriesJson from 'world-countries/countries.json' with { type: 'json' };
import arJson from 'i18n-iso-countries/langs/ar.json' with { type: 'json' };
import esJson from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import frJson from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import ruJson from 'i18n-iso-countries/langs/ru.json' with { type: 'json' };
import zhJson from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };
import isoCodesJson from 'i18n-iso-countries/codes.json' with { type: 'json' };
import { normalizeName } from '../../src/modules/participants/participants.service.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CROSSWALK = join(ROOT, 'test', 'fixtures', 'untc-participants.csv');
const OUT_PARTICIPANTS = join(ROOT, 'data', 'participants.csv');
const OUT_REGIONS = join(ROOT, 'data', 'regions.csv');
const OUT_ALIASES = join(ROOT, 'data', 'participant-aliases.csv');

const OTHER_LANGS = ['fr', 'es', 'ru', 'ar', 'zh'] as const;
type OtherLang = (typeof OTHER_LANGS)[number];
type Kind = 'un_member_state' | 'non_member_state' | 'regional_economic_integration_org';
type LocaleNames = Record<string, string | string[]>;

const worldCountries = worldCountriesJson as unknown as Country[];
const isoCodes = isoCodesJson as unknown as [string, string, string, string][];
const PACKAGE_NAMES: Record<OtherLang, LocaleNames> = {
  fr: frJson.countries as LocaleNames,
  es: esJson.countries as LocaleNames,
  ru: ruJson.countries as LocaleNames,
  ar: arJson.countries as LocaleNames,
  zh: zhJson.countries as LocaleNames,
};

const problems: string[] = [];
const fail = (message: string) => problems.push(message);

// ---------------------------------------------------------------------------------------------
// Hand-maintained tables
// ---------------------------------------------------------------------------------------------

/** States that are not UN Members but whose instruments the Secretary-General accepts. */
const NON_MEMBER_STATES = ['VAT', 'PSE', 'COK', 'NIU'];

/** `world-countries` flags these as UN Members; they are not (the Holy See is a non-member observer State). */
const NOT_UN_MEMBERS_DESPITE_PACKAGE = new Set(['VAT']);

/** UN English short names of States the UNTC crosswalk does not cover (no action in its snapshots). */
const ENGLISH_NAMES_NOT_IN_CROSSWALK: Record<string, string> = {
  ERI: 'Eritrea',
  SSD: 'South Sudan',
  TUV: 'Tuvalu',
};

/**
 * UN M49 geographic regions used by the participants, plus World. Names in the six UN languages as
 * the UN M49 standard gives them (unstats.un.org/unsd/methodology/m49/).
 * Columns: m49, parent, level, en, fr, es, ru, ar, zh.
 */
const REGIONS: [string, string, string, string, string, string, string, string, string][] = [
  ['001', '', 'world', 'World', 'Monde', 'Mundo', 'Весь мир', 'العالم', '世界'],
  ['002', '001', 'region', 'Africa', 'Afrique', 'África', 'Африка', 'أفريقيا', '非洲'],
  ['019', '001', 'region', 'Americas', 'Amériques', 'Américas', 'Северная и Южная Америка', 'الأمريكتان', '美洲'],
  ['142', '001', 'region', 'Asia', 'Asie', 'Asia', 'Азия', 'آسيا', '亚洲'],
  ['150', '001', 'region', 'Europe', 'Europe', 'Europa', 'Европа', 'أوروبا', '欧洲'],
  ['009', '001', 'region', 'Oceania', 'Océanie', 'Oceanía', 'Океания', 'أوقيانوسيا', '大洋洲'],
  ['015', '002', 'subregion', 'Northern Africa', 'Afrique septentrionale', 'África septentrional', 'Северная Африка', 'أفريقيا الشمالية', '北非'],
  ['202', '002', 'subregion', 'Sub-Saharan Africa', 'Afrique subsaharienne', 'África Subsahariana', 'Африка к югу от Сахары', 'أفريقيا جنوب الصحراء الكبرى', '撒哈拉以南非洲'],
  ['419', '019', 'subregion', 'Latin America and the Caribbean', 'Amérique latine et Caraïbes', 'América Latina y el Caribe', 'Латинская Америка и Карибский бассейн', 'أمريكا اللاتينية ومنطقة البحر الكاريبي', '拉丁美洲和加勒比'],
  ['021', '019', 'subregion', 'Northern America', 'Amérique septentrionale', 'América septentrional', 'Северная Америка', 'أمريكا الشمالية', '北美'],
  ['143', '142', 'subregion', 'Central Asia', 'Asie centrale', 'Asia central', 'Центральная Азия', 'آسيا الوسطى', '中亚'],
  ['030', '142', 'subregion', 'Eastern Asia', 'Asie orientale', 'Asia oriental', 'Восточная Азия', 'شرقي آسيا', '东亚'],
  ['035', '142', 'subregion', 'South-eastern Asia', 'Asie du Sud-Est', 'Asia sudoriental', 'Юго-Восточная Азия', 'جنوب شرقي آسيا', '东南亚'],
  ['034', '142', 'subregion', 'Southern Asia', 'Asie méridionale', 'Asia meridional', 'Южная Азия', 'جنوب آسيا', '南亚'],
  ['145', '142', 'subregion', 'Western Asia', 'Asie occidentale', 'Asia occidental', 'Западная Азия', 'غربي آسيا', '西亚'],
  ['151', '150', 'subregion', 'Eastern Europe', 'Europe orientale', 'Europa oriental', 'Восточная Европа', 'أوروبا الشرقية', '东欧'],
  ['154', '150', 'subregion', 'Northern Europe', 'Europe septentrionale', 'Europa septentrional', 'Северная Европа', 'أوروبا الشمالية', '北欧'],
  ['039', '150', 'subregion', 'Southern Europe', 'Europe méridionale', 'Europa meridional', 'Южная Европа', 'أوروبا الجنوبية', '南欧'],
  ['155', '150', 'subregion', 'Western Europe', 'Europe occidentale', 'Europa occidental', 'Западная Европа', 'أوروبا الغربية', '西欧'],
  ['053', '009', 'subregion', 'Australia and New Zealand', 'Australie et Nouvelle-Zélande', 'Australia y Nueva Zelandia', 'Австралия и Новая Зеландия', 'أستراليا ونيوزيلندا', '澳大利亚和新西兰'],
  ['054', '009', 'subregion', 'Melanesia', 'Mélanésie', 'Melanesia', 'Меланезия', 'ميلانيزيا', '美拉尼西亚'],
  ['057', '009', 'subregion', 'Micronesia', 'Micronésie', 'Micronesia', 'Микронезия', 'ميكرونيزيا', '密克罗尼西亚'],
  ['061', '009', 'subregion', 'Polynesia', 'Polynésie', 'Polinesia', 'Полинезия', 'بولينيزيا', '波利尼西亚'],
  ['014', '202', 'intermediate', 'Eastern Africa', 'Afrique orientale', 'África oriental', 'Восточная Африка', 'شرق أفريقيا', '东非'],
  ['017', '202', 'intermediate', 'Middle Africa', 'Afrique centrale', 'África central', 'Центральная Африка', 'وسط أفريقيا', '中非'],
  ['018', '202', 'intermediate', 'Southern Africa', 'Afrique australe', 'África meridional', 'Южная часть Африки', 'الجنوب الأفريقي', '南部非洲'],
  ['011', '202', 'intermediate', 'Western Africa', 'Afrique occidentale', 'África occidental', 'Западная Африка', 'غرب أفريقيا', '西非'],
  ['029', '419', 'intermediate', 'Caribbean', 'Caraïbes', 'El Caribe', 'Карибский бассейн', 'منطقة البحر الكاريبي', '加勒比'],
  ['013', '419', 'intermediate', 'Central America', 'Amérique centrale', 'América central', 'Центральная Америка', 'أمريكا الوسطى', '中美洲'],
  ['005', '419', 'intermediate', 'South America', 'Amérique du Sud', 'América del Sur', 'Южная Америка', 'أمريكا الجنوبية', '南美洲'],
];

/** [M49 sub-region, M49 intermediate region or ''] — the region follows from the sub-region. */
type M49Place = [string, string];

/**
 * `world-countries` region/sub-region → UN M49. The package has no Sub-Saharan Africa or Latin
 * America level and groups Europe differently ("Central Europe", "Southeast Europe"), so those two
 * groups map country by country (M49_OVERRIDES) and the script stops if a member is missing there.
 */
const WC_GROUP_TO_M49: Record<string, M49Place | 'per-country'> = {
  'Africa/Northern Africa': ['015', ''],
  'Africa/Eastern Africa': ['202', '014'],
  'Africa/Middle Africa': ['202', '017'],
  'Africa/Southern Africa': ['202', '018'],
  'Africa/Western Africa': ['202', '011'],
  'Americas/Caribbean': ['419', '029'],
  'Americas/Central America': ['419', '013'],
  'Americas/South America': ['419', '005'],
  'Americas/North America': ['021', ''],
  'Asia/Central Asia': ['143', ''],
  'Asia/Eastern Asia': ['030', ''],
  'Asia/South-Eastern Asia': ['035', ''],
  'Asia/Southern Asia': ['034', ''],
  'Asia/Western Asia': ['145', ''],
  'Europe/Eastern Europe': ['151', ''],
  'Europe/Northern Europe': ['154', ''],
  'Europe/Southern Europe': ['039', ''],
  'Europe/Western Europe': ['155', ''],
  'Europe/Central Europe': 'per-country',
  'Europe/Southeast Europe': 'per-country',
  'Oceania/Australia and New Zealand': ['053', ''],
  'Oceania/Melanesia': ['054', ''],
  'Oceania/Micronesia': ['057', ''],
  'Oceania/Polynesia': ['061', ''],
};

/** States whose M49 place differs from what WC_GROUP_TO_M49 gives (or that need a per-country entry). */
const M49_OVERRIDES: Record<string, M49Place> = {
  MEX: ['419', '013'], // package: North America; M49: Latin America and the Caribbean › Central America
  SSD: ['202', '014'], // package: Middle Africa; M49: Eastern Africa
  CYP: ['145', ''], // package: Europe › Southern Europe; M49: Asia › Western Asia
  // package "Central Europe"
  AUT: ['155', ''],
  CZE: ['151', ''],
  HUN: ['151', ''],
  POL: ['151', ''],
  SVK: ['151', ''],
  SVN: ['039', ''],
  // package "Southeast Europe"
  ALB: ['039', ''],
  BGR: ['151', ''],
  BIH: ['039', ''],
  HRV: ['039', ''],
  MKD: ['039', ''],
  MNE: ['039', ''],
  ROU: ['151', ''],
  SRB: ['039', ''],
};

/**
 * Names where `i18n-iso-countries` does not give the UN short name (common names, abbreviations such
 * as "ОАЭ" or "ЦАР", outdated names such as "Swaziland", other spellings). Each value is the short
 * name in the UN M49 standard's list of countries in that language (which follows UNTERM), with the
 * typographic apostrophe ’ written as a straight apostrophe '. The script stops if an entry equals
 * the package's name (nothing to override) so the table stays minimal.
 */
const NAME_OVERRIDES: Record<string, Partial<Record<OtherLang, string>>> = {
  ARE: { fr: 'Émirats arabes unis', ru: 'Объединенные Арабские Эмираты', zh: '阿拉伯联合酋长国' },
  ATG: { ar: 'أنتيغوا وبربودا' },
  BEN: { ar: 'بنن' },
  BHS: { ru: 'Багамские Острова', ar: 'جزر البهاما' },
  BIH: { zh: '波斯尼亚和黑塞哥维那' },
  BLR: { fr: 'Bélarus', es: 'Belarús', ar: 'بيلاروس' },
  BOL: { fr: 'Bolivie (État plurinational de)', es: 'Bolivia (Estado Plurinacional de)', ru: 'Боливия (Многонациональное Государство)', ar: 'بوليفيا (دولة - المتعددة القوميات)', zh: '多民族玻利维亚国' },
  BRB: { ar: 'بربادوس' },
  BRN: { fr: 'Brunéi Darussalam', ru: 'Бруней-Даруссалам', ar: 'بروني دار السلام', zh: '文莱达鲁萨兰国' },
  BTN: { es: 'Bhután' },
  CAF: { fr: 'République centrafricaine', ru: 'Центральноафриканская Республика', zh: '中非共和国' },
  CHL: { ar: 'شيلي' },
  CHN: { ru: 'Китай' },
  CIV: { fr: "Côte d'Ivoire", es: "Côte d'Ivoire", ru: "Кот-д'Ивуар", ar: 'كوت ديفوار' },
  COD: { es: 'República Democrática del Congo', zh: '刚果民主共和国' },
  COG: { fr: 'Congo', ru: 'Конго', ar: 'الكونغو', zh: '刚果' },
  COM: { ru: 'Коморские Острова' },
  CPV: { fr: 'Cabo Verde', ar: 'كابو فيردي' },
  CZE: { fr: 'Tchéquie', es: 'Chequia', ar: 'تشيكيا' },
  DJI: { es: 'Djibouti' },
  DNK: { ar: 'الدانمرك' },
  DOM: { fr: 'République dominicaine', ar: 'الجمهورية الدومينيكية' },
  ECU: { ar: 'إكوادور' },
  FSM: { fr: 'Micronésie (États fédérés de)', es: 'Micronesia (Estados Federados de)', ru: 'Микронезия (Федеративные Штаты)', ar: 'ميكرونيزيا (ولايات - الموحدة)' },
  GAB: { ar: 'غابون' },
  GBR: { fr: "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", es: 'Reino Unido de Gran Bretaña e Irlanda del Norte', ru: 'Соединенное Королевство Великобритании и Северной Ирландии', ar: 'المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية', zh: '大不列颠及北爱尔兰联合王国' },
  GNB: { es: 'Guinea-Bissau', ar: 'غينيا - بيساو' },
  HUN: { ar: 'هنغاريا' },
  IDN: { zh: '印度尼西亚' },
  IRL: { ar: 'آيرلندا' },
  IRN: { fr: "Iran (République islamique d')", es: 'Irán (República Islámica del)', ru: 'Иран (Исламская Республика)', ar: 'إيران (جمهورية - الإسلامية)', zh: '伊朗伊斯兰共和国' },
  IRQ: { fr: 'Iraq' },
  KAZ: { es: 'Kazajstán' },
  KEN: { es: 'Kenya' },
  KGZ: { ru: 'Кыргызстан' },
  KIR: { ar: 'كيريباس' },
  KNA: { fr: 'Saint-Kitts-et-Nevis', ar: 'سانت كيتس ونيفس' },
  KOR: { fr: 'République de Corée', ar: 'جمهورية كوريا', zh: '大韩民国' },
  LAO: { fr: 'République démocratique populaire lao', es: 'República Democrática Popular Lao', ru: 'Лаосская Народно-Демократическая Республика', ar: 'جمهورية لاو الديمقراطية الشعبية', zh: '老挝人民民主共和国' },
  LBR: { ar: 'ليبريا' },
  LKA: { ar: 'سري لانكا' },
  LSO: { es: 'Lesotho' },
  LUX: { ar: 'لكسمبرغ' },
  MDA: { fr: 'République de Moldova', es: 'República de Moldova', ru: 'Республика Молдова', ar: 'جمهورية مولدوفا', zh: '摩尔多瓦共和国' },
  MDV: { ru: 'Мальдивские Острова', ar: 'ملديف' },
  MLT: { ar: 'مالطة' },
  MMR: { ar: 'ميانمار' },
  MOZ: { ar: 'موزامبيق' },
  MWI: { es: 'Malawi', ar: 'ملاوي' },
  NIU: { fr: 'Nioué', ar: 'نيوي' },
  NLD: { fr: 'Pays-Bas (Royaume des)', es: 'Países Bajos (Reino de los)', ru: 'Нидерланды (Королевство)', ar: 'هولندا (مملكة -)', zh: '荷兰王国' },
  NZL: { es: 'Nueva Zelandia' },
  PNG: { ru: 'Папуа-Новая Гвинея' },
  PRK: { fr: 'République populaire démocratique de Corée', ru: 'Корейская Народно-Демократическая Республика', ar: 'جمهورية كوريا الشعبية الديمقراطية', zh: '朝鲜民主主义人民共和国' },
  PSE: { fr: 'État de Palestine', es: 'Estado de Palestina', ar: 'دولة فلسطين', zh: '巴勒斯坦国' },
  QAT: { es: 'Qatar' },
  ROU: { es: 'Rumania' },
  RUS: { fr: 'Fédération de Russie', es: 'Federación de Rusia', ar: 'الاتحاد الروسي', zh: '俄罗斯联邦' },
  RWA: { es: 'Rwanda' },
  SAU: { fr: 'Arabie saoudite', ar: 'المملكة العربية السعودية' },
  STP: { fr: 'Sao Tomé-et-Principe', ar: 'سان تومي وبرينسيبي' },
  SWZ: { fr: 'Eswatini', es: 'Eswatini', ar: 'إسواتيني' },
  SYC: { ar: 'سيشيل' },
  SYR: { fr: 'République arabe syrienne', ru: 'Сирийская Арабская Республика', ar: 'الجمهورية العربية السورية', zh: '阿拉伯叙利亚共和国' },
  THA: { ar: 'تايلند' },
  TKM: { ru: 'Туркменистан' },
  TLS: { ru: 'Тимор-Лешти', ar: 'تيمور - ليشتي' },
  TTO: { es: 'Trinidad y Tabago' },
  TUR: { fr: 'Türkiye', es: 'Türkiye' },
  TZA: { fr: 'République-Unie de Tanzanie', es: 'República Unida de Tanzanía', ru: 'Объединенная Республика Танзания', ar: 'جمهورية تنزانيا المتحدة', zh: '坦桑尼亚联合共和国' },
  URY: { ar: 'أوروغواي' },
  USA: { es: 'Estados Unidos de América', ru: 'Соединенные Штаты Америки', ar: 'الولايات المتحدة الأمريكية', zh: '美利坚合众国' },
  VAT: { fr: 'Saint-Siège', ru: 'Святой Престол', ar: 'الكرسي الرسولي', zh: '教廷' },
  VCT: { fr: 'Saint-Vincent-et-les Grenadines', ar: 'سانت فنسنت وجزر غرينادين' },
  VEN: { fr: 'Venezuela (République bolivarienne du)', es: 'Venezuela (República Bolivariana de)', ru: 'Венесуэла (Боливарианская Республика)', ar: 'فنزويلا (جمهورية - البوليفارية)', zh: '委内瑞拉玻利瓦尔共和国' },
  VNM: { fr: 'Viet Nam', es: 'Viet Nam', ar: 'فييت نام' },
  ZAF: { ru: 'Южная Африка' },
  ZWE: { es: 'Zimbabwe', ar: 'زمبابوي' },
};

/** The European Union: no ISO 3166-1 or M49 country code, no M49 region. */
const EUROPEAN_UNION = {
  id: 'EUU',
  kind: 'regional_economic_integration_org' as Kind,
  names: { en: 'European Union', fr: 'Union européenne', es: 'Unión Europea', ru: 'Европейский союз', ar: 'الاتحاد الأوروبي', zh: '欧洲联盟' },
};

/** Notes for UNTC crosswalk names that are not the current UN English short name. */
const CROSSWALK_NOTES: Record<string, string> = {
  'Cape Verde': 'UNTC name; former UN English short name (UN uses "Cabo Verde" since late 2013)',
  "Cte d'Ivoire": 'UNTC name as damaged in the 2013-06-06 snapshot (the "ô" was dropped)',
  'Czech Republic': 'UNTC name; UN English short name until 2016 ("Czechia"), still the formal name',
  Netherlands: 'UNTC name; UN English short name until 2023 ("Netherlands (Kingdom of the)")',
  'St. Kitts and Nevis': 'UNTC name; abbreviated form used by UNTC status pages',
  'St. Lucia': 'UNTC name; abbreviated form used by UNTC status pages',
  'St. Vincent and the Grenadines': 'UNTC name; abbreviated form used by UNTC status pages',
  Swaziland: 'UNTC name; former name (renamed Eswatini in 2018)',
  'The former Yugoslav Republic of Macedonia': 'UNTC name; UN name until February 2019 ("North Macedonia")',
  Turkey: 'UNTC name; UN English short name until June 2022 ("Türkiye")',
};

/**
 * Further variants, former names of the same State and alternative English names. Names of former
 * States that are not the same legal person (Yugoslavia, Czechoslovakia, USSR, German Democratic
 * Republic, Serbia and Montenegro) are deliberately absent: see data/README-participants.md.
 */
const EXTRA_ALIASES: [alias: string, participantId: string, note: string][] = [
  ['European Community', 'EUU', 'name before the Treaty of Lisbon (in force 1 December 2009), when the European Union replaced and succeeded the European Community'],
  ["Cote d'Ivoire", 'CIV', 'spelling without diacritics'],
  ['Côte d’Ivoire', 'CIV', 'typographic apostrophe (U+2019), as written in UN M49'],
  ['Ivory Coast', 'CIV', 'English translation of the name; not used by the UN'],
  ['Burma', 'MMR', 'former English name (until 1989)'],
  ['Zaire', 'COD', 'name from 1971 to 1997'],
  ['Republic of Macedonia', 'MKD', 'constitutional name before February 2019'],
  ['Macedonia, the former Yugoslav Republic of', 'MKD', 'former ISO 3166-1 English short name'],
  ['Kingdom of the Netherlands', 'NLD', 'formal name'],
  ['Bolivia', 'BOL', 'common short name'],
  ['Plurinational State of Bolivia', 'BOL', 'formal name'],
  ['Bolivia, Plurinational State of', 'BOL', 'ISO 3166-1 English short name'],
  ['Venezuela', 'VEN', 'common short name'],
  ['Bolivarian Republic of Venezuela', 'VEN', 'formal name'],
  ['Venezuela, Bolivarian Republic of', 'VEN', 'ISO 3166-1 English short name'],
  ['Iran', 'IRN', 'common short name'],
  ['Islamic Republic of Iran', 'IRN', 'formal name'],
  ['Iran, Islamic Republic of', 'IRN', 'ISO 3166-1 English short name'],
  ['Syria', 'SYR', 'common short name'],
  ['Laos', 'LAO', 'common short name'],
  ['Lao PDR', 'LAO', 'abbreviated name (World Bank usage)'],
  ['Vietnam', 'VNM', 'common spelling'],
  ['Russia', 'RUS', 'common short name'],
  ['Moldova', 'MDA', 'common short name'],
  ['Moldova, Republic of', 'MDA', 'ISO 3166-1 English short name'],
  ['Tanzania', 'TZA', 'common short name'],
  ['Tanzania, United Republic of', 'TZA', 'ISO 3166-1 English short name'],
  ['South Korea', 'KOR', 'common name'],
  ['Korea, Republic of', 'KOR', 'ISO 3166-1 English short name'],
  ['North Korea', 'PRK', 'common name'],
  ["Korea, Democratic People's Republic of", 'PRK', 'ISO 3166-1 English short name'],
  ['United States', 'USA', 'common short name'],
  ['United Kingdom', 'GBR', 'common short name'],
  ['Micronesia', 'FSM', 'common short name'],
  ['Federated States of Micronesia', 'FSM', 'formal name'],
  ['Micronesia, Federated States of', 'FSM', 'ISO 3166-1 English short name'],
  ['Palestine', 'PSE', 'common short name'],
  ['Palestine, State of', 'PSE', 'ISO 3166-1 English short name'],
  ['Vatican City', 'VAT', 'name of the territory; treaty action is taken by the Holy See'],
  ['Vatican City State', 'VAT', 'name of the territory; treaty action is taken by the Holy See'],
  ['Holy See (Vatican City State)', 'VAT', 'ISO 3166-1 English short name'],
  ['Brunei', 'BRN', 'common short name'],
  ['East Timor', 'TLS', 'English translation of the name'],
  ['Timor Leste', 'TLS', 'spelling without hyphen'],
  ['São Tomé and Príncipe', 'STP', 'spelling with diacritics'],
  ['Saint Christopher and Nevis', 'KNA', 'alternative name in the Constitution'],
  ['The Gambia', 'GMB', 'name with article'],
  ['The Bahamas', 'BHS', 'name with article'],
  ['Republic of the Congo', 'COG', 'formal name; not the Democratic Republic of the Congo'],
  ['Republic of Congo', 'COG', 'formal name without article; not the Democratic Republic of the Congo'],
  ['Congo-Brazzaville', 'COG', 'informal name after the capital'],
  ['Democratic Republic of Congo', 'COD', 'variant without article'],
  ['Congo, The Democratic Republic of the', 'COD', 'ISO 3166-1 English short name'],
  ['Congo-Kinshasa', 'COD', 'informal name after the capital'],
  ['Kyrgyz Republic', 'KGZ', 'formal name'],
  ['Slovak Republic', 'SVK', 'formal name'],
  ['Libyan Arab Jamahiriya', 'LBY', 'UN short name until September 2011'],
  ['Ceylon', 'LKA', 'name until 1972'],
  ['Dahomey', 'BEN', 'name until 1975'],
  ['Upper Volta', 'BFA', 'name until 1984'],
  ['Western Samoa', 'WSM', 'name until 1997'],
];

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------

interface CrosswalkRow {
  source_name: string;
  iso3: string;
  m49: string;
  un_name_en: string;
  kind: string;
}
const crosswalk = parse(readFileSync(CROSSWALK), { columns: true, bom: true, skip_empty_lines: true }) as CrosswalkRow[];
const crosswalkByIso3 = new Map<string, CrosswalkRow>();
for (const row of crosswalk) {
  if (!row.iso3) continue;
  const seen = crosswalkByIso3.get(row.iso3);
  if (seen && (seen.un_name_en !== row.un_name_en || seen.m49 !== row.m49 || seen.kind !== row.kind)) fail(`crosswalk rows for ${row.iso3} disagree`);
  if (!seen) crosswalkByIso3.set(row.iso3, row);
}

const regionByCode = new Map(REGIONS.map((r) => [r[0], r]));
const byCca3 = new Map(worldCountries.map((c) => [c.cca3, c]));
const isoByAlpha3 = new Map(isoCodes.map(([alpha2, alpha3, numeric]) => [alpha3, { alpha2, numeric }]));

const unMembers = worldCountries.filter((c) => c.unMember && !NOT_UN_MEMBERS_DESPITE_PACKAGE.has(c.cca3)).map((c) => c.cca3);
if (unMembers.length !== 193) fail(`expected 193 UN Member States, got ${unMembers.length}`);
const stateIds = [...unMembers, ...NON_MEMBER_STATES].sort();

const firstName = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

interface Participant {
  id: string;
  iso3: string;
  iso2: string;
  m49: string;
  kind: Kind;
  region: string;
  subregion: string;
  intermediate: string;
  names: Record<'en' | OtherLang, string>;
}

function m49Place(country: Country): M49Place {
  const override = M49_OVERRIDES[country.cca3];
  const mapped = WC_GROUP_TO_M49[`${country.region}/${country.subregion}`];
  if (mapped === undefined) fail(`${country.cca3}: no M49 mapping for world-countries group ${country.region}/${country.subregion}`);
  if (override) {
    if (Array.isArray(mapped) && mapped[0] === override[0] && mapped[1] === override[1]) fail(`${country.cca3}: M49 override repeats the group mapping`);
    return override;
  }
  if (mapped === 'per-country') fail(`${country.cca3}: ${country.region}/${country.subregion} needs an entry in M49_OVERRIDES`);
  return Array.isArray(mapped) ? mapped : ['', ''];
}

const participants: Participant[] = stateIds.map((id) => {
  const country = byCca3.get(id);
  if (!country) throw new Error(`world-countries has no ${id}`);
  const iso = isoByAlpha3.get(id);
  const cross = crosswalkByIso3.get(id);
  const m49 = country.ccn3.padStart(3, '0');
  const kind: Kind = NON_MEMBER_STATES.includes(id) ? 'non_member_state' : 'un_member_state';
  if (!/^\d{3}$/.test(m49)) fail(`${id}: bad numeric code ${country.ccn3}`);
  if (!iso || iso.alpha2 !== country.cca2 || iso.numeric !== m49) fail(`${id}: world-countries and i18n-iso-countries codes disagree`);
  if (cross && cross.m49 !== m49) fail(`${id}: crosswalk M49 ${cross.m49} differs from ISO numeric ${m49}`);
  if (cross && cross.kind !== kind) fail(`${id}: crosswalk kind ${cross.kind} differs from ${kind}`);
  const en = cross?.un_name_en ?? ENGLISH_NAMES_NOT_IN_CROSSWALK[id];
  if (!en) fail(`${id}: no English UN short name (not in the crosswalk nor in ENGLISH_NAMES_NOT_IN_CROSSWALK)`);
  if (cross && ENGLISH_NAMES_NOT_IN_CROSSWALK[id]) fail(`${id}: in the crosswalk, remove it from ENGLISH_NAMES_NOT_IN_CROSSWALK`);

  const names = { en: en ?? '' } as Record<'en' | OtherLang, string>;
  for (const lang of OTHER_LANGS) {
    const fromPackage = firstName(PACKAGE_NAMES[lang][country.cca2]);
    const override = NAME_OVERRIDES[id]?.[lang];
    if (override !== undefined && override === fromPackage) fail(`${id}/${lang}: override equals the package name "${fromPackage}"`);
    names[lang] = override ?? fromPackage;
  }

  const [subregion, intermediate] = m49Place(country);
  const region = regionByCode.get(subregion)?.[1] ?? '';
  return { id, iso3: id, iso2: country.cca2, m49, kind, region, subregion, intermediate, names };
});
for (const id of Object.keys(NAME_OVERRIDES)) if (!stateIds.includes(id)) fail(`NAME_OVERRIDES has unknown id ${id}`);
for (const id of Object.keys(M49_OVERRIDES)) if (!stateIds.includes(id)) fail(`M49_OVERRIDES has unknown id ${id}`);

participants.push({ id: EUROPEAN_UNION.id, iso3: '', iso2: '', m49: '', kind: EUROPEAN_UNION.kind, region: '', subregion: '', intermediate: '', names: EUROPEAN_UNION.names });
participants.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

for (const p of participants) {
  for (const [lang, name] of Object.entries(p.names)) {
    if (!name.trim()) fail(`${p.id}: empty name_${lang}`);
    if (name.includes('’')) fail(`${p.id}: name_${lang} uses a typographic apostrophe; write '`);
  }
  if (p.kind !== 'regional_economic_integration_org') {
    const sub = regionByCode.get(p.subregion);
    if (!sub || sub[2] !== 'subregion') fail(`${p.id}: ${p.subregion} is not a known M49 sub-region`);
    if (p.intermediate && regionByCode.get(p.intermediate)?.[1] !== p.subregion) fail(`${p.id}: intermediate ${p.intermediate} is not under ${p.subregion}`);
    if (!p.intermediate && (p.subregion === '202' || p.subregion === '419')) fail(`${p.id}: ${p.subregion} needs an intermediate region`);
  }
}

// Regions: only those used, plus World.
const usedRegions = new Set(['001']);
for (const p of participants) for (const code of [p.region, p.subregion, p.intermediate]) if (code) usedRegions.add(code);
for (const code of usedRegions) if (!regionByCode.has(code)) fail(`region ${code} is used but not in REGIONS`);
const regionRows = REGIONS.filter((r) => usedRegions.has(r[0]));

// Aliases: every UNTC crosswalk name, every current UN English short name, then the extra variants.
interface Alias {
  alias: string;
  participantId: string;
  note: string;
}
const aliases = new Map<string, Alias>();
const participantIds = new Set(participants.map((p) => p.id));
function addAlias(alias: string, participantId: string, note: string) {
  if (!participantIds.has(participantId)) fail(`alias "${alias}" points to unknown participant ${participantId}`);
  const seen = aliases.get(alias);
  if (seen) {
    if (seen.participantId !== participantId) fail(`alias "${alias}" maps to both ${seen.participantId} and ${participantId}`);
    return;
  }
  aliases.set(alias, { alias, participantId, note });
}
const nameEnById = new Map(participants.map((p) => [p.id, p.names.en]));
for (const row of crosswalk) {
  const id = row.iso3 || (row.kind === 'regional_economic_integration_org' && row.un_name_en === 'European Union' ? 'EUU' : '');
  if (!id) fail(`crosswalk row "${row.source_name}" has no iso3 and is not the European Union`);
  const current = id === EUROPEAN_UNION.id ? 'current name' : 'current UN English short name';
  const note = CROSSWALK_NOTES[row.source_name] ?? (row.source_name === nameEnById.get(id) ? `UNTC name; ${current}` : 'UNTC name');
  addAlias(row.source_name, id, note);
}
for (const name of Object.keys(CROSSWALK_NOTES)) if (!crosswalk.some((r) => r.source_name === name)) fail(`CROSSWALK_NOTES has "${name}", not in the crosswalk`);
for (const p of participants) addAlias(p.names.en, p.id, 'current UN English short name');
for (const [alias, id, note] of EXTRA_ALIASES) {
  if (aliases.get(alias)?.participantId === id) fail(`extra alias "${alias}" is already listed (crosswalk or current name)`);
  addAlias(alias, id, note);
}

// No two aliases may differ only in case, or fold to the same look-up key, and point to different participants.
const byFold = new Map<string, Alias>();
const byKey = new Map<string, Alias>();
for (const a of aliases.values()) {
  const fold = a.alias.toLowerCase();
  const key = normalizeName(a.alias);
  const f = byFold.get(fold);
  if (f && f.participantId !== a.participantId) fail(`"${a.alias}" and "${f.alias}" differ only in case but map to ${a.participantId} and ${f.participantId}`);
  const k = byKey.get(key);
  if (k && k.participantId !== a.participantId) fail(`"${a.alias}" and "${k.alias}" normalise alike but map to ${a.participantId} and ${k.participantId}`);
  byFold.set(fold, a);
  byKey.set(key, a);
}
const aliasRows = [...aliases.values()].sort((a, b) =>
  a.participantId !== b.participantId ? (a.participantId < b.participantId ? -1 : 1) : a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0,
);

if (problems.length) {
  console.error(`build-participants: ${problems.length} problem(s), nothing written:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Write (UTF-8, LF, RFC 4180 quoting, header row)
// ---------------------------------------------------------------------------------------------

const csv = (columns: string[], rows: string[][]) => stringify(rows, { header: true, columns, record_delimiter: 'unix' });

writeFileSync(
  OUT_PARTICIPANTS,
  csv(
    ['id', 'iso3', 'iso2', 'm49', 'kind', 'region_m49', 'subregion_m49', 'intermediate_region_m49', 'name_en', 'name_fr', 'name_es', 'name_ru', 'name_ar', 'name_zh'],
    participants.map((p) => [p.id, p.iso3, p.iso2, p.m49, p.kind, p.region, p.subregion, p.intermediate, p.names.en, p.names.fr, p.names.es, p.names.ru, p.names.ar, p.names.zh]),
  ),
);
writeFileSync(OUT_REGIONS, csv(['m49', 'parent_m49', 'level', 'name_en', 'name_fr', 'name_es', 'name_ru', 'name_ar', 'name_zh'], regionRows.map((r) => [...r])));
writeFileSync(OUT_ALIASES, csv(['alias', 'participant_id', 'note'], aliasRows.map((a) => [a.alias, a.participantId, a.note])));

const count = (kind: Kind) => participants.filter((p) => p.kind === kind).length;
console.log(
  `participants.csv: ${participants.length} rows (${count('un_member_state')} UN Member States, ${count('non_member_state')} non-member States, ${count('regional_economic_integration_org')} organisation)`,
);
console.log(`regions.csv: ${regionRows.length} rows`);
console.log(`participant-aliases.csv: ${aliasRows.length} rows`);
