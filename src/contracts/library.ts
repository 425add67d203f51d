import { z } from 'zod';
import { LANGUAGES } from './languages.ts';
import { isoDate, namesSchema } from './common.ts';
import { coded } from './reasons.ts';

/** Zod schemas of the legal library API, shared by the server (validation, OpenAPI) and the web app (types). */

export const DOCUMENT_KINDS = [
  'legislation',
  'case_law',
  'instrument_text',
  'regional_convention',
  'un_document',
  'ta_tool',
  'bibliography',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Finer type within a kind: the form of a law, or the form of a technical assistance tool. */
export const DOCUMENT_SUBTYPES: Partial<Record<DocumentKind, readonly string[]>> = {
  legislation: ['act', 'code', 'decree', 'regulation', 'draft_bill'],
  ta_tool: ['legislative_guide', 'model_law', 'manual', 'training_module'],
  un_document: ['resolution', 'report', 'other'],
};

export const DOCUMENT_STATUSES = ['draft', 'in_force', 'amended', 'repealed'] as const;
export const CATEGORIES = ['substantive_criminal_law', 'procedural_law', 'international_cooperation'] as const;
export const THEMES = [
  'financing_of_terrorism',
  'cbrn',
  'civil_aviation',
  'maritime',
  'use_of_internet',
  'victims',
  'human_rights',
  'foreign_terrorist_fighters',
] as const;
export const VISIBILITIES = ['public', 'restricted'] as const;
/** Events on a law's timeline; `by` names the act that caused them. */
export const EVENT_TYPES = ['commencement', 'amendment', 'repeal'] as const;
export const FILE_TYPES = ['pdf', 'docx', 'html', 'txt', 'md'] as const;
export type FileType = (typeof FILE_TYPES)[number];

const languageSchema = z.enum(LANGUAGES);

const isRealDate = (value: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
/** A calendar date typed by a person: checked to exist, so 2014-02-30 is refused with a clear reason. */
export const dateInput = z
  .string()
  .refine(isRealDate, coded('invalid_date', 'must be a real date written as YYYY-MM-DD'))
  .describe('Date as YYYY-MM-DD');

/** Cross-references found in a document's text. */
export const referencesSchema = z.object({
  symbols: z.array(z.string()).describe('UN document symbols, e.g. E/CN.15/2014/1'),
  resolutions: z
    .array(z.string())
    .describe('General Assembly and Security Council resolutions, as symbols: A/RES/60/288, S/RES/1373 (2001)'),
  instruments: z.array(z.string()).describe('Instrument ids, e.g. icsft-1999'),
  countries: z.array(z.string()).describe('Participant ids (ISO3)'),
});
export type References = z.infer<typeof referencesSchema>;

export const instrumentLinkSchema = z.object({
  instrument: z.string().describe('Instrument id'),
  article: z.string().nullable().describe('Article implemented, e.g. "2" or "2(1)(b)"'),
  note: z.string().nullable(),
});

/** Fields an editor sets; the same shape creates and updates a document. */
export const documentInputSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  subtype: z.string().max(40).nullable().optional(),
  titles: z
    .partialRecord(languageSchema, z.string().trim().min(1).max(1000))
    .refine((t) => Object.keys(t).length > 0, coded('title_required', 'needs a title in at least one language'))
    .describe('Title per language code'),
  country: z.string().max(3).nullable().optional().describe('Participant id (ISO3) the document belongs to'),
  organization: z
    .string()
    .max(200)
    .nullable()
    .optional()
    .describe('Issuing organization, when not a country (e.g. UNODC)'),
  symbol: z.string().max(100).nullable().optional().describe('UN document symbol'),
  number: z.string().max(60).nullable().optional().describe('Number of the act, e.g. 2008-12'),
  court: z.string().max(300).nullable().optional(),
  caseNumber: z.string().max(100).nullable().optional(),
  parties: z.string().max(500).nullable().optional(),
  decisionDate: dateInput.nullable().optional(),
  adoptedDate: dateInput.nullable().optional(),
  publishedDate: dateInput.nullable().optional(),
  inForceDate: dateInput.nullable().optional(),
  repealedDate: dateInput.nullable().optional(),
  status: z.enum(DOCUMENT_STATUSES).nullable().optional(),
  categories: z.array(z.enum(CATEGORIES)).default([]),
  themes: z.array(z.enum(THEMES)).default([]),
  source: z.string().max(500).nullable().optional(),
  officialUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  visibility: z.enum(VISIBILITIES).default('public'),
  instruments: z.array(instrumentLinkSchema).default([]),
  events: z
    .array(
      z.object({
        type: z.enum(EVENT_TYPES),
        date: dateInput,
        by: z
          .string()
          .uuid()
          .nullable()
          .optional()
          .describe('Id of the amending, commencing or repealing act in the library'),
        note: z.string().max(1000).nullable().optional(),
      }),
    )
    .default([])
    .describe('Timeline: commencement, amendments, repeal'),
});
export type DocumentInput = z.infer<typeof documentInputSchema>;

export const fileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  fileType: z.enum(FILE_TYPES),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

