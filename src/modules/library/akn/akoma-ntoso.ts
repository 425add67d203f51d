import type { Language } from '../../../contracts/languages.ts';
import type { LibraryDocument } from '../../../contracts/library.ts';

/**
 * Serialises a library document as OASIS LegalDocML Akoma Ntoso 3.0 XML.
 * The output is checked against the OASIS schema in the tests (test/fixtures/akn/), so every
 * ordering and required attribute below is there because akomantoso30.xsd asks for it.
 */

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

export interface AkomaNtosoOptions {
  /** Name shown for the organisation that produced the file (the #lexpact reference). */
  publisher: string;
  /** When the file was produced, as an ISO 8601 date-time. */
  generatedAt: string;
}

export interface AkomaNtosoText {
  language: Language;
  content: string;
}

/**
 * AKN IRIs and FRBRlanguage use three-letter ISO 639-2 codes; the terminology codes (zho, fra)
 * are the ones the naming convention and published AKN corpora use, not the bibliographic ones (chi, fre).
 */
const LANGUAGE_CODES: Record<Language, string> = { ar: 'ara', zh: 'zho', en: 'eng', fr: 'fra', ru: 'rus', es: 'spa' };

const NO_TEXT = 'Text not available.';

// ---------------------------------------------------------------------------------------------
// A tiny XML builder. Elements whose children include text are written on one line, because
// indentation inside mixed content would become part of the text.

type Attributes = Record<string, string | null | undefined>;
type Child = XmlElement | string;
type Optional<T> = T | null | undefined | false;
interface XmlElement {
  name: string;
  attributes: Attributes;
  children: Child[];
}

/** Absent children (null, undefined, false) are skipped, so optional elements can be written inline. */
function el(name: string, attributes: Attributes = {}, ...children: Optional<Child | Optional<Child>[]>[]): XmlElement {
  const present = (child: Optional<Child>): child is Child => child !== null && child !== undefined && child !== false;
  return {
    name,
    attributes,
    children: children.flatMap((child) => (Array.isArray(child) ? child : [child])).filter(present),
  };
}

/**
 * XML 1.0 cannot carry C0 controls (but tab and line ends), lone surrogates, U+FFFE or U+FFFF, even escaped.
 * C1 controls are allowed but discouraged, and in stored text they are extraction debris, so they go too.
 */
const ILLEGAL_XML_CHARS = /(?![\t\n\r])\p{Cc}|\p{Cs}|[\uFFFE\uFFFF]/gu;

function xmlSafe(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '');
}

function escapeText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Tabs and line ends are escaped too: a parser would otherwise normalise them to spaces. */
function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function openTag(element: XmlElement, selfClosing: boolean): string {
  const attributes = Object.entries(element.attributes)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  return `<${element.name}${attributes}${selfClosing ? '/>' : '>'}`;
}

function inline(child: Child): string {
  if (typeof child === 'string') return escapeText(child);
  if (child.children.length === 0) return openTag(child, true);
  return `${openTag(child, false)}${child.children.map(inline).join('')}</${child.name}>`;
}

/** Blocks with mixed content: whitespace inside them is text, so they are never indented inside. */
const MIXED_CONTENT = new Set(['p']);

function render(element: XmlElement, depth = 0): string {
  const indent = '  '.repeat(depth);
  if (
    MIXED_CONTENT.has(element.name) ||
    element.children.length === 0 ||
    element.children.some((child) => typeof child === 'string')
  ) {
    return indent + inline(element);
  }
  const children = element.children.map((child) => render(child as XmlElement, depth + 1));
  return [`${indent}${openTag(element, false)}`, ...children, `${indent}</${element.name}>`].join('\n');
}

// ---------------------------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** The schema types dates as xsd:date, so a malformed one would make the whole file invalid. */
const validDate = (value: string | null | undefined): value is string =>
  typeof value === 'string' && ISO_DATE.test(value);

type DocumentElement = 'act' | 'bill' | 'judgment' | 'doc';

function documentElement(document: LibraryDocument): { element: DocumentElement; name: string } {
  switch (document.kind) {
    case 'legislation':
      if (document.subtype === 'draft_bill') return { element: 'bill', name: 'bill' };
      return { element: 'act', name: document.subtype ?? 'act' };
    case 'case_law':
      return { element: 'judgment', name: 'judgment' };
    default:
      return { element: 'doc', name: document.kind };
  }
}

/** When the work came into being: adoption for laws and resolutions, decision for judgments, else publication. */
function workDate(document: LibraryDocument): { date: string; name: string } | null {
  const candidates: [string | null, string][] = [
    [document.adoptedDate, 'adoption'],
    [document.decisionDate, 'decision'],
    [document.publishedDate, 'publication'],
  ];
  for (const [date, name] of candidates) if (validDate(date)) return { date, name };
  return null;
}

/** AKN country codes are the ones in the work IRI (/akn/ne/...); the ISO3 participant id is only a fallback. */
function countryCode(document: LibraryDocument): string {
  const fromUri = /^\/akn\/([^/]+)\//.exec(document.uri)?.[1];
  if (fromUri) return fromUri.toLowerCase();
  return document.country?.toLowerCase() ?? 'un';
}

