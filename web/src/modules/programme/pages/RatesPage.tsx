import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { ConfirmButton } from '../../accounts/components/ConfirmButton.tsx';
import {
  FundingErrorAlert,
  FundingFrame,
  FundingQueryState,
  useFundingFieldErrors,
  useMoney,
} from '../components/FundingCommon.tsx';
import { parseAmount, useCreateRate, useDeleteRate, useFundingRights, useRates, type Rate } from '../funding.api.ts';

const DEFAULTS = { currency: '' };

/** Adds a rate: US dollars for one unit of a currency, from a date until the currency's next rate. */
function AddRate() {
  const { t } = useTranslation('funding');
  const money = useMoney();
  const format = useFormat();
  const create = useCreateRate();
  const [currency, setCurrency] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [usdPerUnit, setUsdPerUnit] = useState('');
  const [checked, setChecked] = useState<Record<string, string>>({});
  const server = useFundingFieldErrors(create.isPending ? null : create.error);
  const error = (field: string) => checked[field] ?? server(field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    const problems: Record<string, string> = {};
    const code = currency.trim().toUpperCase();
    const rate = parseAmount(usdPerUnit);
    if (!/^[A-Z]{3}$/.test(code)) problems.currency = t('rates.currencyInvalid');
    if (!validFrom) problems.validFrom = t('form.required');
    if (rate === null) problems.usdPerUnit = t('form.required');
    else if (Number.isNaN(rate) || rate <= 0) problems.usdPerUnit = t('rates.rateInvalid');
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    create.mutate(
      { currency: code, validFrom, usdPerUnit: rate! },
      {
        onSuccess: () => {
          setValidFrom('');
          setUsdPerUnit('');
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} noValidate aria-labelledby="add-rate-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="add-rate-title">
          {t('rates.addTitle')}
        </Title>
        <Group align="start" gap="md" wrap="wrap">
          <TextInput
            label={t('fields.currency')}
            description={t('rates.currencyHint')}
            required
            value={currency}
            maxLength={3}
            dir="ltr"
            className="field"
            error={error('currency')}
            onChange={(event) => setCurrency(event.currentTarget.value.toUpperCase())}
          />
          <TextInput
            type="date"
            label={t('rates.validFrom')}
            required
            value={validFrom}
            className="field-date"
            error={error('validFrom')}
            onChange={(event) => setValidFrom(event.currentTarget.value)}
          />
          <TextInput
            label={t('rates.usdPerUnit')}
            description={t('rates.usdPerUnitHint')}
            required
            value={usdPerUnit}
            inputMode="decimal"
            dir="ltr"
            className="field"
            error={error('usdPerUnit')}
            onChange={(event) => setUsdPerUnit(event.currentTarget.value)}
          />
        </Group>
        <FundingErrorAlert
          error={create.isPending ? null : create.error}
          shownFields={['currency', 'validFrom', 'usdPerUnit']}
        />
        {create.isSuccess && (
          <Text role="status" fw={600}>
            {t('rates.added', {
              currency: create.data.currency,
              rate: money.rate(create.data.usdPerUnit),
              date: format.date(create.data.validFrom),
            })}
          </Text>
        )}
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('rates.add')}
        </Button>
      </Stack>
    </Paper>
  );
}

function Rates() {
  const { t } = useTranslation('funding');
  const format = useFormat();
  const money = useMoney();
  const rights = useFundingRights();
  const [state, set] = useSearchState(DEFAULTS);
  const rates = useRates(state.currency);
  const all = useRates('');
  const remove = useDeleteRate();
  const rows = rates.data?.items ?? [];
  const currencies = [...new Set((all.data?.items ?? []).map((r) => r.currency))].sort();

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('rates.title')}</Title>
        <Text mt="xs">{t('rates.intro')}</Text>
      </div>
      {rights.canEditRates ? <AddRate /> : <Text size="sm">{t('rates.readOnly')}</Text>}
      <section aria-labelledby="rates-list-title">
        <Title order={2} size="h3" id="rates-list-title" mb="xs">
          {t('rates.listTitle')}
        </Title>
        <Stack gap="sm">
          <NativeSelect
            label={t('rates.currencyFilter')}
            value={state.currency}
            className="field"
            onChange={(event) => set('currency', event.currentTarget.value)}
            data={[
              { value: '', label: t('rates.allCurrencies') },
              ...[...new Set([...currencies, ...(state.currency ? [state.currency] : [])])].map((c) => ({
                value: c,
                label: c,
              })),
            ]}
          />
          <FundingErrorAlert error={remove.error} />
          <FundingQueryState isLoading={rates.isLoading} error={rates.error}>
            <DataTable<Rate>
              caption={t('rates.caption', { count: rows.length })}
              rows={rows}
              rowKey={(r) => r.id}
              empty={t('rates.empty')}
              initialSort={{ key: 'currency', direction: 'asc' }}
              columns={[
                {
                  key: 'currency',
                  label: t('fields.currency'),
                  sortValue: (r) => `${r.currency} ${r.validFrom}`,
                  render: (r) => <span className="ltr-figures">{r.currency}</span>,
                },
                {
                  key: 'validFrom',
                  label: t('rates.validFrom'),
                  sortValue: (r) => r.validFrom,
                  render: (r) => format.date(r.validFrom),
                },
                {
                  key: 'usdPerUnit',
                  label: t('rates.usdPerUnit'),
                  numeric: true,
                  sortValue: (r) => r.usdPerUnit,
                  render: (r) => money.rate(r.usdPerUnit),
                },
                ...(rights.canEditRates
                  ? [
                      {
                        key: 'actions',
                        label: t('columns.actions'),
                        render: (r: Rate) => (
                          <ConfirmButton
                            size="xs"
                            title={t('rates.deleteTitle')}
                            confirm={t('rates.delete')}
                            message={t('rates.deleteMessage', { currency: r.currency, date: format.date(r.validFrom) })}
                            ariaLabel={t('rates.deleteNamed', { currency: r.currency, date: format.date(r.validFrom) })}
                            loading={remove.isPending && remove.variables === r.id}
                            onConfirm={() => remove.mutate(r.id)}
                          >
                            {t('rates.delete')}
                          </ConfirmButton>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </FundingQueryState>
        </Stack>
      </section>
    </Stack>
  );
}

/** /programme/rates: the currency rate table amounts are converted to US dollars with. */
export function RatesPage() {
  return <FundingFrame>{() => <Rates />}</FundingFrame>;
}
