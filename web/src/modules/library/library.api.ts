import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/accounts.ts';
import type { Instrument, Participant } from '../../../../src/contracts/status.ts';
import type { DocumentInput, LibraryDocument, SearchResponse, VersionText } from '../../../../src/contracts/library.ts';
import { ApiError, PRIVATE_KEY, getJson, sendForm, sendJson, useApi, useSession } from '../../lib/api.ts';

export {
  CATEGORIES,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  DOCUMENT_SUBTYPES,
  EVENT_TYPES,
  SEARCH_SORTS,
  THEMES,
  VISIBILITIES,
} from '../../../../src/contracts/library.ts';
export type { DocumentInput, LibraryDocument, SearchResponse, VersionText } from '../../../../src/contracts/library.ts';

/** Roles the server lets write to the library (it still decides per document). */
const WRITER_ROLES: readonly User['role'][] = [
  'administrator',
  'programme_officer',
  'partner',
  'member_state_official',
];

export function useCanWrite(): boolean {
  const session = useSession();
  const role = session.data?.user?.role;
  return role !== undefined && WRITER_ROLES.includes(role);
}

/*
 * What the library answers depends on who asks (restricted documents, canEdit): its answers live under
 * the private key, so signing in or out drops them instead of showing another user's view.
 */
const LIBRARY = [PRIVATE_KEY, 'library'] as const;

type Params = Record<string, string | number | undefined>;
const retry = (count: number, error: unknown) => !(error instanceof ApiError) && count < 2;

function useLibraryQuery<T>(path: string | null, params: Params) {
  return useQuery({
    queryKey: [...LIBRARY, path, params],
    queryFn: () => getJson<T>(path!, params),
    enabled: path !== null,
    placeholderData: keepPreviousData,
    retry,
  });
}

export type SearchAnswer = SearchResponse & { fuzzy: boolean };
export type SearchResult = SearchResponse['results'][number];
export type FacetName = keyof SearchResponse['facets'];
export const FACETS: readonly FacetName[] = [
  'country',
  'region',
  'kind',
  'category',
  'theme',
  'instrument',
  'language',
  'year',
  'status',
];

/** Search filters as the page keeps them; `language` is the language of the text, sent as `lang`. */
export type SearchFilters = Partial<Record<FacetName | 'q' | 'sort' | 'page' | 'pageSize', string>>;

/**
 * The search API's parameters. The UI language only goes in `hl` (labels): `lang` filters the texts,
 * and a reader must find documents in every language whatever language the interface is in.
 */
export function searchParams(filters: SearchFilters, uiLanguage: string): Params {
  const { language, ...rest } = filters;
  return { ...rest, lang: language, hl: uiLanguage };
}

export function useLibrarySearch(filters: SearchFilters, enabled = true) {
  const { i18n } = useTranslation();
  return useLibraryQuery<SearchAnswer>(enabled ? '/library/search' : null, searchParams(filters, i18n.language));
}

export function useDocument(id: string, asAt?: string) {
  const { i18n } = useTranslation();
  return useLibraryQuery<LibraryDocument>(id ? `/library/documents/${encodeURIComponent(id)}` : null, {
    lang: i18n.language,
    asAt,
  });
}

export const useVersionText = (id: string, versionId: string | null) =>
  useLibraryQuery<VersionText>(
    versionId ? `/library/documents/${encodeURIComponent(id)}/versions/${encodeURIComponent(versionId)}/text` : null,
    {},
  );

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

export function useCiting(kind: 'instrument' | 'country' | 'resolution' | 'symbol', value: string) {
  const { i18n } = useTranslation();
  return useLibraryQuery<{ items: DocumentSummary[] }>(value ? '/library/citing' : null, {
    kind,
    value,
    lang: i18n.language,
  });
}

export const useParticipantList = () => useApi<{ items: Participant[] }>('/participants');
export const useInstrumentList = () => useApi<{ items: Instrument[] }>('/instruments');

/** Every write changes what searches, pages and citations show. */
function useLibraryMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    // Not awaited: the page that made the change may move on (to the new document, or away from a deleted one) at once.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: LIBRARY }),
  });
}

export interface NewFile {
  file: File;
  language: string;
  versionDate: string;
}

function fileForm(upload: NewFile, metadata?: DocumentInput): FormData {
  const form = new FormData();
  if (metadata) form.append('metadata', JSON.stringify(metadata));
  form.append('language', upload.language);
  if (upload.versionDate) form.append('versionDate', upload.versionDate);
  form.append('file', upload.file, upload.file.name);
  return form;
}

export const useCreateDocument = () =>
  useLibraryMutation(({ input, upload }: { input: DocumentInput; upload: NewFile | null }) =>
    upload
      ? sendForm<{ id: string; uri: string }>('POST', '/library/documents', fileForm(upload, input))
      : sendJson<{ id: string; uri: string }>('POST', '/library/documents', input),
  );

export const useUpdateDocument = (id: string) =>
  useLibraryMutation((input: DocumentInput) =>
    sendJson<LibraryDocument>('PUT', `/library/documents/${encodeURIComponent(id)}`, input),
  );

export const useAddVersion = (id: string) =>
  useLibraryMutation((upload: NewFile) =>
    sendForm<{ id: string }>('POST', `/library/documents/${encodeURIComponent(id)}/versions`, fileForm(upload)),
  );

export const useDeleteDocument = (id: string) =>
  useLibraryMutation(() => sendJson('DELETE', `/library/documents/${encodeURIComponent(id)}`));
