import { inArray } from 'drizzle-orm';
import type { Language } from '../../contracts/languages.ts';
import type { SearchParams, SearchResponse } from '../../contracts/library.ts';
import type { Actor } from '../accounts/policy.ts';
import { instrumentTranslations } from '../instruments/instruments.table.ts';
import { regionTranslations } from '../participants/participants.table.ts';
import { searchScopeFor } from './library.access.ts';
import type { LibraryDeps } from './library.documents.ts';
import { countryNames, pick } from './library.read.ts';
import { libraryDocumentTitles, libraryDocuments } from './library.table.ts';

/**
 * Searches the library as the actor may see it, with facet labels in the reader's language (codes
 * that the web app translates itself, such as kinds and themes, are left as they are).
 */
export async function searchLibrary(
  deps: LibraryDeps,
  actor: Actor,
  params: SearchParams,
  lang: Language,
): Promise<SearchResponse & { fuzzy: boolean }> {
  const found = await deps.search.search(deps.db, params, searchScopeFor(actor), lang);
  const regionIds = found.facets.region.map((f) => f.value);
  const instrumentIds = found.facets.instrument.map((f) => f.value);
  // Titles in the reader's language when the document has one (the hit carries the title of the text's language).
  const hitIds = [...new Set(found.hits.map((hit) => hit.documentId))];
  // Independent look-ups, side by side: each is a round trip.
  const [countries, regions, instruments, titleRows, symbolRows] = await Promise.all([
    countryNames(
      deps.db,
      [...found.facets.country.map((f) => f.value), ...found.hits.flatMap((h) => h.countryId ?? [])],
      lang,
    ),
    regionIds.length
      ? deps.db.select().from(regionTranslations).where(inArray(regionTranslations.regionM49, regionIds))
      : [],
    instrumentIds.length
      ? deps.db.select().from(instrumentTranslations).where(inArray(instrumentTranslations.instrumentId, instrumentIds))
      : [],
    hitIds.length
      ? deps.db.select().from(libraryDocumentTitles).where(inArray(libraryDocumentTitles.documentId, hitIds))
      : [],
    hitIds.length
      ? deps.db
          .select({ id: libraryDocuments.id, symbol: libraryDocuments.symbol })
          .from(libraryDocuments)
          .where(inArray(libraryDocuments.id, hitIds))
      : [],
  ]);
  const titleIn = (id: string, fallback: string) =>
    titleRows.find((row) => row.documentId === id && row.lang === lang)?.title ?? fallback;
  const symbols = new Map(symbolRows.map((row) => [row.id, row.symbol]));
  const label = <T extends { lang: string }>(rows: T[], match: (row: T) => boolean, text: (row: T) => string | null) =>
    pick(Object.fromEntries(rows.filter(match).map((row) => [row.lang, text(row) ?? ''])), lang);
  const same = (facet: { value: string; count: number }[]) => facet.map((f) => ({ ...f, label: f.value }));
  return {
    total: found.total,
    page: params.page,
    pageSize: params.pageSize,
    fuzzy: found.fuzzy,
    results: found.hits.map((hit) => ({
      id: hit.documentId,
      title: titleIn(hit.documentId, hit.title),
      kind: hit.kind as SearchResponse['results'][number]['kind'],
      country: hit.countryId,
      countryName: hit.countryId ? (countries.get(hit.countryId) ?? null) : null,
      language: hit.lang,
      date: hit.date,
      symbol: symbols.get(hit.documentId) ?? null,
      visibility: hit.visibility as 'public',
      snippet: hit.snippet,
      score: Math.round(hit.score * 10_000) / 10_000,
    })),
    facets: {
      country: found.facets.country.map((f) => ({ ...f, label: countries.get(f.value) ?? f.value })),
      region: found.facets.region.map((f) => ({
        ...f,
        label:
          label(
            regions,
            (r) => r.regionM49 === f.value,
            (r) => r.name,
          ) || f.value,
      })),
      instrument: found.facets.instrument.map((f) => ({
        ...f,
        label:
          label(
            instruments,
            (r) => r.instrumentId === f.value,
            (r) => r.shortName ?? r.title,
          ) || f.value,
      })),
      kind: same(found.facets.kind),
      category: same(found.facets.category),
      theme: same(found.facets.theme),
      language: same(found.facets.language),
      year: same(found.facets.year),
      status: same(found.facets.status),
    },
  };
}
