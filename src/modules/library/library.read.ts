import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { LANGUAGES, type Language } from '../../contracts/languages.ts';
import type { LibraryDocument } from '../../contracts/library.ts';
import type { Db } from '../../db/client.ts';
import { isoTimestamp } from '../../lib/dates.ts';
import { notFound } from '../../lib/errors.ts';
import type { Actor } from '../accounts/policy.ts';
import { instrumentTranslations } from '../instruments/instruments.table.ts';
import { participantTranslations } from '../participants/participants.table.ts';
import { canEditDocument, searchScopeFor } from './library.access.ts';
import { readableDocument, type DocumentRow, type LibraryDeps } from './library.documents.ts';
import { loadReferences, type ReferenceKind } from './library.references.ts';
import {
  libraryDocumentTitles,
  libraryDocuments,
  libraryEvents,
  libraryExpressions,
  libraryFiles,
  libraryInstrumentLinks,
} from './library.table.ts';

type Names = Partial<Record<Language, string>>;

/** The name in the wanted language, else English, else any. */
export const pick = (names: Names, lang: Language): string => names[lang] ?? names.en ?? Object.values(names)[0] ?? '';

async function titlesOf(db: Db, ids: string[]): Promise<Map<string, Names>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(libraryDocumentTitles).where(inArray(libraryDocumentTitles.documentId, ids));
  const map = new Map<string, Names>();
  for (const row of rows) map.set(row.documentId, { ...map.get(row.documentId), [row.lang]: row.title });
  return map;
}

export async function countryNames(db: Db, ids: string[], lang: Language): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(participantTranslations)
    .where(inArray(participantTranslations.participantId, [...new Set(ids)]));
  const names = new Map<string, Names>();
  for (const row of rows) names.set(row.participantId, { ...names.get(row.participantId), [row.lang]: row.name });
  return new Map([...names].map(([id, n]) => [id, pick(n, lang)]));
}

/** Status on a date, from the timeline when it says anything, else as recorded. */
function statusAsAt(row: DocumentRow, events: { type: string; date: string }[], asAt: string): DocumentRow['status'] {
  const happened = (type: string) => events.some((event) => event.type === type && event.date <= asAt);
  if (happened('repeal') || (row.repealedDate && row.repealedDate <= asAt)) return 'repealed';
  const commenced = happened('commencement') || (row.inForceDate !== null && row.inForceDate <= asAt);
  if (commenced) return happened('amendment') ? 'amended' : 'in_force';
  const timelineKnown = events.length > 0 || row.inForceDate !== null || row.repealedDate !== null;
  if (timelineKnown || row.subtype === 'draft_bill') return 'draft';
  return row.status;
}

