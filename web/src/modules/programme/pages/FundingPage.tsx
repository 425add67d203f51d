import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { ExportLinks } from '../../../components/ExportLinks.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { DateControl } from '../../status/components/Controls.tsx';
import { FundingFrame, FundingQueryState, useMoney } from '../components/FundingCommon.tsx';
import { TransactionForm, TransactionsTable } from '../components/FundingTransactions.tsx';
import {
  previousYear,
  useDonorTable,
  useFundingRights,
  useProjectFunding,
  type Period,
  type ProjectFunding,
} from '../funding.api.ts';

const PERIOD = previousYear();
const DEFAULTS = { from: PERIOD.from, to: PERIOD.to };

/** Paid contributions per donor, largest first, with their total and the share of general-purpose funds. */
function DonorTable({ period, caption }: { period: Period; caption: string }) {
  const { t } = useTranslation('funding');
  const money = useMoney();
  const table = useDonorTable(period);
  const data = table.data;
  const rows = [...(data?.rows ?? [])].sort((a, b) => b.paid - a.paid);
  return (
    <section aria-labelledby="donors-title">
      <Title order={2} size="h3" id="donors-title" mb="xs">
        {t('funding.donorsTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('funding.donorsIntro')}
      </Text>
      <FundingQueryState isLoading={table.isLoading} error={table.error}>
        {data && (
          <Stack gap="sm">
            <ExportLinks path="/programme/funding/donors" params={{ ...period }} />
            <div className="table-scroll">
              <Table striped withTableBorder>
                <Table.Caption>{caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('fields.donor')}</Table.Th>
                    <Table.Th scope="col" style={{ textAlign: 'end' }}>
                      {t('funding.paidUsd')}
                    </Table.Th>
                    <Table.Th scope="col" style={{ textAlign: 'end' }}>
                      {t('funding.generalPurposeUsd')}
                    </Table.Th>
                    <Table.Th scope="col" style={{ textAlign: 'end' }}>
                      {t('funding.shareOfTotal')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.length === 0 ? (
                    <Table.Tr>
                      <Table.Td colSpan={4}>{t('funding.donorsEmpty')}</Table.Td>
                    </Table.Tr>
                  ) : (
                    rows.map((row) => (
                      <Table.Tr key={row.donorId}>
                        <Table.Th scope="row" fw={400}>
                          {row.name}
                        </Table.Th>
                        <Table.Td style={{ textAlign: 'end' }} className="nowrap">
                          {money.money(row.paid)}
                        </Table.Td>
                        <Table.Td style={{ textAlign: 'end' }} className="nowrap">
                          {money.money(row.generalPurpose)}
                        </Table.Td>
                        <Table.Td style={{ textAlign: 'end' }}>
                          {data.total > 0 ? money.percent(row.paid / data.total) : '—'}
                        </Table.Td>
                      </Table.Tr>
                    ))
                  )}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th scope="row">{t('funding.total')}</Table.Th>
                    <Table.Td style={{ textAlign: 'end' }} fw={700} className="nowrap">
                      {money.money(data.total)}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'end' }} fw={700} className="nowrap">
                      {money.money(data.generalPurpose)}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'end' }} fw={700}>
                      {data.total > 0 ? money.percent(1) : '—'}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </div>
            <Text fw={600}>
              {data.generalPurposeShare === null
                ? t('funding.generalPurposeNone')
                : t('funding.generalPurposeShare', {
                    share: money.percent(data.generalPurposeShare),
                    amount: money.money(data.generalPurpose),
                    total: money.money(data.total),
                  })}
            </Text>
          </Stack>
        )}
      </FundingQueryState>
    </section>
  );
}

