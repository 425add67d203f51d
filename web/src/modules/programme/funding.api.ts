import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { User } from '../../../../src/contracts/accounts.ts';
import type {
  cohortSchema,
  donorInputSchema,
  donorSchema,
  donorTableSchema,
  indicatorsSchema,
  optionsSchema,
  projectFundingSchema,
  projectSchema,
  rateInputSchema,
  rateSchema,
  transactionSchema,
  IndicatorInput,
  ProjectInput,
  TransactionInput,
} from '../../../../src/contracts/programme.ts';
import { ApiError, PRIVATE_KEY, getJson, privateKey, sendJson, useSession } from '../../lib/api.ts';

export {
  ACTIVITY_TYPES,
  EARMARKINGS,
  PROFESSIONS,
  PROJECT_SCOPES,
  TRANSACTION_TYPES,
} from '../../../../src/contracts/programme.ts';
export { THEMES } from '../../../../src/contracts/library.ts';
export type { IndicatorInput, ProjectInput, TransactionInput } from '../../../../src/contracts/programme.ts';

export type Options = z.infer<typeof optionsSchema>;
export type Indicators = z.infer<typeof indicatorsSchema>;
export type Cohort = z.infer<typeof cohortSchema>;
export type Project = z.infer<typeof projectSchema>;
export type ProjectFunding = z.infer<typeof projectFundingSchema>;
export type DonorTable = z.infer<typeof donorTableSchema>;
export type Donor = z.infer<typeof donorSchema>;
export type DonorInput = z.infer<typeof donorInputSchema>;
export type Transaction = z.infer<typeof transactionSchema>;
export type Rate = z.infer<typeof rateSchema>;
export type RateInput = z.infer<typeof rateInputSchema>;

/** A project's result indicator, as the project page receives it. */
export interface ProjectIndicator {
  id: string;
  name: string;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  values: { period: string; value: number }[];
}
export type ProjectDetail = Project & { funding: ProjectFunding; indicators: ProjectIndicator[] };

type Role = User['role'];
/** Who may read the funding pages (projects, donors, transactions, funding tables, rates). */
const FUNDING_READERS: readonly Role[] = ['administrator', 'programme_officer', 'donor'];
/** Who may record projects, donors, transactions and indicators. */
const FUNDING_WRITERS: readonly Role[] = ['administrator', 'programme_officer'];

/** What the signed-in user may do on the funding pages; the server still decides each request. */
export function useFundingRights() {
  const session = useSession();
  const role = session.data?.user?.role;
  return {
    signedIn: Boolean(session.data?.user),
    canRead: role !== undefined && FUNDING_READERS.includes(role),
    canWrite: role !== undefined && FUNDING_WRITERS.includes(role),
    canEditRates: role === 'administrator',
  };
}

type Params = Record<string, string | number | undefined>;
const retry = (count: number, error: unknown) => !(error instanceof ApiError) && count < 2;

/**
 * Programme answers depend on who asks: they live under the private key (['private', 'programme', ...]),
 * so signing out drops them, and one invalidation of the prefix refreshes every programme view.
 */
const PROGRAMME = [PRIVATE_KEY, 'programme'] as const;

function useProgrammeQuery<T>(path: string | null, params: Params = {}) {
  return useQuery({
    queryKey: privateKey(path ?? '', params),
    queryFn: () => getJson<T>(path!, params),
    enabled: path !== null,
    placeholderData: keepPreviousData,
    retry,
  });
}

/** The same, with names (countries, instruments) in the UI language. */
function useNamedProgrammeQuery<T>(path: string | null, params: Params = {}) {
  const { i18n } = useTranslation();
  return useProgrammeQuery<T>(path, { ...params, lang: i18n.language });
}

export const useProgrammeOptions = () => useProgrammeQuery<Options>('/programme/options');

export interface IndicatorFilter {
  from: string;
  to: string;
  region?: string;
  country?: string;
  donor?: string;
  project?: string;
  theme?: string;
}
export const useIndicators = (filter: IndicatorFilter) =>
  useNamedProgrammeQuery<Indicators>('/programme/indicators', { ...filter });