function slug(text: string): string {
  const value = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return encodeURIComponent(value || 'unknown');
}

/** eIds are xsd noWhiteSpace and unique per document; ids from the database are neither guaranteed. */
function eIdPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '-') || 'x';
}

function titleFor(document: LibraryDocument, language: Language): { text: string; language: string | null } {
  const own = document.titles[language];
  if (own) return { text: own, language };
  const match = Object.entries(document.titles).find(([, title]) => title === document.title);
  return { text: document.title, language: match?.[0] ?? null };
}

function expressionLanguage(document: LibraryDocument, text: AkomaNtosoText | null): Language {
  if (text) return text.language;
  const withText = document.current[0]?.language ?? document.expressions[0]?.language;
  if (withText) return withText;
  const titled = (Object.keys(document.titles) as Language[]).find((lang) => lang in LANGUAGE_CODES);
  return titled ?? 'en';
}

/** Paragraphs are separated by blank lines in stored text; single line breaks inside one are kept as <br/>. */
function paragraphs(content: string): Child[][] {
  return xmlSafe(content)
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n\s*/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => block.split('\n').flatMap((line, index) => (index === 0 ? [line] : [el('br'), line])));
}

function blocks(text: AkomaNtosoText | null): XmlElement[] {
  const paras = text ? paragraphs(text.content) : [];
  // A body needs at least one block; the placeholder is marked editorial because it is not part of the document.
  if (paras.length === 0) return [el('p', { status: 'editorial' }, NO_TEXT)];
  return paras.map((children) => el('p', {}, children));
}

interface Reference {
  element: string;
  eId: string;
  href: string;
  showAs: string;
  name?: string;
}

