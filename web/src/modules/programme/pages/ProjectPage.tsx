import { useState, type FormEvent } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../../components/Fact.tsx';
import { useFormat } from '../../../lib/format.ts';
import { ConfirmButton } from '../../accounts/components/ConfirmButton.tsx';
import { useParticipants, useRegions } from '../../status/status.api.ts';
import {
  Figure,
  FundingErrorAlert,
  FundingFrame,
  FundingQueryState,
  useFundingFieldErrors,
  useMoney,
  useProjectPeriod,
} from '../components/FundingCommon.tsx';
import { TransactionForm, TransactionsTable } from '../components/FundingTransactions.tsx';
import {
  parseAmount,
  useCreateIndicator,
  useDeleteProject,
  useFundingRights,
  useProject,
  useUpdateIndicator,
  type IndicatorInput,
  type ProjectDetail,
  type ProjectIndicator,
} from '../funding.api.ts';

const PERIOD_PATTERN = /^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/;

function Metadata({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation('funding');
  // Lists joined as the language joins them ("a, b", "a، b", "a、b").
  const list = new Intl.ListFormat(i18n.language, { style: 'narrow', type: 'unit' });
  const format = useFormat();
  const money = useMoney();
  const period = useProjectPeriod();
  const regions = useRegions();
  const participants = useParticipants();
  const regionName = new Map((regions.data?.items ?? []).map((r) => [r.m49, r.name]));
  const countryName = new Map((participants.data?.items ?? []).map((p) => [p.id, p.name]));
  return (
    <Paper withBorder p="md" radius="md">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
        <Fact label={t('fields.code')}>
          <span className="ltr-figures">{project.code}</span>
        </Fact>
        <Fact label={t('fields.scope')}>{t(`scopes.${project.scope}`)}</Fact>
        <Fact label={t('fields.period')}>{period(project)}</Fact>
        <Fact label={t('fields.organization')}>{project.organizationName}</Fact>
        <Fact label={t('fields.budget')}>
          {project.budgetAmount === null
            ? t('projects.noBudget')
            : money.money(project.budgetAmount, project.budgetCurrency ?? 'USD')}
        </Fact>
        {project.themes.length > 0 && (
          <Fact label={t('fields.themes')}>
            {list.format(project.themes.map((theme) => t(`themes.${theme}`, { ns: 'library' })))}
          </Fact>
        )}
        {project.regions.length > 0 && (
          <Fact label={t('fields.regions')}>
            {list.format(project.regions.map((m49) => regionName.get(m49) ?? m49))}
          </Fact>
        )}
        {project.countries.length > 0 && (
          <Fact label={t('fields.countries')}>
            {list.formatToParts(project.countries).map((part, index) =>
              part.type === 'element' ? (
                <Anchor key={index} component={Link} to={`/countries/${part.value}`}>
                  {countryName.get(part.value) ?? part.value}
                </Anchor>
              ) : (
                <span key={index}>{part.value}</span>
              ),
            )}
          </Fact>
        )}
        <Fact label={t('fields.updatedAt')}>{format.dateTime(project.updatedAt)}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

function Funding({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation('funding');
  const money = useMoney();
  const f = project.funding;
  const rate = f.executionRate;
  return (
    <section aria-labelledby="funding-title">
      <Title order={2} size="h3" id="funding-title" mb="xs">
        {t('projects.funding.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('projects.funding.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} component="dl" m={0}>
        <Figure label={t('amounts.pledged')} value={money.money(f.pledged)} />
        <Figure label={t('amounts.committed')} value={money.money(f.committed)} />
        <Figure label={t('amounts.paid')} value={money.money(f.paid)} />
        <Figure label={t('amounts.disbursed')} value={money.money(f.disbursed)} />
        <Figure label={t('amounts.expenditure')} value={money.money(f.expenditure)} />
        <Figure
          label={t('amounts.balance')}
          value={money.money(f.balance)}
          note={f.balance < 0 ? t('projects.funding.overspent') : undefined}
        />
        <Figure
          label={t('amounts.executionRate')}
          value={rate === null ? t('projects.funding.noRate') : money.percent(rate)}
          note={rate !== null && rate > 1 ? t('projects.funding.overRate') : t('projects.funding.rateHint')}
        />
      </SimpleGrid>
    </section>
  );
}

/** Periods in time order: 2024 before 2024-Q1 before 2024-01. */
const periodsOf = (indicators: ProjectIndicator[]) =>
  [...new Set(indicators.flatMap((i) => i.values.map((v) => v.period)))].sort();

function IndicatorsTable({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation('funding');
  const format = useFormat();
  const periods = periodsOf(project.indicators);
  const value = (n: number | null) => (n === null ? '—' : format.number(n));
  return (
    <div className="table-scroll">
      <Table striped withTableBorder>
        <Table.Caption>{t('indicators.caption', { count: project.indicators.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('indicators.name')}</Table.Th>
            <Table.Th scope="col">{t('indicators.unit')}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'end' }}>
              {t('indicators.baseline')}
            </Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'end' }}>
              {t('indicators.target')}
            </Table.Th>
            {periods.map((p) => (
              <Table.Th key={p} scope="col" style={{ textAlign: 'end' }}>
                {t('indicators.actualIn', { period: p })}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {project.indicators.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={4}>{t('indicators.empty')}</Table.Td>
            </Table.Tr>
          ) : (
            project.indicators.map((indicator) => (
              <Table.Tr key={indicator.id}>
                <Table.Th scope="row" fw={500}>
                  {indicator.name}
                </Table.Th>
                <Table.Td>{indicator.unit ?? ''}</Table.Td>
                <Table.Td style={{ textAlign: 'end' }}>{value(indicator.baseline)}</Table.Td>
                <Table.Td style={{ textAlign: 'end' }}>{value(indicator.target)}</Table.Td>
                {periods.map((p) => {
                  const found = indicator.values.find((v) => v.period === p);
                  return (
                    <Table.Td key={p} style={{ textAlign: 'end' }}>
                      {found ? format.number(found.value) : '—'}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}

interface ValueRow {
  period: string;
  value: string;
}

/** Adds an indicator to the project's results framework, with any values already measured. */
function AddIndicator({ projectId }: { projectId: string }) {
  const { t } = useTranslation('funding');
  const create = useCreateIndicator();
  const blank = { name: '', unit: '', baseline: '', target: '', values: [] as ValueRow[] };
  const [state, setState] = useState(blank);
  const [checked, setChecked] = useState<Record<string, string>>({});
  const server = useFundingFieldErrors(create.isPending ? null : create.error);
  const error = (field: string) => checked[field] ?? server(field);
  const setValue = (index: number, patch: Partial<ValueRow>) =>
    setState((s) => ({ ...s, values: s.values.map((v, i) => (i === index ? { ...v, ...patch } : v)) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    const problems: Record<string, string> = {};
    if (!state.name.trim()) problems.name = t('form.required');
    const baseline = parseAmount(state.baseline);
    const target = parseAmount(state.target);
    if (Number.isNaN(baseline)) problems.baseline = t('form.numberInvalid');
    if (Number.isNaN(target)) problems.target = t('form.numberInvalid');
    const values = state.values.filter((v) => v.period.trim() || v.value.trim());
    values.forEach((v, index) => {
      if (!PERIOD_PATTERN.test(v.period.trim())) problems[`values.${index}.period`] = t('indicators.periodInvalid');
      const n = parseAmount(v.value);
      if (n === null || Number.isNaN(n)) problems[`values.${index}.value`] = t('form.numberInvalid');
    });
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    const input: IndicatorInput = {
      projectId,
      name: state.name.trim(),
      unit: state.unit.trim() || null,
      baseline,
      target,
      values: values.map((v) => ({ period: v.period.trim(), value: parseAmount(v.value)! })),
    };
    create.mutate(input, { onSuccess: () => setState(blank) });
  };

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="add-indicator-title"
    >
      <Stack gap="md">
        <Title order={3} size="h4" id="add-indicator-title">
          {t('indicators.addTitle')}
        </Title>
        <Group align="start" gap="md" wrap="wrap">
          <TextInput
            label={t('indicators.name')}
            required
            value={state.name}
            maxLength={300}
            className="field-wide"
            error={error('name')}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setState((s) => ({ ...s, name: v }));
            }}
          />
          <TextInput
            label={t('indicators.unit')}
            description={t('indicators.unitHint')}
            value={state.unit}
            maxLength={60}
            className="field"
            error={error('unit')}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setState((s) => ({ ...s, unit: v }));
            }}
          />
          <TextInput
            label={t('indicators.baseline')}
            value={state.baseline}
            inputMode="decimal"
            dir="ltr"
            className="field"
            error={error('baseline')}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setState((s) => ({ ...s, baseline: v }));
            }}
          />
          <TextInput
            label={t('indicators.target')}
            value={state.target}
            inputMode="decimal"
            dir="ltr"
            className="field"
            error={error('target')}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setState((s) => ({ ...s, target: v }));
            }}
          />
        </Group>
        <fieldset className="plain-fieldset">
          <legend className="field-legend">{t('indicators.values')}</legend>
          <Text size="sm" c="dimmed" mb="xs">
            {t('indicators.periodHint')}
          </Text>
          <Stack gap="xs">
            {state.values.map((row, index) => {
              const n = index + 1;
              return (
                <Group key={index} align="start" gap="xs" wrap="wrap">
                  <TextInput
                    label={t('indicators.periodN', { n })}
                    value={row.period}
                    dir="ltr"
                    className="field"
                    error={error(`values.${index}.period`)}
                    onChange={(e) => setValue(index, { period: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('indicators.valueN', { n })}
                    value={row.value}
                    inputMode="decimal"
                    dir="ltr"
                    className="field"
                    error={error(`values.${index}.value`)}
                    onChange={(e) => setValue(index, { value: e.currentTarget.value })}
                  />
                  <Button
                    variant="default"
                    mt={24}
                    aria-label={t('indicators.removeValueN', { n })}
                    onClick={() => setState((s) => ({ ...s, values: s.values.filter((_, i) => i !== index) }))}
                  >
                    {t('form.remove')}
                  </Button>
                </Group>
              );
            })}
            <Button
              variant="light"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => setState((s) => ({ ...s, values: [...s.values, { period: '', value: '' }] }))}
            >
              {t('indicators.addValue')}
            </Button>
          </Stack>
        </fieldset>
        <FundingErrorAlert
          error={create.isPending ? null : create.error}
          shownFields={['name', 'unit', 'baseline', 'target', 'values']}
        />
        {create.isSuccess && (
          <Text role="status" fw={600}>
            {t('indicators.added', { name: create.data.name })}
          </Text>
        )}
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('indicators.add')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** Records the value an indicator reached in a period (replacing a value already recorded for it). */
function RecordValue({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation('funding');
  const update = useUpdateIndicator();
  const [indicatorId, setIndicatorId] = useState(project.indicators[0]?.id ?? '');
  const [period, setPeriod] = useState('');
  const [value, setValue] = useState('');
  const [checked, setChecked] = useState<Record<string, string>>({});
  const server = useFundingFieldErrors(update.isPending ? null : update.error);
  const indicator = project.indicators.find((i) => i.id === indicatorId) ?? project.indicators[0];
  if (!indicator) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.reset();
    const problems: Record<string, string> = {};
    const n = parseAmount(value);
    if (!PERIOD_PATTERN.test(period.trim())) problems.period = t('indicators.periodInvalid');
    if (n === null || Number.isNaN(n)) problems.value = t('form.numberInvalid');
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    const values = [
      ...indicator.values.filter((v) => v.period !== period.trim()),
      { period: period.trim(), value: n! },
    ].sort((a, b) => a.period.localeCompare(b.period));
    update.mutate(
      {
        id: indicator.id,
        input: {
          projectId: project.id,
          name: indicator.name,
          unit: indicator.unit,
          baseline: indicator.baseline,
          target: indicator.target,
          values,
        },
      },
      {
        onSuccess: () => {
          setPeriod('');
          setValue('');
        },
      },
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
      aria-labelledby="record-value-title"
    >
      <Stack gap="md">
        <Title order={3} size="h4" id="record-value-title">
          {t('indicators.recordTitle')}
        </Title>
        <Group align="start" gap="md" wrap="wrap">
          <NativeSelect
            label={t('indicators.indicator')}
            value={indicator.id}
            className="field-wide"
            onChange={(e) => setIndicatorId(e.currentTarget.value)}
            data={project.indicators.map((i) => ({ value: i.id, label: i.name }))}
          />
          <TextInput
            label={t('indicators.period')}
            description={t('indicators.periodHint')}
            value={period}
            dir="ltr"
            className="field"
            error={checked.period ?? server('values')}
            onChange={(e) => setPeriod(e.currentTarget.value)}
          />
          <TextInput
            label={t('indicators.value')}
            value={value}
            inputMode="decimal"
            dir="ltr"
            className="field"
            error={checked.value}
            onChange={(e) => setValue(e.currentTarget.value)}
          />
        </Group>
        <FundingErrorAlert error={update.isPending ? null : update.error} shownFields={['values']} />
        {update.isSuccess && (
          <Text role="status" fw={600}>
            {t('indicators.recorded', { name: update.data.name })}
          </Text>
        )}
        <Button type="submit" loading={update.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('indicators.record')}
        </Button>
      </Stack>
    </Paper>
  );
}

function Manage({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation('funding');
  const navigate = useNavigate();
  const remove = useDeleteProject(project.id);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="manage-title">
      <Title order={2} size="h3" id="manage-title" mb="sm">
        {t('projects.manageTitle')}
      </Title>
      <Group gap="md">
        <Button component={Link} to={`/programme/projects/${project.id}/edit`} variant="light">
          {t('projects.edit')}
        </Button>
        <ConfirmButton
          title={t('projects.deleteTitle')}
          message={t('projects.deleteMessage', { code: project.code })}
          confirm={t('projects.delete')}
          loading={remove.isPending}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => void navigate('/programme/projects', { state: { deleted: project.code } }),
            })
          }
        >
          {t('projects.delete')}
        </ConfirmButton>
      </Group>
      <FundingErrorAlert error={remove.error} />
    </Paper>
  );
}

function Project() {
  const { id = '' } = useParams();
  const { t } = useTranslation('funding');
  const rights = useFundingRights();
  const project = useProject(id);
  const data = project.data;
  return (
    <Stack gap="lg">
      <Text size="sm">
        <Anchor component={Link} to="/programme/projects">
          {t('nav.projects')}
        </Anchor>
      </Text>
      <FundingQueryState isLoading={project.isLoading} error={project.error}>
        {data && (
          <>
            <div>
              <Badge variant="light" mb={4}>
                {t(`scopes.${data.scope}`)}
              </Badge>
              <Title order={1}>{data.title}</Title>
            </div>
            <Metadata project={data} />
            <Funding project={data} />
            <section aria-labelledby="results-title">
              <Title order={2} size="h3" id="results-title" mb="xs">
                {t('indicators.title')}
              </Title>
              <Text size="sm" mb="sm">
                {t('indicators.intro')}
              </Text>
              <Stack gap="md">
                <IndicatorsTable project={data} />
                {rights.canWrite && <RecordValue key={data.updatedAt} project={data} />}
                {rights.canWrite && <AddIndicator projectId={data.id} />}
              </Stack>
            </section>
            <section aria-labelledby="transactions-title">
              <Title order={2} size="h3" id="transactions-title" mb="xs">
                {t('transactions.title')}
              </Title>
              <Stack gap="md">
                <TransactionsTable
                  filter={{ project: data.id }}
                  caption={(total) => t('transactions.projectCaption', { code: data.code, count: total })}
                />
                {rights.canWrite && <TransactionForm projectId={data.id} />}
              </Stack>
            </section>
            {rights.canWrite && <Manage project={data} />}
          </>
        )}
      </FundingQueryState>
    </Stack>
  );
}

/** /programme/projects/:id: a project, its funding, its results framework and its transactions. */
export function ProjectPage() {
  return <FundingFrame>{() => <Project />}</FundingFrame>;
}