export async function presentDocument(
  deps: LibraryDeps,
  actor: Actor,
  row: DocumentRow,
  lang: Language,
  asAt: string,
): Promise<LibraryDocument> {
  const { db } = deps;
  const [titles, expressions, links, events, affects, references] = await Promise.all([
    titlesOf(db, [row.id]),
    db
      .select({ expression: libraryExpressions, file: libraryFiles })
      .from(libraryExpressions)
      .leftJoin(libraryFiles, eq(libraryFiles.id, libraryExpressions.fileId))
      .where(eq(libraryExpressions.documentId, row.id))
      .orderBy(desc(libraryExpressions.versionDate), libraryExpressions.lang),
    db.select().from(libraryInstrumentLinks).where(eq(libraryInstrumentLinks.documentId, row.id)),
    db.select().from(libraryEvents).where(eq(libraryEvents.documentId, row.id)).orderBy(libraryEvents.date),
    db
      .select({ event: libraryEvents, document: libraryDocuments })
      .from(libraryEvents)
      .innerJoin(libraryDocuments, eq(libraryDocuments.id, libraryEvents.documentId))
      .where(and(eq(libraryEvents.byDocumentId, row.id), isNull(libraryDocuments.deletedAt)))
      .orderBy(libraryEvents.date),
    loadReferences(db, row.id),
  ]);
  const related = [
    ...new Set(
      [...events.map((e) => e.byDocumentId), ...affects.map((a) => a.document.id)].filter(
        (id): id is string => id !== null,
      ),
    ),
  ];
  const [relatedRows, relatedTitles, instrumentTitles, country] = await Promise.all([
    related.length
      ? db
          .select({ id: libraryDocuments.id, uri: libraryDocuments.uri })
          .from(libraryDocuments)
          .where(inArray(libraryDocuments.id, related))
      : [],
    titlesOf(db, related),
    links.length
      ? db
          .select()
          .from(instrumentTranslations)
          .where(
            inArray(
              instrumentTranslations.instrumentId,
              links.map((l) => l.instrumentId),
            ),
          )
      : [],
    countryNames(db, row.countryId ? [row.countryId] : [], lang),
  ]);
  const relatedUri = new Map(relatedRows.map((r) => [r.id, r.uri]));
  const relatedRef = (id: string) => ({
    id,
    title: pick(relatedTitles.get(id) ?? {}, lang),
    uri: relatedUri.get(id) ?? '',
  });
  const instrumentTitle = (id: string) => {
    const names: Names = {};
    for (const t of instrumentTitles)
      if (t.instrumentId === id && (t.shortName || t.title)) names[t.lang as Language] = t.shortName ?? t.title ?? id;
    return pick(names, lang) || id;
  };
  const presentedExpressions = expressions.map(({ expression, file }) => ({
    id: expression.id,
    language: expression.lang as Language,
    versionDate: expression.versionDate,
    textLength: expression.text.length,
    file: file
      ? {
          id: file.id,
          filename: file.filename,
          mediaType: file.mediaType,
          fileType: file.fileType as 'pdf',
          size: file.size,
          sha256: file.sha256,
          uploadedAt: isoTimestamp(file.createdAt),
        }
      : null,
  }));
  const current = LANGUAGES.flatMap(
    (l) => presentedExpressions.find((e) => e.language === l && e.versionDate <= asAt) ?? [],
  );
  const names = titles.get(row.id) ?? {};
  return {
    id: row.id,
    uri: row.uri,
    kind: row.kind as LibraryDocument['kind'],
    subtype: row.subtype,
    title: pick(names, lang),
    titles: names,
    country: row.countryId,
    countryName: row.countryId ? (country.get(row.countryId) ?? null) : null,
    organization: row.organization,
    symbol: row.symbol,
    number: row.number,
    court: row.court,
    caseNumber: row.caseNumber,
    parties: row.parties,
    decisionDate: row.decisionDate,
    adoptedDate: row.adoptedDate,
    publishedDate: row.publishedDate,
    inForceDate: row.inForceDate,
    repealedDate: row.repealedDate,
    status: row.status as LibraryDocument['status'],
    statusAsAt: statusAsAt(row, events, asAt) as LibraryDocument['statusAsAt'],
    categories: row.categories as LibraryDocument['categories'],
    themes: row.themes as LibraryDocument['themes'],
    source: row.source,
    officialUrl: row.officialUrl,
    visibility: row.visibility as LibraryDocument['visibility'],
    languages: LANGUAGES.filter((l) => presentedExpressions.some((e) => e.language === l)),
    instruments: links.map((link) => ({
      instrument: link.instrumentId,
      article: link.article || null,
      note: link.note,
      title: instrumentTitle(link.instrumentId),
    })),
    asAt,
    expressions: presentedExpressions,
    current,
    events: events.map((event) => ({
      type: event.type as 'amendment',
      date: event.date,
      note: event.note,
      by: event.byDocumentId ? relatedRef(event.byDocumentId) : null,
    })),
    affects: affects.map(({ event, document }) => ({
      ...relatedRef(document.id),
      type: event.type as 'amendment',
      date: event.date,
    })),
    references,
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
    canEdit: canEditDocument(actor, row),
  };
}

export async function getDocument(
  deps: LibraryDeps,
  actor: Actor,
  id: string,
  lang: Language,
  asAt: string,
): Promise<LibraryDocument> {
  return presentDocument(deps, actor, await readableDocument(deps.db, actor, id), lang, asAt);
}

/** The text of one version, for the document page and exports. */
export async function expressionText(
  deps: LibraryDeps,
  actor: Actor,
  documentId: string,
  expressionId: string,
): Promise<{ language: Language; text: string }> {
  await readableDocument(deps.db, actor, documentId);
  const [row] = await deps.db
    .select({ lang: libraryExpressions.lang, text: libraryExpressions.text })
    .from(libraryExpressions)
    .where(and(eq(libraryExpressions.id, expressionId), eq(libraryExpressions.documentId, documentId)));
  if (!row) throw notFound('library.version_not_found', 'This document has no such version.');
  return { language: row.lang as Language, text: row.text };
}

