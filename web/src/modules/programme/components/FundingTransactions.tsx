import { useState, type FormEvent } from 'react';
import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  Pagination,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { isolate, useFormat } from '../../../lib/format.ts';
import { ConfirmButton } from '../../accounts/components/ConfirmButton.tsx';
import { useRegions } from '../../status/status.api.ts';
import { FundingErrorAlert, FundingQueryState, useFundingFieldErrors, useMoney } from './FundingCommon.tsx';
import {
  EARMARKINGS,
  THEMES,
  TRANSACTION_TYPES,
  parseAmount,
  useCreateTransaction,
  useDeleteTransaction,
  useFundingRights,
  useProgrammeOptions,
  useTransactions,
  type Transaction,
  type TransactionInput,
} from '../funding.api.ts';

const PAGE_SIZE = 50;

/** Types that come from a donor, and types that go to (or are spent by) a project. */
const DONOR_TYPES: readonly string[] = ['pledge', 'commitment', 'incoming_funds'];
const PROJECT_TYPES: readonly string[] = ['disbursement', 'expenditure'];

/** What a transaction is earmarked for, in words: "Theme: Maritime", "General purpose". */
function useEarmarking() {
  const { t } = useTranslation('funding');
  const regions = useRegions();
  const regionName = new Map((regions.data?.items ?? []).map((r) => [r.m49, r.name]));
  return (row: Pick<Transaction, 'earmarking' | 'earmarkTheme' | 'earmarkRegion' | 'projectCode'>) => {
    const kind = t(`earmarkings.${row.earmarking}`);
    if (row.earmarking === 'theme' && row.earmarkTheme)
      return t('transactions.earmarkedFor', {
        kind,
        target: t(`themes.${row.earmarkTheme}`, { ns: 'library', defaultValue: row.earmarkTheme }),
      });
    if (row.earmarking === 'region' && row.earmarkRegion)
      return t('transactions.earmarkedFor', { kind, target: regionName.get(row.earmarkRegion) ?? row.earmarkRegion });
    if (row.earmarking === 'project' && row.projectCode)
      return t('transactions.earmarkedFor', { kind, target: isolate(row.projectCode) });
    return kind;
  };
}

/**
 * Transactions (of a project, or in a period), newest first as the server sends them, a page at a time;
 * writers may delete one (after confirming).
 */
