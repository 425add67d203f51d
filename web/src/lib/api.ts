import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/status.ts';

/** An API answer that was a problem+json: its code is translated in the UI. */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

type Params = Record<string, string | number | undefined | null>;

export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const query = search.toString();
  return `/api/v1${path}${query ? `?${query}` : ''}`;
}

export async function getJson<T>(path: string, params: Params = {}): Promise<T> {
  const response = await fetch(apiUrl(path, params), { headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(body && typeof body === 'object' && 'code' in body ? (body as Problem) : { type: 'about:blank', title: response.statusText, status: response.status, detail: response.statusText, code: 'http.error', errors: [] });
  }
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
