import type { Language } from '../src/contracts/languages.ts';
import { CATEGORIES, DOCUMENT_KINDS, THEMES, type DocumentInput } from '../src/contracts/library.ts';

/**
 * A synthetic legal corpus in the six UN languages, reproducible from a seed. Words are drawn with a
 * Zipf-like skew from a vocabulary of the field (so common words are in most documents and rare ones
 * in few, as in real collections); lengths follow a log-normal law (median 8 KB) cut to 2–200 KB.
 */

const VOCABULARY: Record<Language, string> = {
  en: `the of and to in a shall be any person State Party offence terrorist terrorism act law article court criminal
    financing funds assets freezing property convention protocol international cooperation mutual legal assistance
    extradition prosecution investigation judge prosecutor police evidence provision penalty imprisonment years
    jurisdiction territory vessel aircraft airport maritime navigation nuclear material radioactive explosive device
    hostage internet recruitment training foreign fighter victim rights human procedure arrest detention warrant
    central authority request information intelligence bank transaction report suspicious organisation group
    member support incitement public provocation attempt complicity intention knowledge purpose government
    ministry justice decree regulation amendment repeal commencement section paragraph chapter schedule`,
  fr: `le la les de des et à en un une toute personne État Partie infraction terroriste terrorisme acte loi article
    tribunal pénal financement fonds avoirs gel biens convention protocole coopération internationale entraide
    judiciaire extradition poursuites enquête juge procureur police preuve disposition peine emprisonnement ans
    compétence territoire navire aéronef aéroport maritime navigation nucléaire matière radioactive engin explosif
    otage internet recrutement formation combattant étranger victime droits homme procédure arrestation détention
    mandat autorité centrale demande renseignement banque opération déclaration soupçon organisation groupe membre
    soutien incitation provocation tentative complicité intention connaissance but gouvernement ministère décret`,
  es: `el la los las de del y a en un una toda persona Estado Parte delito terrorista terrorismo acto ley artículo
    tribunal penal financiación fondos activos congelación bienes convenio protocolo cooperación internacional
    asistencia judicial recíproca extradición enjuiciamiento investigación juez fiscal policía prueba disposición
    pena prisión años jurisdicción territorio buque aeronave aeropuerto marítima navegación nuclear material
    radiactivo artefacto explosivo rehén internet reclutamiento adiestramiento combatiente extranjero víctima
    derechos humanos procedimiento detención orden autoridad central solicitud información banco operación`,
  ru: `и в на с по о к от для любое лицо государство участник преступление террористический терроризм акт закон
    статья суд уголовный финансирование средства активы замораживание имущество конвенция протокол сотрудничество
    международное взаимная правовая помощь выдача преследование расследование судья прокурор полиция
    доказательства положение наказание лишение свободы лет юрисдикция территория судно воздушное аэропорт морское
    судоходство ядерный материал радиоактивный взрывное устройство заложник интернет вербовка подготовка боевик
    иностранный жертва права человека процедура арест задержание ордер центральный орган запрос информация банк`,
  ar: `في من على إلى و أن أي شخص الدولة الطرف جريمة إرهابية الإرهاب فعل قانون المادة المحكمة الجنائية تمويل
    الأموال الأصول تجميد الممتلكات اتفاقية بروتوكول التعاون الدولي المساعدة القانونية المتبادلة تسليم الملاحقة
    التحقيق القاضي المدعي العام الشرطة الأدلة حكم العقوبة السجن سنوات الولاية الإقليم السفينة الطائرة المطار
    البحرية الملاحة النووية المواد المشعة جهاز متفجر رهينة الإنترنت التجنيد التدريب المقاتلين الأجانب الضحايا
    حقوق الإنسان الإجراءات القبض الاحتجاز أمر السلطة المركزية طلب المعلومات المصرف المعاملة`,
  zh: `的 和 在 对 任何 人 缔约国 犯罪 恐怖 恐怖主义 行为 法律 条 法院 刑事 资助 资金 资产 冻结 财产 公约 议定书
    国际 合作 司法 协助 引渡 起诉 调查 法官 检察官 警察 证据 规定 刑罚 监禁 年 管辖权 领土 船舶 航空器 机场
    海上 航行 核 材料 放射性 爆炸 装置 人质 互联网 招募 培训 外国 战斗人员 被害人 人权 程序 逮捕 拘留 命令
    中央 机关 请求 信息 银行 交易 报告 可疑 组织 团体 成员 支持 煽动 企图 共犯 故意 政府 部 法令 条例 修正`,
};

const WORDS = Object.fromEntries(
  Object.entries(VOCABULARY).map(([lang, text]) => [lang, text.split(/\s+/).filter(Boolean)]),
) as Record<Language, string[]>;

/** Small, fast, seedable generator (mulberry32): the same seed gives the same corpus. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LANGS: Language[] = ['en', 'fr', 'es', 'ru', 'ar', 'zh'];

export interface SyntheticDocument {
  input: DocumentInput;
  language: Language;
  text: string;
}

function sentence(rand: () => number, lang: Language): string {
  const words = WORDS[lang];
  const length = 8 + Math.floor(rand() * 18);
  const picked: string[] = [];
  // rand()² leans towards the start of the list: the first words are the common ones.
  for (let i = 0; i < length; i++) picked.push(words[Math.floor(rand() * rand() * words.length)]!);
  if (lang === 'zh') return `${picked.join('')}。`;
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Log-normal length with a median of 8 KB, cut to the 2–200 KB range. */
function targetBytes(rand: () => number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.min(200_000, Math.max(2_000, Math.round(8_000 * Math.exp(normal))));
}

export function* syntheticCorpus({
  count,
  seed,
  countries,
  instruments,
}: {
  count: number;
  seed: number;
  countries: string[];
  instruments: string[];
}): Generator<SyntheticDocument> {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  for (let n = 0; n < count; n++) {
    const language = pick(LANGS);
    const bytes = targetBytes(rand);
    const parts: string[] = [];
    let size = 0;
    while (size < bytes) {
      const paragraph = Array.from({ length: 3 + Math.floor(rand() * 5) }, () => sentence(rand, language)).join(
        language === 'zh' ? '' : ' ',
      );
      parts.push(paragraph);
      size += Buffer.byteLength(paragraph) + 2;
    }
    const kind = pick(DOCUMENT_KINDS);
    const year = 1990 + Math.floor(rand() * 36);
    {
      const title = sentence(rand, language).slice(0, 160);
      const input: DocumentInput = {
        kind,
        subtype: null,
        titles: { [language]: title },
        country: kind === 'un_document' ? null : pick(countries),
        adoptedDate: `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
        status: kind === 'legislation' ? pick(['draft', 'in_force', 'amended', 'repealed'] as const) : null,
        categories: CATEGORIES.filter(() => rand() < 0.3),
        themes: THEMES.filter(() => rand() < 0.15),
        instruments: instruments
          .filter(() => rand() < 0.05)
          .map((instrument) => ({ instrument, article: null, note: null })),
        visibility: rand() < 0.1 ? 'restricted' : 'public',
        events: [],
        number: `${year}-${n}`,
      };
      yield { input, language, text: parts.join('\n\n') };
    }
  }
}