export function TransactionsTable({
  filter,
  caption,
}: {
  filter: { project?: string; from?: string; to?: string };
  caption: (total: number) => string;
}) {
  const { t } = useTranslation('funding');
  const format = useFormat();
  const money = useMoney();
  const earmarking = useEarmarking();
  const rights = useFundingRights();
  const [page, setPage] = useState(1);
  const [type, setType] = useState('');
  const transactions = useTransactions({
    ...filter,
    type: type || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const remove = useDeleteTransaction();
  const data = transactions.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const typeLabel = (row: Transaction) => t(`transactionTypes.${row.type}`);

  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('transactions.typeFilter')}
        value={type}
        className="field-wide"
        onChange={(event) => {
          setType(event.currentTarget.value);
          setPage(1);
        }}
        data={[
          { value: '', label: t('transactions.allTypes') },
          ...TRANSACTION_TYPES.map((value) => ({ value, label: t(`transactionTypes.${value}`) })),
        ]}
      />
      <FundingErrorAlert error={remove.error} />
      <FundingQueryState isLoading={transactions.isLoading} error={transactions.error}>
        {data && (
          <>
            <DataTable<Transaction>
              caption={caption(data.total)}
              rows={data.items}
              rowKey={(row) => row.id}
              pageSize={PAGE_SIZE}
              empty={t('transactions.empty')}
              columns={[
                { key: 'type', label: t('fields.type'), sortValue: typeLabel, render: typeLabel },
                {
                  key: 'date',
                  label: t('fields.date'),
                  sortValue: (row) => row.date,
                  render: (row) => <span className="nowrap">{format.date(row.date)}</span>,
                },
                {
                  key: 'donor',
                  label: t('fields.donor'),
                  sortValue: (row) => row.donorName,
                  render: (row) => row.donorName ?? '—',
                },
                {
                  key: 'project',
                  label: t('fields.project'),
                  sortValue: (row) => row.projectCode,
                  render: (row) =>
                    row.projectId ? (
                      <Anchor component={Link} to={`/programme/projects/${row.projectId}`} className="ltr-figures">
                        {row.projectCode ?? row.projectId}
                      </Anchor>
                    ) : (
                      '—'
                    ),
                },
                {
                  key: 'amount',
                  label: t('fields.amount'),
                  numeric: true,
                  sortValue: (row) => row.amount,
                  render: (row) => <span className="nowrap">{money.money(row.amount, row.currency)}</span>,
                },
                {
                  key: 'usd',
                  label: t('fields.amountUsd'),
                  numeric: true,
                  sortValue: (row) => row.usdAmount,
                  render: (row) => (
                    <span
                      className="nowrap"
                      title={t('transactions.rateUsed', {
                        rate: money.rate(row.usdRate),
                        currency: isolate(row.currency),
                      })}
                    >
                      {money.money(row.usdAmount)}
                    </span>
                  ),
                },
                {
                  key: 'earmarking',
                  label: t('fields.earmarking'),
                  sortValue: (row) => row.earmarking,
                  render: earmarking,
                },
                { key: 'description', label: t('fields.description'), render: (row) => row.description ?? '' },
                ...(rights.canWrite
                  ? [
                      {
                        key: 'actions',
                        label: t('columns.actions'),
                        render: (row: Transaction) => (
                          <ConfirmButton
                            size="xs"
                            title={t('transactions.deleteTitle')}
                            confirm={t('transactions.delete')}
                            message={t('transactions.deleteMessage', {
                              type: typeLabel(row),
                              amount: money.money(row.amount, row.currency),
                              date: format.date(row.date),
                            })}
                            ariaLabel={t('transactions.deleteNamed', {
                              type: typeLabel(row),
                              date: format.date(row.date),
                            })}
                            loading={remove.isPending && remove.variables === row.id}
                            onConfirm={() => remove.mutate(row.id)}
                          >
                            {t('transactions.delete')}
                          </ConfirmButton>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {pages > 1 && (
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={setPage}
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

interface FormState {
  type: TransactionInput['type'];
  donorId: string;
  projectId: string;
  date: string;
  amount: string;
  currency: string;
  earmarking: NonNullable<TransactionInput['earmarking']>;
  earmarkTheme: string;
  earmarkRegion: string;
  description: string;
}

const FIELDS = [
  'type',
  'donorId',
  'projectId',
  'date',
  'amount',
  'currency',
  'earmarking',
  'earmarkTheme',
  'earmarkRegion',
  'description',
];

/**
 * Records a transaction. The server converts the amount to US dollars at the rate in force on its date,
 * and refuses a currency without one ("no rate for this currency on this date"), shown on the field.
 */
export function TransactionForm({ projectId: fixedProject }: { projectId?: string }) {
  const { t, i18n } = useTranslation('funding');
  const options = useProgrammeOptions();
  const regions = useRegions();
  const money = useMoney();
  const create = useCreateTransaction();
  const empty = (): FormState => ({
    type: fixedProject ? 'expenditure' : 'incoming_funds',
    donorId: '',
    projectId: fixedProject ?? '',
    date: '',
    amount: '',
    currency: 'USD',
    earmarking: fixedProject ? 'project' : 'general',
    earmarkTheme: '',
    earmarkRegion: '',
    description: '',
  });
  const [state, setState] = useState<FormState>(empty);
  const [checked, setChecked] = useState<Partial<Record<keyof FormState, string>>>({});
  const server = useFundingFieldErrors(create.isPending ? null : create.error);
  const error = (field: keyof FormState) => checked[field] ?? server(field);
  const change = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setState((previous) => ({ ...previous, [key]: value }));

  const collator = new Intl.Collator(i18n.language);
  const donors = [...(options.data?.donors ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const projects = options.data?.projects ?? [];
  const currencies = [...new Set([...(options.data?.currencies ?? []), 'USD'])].sort();
  const regionOptions = [...(regions.data?.items ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const needsDonor = DONOR_TYPES.includes(state.type);
  const needsProject = PROJECT_TYPES.includes(state.type) || state.earmarking === 'project';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    const problems: Partial<Record<keyof FormState, string>> = {};
    const amount = parseAmount(state.amount);
    if (needsDonor && !state.donorId) problems.donorId = t('transactions.form.donorRequired');
    if (needsProject && !state.projectId) problems.projectId = t('transactions.form.projectRequired');
    if (!state.date) problems.date = t('form.required');
    if (amount === null) problems.amount = t('form.required');
    else if (Number.isNaN(amount) || amount <= 0) problems.amount = t('form.amountInvalid');
    if (state.earmarking === 'theme' && !state.earmarkTheme) problems.earmarkTheme = t('form.required');
    if (state.earmarking === 'region' && !state.earmarkRegion) problems.earmarkRegion = t('form.required');
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    create.mutate(
      {
        type: state.type,
        donorId: state.donorId || null,
        projectId: state.projectId || null,
        date: state.date,
        amount: amount!,
        currency: state.currency,
        earmarking: state.earmarking,
        earmarkTheme: state.earmarking === 'theme' ? (state.earmarkTheme as TransactionInput['earmarkTheme']) : null,
        earmarkRegion: state.earmarking === 'region' ? state.earmarkRegion : null,
        description: state.description.trim() || null,
      },
      { onSuccess: () => setState(empty()) },
    );
  };

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="transaction-form-title"
    >
      <Stack gap="md">
        <Title order={3} size="h4" id="transaction-form-title">
          {t('transactions.form.title')}
        </Title>
        <Text size="sm">{t('transactions.form.intro')}</Text>
        <Group align="start" gap="md" wrap="wrap">
          <NativeSelect
            label={t('fields.type')}
            required
            value={state.type}
            className="field-wide"
            error={error('type')}
            onChange={(event) => change('type', event.currentTarget.value as FormState['type'])}
            data={TRANSACTION_TYPES.map((value) => ({ value, label: t(`transactionTypes.${value}`) }))}
          />
          <TextInput
            type="date"
            label={t('fields.date')}
            required
            value={state.date}
            className="field-date"
            error={error('date')}
            onChange={(event) => change('date', event.currentTarget.value)}
          />
        </Group>
        <Group align="start" gap="md" wrap="wrap">
          <NativeSelect
            label={t('fields.donor')}
            required={needsDonor}
            value={state.donorId}
            className="field-wide"
            error={error('donorId')}
            onChange={(event) => change('donorId', event.currentTarget.value)}
            data={[{ value: '', label: t('form.none') }, ...donors.map((d) => ({ value: d.id, label: d.name }))]}
          />
          {!fixedProject && (
            <NativeSelect
              label={t('fields.project')}
              required={needsProject}
              value={state.projectId}
              className="field-wide"
              error={error('projectId')}
              onChange={(event) => change('projectId', event.currentTarget.value)}
              data={[
                { value: '', label: t('form.none') },
                ...projects.map((p) => ({ value: p.id, label: `${p.code} · ${p.title}` })),
              ]}
            />
          )}
        </Group>
        <Group align="start" gap="md" wrap="wrap">
          <TextInput
            label={t('fields.amount')}
            description={t('form.amountHint')}
            required
            value={state.amount}
            inputMode="decimal"
            dir="ltr"
            className="field"
            error={error('amount')}
            onChange={(event) => change('amount', event.currentTarget.value)}
          />
          <NativeSelect
            label={t('fields.currency')}
            description={t('transactions.form.currencyHint')}
            required
            value={state.currency}
            className="field"
            error={error('currency')}
            onChange={(event) => change('currency', event.currentTarget.value)}
            data={currencies.map((c) => ({ value: c, label: c }))}
          />
        </Group>
        {state.currency &&
          state.currency !== 'USD' &&
          parseAmount(state.amount) !== null &&
          !Number.isNaN(parseAmount(state.amount)) && (
            <Text size="sm">
              {t('transactions.form.conversion', { amount: money.money(parseAmount(state.amount), state.currency) })}
            </Text>
          )}
        <Group align="start" gap="md" wrap="wrap">
          <NativeSelect
            label={t('fields.earmarking')}
            value={state.earmarking}
            className="field-wide"
            error={error('earmarking')}
            onChange={(event) => change('earmarking', event.currentTarget.value as FormState['earmarking'])}
            data={EARMARKINGS.map((value) => ({ value, label: t(`earmarkings.${value}`) }))}
          />
          {state.earmarking === 'theme' && (
            <NativeSelect
              label={t('fields.earmarkTheme')}
              required
              value={state.earmarkTheme}
              className="field-wide"
              error={error('earmarkTheme')}
              onChange={(event) => change('earmarkTheme', event.currentTarget.value)}
              data={[
                { value: '', label: t('form.choose') },
                ...THEMES.map((theme) => ({ value: theme, label: t(`themes.${theme}`, { ns: 'library' }) })),
              ]}
            />
          )}
          {state.earmarking === 'region' && (
            <NativeSelect
              label={t('fields.earmarkRegion')}
              required
              value={state.earmarkRegion}
              className="field-wide"
              error={error('earmarkRegion')}
              onChange={(event) => change('earmarkRegion', event.currentTarget.value)}
              data={[
                { value: '', label: t('form.choose') },
                ...regionOptions.map((r) => ({ value: r.m49, label: r.name })),
              ]}
            />
          )}
        </Group>
        <Textarea
          label={t('fields.description')}
          value={state.description}
          maxLength={1000}
          autosize
          minRows={1}
          className="field-wide"
          error={error('description')}
          onChange={(event) => change('description', event.currentTarget.value)}
        />
        <FundingErrorAlert error={create.isPending ? null : create.error} shownFields={FIELDS} />
        {create.isSuccess && (
          <Text role="status" fw={600}>
            {t('transactions.form.recorded', {
              amount: money.money(create.data.amount, create.data.currency),
              usd: money.money(create.data.usdAmount),
            })}
          </Text>
        )}
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('transactions.form.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}
