import { sql } from 'drizzle-orm';
import {
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { langCheck, langColumn, timestamps } from '../../db/columns.ts';
import { participants } from '../participants/participants.table.ts';
import { instruments } from '../instruments/instruments.table.ts';
import { organizations, users } from '../accounts/accounts.table.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const day = (name: string) => date(name, { mode: 'string' });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * A document as a work (FRBR): its identity and metadata, stable across languages and versions.
 * The text lives in expressions; a soft-deleted document disappears from search and lists.
 */
export const libraryDocuments = pgTable(
  'library_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** FRBR work URI, e.g. /akn/ne/act/2008/12. */
    uri: text('uri').notNull(),
    kind: text('kind').notNull(),
    subtype: text('subtype'),
    countryId: text('country_id').references(() => participants.id),
    organization: text('organization'),
    /** Organisation whose partners may edit the document (the uploader's). */
    ownerOrganizationId: uuid('owner_organization_id').references(() => organizations.id),
    symbol: text('symbol'),
    number: text('number'),
    court: text('court'),
    caseNumber: text('case_number'),
    parties: text('parties'),
    decisionDate: day('decision_date'),
    adoptedDate: day('adopted_date'),
    publishedDate: day('published_date'),
    inForceDate: day('in_force_date'),
    repealedDate: day('repealed_date'),
    status: text('status'),
    categories: text('categories')
      .array()
      .notNull()
      .default(sql`'{}'`),
    themes: text('themes')
      .array()
      .notNull()
      .default(sql`'{}'`),
    source: text('source'),
    officialUrl: text('official_url'),
    visibility: text('visibility').notNull().default('public'),
    createdBy: uuid('created_by').references(() => users.id),
    ...timestamps,
    deletedAt: stamp('deleted_at'),
  },
  (t) => [
    uniqueIndex('library_documents_uri_idx').on(t.uri),
    index('library_documents_country_idx').on(t.countryId),
    index('library_documents_symbol_idx').on(t.symbol),
    index('library_documents_updated_idx').on(t.updatedAt),
  ],
);

export const libraryDocumentTitles = pgTable(
  'library_document_titles',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: 'cascade' }),
    lang: langColumn(),
    title: text('title').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.lang] }), langCheck('library_document_titles', t.lang)],
);

/** Stored originals, addressed by checksum so the same file uploaded twice is kept once. */
export const libraryFiles = pgTable('library_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  mediaType: text('media_type').notNull(),
  fileType: text('file_type').notNull(),
  filename: text('filename').notNull(),
  storageKey: text('storage_key').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
  createdAt: stamp('created_at').notNull().defaultNow(),
});

/** One language version of a document's text, valid from `version_date` until the next version. */
export const libraryExpressions = pgTable(
  'library_expressions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: 'cascade' }),
    lang: langColumn(),
    versionDate: day('version_date').notNull(),
    fileId: uuid('file_id').references(() => libraryFiles.id),
    text: text('text').notNull().default(''),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('library_expressions_version_idx').on(t.documentId, t.lang, t.versionDate),
    langCheck('library_expressions', t.lang),
  ],
);

/** "Implements article 2 of the Financing Convention": `article` is '' when the whole instrument is meant. */
export const libraryInstrumentLinks = pgTable(
  'library_instrument_links',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: 'cascade' }),
    instrumentId: text('instrument_id')
      .notNull()
      .references(() => instruments.id),
    article: text('article').notNull().default(''),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.instrumentId, t.article] }),
    index('library_instrument_links_instrument_idx').on(t.instrumentId),
  ],
);

/** The timeline of a law: commencement, amendments and repeal, each optionally by another act. */
export const libraryEvents = pgTable(
  'library_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    date: day('date').notNull(),
    byDocumentId: uuid('by_document_id').references(() => libraryDocuments.id),
    note: text('note'),
  },
  (t) => [index('library_events_document_idx').on(t.documentId), index('library_events_by_idx').on(t.byDocumentId)],
);

/** Cross-references found in the text: `kind` is symbol, resolution, instrument or country. */
export const libraryReferences = pgTable(
  'library_references',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.kind, t.value] }),
    index('library_references_value_idx').on(t.kind, t.value),
  ],
);

/**
 * The search index: one row per document and language, holding the newest text with the work's
 * metadata copied beside it, so a search with facets reads one table. Rebuilt whenever the document
 * changes; nothing else reads it, so a search server could replace it. Migration 0008 splits it into
 * four hash partitions by document (library_search_p0…p3), which a search reads side by side.
 */
export const librarySearch = pgTable(
  'library_search',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: 'cascade' }),
    lang: langColumn(),
    /** PostgreSQL text-search configuration the vector was built with. */
    config: text('config').notNull(),
    title: text('title').notNull(),
    /** Title and country names, analysed, for typo-tolerant matching. */
    fuzzyText: text('fuzzy_text').notNull(),
    /** Opening of the analysed text (Chinese segmented, Arabic folded) that snippets are cut from. */
    body: text('body').notNull(),
    /** Every word of title, metadata and text: what a search matches against. */
    vector: tsvector('vector').notNull(),
    /** Title, metadata and the opening of the text only: small enough to rank thousands of matches quickly. */
    rankVector: tsvector('rank_vector').notNull(),
    /** Title and metadata only: cheap enough to rank every match of a query that matches most of the library. */
    headVector: tsvector('head_vector')
      .notNull()
      .default(sql`''::tsvector`),
    /** Version of the indexing that built the row (SEARCH_INDEX_VERSION); older rows are rebuilt on start. */
    indexVersion: smallint('index_version').notNull().default(1),
    countryId: text('country_id'),
    regionM49: text('region_m49'),
    subregionM49: text('subregion_m49'),
    kind: text('kind').notNull(),
    categories: text('categories').array().notNull(),
    themes: text('themes').array().notNull(),
    instruments: text('instruments').array().notNull(),
    status: text('status'),
    year: integer('year'),
    sortDate: day('sort_date'),
    visibility: text('visibility').notNull(),
    ownerOrganizationId: uuid('owner_organization_id'),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.lang] }),
    index('library_search_vector_idx').using('gin', t.vector),
    index('library_search_fuzzy_idx').using('gin', sql`${t.fuzzyText} gin_trgm_ops`),
    index('library_search_sort_idx').on(t.sortDate),
    index('library_search_country_idx').on(t.countryId),
    index('library_search_version_idx').on(t.indexVersion),
  ],
);
