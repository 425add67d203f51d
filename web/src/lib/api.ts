import { useQuery, keepPreviousData, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../src/contracts/accounts.ts';
import type { Problem } from '../../../src/contracts/common.ts';

/** An API answer that was a problem+json: its code is translated in the UI. */
export class ApiError extends Error {
  readonly problem: Problem;
  /** Seconds to wait, from the Retry-After header of a 429 answer. */
  readonly retryAfter: number | null;
  constructor(problem: Problem, retryAfter: number | null = null) {
    super(problem.detail);
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

type Params = Record<string, string | number | undefined | null>;

export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const query = search.toString();
  return `/api/v1${path}${query ? `?${query}` : ''}`;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = await response.json().catch(() => null);
  const seconds = Number(response.headers.get('retry-after'));
  const problem: Problem =
    body && typeof body === 'object' && 'code' in body
      ? (body as Problem)
      : {
          type: 'about:blank',
          title: response.statusText,
          status: response.status,
          detail: response.statusText,
          code: 'http.error',
          errors: [],
        };
  return new ApiError(problem, Number.isFinite(seconds) && seconds > 0 ? seconds : null);
}

export async function getJson<T>(path: string, params: Params = {}): Promise<T> {
  const response = await fetch(apiUrl(path, params), { headers: { accept: 'application/json' } });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

/** Fetches an API path in the current UI language; keeps showing the previous answer while a new one loads. */
export function useApi<T>(path: string | null, params: Params = {}) {
  const { i18n } = useTranslation();
  const withLang = { ...params, lang: i18n.language };
  return useQuery({
    queryKey: [path, withLang],
    queryFn: () => getJson<T>(path!, withLang),
    enabled: path !== null,
    placeholderData: keepPreviousData,
    retry: (count, error) => !(error instanceof ApiError) && count < 2,
  });
}

/*
 * The session: who is signed in, and the CSRF token every write made with the session cookie must carry.
 * The token is kept here, from the last answer of /auth/session or /auth/sign-in.
 */
let csrfToken: string | null = null;

export const SESSION_KEY = ['session'] as const;

/** Remembers the CSRF token of a session answer (sign-in, or the session query). */
export function rememberSession(info: SessionInfo): SessionInfo {
  csrfToken = info.csrfToken;
  return info;
}

export async function fetchSession(): Promise<SessionInfo> {
  return rememberSession(await getJson<SessionInfo>('/auth/session'));
}

/**
 * After the signed-in user changed (sign-in, sign-out, reset): forget the previous user's answers, and
 * keep the new session (from a sign-in answer, else asked of the server).
 */
export async function sessionChanged(queryClient: QueryClient, info?: SessionInfo) {
  queryClient.removeQueries({ queryKey: [PRIVATE_KEY] });
  const next =
    info ?? (await fetchSession().catch((): SessionInfo => ({ user: null, csrfToken: null, singleSignOn: false })));
  queryClient.setQueryData(SESSION_KEY, rememberSession(next));
}

/** Who is signed in (TanStack Query key ['session']), for the layout and every page that depends on it. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    retry: (count, error) => !(error instanceof ApiError) && count < 2,
  });
}

/**
 * Sends a write (POST, PATCH, PUT, DELETE) with a JSON body and the session's X-CSRF-Token. When the
 * server refuses the token (the session changed in another tab), it fetches the session again and retries once.
 * Answers without a body (204) resolve to undefined.
 */
export function sendJson<T = void>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  return sendWithCsrf<T>(
    method,
    path,
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? {} : { 'content-type': 'application/json' },
  );
}

/**
 * Sends a multipart form (file uploads) with the session's X-CSRF-Token, retrying once like sendJson.
 * No content-type header: the browser writes it, with the boundary of the parts.
 */
export function sendForm<T = void>(method: 'POST' | 'PUT' | 'PATCH', path: string, form: FormData): Promise<T> {
  return sendWithCsrf<T>(method, path, form, {});
}

async function sendWithCsrf<T>(
  method: string,
  path: string,
  body: BodyInit | undefined,
  extraHeaders: Record<string, string>,
): Promise<T> {
  const attempt = () => {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    return fetch(apiUrl(path), { method, headers, body, credentials: 'same-origin' });
  };
  let response = await attempt();
  if (response.status === 403) {
    const error = await errorOf(response);
    if (error.problem.code !== 'auth.csrf_failed') throw error;
    await fetchSession().catch(() => undefined);
    response = await attempt();
  }
  if (!response.ok) throw await errorOf(response);
  const text = response.status === 204 ? '' : await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** First element of the query key of every answer that belongs to the signed-in user: dropped on sign-out. */
export const PRIVATE_KEY = 'private';

/** The query key of a signed-in user's API path: ['private', ...segments, params], so a prefix invalidates a whole area. */
export const privateKey = (path: string, params: Params = {}) =>
  [PRIVATE_KEY, ...path.split('/').filter(Boolean), params] as const;

/** Fetches an API path that needs the signed-in user (no language: these answers hold no translated names). */
export function usePrivateApi<T>(path: string | null, params: Params = {}) {
  return useQuery({
    queryKey: privateKey(path ?? '', params),
    queryFn: () => getJson<T>(path!, params),
    enabled: path !== null,
    placeholderData: keepPreviousData,
    retry: (count, error) => !(error instanceof ApiError) && count < 2,
  });
}