export async function originalFile(deps: LibraryDeps, actor: Actor, documentId: string, fileId: string) {
  await readableDocument(deps.db, actor, documentId);
  const [row] = await deps.db
    .select({ file: libraryFiles })
    .from(libraryExpressions)
    .innerJoin(libraryFiles, eq(libraryFiles.id, libraryExpressions.fileId))
    .where(and(eq(libraryExpressions.documentId, documentId), eq(libraryFiles.id, fileId)));
  if (!row) throw notFound('library.file_not_found', 'This document has no such file.');
  return { ...row.file, bytes: await deps.files.get(row.file.storageKey) };
}

export interface DocumentSummary {
  id: string;
  uri: string;
  title: string;
  kind: string;
  country: string | null;
  countryName: string | null;
  symbol: string | null;
  date: string | null;
  updatedAt: string;
  createdAt: string;
}

function visibleTo(actor: Actor) {
  const scope = searchScopeFor(actor);
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'public') return sql`d.visibility = 'public'`;
  return sql`(d.visibility = 'public' or d.country_id = ${scope.countryId} or d.owner_organization_id = ${scope.organizationId})`;
}

async function summaries(db: Db, rows: { id: string }[], lang: Language): Promise<DocumentSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const docs = await db.select().from(libraryDocuments).where(inArray(libraryDocuments.id, ids));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const [titles, names] = await Promise.all([
    titlesOf(db, ids),
    countryNames(
      db,
      docs.flatMap((d) => d.countryId ?? []),
      lang,
    ),
  ]);
  return ids.flatMap((id) => {
    const d = byId.get(id);
    if (!d) return [];
    return [
      {
        id,
        uri: d.uri,
        title: pick(titles.get(id) ?? {}, lang),
        kind: d.kind,
        country: d.countryId,
        countryName: d.countryId ? (names.get(d.countryId) ?? null) : null,
        symbol: d.symbol,
        date: d.adoptedDate ?? d.decisionDate ?? d.publishedDate,
        updatedAt: isoTimestamp(d.updatedAt),
        createdAt: isoTimestamp(d.createdAt),
      },
    ];
  });
}

/** Documents whose text cites an instrument, a country, a resolution or a symbol. */
export async function citingDocuments(
  deps: LibraryDeps,
  actor: Actor,
  kind: ReferenceKind,
  value: string,
  lang: Language,
  limit = 200,
): Promise<DocumentSummary[]> {
  const rows = (await deps.db.execute(sql`
    select d.id from library_references r join library_documents d on d.id = r.document_id
    where r.kind = ${kind} and r.value = ${value} and d.deleted_at is null and ${visibleTo(actor)}
    order by coalesce(d.adopted_date, d.decision_date, d.published_date) desc nulls last, d.id limit ${limit}`)) as unknown as {
    rows: { id: string }[];
  };
  return summaries(deps.db, rows.rows, lang);
}

/** Newest changes first, for the Atom feed: filtered by country and by linked or cited instrument. */
export async function recentDocuments(
  deps: LibraryDeps,
  actor: Actor,
  filter: { country?: string | undefined; instrument?: string | undefined },
  lang: Language,
  limit = 50,
): Promise<DocumentSummary[]> {
  const conditions = [sql`d.deleted_at is null`, visibleTo(actor)];
  if (filter.country) conditions.push(sql`d.country_id = ${filter.country.toUpperCase()}`);
  if (filter.instrument) {
    conditions.push(sql`(exists (select 1 from library_instrument_links l where l.document_id = d.id and l.instrument_id = ${filter.instrument})
      or exists (select 1 from library_references r where r.document_id = d.id and r.kind = 'instrument' and r.value = ${filter.instrument}))`);
  }
  const rows = (await deps.db.execute(sql`
    select d.id from library_documents d where ${sql.join(conditions, sql` and `)} order by d.updated_at desc, d.id limit ${limit}`)) as unknown as {
    rows: { id: string }[];
  };
  return summaries(deps.db, rows.rows, lang);
}