function ProjectFundingTable({ period, caption }: { period: Period; caption: string }) {
  const { t } = useTranslation('funding');
  const money = useMoney();
  const table = useProjectFunding(period);
  const usd = (value: number) => <span className="nowrap">{money.money(value)}</span>;
  return (
    <section aria-labelledby="projects-funding-title">
      <Title order={2} size="h3" id="projects-funding-title" mb="xs">
        {t('funding.projectsTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('funding.projectsIntro')}
      </Text>
      <FundingQueryState isLoading={table.isLoading} error={table.error}>
        {table.data && (
          <Stack gap="sm">
            <ExportLinks path="/programme/funding/projects" params={{ ...period }} />
            <DataTable<ProjectFunding>
              caption={caption}
              rows={table.data.rows}
              rowKey={(row) => row.projectId}
              empty={t('funding.projectsEmpty')}
              initialSort={{ key: 'code', direction: 'asc' }}
              columns={[
                {
                  key: 'code',
                  label: t('fields.code'),
                  sortValue: (r) => r.code,
                  render: (r) => (
                    <Anchor component={Link} to={`/programme/projects/${r.projectId}`} className="ltr-figures">
                      {r.code}
                    </Anchor>
                  ),
                },
                { key: 'title', label: t('fields.title'), sortValue: (r) => r.title, render: (r) => r.title },
                {
                  key: 'pledged',
                  label: t('amounts.pledged'),
                  numeric: true,
                  sortValue: (r) => r.pledged,
                  render: (r) => usd(r.pledged),
                },
                {
                  key: 'committed',
                  label: t('amounts.committed'),
                  numeric: true,
                  sortValue: (r) => r.committed,
                  render: (r) => usd(r.committed),
                },
                {
                  key: 'paid',
                  label: t('amounts.paid'),
                  numeric: true,
                  sortValue: (r) => r.paid,
                  render: (r) => usd(r.paid),
                },
                {
                  key: 'disbursed',
                  label: t('amounts.disbursed'),
                  numeric: true,
                  sortValue: (r) => r.disbursed,
                  render: (r) => usd(r.disbursed),
                },
                {
                  key: 'expenditure',
                  label: t('amounts.expenditure'),
                  numeric: true,
                  sortValue: (r) => r.expenditure,
                  render: (r) => usd(r.expenditure),
                },
                {
                  key: 'balance',
                  label: t('amounts.balance'),
                  numeric: true,
                  sortValue: (r) => r.balance,
                  render: (r) => usd(r.balance),
                },
                {
                  key: 'rate',
                  label: t('amounts.executionRate'),
                  numeric: true,
                  sortValue: (r) => r.executionRate,
                  render: (r) => (r.executionRate === null ? t('funding.noRate') : money.percent(r.executionRate)),
                },
              ]}
            />
          </Stack>
        )}
      </FundingQueryState>
    </section>
  );
}

function Funding() {
  const { t } = useTranslation('funding');
  const format = useFormat();
  const rights = useFundingRights();
  const [state, set] = useSearchState(DEFAULTS);
  const period = { from: state.from, to: state.to };
  const dates = { from: format.date(state.from), to: format.date(state.to) };
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('funding.title')}</Title>
        <Text mt="xs">{t('funding.intro')}</Text>
      </div>
      <Group align="end" gap="md" wrap="wrap" role="group" aria-label={t('period.label')}>
        <DateControl name="from" label={t('period.from')} value={state.from} onChange={(v) => set('from', v)} />
        <DateControl name="to" label={t('period.to')} value={state.to} onChange={(v) => set('to', v)} />
      </Group>
      <DonorTable period={period} caption={t('funding.donorsCaption', dates)} />
      <ProjectFundingTable period={period} caption={t('funding.projectsCaption', dates)} />
      <section aria-labelledby="transactions-title">
        <Title order={2} size="h3" id="transactions-title" mb="xs">
          {t('transactions.title')}
        </Title>
        <Stack gap="md">
          <TransactionsTable
            key={`${state.from}/${state.to}`}
            filter={period}
            caption={(total) => t('transactions.periodCaption', { ...dates, count: total })}
          />
          {rights.canWrite && <TransactionForm />}
        </Stack>
      </section>
    </Stack>
  );
}

/** /programme/funding: contributions by donor, funding by project, and the transactions of a period. */
export function FundingPage() {
  return <FundingFrame>{() => <Funding />}</FundingFrame>;
}
