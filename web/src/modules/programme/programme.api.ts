import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { User } from '../../../../src/contracts/accounts.ts';
import type {
  Activity,
  ActivityFilter,
  ActivityInput,
  Matrix,
  OutcomeInput,
  optionsSchema,
  overlapQuerySchema,
  overlapSchema,
} from '../../../../src/contracts/programme.ts';
import { ApiError, PRIVATE_KEY, privateKey, sendJson, usePrivateApi, useSession } from '../../lib/api.ts';

export {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  DOCUMENT_ROLES,
  MATRIX_MAX_MONTHS,
  PROFESSIONS,
} from '../../../../src/contracts/programme.ts';
export { THEMES } from '../../../../src/contracts/library.ts';
export type {
  Activity,
  ActivityInput,
  ActivityStatus,
  ActivityType,
  Matrix,
  OutcomeInput,
  Profession,
} from '../../../../src/contracts/programme.ts';

export type Overlap = z.infer<typeof overlapSchema>;
export type OverlapQuery = z.input<typeof overlapQuerySchema>;
export type ProgrammeOptions = z.infer<typeof optionsSchema>;
export type MatrixEntry = Matrix['regions'][number]['subregions'][number]['countries'][number]['cells'][number][number];
/** What GET, POST and PUT of an activity answer: the activity, and the other organisations' activities close to it, as of now. */
export type SavedActivity = Activity & { overlaps: Overlap[] };

/** Roles the server lets record activities (it still decides per activity: `canEdit`). */
const WRITER_ROLES: readonly User['role'][] = ['administrator', 'programme_officer', 'partner'];

export function useCanWriteActivities(): boolean {
  const session = useSession();
  const role = session.data?.user?.role;
  return role !== undefined && WRITER_ROLES.includes(role);
}

/*
 * Every programme answer needs a signed-in user and depends on who asks (canEdit): it lives under the
 * private key (['private', 'programme', ...]), so signing out drops it and a write invalidates the whole area.
 */
const PROGRAMME = [PRIVATE_KEY, 'programme'] as const;

type Params = Record<string, string | number | undefined>;

/** Filters of the activity list, as the API names them; empty values are left out of the request. */
export type ActivityFilters = Partial<Record<keyof ActivityFilter | 'sort' | 'limit' | 'offset', string | number>>;

export const useActivities = (filters: ActivityFilters, enabled = true) =>
  usePrivateApi<{ total: number; items: Activity[] }>(enabled ? '/programme/activities' : null, filters as Params);

export const useActivity = (id: string) =>
  usePrivateApi<SavedActivity>(id ? `/programme/activities/${encodeURIComponent(id)}` : null);

export const useProgrammeOptions = () => usePrivateApi<ProgrammeOptions>('/programme/options');

export interface MatrixParams {
  start: string;
  months: string;
  region?: string;
  theme?: string;
  type?: string;
  organization?: string;
  project?: string;
  donor?: string;
  /** A partner organisation's name, matched case-insensitively against each activity's partners. */
  partner?: string;
}

/** The activity matrix: region and country names come in the UI language. */
export function useMatrix(params: MatrixParams) {
  const { i18n } = useTranslation();
  return usePrivateApi<Matrix>('/programme/matrix', { ...params, lang: i18n.language });
}

/** A country's activity history; nothing is asked for anonymous visitors (pass enabled = false). */
export const useCountryActivities = (code: string, enabled: boolean) =>
  usePrivateApi<{ items: Activity[] }>(
    enabled && code ? `/programme/countries/${encodeURIComponent(code)}/activities` : null,
  );

/** Other organisations' activities close in time, for the same countries and themes (a warning, never a refusal). */
export const checkOverlaps = (query: OverlapQuery) =>
  sendJson<{ windowDays: number; overlaps: Overlap[] }>('POST', '/programme/activities/overlaps', query);

/** checkOverlaps as a query: the answer to the latest values wins, whatever order the answers come in. */
export function useOverlaps(query: OverlapQuery | null) {
  return useQuery({
    queryKey: [...PROGRAMME, 'overlaps', query],
    queryFn: () => checkOverlaps(query!),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    retry: (count, error) => !(error instanceof ApiError) && count < 2,
  });
}

/** Every write changes lists, the matrix, the calendar, country histories and indicators (not the form's own overlap check). */
function refreshProgramme(queryClient: QueryClient, except: (key: readonly unknown[]) => boolean = () => false) {
  // Not awaited: the page that made the change moves on at once (to the activity, or away from a deleted one).
  void queryClient.invalidateQueries({
    queryKey: PROGRAMME,
    predicate: (query) => query.queryKey[2] !== 'overlaps' && !except(query.queryKey),
  });
}

/** An outcome (a treaty action or a law in a country) and the activities that contributed to it, as GET /programme/outcomes gives it. */
export interface Outcome {
  id: string;
  kind: OutcomeInput['kind'];
  participantId: string;
  countryName: string;
  instrumentId: string | null;
  documentId: string | null;
  documentTitle: string | null;
  stage: 'drafted' | 'adopted' | null;
  date: string;
  description: string | null;
  contributions: { activityId: string; activityTitle: string; note: string }[];
}

/** The outcomes an activity contributed to: country names and law titles come in the UI language. */
export function useOutcomes(activityId: string) {
  const { i18n } = useTranslation();
  return usePrivateApi<{ items: Outcome[] }>(activityId ? '/programme/outcomes' : null, {
    activity: activityId,
    lang: i18n.language,
  });
}

/** Records an outcome; the outcome lists and the indicators (laws drafted or adopted) change with it. */
export function useRecordOutcome() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OutcomeInput) => sendJson<Outcome>('POST', '/programme/outcomes', input),
    onSuccess: () => refreshProgramme(queryClient),
  });
}

/** Creates (id null) or replaces an activity. */
export function useSaveActivity(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ActivityInput) =>
      id
        ? sendJson<SavedActivity>('PUT', `/programme/activities/${encodeURIComponent(id)}`, input)
        : sendJson<SavedActivity>('POST', '/programme/activities', input),
    onSuccess: () => refreshProgramme(queryClient),
  });
}

export function useDeleteActivity(id: string) {
  const queryClient = useQueryClient();
  const detail = privateKey(`/programme/activities/${encodeURIComponent(id)}`).slice(0, -1);
  const isDetail = (key: readonly unknown[]) => detail.every((part, index) => key[index] === part);
  return useMutation({
    mutationFn: () => sendJson('DELETE', `/programme/activities/${encodeURIComponent(id)}`),
    onSuccess: () => {
      // The deleted activity's page is still on screen until the navigation away: marked stale, not asked for again now.
      void queryClient.invalidateQueries({ queryKey: detail, refetchType: 'none' });
      refreshProgramme(queryClient, isDetail);
    },
  });
}