export function toAkomaNtoso(
  document: LibraryDocument,
  text: AkomaNtosoText | null,
  options: AkomaNtosoOptions,
): string {
  const { element, name } = documentElement(document);
  const language = expressionLanguage(document, text);
  const lang3 = LANGUAGE_CODES[language];
  const expression =
    document.current.find((e) => e.language === language) ?? document.expressions.find((e) => e.language === language);

  const created = workDate(document);
  const fallbackDate =
    [expression?.versionDate, document.asAt, options.generatedAt.slice(0, 10)].find(validDate) ?? '1970-01-01';
  const frbrWorkDate = created ?? { date: fallbackDate, name: 'version' };
  const expressionDate = validDate(expression?.versionDate) ? expression.versionDate : frbrWorkDate.date;
  const generatedAt = ISO_DATE_TIME.test(options.generatedAt) ? options.generatedAt : fallbackDate;

  const workUri = document.uri;
  const expressionUri = `${workUri}/${lang3}@${expressionDate}`;
  const title = titleFor(document, language);

  // References: everything an href="#..." or source="#..." points at must exist here.
  const references: Reference[] = [
    { element: 'original', eId: 'original', href: workUri, showAs: title.text },
    { element: 'TLCOrganization', eId: 'lexpact', href: '/ontology/organization/lexpact', showAs: options.publisher },
  ];
  // FRBRauthor is required; with no issuer on record, the publisher is the only author the file can vouch for.
  const authorName = document.organization ?? document.court ?? document.countryName ?? document.country;
  if (authorName)
    references.push({
      element: 'TLCOrganization',
      eId: 'author',
      href: `/ontology/organization/${slug(authorName)}`,
      showAs: authorName,
    });
  const author = authorName ? '#author' : '#lexpact';

  const timeline = document.events
    .filter((event) => validDate(event.date))
    .toSorted((a, b) => a.date.localeCompare(b.date));
  const passiveRefs = new Map<string, string>();
  for (const event of timeline) {
    if (event.by && !passiveRefs.has(event.by.uri)) {
      const eId = `passiveRef_${passiveRefs.size + 1}`;
      passiveRefs.set(event.by.uri, eId);
      references.push({ element: 'passiveRef', eId, href: event.by.uri, showAs: event.by.title });
    }
  }
  const activeUris = new Set<string>();
  for (const affected of document.affects) {
    if (activeUris.has(affected.uri)) continue;
    activeUris.add(affected.uri);
    references.push({
      element: 'activeRef',
      eId: `activeRef_${activeUris.size}`,
      href: affected.uri,
      showAs: affected.title,
    });
  }
  if (timeline.some((event) => event.type === 'commencement')) {
    references.push({
      element: 'TLCEvent',
      eId: 'commencement',
      href: '/ontology/event/commencement',
      showAs: 'Commencement',
    });
  }
  document.instruments.forEach((link, index) => {
    references.push({
      element: 'TLCReference',
      eId: `instrument_${index + 1}_${eIdPart(link.instrument)}`,
      name: 'implementedInstrument',
      href: `/ontology/instrument/${encodeURIComponent(link.instrument)}${link.article ? `/article/${encodeURIComponent(link.article)}` : ''}`,
      showAs: link.article ? `${link.title}, art. ${link.article}` : link.title,
    });
  });

  // Lifecycle: the creation of the work, then the timeline in date order.
  const eventRefs: XmlElement[] = [];
  if (created) {
    eventRefs.push(el('eventRef', { eId: 'event_1', date: created.date, source: '#original', type: 'generation' }));
  }
  for (const event of timeline) {
    const source = event.by ? `#${passiveRefs.get(event.by.uri)}` : '#lexpact';
    // eventType only knows generation, amendment and repeal; commencement is named through refersTo instead.
    const attributes: Attributes =
      event.type === 'commencement'
        ? { eId: `event_${eventRefs.length + 1}`, date: event.date, source, refersTo: '#commencement' }
        : { eId: `event_${eventRefs.length + 1}`, date: event.date, source, type: event.type };
    eventRefs.push(el('eventRef', attributes));
  }
  const consolidated = timeline.some((event) => event.type === 'amendment' && event.date <= expressionDate);

  const aliases = [
    ...Object.entries(document.titles).map(([lang, value]) => el('FRBRalias', { value, name: `title-${lang}` })),
    document.symbol ? el('FRBRalias', { value: document.symbol, name: 'symbol' }) : null,
    document.caseNumber ? el('FRBRalias', { value: document.caseNumber, name: 'caseNumber' }) : null,
  ];
  const number = document.number ?? document.symbol ?? document.caseNumber;

  const identification = el(
    'identification',
    { source: '#lexpact' },
    el(
      'FRBRWork',
      {},
      el('FRBRthis', { value: `${workUri}/!main` }),
      el('FRBRuri', { value: workUri }),
      aliases,
      el('FRBRdate', { date: frbrWorkDate.date, name: frbrWorkDate.name }),
      el('FRBRauthor', { href: author }),
      el('FRBRcountry', { value: countryCode(document) }),
      document.subtype ? el('FRBRsubtype', { value: document.subtype }) : null,
      number ? el('FRBRnumber', { value: number }) : null,
    ),
    el(
      'FRBRExpression',
      {},
      el('FRBRthis', { value: `${expressionUri}/!main` }),
      el('FRBRuri', { value: expressionUri }),
      el('FRBRdate', { date: expressionDate, name: expression ? 'version' : frbrWorkDate.name }),
      el('FRBRauthor', { href: author }),
      el('FRBRlanguage', { language: lang3 }),
    ),
    el(
      'FRBRManifestation',
      {},
      el('FRBRthis', { value: `${expressionUri}/!main.xml` }),
      el('FRBRuri', { value: `${expressionUri}/main.xml` }),
      el('FRBRdate', { date: generatedAt, name: 'generation' }),
      el('FRBRauthor', { href: '#lexpact' }),
      el('FRBRformat', { value: 'application/akn+xml' }),
    ),
  );

  const meta = el(
    'meta',
    {},
    identification,
    // publication is optional in the schema and needs a real date, so it appears only when one is known.
    validDate(document.publishedDate)
      ? el('publication', {
          date: document.publishedDate,
          name: 'officialPublication',
          showAs: document.source ?? 'Official publication',
        })
      : null,
    eventRefs.length > 0 ? el('lifecycle', { source: '#lexpact' }, eventRefs) : null,
    el(
      'references',
      { source: '#lexpact' },
      references.map((ref) => el(ref.element, { eId: ref.eId, href: ref.href, showAs: ref.showAs, name: ref.name })),
    ),
  );

  const titleParagraph = el('p', {}, el('docTitle', { 'xml:lang': title.language }, title.text));
  const details = [
    number ? el('p', {}, el(element === 'judgment' ? 'docketNumber' : 'docNumber', {}, number)) : null,
    created ? el('p', {}, el('docDate', { date: created.date }, created.date)) : null,
  ];
  const bodyLang = { 'xml:lang': language };

  let front: XmlElement;
  let body: XmlElement;
  if (element === 'judgment') {
    // Judgments have no preface: the schema requires a header before judgmentBody.
    front = el(
      'header',
      {},
      titleParagraph,
      document.court ? el('p', {}, el('courtType', {}, document.court)) : null,
      document.parties ? el('p', {}, document.parties) : null,
      details,
    );
    body = el('judgmentBody', bodyLang, el('decision', {}, blocks(text)));
  } else {
    front = el('preface', {}, el('longTitle', { eId: 'longTitle_1' }, titleParagraph), details);
    body =
      element === 'doc'
        ? el('mainBody', bodyLang, blocks(text))
        : // A body holds hierarchical containers only, so unstructured text goes in one generic hcontainer.
          el(
            'body',
            bodyLang,
            el('hcontainer', { eId: 'text_1', name: 'text' }, el('content', { eId: 'text_1__content' }, blocks(text))),
          );
  }

  const root = el(
    'akomaNtoso',
    { xmlns: AKN_NAMESPACE },
    el(element, { name, contains: consolidated ? 'singleVersion' : null }, meta, front, body),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root)}\n`;
}
