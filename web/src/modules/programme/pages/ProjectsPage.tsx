import { Anchor, Button, Group, Pagination, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { FundingFrame, FundingQueryState, useMoney, useProjectPeriod } from '../components/FundingCommon.tsx';
import { useFundingRights, useProjects, type Project } from '../funding.api.ts';

const PAGE_SIZE = 50;
const DEFAULTS = { page: '1' };

function Projects() {
  const { t } = useTranslation('funding');
  const money = useMoney();
  const period = useProjectPeriod();
  const rights = useFundingRights();
  const location = useLocation();
  const deleted = (location.state as { deleted?: string } | null)?.deleted;
  const [state, set] = useSearchState(DEFAULTS);
  const page = Math.max(1, Number.parseInt(state.page, 10) || 1);
  const projects = useProjects(PAGE_SIZE, (page - 1) * PAGE_SIZE);
  const data = projects.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="end" wrap="wrap">
        <div>
          <Title order={1}>{t('projects.title')}</Title>
          <Text mt="xs">{t('projects.intro')}</Text>
        </div>
        {rights.canWrite && (
          <Button component={Link} to="/programme/projects/new">
            {t('projects.new')}
          </Button>
        )}
      </Group>
      {deleted && (
        <Text role="status" fw={600}>
          {t('projects.deleted', { code: deleted })}
        </Text>
      )}
      <FundingQueryState isLoading={projects.isLoading} error={projects.error}>
        {data && (
          <>
            <DataTable<Project>
              caption={t('projects.caption', { count: data.total })}
              rows={data.items}
              rowKey={(p) => p.id}
              pageSize={PAGE_SIZE}
              empty={t('projects.empty')}
              columns={[
                {
                  key: 'code',
                  label: t('fields.code'),
                  sortValue: (p) => p.code,
                  render: (p) => (
                    <Anchor component={Link} to={`/programme/projects/${p.id}`} className="ltr-figures">
                      {p.code}
                    </Anchor>
                  ),
                },
                { key: 'title', label: t('fields.title'), sortValue: (p) => p.title, render: (p) => p.title },
                {
                  key: 'scope',
                  label: t('fields.scope'),
                  sortValue: (p) => p.scope,
                  render: (p) => t(`scopes.${p.scope}`),
                },
                {
                  key: 'period',
                  label: t('fields.period'),
                  sortValue: (p) => p.startDate,
                  render: (p) => <span className="nowrap">{period(p)}</span>,
                },
                {
                  key: 'organization',
                  label: t('fields.organization'),
                  sortValue: (p) => p.organizationName,
                  render: (p) => p.organizationName,
                },
                {
                  key: 'budget',
                  label: t('fields.budget'),
                  numeric: true,
                  sortValue: (p) => p.budgetAmount,
                  render: (p) =>
                    p.budgetAmount === null ? (
                      t('projects.noBudget')
                    ) : (
                      <span className="nowrap">{money.money(p.budgetAmount, p.budgetCurrency ?? 'USD')}</span>
                    ),
                },
              ]}
            />
            {pages > 1 && (
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={(n) => set('page', String(n))}
                getControlProps={(control) => ({ 'aria-label': t(`table.${control}`, { ns: 'common' }) })}
                getItemProps={(n) => ({ 'aria-label': t('table.page', { ns: 'common', page: n }) })}
              />
            )}
          </>
        )}
      </FundingQueryState>
    </Stack>
  );
}

/** /programme/projects: the programme's projects, a page at a time. */
export function ProjectsPage() {
  return <FundingFrame>{() => <Projects />}</FundingFrame>;
}
