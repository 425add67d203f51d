import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  ChangesPage,
  Compare,
  CountryStatus,
  Instrument,
  Matrix,
  Overview,
  Participant,
  Parties,
  Region,
  Snapshot,
  Timeline,
} from '../../../../src/contracts/status.ts';
import { getJson, useApi } from '../../lib/api.ts';

export const useInstruments = () => useApi<{ items: Instrument[] }>('/instruments');
export const useInstrument = (id: string) => useApi<Instrument>(`/instruments/${encodeURIComponent(id)}`);
export const useParties = (id: string, asOf: string, basis: string) =>
  useApi<Parties>(`/instruments/${encodeURIComponent(id)}/parties`, { asOf, basis });
export const useTimeline = (id: string, basis: string) =>
  useApi<Timeline>(`/instruments/${encodeURIComponent(id)}/timeline`, { basis });
export const useParticipants = () => useApi<{ items: Participant[] }>('/participants');
export const useParticipant = (code: string) => useApi<Participant>(`/participants/${encodeURIComponent(code)}`);
export const useCountryStatus = (code: string, asOf: string, set: string, basis: string) =>
  useApi<CountryStatus>(`/participants/${encodeURIComponent(code)}/status`, { asOf, set, basis });
export const useCompare = (from: string, to: string, set: string, basis: string) =>
  useApi<Compare>('/status/compare', { from, to, set, basis });
export const useMatrix = (asOf: string, set: string, basis: string, region: string) =>
  useApi<Matrix>('/status/matrix', { asOf, set, basis, region });
export const useOverview = (asOf: string, set: string, basis: string) =>
  useApi<Overview>('/status/overview', { asOf, set, basis });
export const useRegions = () => useApi<{ items: Region[] }>('/regions');
export const useSnapshots = () => useApi<{ items: Snapshot[] }>('/status/snapshots');

export function useChanges(filter: { instrument: string; participant: string }) {
  const { i18n } = useTranslation();
  return useInfiniteQuery({
    queryKey: ['changes', filter, i18n.language],
    queryFn: ({ pageParam }) =>
      getJson<ChangesPage>('/status/changes', { ...filter, limit: 50, cursor: pageParam, lang: i18n.language }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
