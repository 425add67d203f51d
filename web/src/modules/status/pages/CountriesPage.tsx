import { useMemo } from 'react';
import { Anchor, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { RegionControl } from '../components/Controls.tsx';
import { useParticipants, useRegions } from '../status.api.ts';

export function CountriesPage() {
  const { t } = useTranslation('status');
  const [state, set] = useSearchState({ region: '', q: '' });
  const participants = useParticipants();
  const regions = useRegions();
  const regionName = new Map((regions.data?.items ?? []).map((r) => [r.m49, r.name]));

  const rows = useMemo(() => {
    const needle = state.q.trim().toLocaleLowerCase();
    return (participants.data?.items ?? []).filter(
      (p) =>
        (!state.region || [p.regionM49, p.subregionM49, p.intermediateRegionM49].includes(state.region)) &&
        (!needle ||
          p.id.toLowerCase() === needle ||
          Object.values(p.names).some((n) => n.toLocaleLowerCase().includes(needle))),
    );
  }, [participants.data, state.region, state.q]);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('countries.title')}</Title>
        <Text mt="xs">{t('countries.intro')}</Text>
      </div>
      <Group align="end" gap="md" wrap="wrap">
        <RegionControl value={state.region} onChange={(v) => set('region', v)} />
        <TextInput
          label={t('controls.search')}
          description={t('countries.searchHint')}
          value={state.q}
          onChange={(e) => set('q', e.currentTarget.value)}
          w={260}
          type="search"
        />
      </Group>
      <QueryState isLoading={participants.isLoading} error={participants.error}>
        <DataTable
          caption={t('countries.caption', { count: rows.length })}
          rows={rows}
          rowKey={(p) => p.id}
          empty={t('empty')}
          initialSort={{ key: 'name', direction: 'asc' }}
          columns={[
            {
              key: 'name',
              label: t('columns.participant'),
              sortValue: (p) => p.name,
              render: (p) => (
                <Anchor component={Link} to={`/countries/${p.id}`}>
                  {p.name}
                </Anchor>
              ),
            },
            {
              key: 'code',
              label: t('columns.code'),
              sortValue: (p) => p.id,
              render: (p) => <span className="ltr-figures">{p.id}</span>,
            },
            {
              key: 'region',
              label: t('columns.region'),
              sortValue: (p) => regionName.get(p.regionM49 ?? '') ?? '',
              render: (p) => regionName.get(p.regionM49 ?? '') ?? '',
            },
            {
              key: 'subregion',
              label: t('columns.subregion'),
              sortValue: (p) => regionName.get(p.intermediateRegionM49 ?? p.subregionM49 ?? '') ?? '',
              render: (p) => regionName.get(p.intermediateRegionM49 ?? p.subregionM49 ?? '') ?? '',
            },
            { key: 'kind', label: t('columns.kind'), sortValue: (p) => p.kind, render: (p) => t(`kinds.${p.kind}`) },
          ]}
        />
      </QueryState>
    </Stack>
  );
}
