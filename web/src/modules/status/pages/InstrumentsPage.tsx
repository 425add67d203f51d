import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useInstruments } from '../status.api.ts';

export function InstrumentsPage() {
  const { t } = useTranslation('status');
  const format = useFormat();
  const instruments = useInstruments();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('instruments.title')}</Title>
        <Text mt="xs">{t('instruments.intro')}</Text>
      </div>
      <QueryState isLoading={instruments.isLoading} error={instruments.error}>
        <DataTable
          caption={t('instruments.caption')}
          rows={instruments.data?.items ?? []}
          rowKey={(i) => i.id}
          pageSize={50}
          empty={t('empty')}
          columns={[
            {
              key: 'name',
              label: t('columns.instrument'),
              sortValue: (i) => i.shortName,
              render: (i) => (
                <Stack gap={0}>
                  <Anchor component={Link} to={`/instruments/${i.id}`}>
                    {i.shortName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {i.title}
                  </Text>
                </Stack>
              ),
            },
            {
              key: 'adopted',
              label: t('columns.adopted'),
              sortValue: (i) => i.adoptedDate,
              render: (i) => format.date(i.adoptedDate),
            },
            {
              key: 'eif',
              label: t('columns.entryIntoForce'),
              sortValue: (i) => i.entryIntoForceDate,
              render: (i) => format.date(i.entryIntoForceDate),
            },
            {
              key: 'depositary',
              label: t('columns.depositary'),
              sortValue: (i) => i.depositaryCodes.join(' '),
              render: (i) => i.depositaryCodes.map((c) => t(`depositaries.${c}`)).join(', '),
            },
            {
              key: 'sets',
              label: t('columns.sets'),
              render: (i) => (
                <Group gap={4}>
                  {i.sets.length ? (
                    i.sets.map((s) => (
                      <Badge key={s} variant="light" size="sm">
                        {s}
                      </Badge>
                    ))
                  ) : (
                    <Text size="xs">{t(`families.${i.family}`)}</Text>
                  )}
                </Group>
              ),
            },
            {
              key: 'data',
              label: t('columns.statusData'),
              sortValue: (i) => (i.hasData ? (i.complete ? 2 : 1) : 0),
              render: (i) =>
                i.hasData ? (
                  t(i.complete ? 'instruments.completeAsOf' : 'instruments.partialAsOf', {
                    date: format.date(i.dataAsOf),
                  })
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('noData')}
                  </Text>
                ),
            },
          ]}
        />
      </QueryState>
    </Stack>
  );
}