/** One language version of the text at one point in time. */
export const expressionSchema = z.object({
  id: z.string(),
  language: languageSchema,
  versionDate: isoDate.describe('Date from which this text is the law'),
  file: fileSchema.nullable(),
  textLength: z.number().int(),
});

export const eventSchema = z.object({
  type: z.enum(EVENT_TYPES),
  date: isoDate,
  by: z
    .object({ id: z.string(), title: z.string(), uri: z.string() })
    .nullable()
    .describe('The amending, commencing or repealing act'),
  note: z.string().nullable(),
});

export const documentSchema = z.object({
  id: z.string(),
  uri: z.string().describe('FRBR work URI, e.g. /akn/ne/act/2008/12'),
  kind: z.enum(DOCUMENT_KINDS),
  subtype: z.string().nullable(),
  title: z.string().describe('Title in the requested language, or the first available'),
  titles: namesSchema,
  country: z.string().nullable(),
  countryName: z.string().nullable(),
  organization: z.string().nullable(),
  symbol: z.string().nullable(),
  number: z.string().nullable(),
  court: z.string().nullable(),
  caseNumber: z.string().nullable(),
  parties: z.string().nullable(),
  decisionDate: isoDate.nullable(),
  adoptedDate: isoDate.nullable(),
  publishedDate: isoDate.nullable(),
  inForceDate: isoDate.nullable(),
  repealedDate: isoDate.nullable(),
  status: z.enum(DOCUMENT_STATUSES).nullable().describe('Status recorded by the editor'),
  statusAsAt: z.enum(DOCUMENT_STATUSES).nullable().describe('Status on the "as at" date, from the timeline'),
  categories: z.array(z.enum(CATEGORIES)),
  themes: z.array(z.enum(THEMES)),
  source: z.string().nullable(),
  officialUrl: z.string().nullable(),
  visibility: z.enum(VISIBILITIES),
  languages: z.array(languageSchema).describe('Languages the text exists in'),
  instruments: z.array(instrumentLinkSchema.extend({ title: z.string() })),
  asAt: isoDate.describe('Date the versions were chosen for'),
  expressions: z.array(expressionSchema).describe('Every version in every language, newest first'),
  current: z.array(expressionSchema).describe('The version in force on the "as at" date, one per language'),
  events: z.array(eventSchema),
  /** Acts that this one amends, commences or repeals. */
  affects: z.array(
    z.object({ id: z.string(), title: z.string(), uri: z.string(), type: z.enum(EVENT_TYPES), date: isoDate }),
  ),
  references: referencesSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean().describe('Whether the caller may edit this document'),
});
export type LibraryDocument = z.infer<typeof documentSchema>;

/** How a version's text is shown: Markdown and HTML originals as sanitised HTML, everything else as plain text. */
export const TEXT_RENDERINGS = ['markdown', 'html', 'plain'] as const;
export type TextRendering = (typeof TEXT_RENDERINGS)[number];

export const tocEntrySchema = z.object({
  level: z.number().int().min(1).max(3).describe('Heading level, 1 to 3'),
  id: z.string().describe('Id of the heading in `html`, to link to as #id'),
  text: z.string().describe('Text of the heading'),
});
export type TocEntry = z.infer<typeof tocEntrySchema>;

/** The text of one version, and how to show it. */
export const versionTextSchema = z.object({
  language: languageSchema,
  text: z.string().describe('Extracted plain text, as indexed for search'),
  rendering: z.enum(TEXT_RENDERINGS).describe('markdown or html: show `html`; plain: show `text` with its line breaks'),
  html: z
    .string()
    .nullable()
    .describe('Sanitised HTML of a Markdown or HTML original (no scripts, styles or images); null for plain'),
  toc: z.array(tocEntrySchema).describe('Headings h1–h3 of a long formatted text, in order; empty otherwise'),
});
export type VersionText = z.infer<typeof versionTextSchema>;

export const SEARCH_SORTS = ['relevance', 'date_desc', 'date_asc'] as const;

export const searchParamsSchema = z.object({
  q: z.string().max(10_000).default('').describe('Words, "quoted phrases", -excluded words'),
  lang: z.enum(LANGUAGES).optional().describe('Language of the text'),
  country: z.string().max(3).optional(),
  region: z.string().max(3).optional().describe('M49 region or sub-region code'),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  category: z.enum(CATEGORIES).optional(),
  theme: z.enum(THEMES).optional(),
  instrument: z.string().max(40).optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;

export const searchResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  country: z.string().nullable(),
  countryName: z.string().nullable(),
  language: languageSchema,
  date: isoDate.nullable(),
  symbol: z.string().nullable(),
  visibility: z.enum(VISIBILITIES),
  snippet: z.string().describe('Passage with matches between [[ and ]]'),
  score: z.number(),
});

export const facetSchema = z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int() }));

export const searchResponseSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  results: z.array(searchResultSchema),
  facets: z.object({
    country: facetSchema,
    region: facetSchema,
    kind: facetSchema,
    category: facetSchema,
    theme: facetSchema,
    instrument: facetSchema,
    language: facetSchema,
    year: facetSchema,
    status: facetSchema,
  }),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
