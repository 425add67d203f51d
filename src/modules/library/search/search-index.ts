import type { Language } from '../../../contracts/languages.ts';
import type { SearchParams } from '../../../contracts/library.ts';
import type { Db } from '../../../db/client.ts';

/**
 * What the library needs from a search engine. The PostgreSQL implementation is the only one today;
 * a search server (OpenSearch) can implement the same interface without routes or pages changing.
 */
export interface LibrarySearchIndex {
  /** Rebuilds the entries of documents from their stored state (removes those of deleted ones). */
  indexDocuments(db: Db, documentIds: string[]): Promise<void>;
  /**
   * After a bulk change (an import, a rebuild): folds into the index what it keeps aside for quick
   * writes, so that searches right after are as fast as later ones. Never fails the change it follows.
   */
  settle(db: Db): Promise<void>;
  /** Rebuilds the entries that an older version of the indexing built; returns how many documents it rebuilt. */
  reindexOutdated(db: Db): Promise<number>;
  search(db: Db, params: SearchParams, scope: SearchScope, lang: Language): Promise<SearchHits>;
}

/** Which restricted documents the caller may see: all, none, or those of one country or organisation. */
export type SearchScope =
  | { kind: 'all' }
  | { kind: 'public' }
  | { kind: 'public-and'; countryId: string | null; organizationId: string | null };

export interface SearchHit {
  documentId: string;
  lang: Language;
  title: string;
  kind: string;
  countryId: string | null;
  date: string | null;
  visibility: string;
  snippet: string;
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchHits {
  total: number;
  hits: SearchHit[];
  facets: Record<
    'country' | 'region' | 'kind' | 'category' | 'theme' | 'instrument' | 'language' | 'year' | 'status',
    FacetCount[]
  >;
  /** True when nothing matched the words exactly and the results come from typo-tolerant matching. */
  fuzzy: boolean;
}