export interface CohortFilter {
  from: string;
  to: string;
  types: string;
  set: string;
  region?: string;
}
export const useCohort = (filter: CohortFilter) =>
  useNamedProgrammeQuery<Cohort>('/programme/indicators/cohort', { ...filter });

export const useProjects = (limit: number, offset: number, enabled = true) =>
  useProgrammeQuery<{ total: number; items: Project[] }>(enabled ? '/programme/projects' : null, { limit, offset });
export const useProject = (id: string) =>
  useNamedProgrammeQuery<ProjectDetail>(id ? `/programme/projects/${encodeURIComponent(id)}` : null);

export interface Period {
  from?: string;
  to?: string;
}
export const useProjectFunding = (period: Period) =>
  useProgrammeQuery<{ rows: ProjectFunding[] }>('/programme/funding/projects', { ...period });
export const useDonorTable = (period: Period) =>
  useNamedProgrammeQuery<DonorTable>('/programme/funding/donors', { ...period });
export const useDonors = () => useNamedProgrammeQuery<{ items: Donor[] }>('/programme/donors');

export interface TransactionFilter {
  project?: string;
  donor?: string;
  type?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}
export const useTransactions = (filter: TransactionFilter) =>
  useNamedProgrammeQuery<{ total: number; items: Transaction[] }>('/programme/transactions', { ...filter });

export const useRates = (currency: string) =>
  useProgrammeQuery<{ items: Rate[] }>('/programme/rates', { currency: currency || undefined });

/** Every write may change several programme views (funding tables, options, a project's page): refresh them all. */
function useProgrammeMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: PROGRAMME }),
  });
}

const projectPath = (id: string) => `/programme/projects/${encodeURIComponent(id)}`;

export const useCreateProject = () =>
  useProgrammeMutation((input: ProjectInput) => sendJson<Project>('POST', '/programme/projects', input));
export const useUpdateProject = (id: string) =>
  useProgrammeMutation((input: ProjectInput) => sendJson<Project>('PUT', projectPath(id), input));
export const useDeleteProject = (id: string) => useProgrammeMutation(() => sendJson('DELETE', projectPath(id)));

export const useCreateIndicator = () =>
  useProgrammeMutation((input: IndicatorInput) => sendJson<ProjectIndicator>('POST', '/programme/indicators', input));
export const useUpdateIndicator = () =>
  useProgrammeMutation(({ id, input }: { id: string; input: IndicatorInput }) =>
    sendJson<ProjectIndicator>('PUT', `/programme/indicators/${encodeURIComponent(id)}`, input),
  );

export const useCreateDonor = () =>
  useProgrammeMutation((input: DonorInput) => sendJson<Donor>('POST', '/programme/donors', input));

export const useCreateTransaction = () =>
  useProgrammeMutation((input: TransactionInput) => sendJson<Transaction>('POST', '/programme/transactions', input));
export const useDeleteTransaction = () =>
  useProgrammeMutation((id: string) => sendJson('DELETE', `/programme/transactions/${encodeURIComponent(id)}`));

export const useCreateRate = () =>
  useProgrammeMutation((input: RateInput) => sendJson<Rate>('POST', '/programme/rates', input));
export const useDeleteRate = () =>
  useProgrammeMutation((id: string) => sendJson('DELETE', `/programme/rates/${encodeURIComponent(id)}`));

/** The first and last day of the previous calendar year: the default reporting period. */
export function previousYear(): { from: string; to: string } {
  const year = new Date().getUTCFullYear() - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * A number typed by a person: spaces and the other thousands separators are dropped, a lone comma is a
 * decimal comma ("1 234,5"). Null when it is empty, NaN when it is not a number.
 */
export function parseAmount(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (compact === '') return null;
  const normal = compact.includes('.') ? compact.replace(/,/g, '') : compact.replace(',', '.');
  return /^-?\d*\.?\d+$/.test(normal) ? Number(normal) : Number.NaN;
}
