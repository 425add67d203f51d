import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useParticipants, useRegions } from '../../status/status.api.ts';
import {
  FundingErrorAlert,
  FundingFrame,
  FundingQueryState,
  useFundingFieldErrors,
} from '../components/FundingCommon.tsx';
import {
  PROJECT_SCOPES,
  THEMES,
  parseAmount,
  useCreateProject,
  useFundingRights,
  useProgrammeOptions,
  useProject,
  useUpdateProject,
  type Project,
  type ProjectInput,
} from '../funding.api.ts';

/** The form's state: every field as its input holds it ('' for none). */
interface FormState {
  code: string;
  title: string;
  scope: ProjectInput['scope'];
  startDate: string;
  endDate: string;
  organizationId: string;
  /** Shown when the organisation has since been removed from the list to choose from. */
  organizationName: string;
  themes: string[];
  regions: string[];
  countries: string[];
  budgetAmount: string;
  budgetCurrency: string;
}

const EMPTY: FormState = {
  code: '',
  title: '',
  scope: 'national',
  startDate: '',
  endDate: '',
  organizationId: '',
  organizationName: '',
  themes: [],
  regions: [],
  countries: [],
  budgetAmount: '',
  budgetCurrency: 'USD',
};

const FIELDS = [
  'code',
  'title',
  'scope',
  'startDate',
  'endDate',
  'organizationId',
  'themes',
  'regions',
  'countries',
  'budgetAmount',
  'budgetCurrency',
];

function stateOf(project: Project): FormState {
  return {
    code: project.code,
    title: project.title,
    scope: project.scope,
    startDate: project.startDate,
    endDate: project.endDate ?? '',
    organizationId: project.organizationId,
    organizationName: project.organizationName,
    themes: [...project.themes],
    regions: [...project.regions],
    countries: [...project.countries],
    budgetAmount: project.budgetAmount === null ? '' : String(project.budgetAmount),
    budgetCurrency: project.budgetCurrency ?? '',
  };
}

function inputOf(state: FormState): ProjectInput {
  const amount = parseAmount(state.budgetAmount);
  return {
    code: state.code.trim(),
    title: state.title.trim(),
    scope: state.scope,
    startDate: state.startDate,
    endDate: state.endDate || null,
    organizationId: state.organizationId,
    themes: state.themes as ProjectInput['themes'],
    regions: state.regions,
    countries: state.countries,
    budgetAmount: amount,
    budgetCurrency: amount === null ? null : state.budgetCurrency || null,
  };
}

function ProjectForm({ initial, projectId }: { initial: FormState; projectId: string | null }) {
  const { t, i18n } = useTranslation('funding');
  const navigate = useNavigate();
  const create = useCreateProject();
  const update = useUpdateProject(projectId ?? '');
  const mutation = projectId ? update : create;
  const options = useProgrammeOptions();
  const participants = useParticipants();
  const regions = useRegions();
  const [state, setState] = useState<FormState>(initial);
  const [checked, setChecked] = useState<Partial<Record<keyof FormState, string>>>({});
  const server = useFundingFieldErrors(mutation.isPending ? null : mutation.error);
  const error = (field: keyof FormState) => checked[field] ?? server(field);
  const change = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setState((previous) => ({ ...previous, [key]: value }));

  const collator = new Intl.Collator(i18n.language);
  const countryOptions = [...(participants.data?.items ?? [])]
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((p) => ({ value: p.id, label: p.name }));
  const regionOptions = [...(regions.data?.items ?? [])]
    .filter((r) => r.m49 !== '001')
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((r) => ({ value: r.m49, label: r.name }));
  const listed = options.data?.organizations ?? [];
  const organizations = [
    ...listed,
    ...(state.organizationId && !listed.some((o) => o.id === state.organizationId)
      ? [{ id: state.organizationId, name: state.organizationName }]
      : []),
  ].sort((a, b) => collator.compare(a.name, b.name));
  const currencies = [
    ...new Set(['USD', ...(options.data?.currencies ?? []), ...(state.budgetCurrency ? [state.budgetCurrency] : [])]),
  ].sort();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.reset();
    const problems: Partial<Record<keyof FormState, string>> = {};
    if (!state.code.trim()) problems.code = t('form.required');
    else if (!/^[A-Za-z0-9._/-]+$/.test(state.code.trim())) problems.code = t('projects.form.codeInvalid');
    if (!state.title.trim()) problems.title = t('form.required');
    if (!state.organizationId) problems.organizationId = t('form.required');
    if (!state.startDate) problems.startDate = t('form.required');
    if (state.startDate && state.endDate && state.endDate < state.startDate)
      problems.endDate = t('form.endBeforeStart');
    const amount = parseAmount(state.budgetAmount);
    if (Number.isNaN(amount) || (amount !== null && amount < 0)) problems.budgetAmount = t('form.amountInvalid');
    if (amount !== null && !state.budgetCurrency) problems.budgetCurrency = t('form.required');
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    const onSuccess = (project: Project) => void navigate(`/programme/projects/${project.id}`);
    if (projectId) update.mutate(inputOf(state), { onSuccess });
    else create.mutate(inputOf(state), { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="project-what">
          <Stack gap="md">
            <Title order={2} size="h4" id="project-what">
              {t('projects.form.whatTitle')}
            </Title>
            <Group align="start" gap="md" wrap="wrap">
              <TextInput
                label={t('fields.code')}
                description={t('projects.form.codeHint')}
                required
                value={state.code}
                maxLength={40}
                dir="ltr"
                className="field"
                error={error('code')}
                onChange={(event) => change('code', event.currentTarget.value)}
              />
              <TextInput
                label={t('fields.title')}
                required
                value={state.title}
                maxLength={500}
                style={{ flex: 1, minInlineSize: '16rem' }}
                error={error('title')}
                onChange={(event) => change('title', event.currentTarget.value)}
              />
            </Group>
            <Group align="start" gap="md" wrap="wrap">
              <NativeSelect
                label={t('fields.scope')}
                required
                value={state.scope}
                className="field"
                error={error('scope')}
                onChange={(event) => change('scope', event.currentTarget.value as FormState['scope'])}
                data={PROJECT_SCOPES.map((scope) => ({ value: scope, label: t(`scopes.${scope}`) }))}
              />
              <NativeSelect
                label={t('fields.organization')}
                description={t('projects.form.organizationHint')}
                required
                value={state.organizationId}
                className="field-wide"
                error={error('organizationId')}
                onChange={(event) => change('organizationId', event.currentTarget.value)}
                data={[
                  { value: '', label: t('form.chooseOrganization', { ns: 'programme' }) },
                  ...organizations.map((o) => ({ value: o.id, label: o.name })),
                ]}
              />
            </Group>
            <Group align="start" gap="md" wrap="wrap">
              <TextInput
                type="date"
                label={t('fields.startDate')}
                required
                value={state.startDate}
                className="field-date"
                error={error('startDate')}
                onChange={(event) => change('startDate', event.currentTarget.value)}
              />
              <TextInput
                type="date"
                label={t('fields.endDate')}
                description={t('projects.form.endDateHint')}
                value={state.endDate}
                className="field-date"
                error={error('endDate')}
                onChange={(event) => change('endDate', event.currentTarget.value)}
              />
            </Group>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="project-where">
          <Stack gap="md">
            <Title order={2} size="h4" id="project-where">
              {t('projects.form.whereTitle')}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <MultiSelect
                label={t('fields.regions')}
                description={t('projects.form.regionsHint')}
                value={state.regions}
                data={regionOptions}
                searchable
                clearable
                nothingFoundMessage={t('form.nothingFound')}
                error={error('regions')}
                onChange={(value) => change('regions', value)}
              />
              <MultiSelect
                label={t('fields.countries')}
                description={t('projects.form.countriesHint')}
                value={state.countries}
                data={countryOptions}
                searchable
                clearable
                nothingFoundMessage={t('form.nothingFound')}
                error={error('countries')}
                onChange={(value) => change('countries', value)}
              />
            </SimpleGrid>
            <Checkbox.Group
              label={t('fields.themes')}
              value={state.themes}
              onChange={(value) => change('themes', value)}
              error={error('themes')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
                {THEMES.map((theme) => (
                  <Checkbox key={theme} value={theme} label={t(`themes.${theme}`, { ns: 'library' })} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="project-budget">
          <Stack gap="md">
            <Title order={2} size="h4" id="project-budget">
              {t('projects.form.budgetTitle')}
            </Title>
            <Group align="start" gap="md" wrap="wrap">
              <TextInput
                label={t('fields.budgetAmount')}
                description={t('form.amountHint')}
                value={state.budgetAmount}
                inputMode="decimal"
                dir="ltr"
                className="field"
                error={error('budgetAmount')}
                onChange={(event) => change('budgetAmount', event.currentTarget.value)}
              />
              <NativeSelect
                label={t('fields.currency')}
                value={state.budgetCurrency}
                className="field"
                error={error('budgetCurrency')}
                onChange={(event) => change('budgetCurrency', event.currentTarget.value)}
                data={[{ value: '', label: t('form.none') }, ...currencies.map((c) => ({ value: c, label: c }))]}
              />
            </Group>
          </Stack>
        </Paper>

        <FundingErrorAlert error={mutation.isPending ? null : mutation.error} shownFields={FIELDS} />
        <Group gap="md">
          <Button type="submit" loading={mutation.isPending}>
            {projectId ? t('form.save') : t('projects.form.create')}
          </Button>
          <Anchor component={Link} to={projectId ? `/programme/projects/${projectId}` : '/programme/projects'}>
            {t('form.cancel')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

function EditProject({ id }: { id: string }) {
  const { t } = useTranslation('funding');
  const project = useProject(id);
  const data = project.data;
  return (
    <FundingQueryState isLoading={project.isLoading} error={project.error}>
      {data && (
        <>
          <Text size="sm">
            <Anchor component={Link} to={`/programme/projects/${data.id}`}>
              {data.code} · {data.title}
            </Anchor>
          </Text>
          <Title order={1}>{t('projects.form.editTitle')}</Title>
          <ProjectForm key={data.updatedAt} initial={stateOf(data)} projectId={data.id} />
        </>
      )}
    </FundingQueryState>
  );
}

function ProjectFormContent() {
  const { id } = useParams();
  const { t } = useTranslation('funding');
  const rights = useFundingRights();
  if (!rights.canWrite) {
    return (
      <Alert color="yellow" title={t('gate.writeTitle')} role="status">
        {t('gate.writeBody')}
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      {id ? (
        <EditProject id={id} />
      ) : (
        <>
          <Text size="sm">
            <Anchor component={Link} to="/programme/projects">
              {t('nav.projects')}
            </Anchor>
          </Text>
          <Title order={1}>{t('projects.form.newTitle')}</Title>
          <Text>{t('projects.form.newIntro')}</Text>
          <ProjectForm initial={EMPTY} projectId={null} />
        </>
      )}
    </Stack>
  );
}

/** /programme/projects/new and /programme/projects/:id/edit: a project's identity, scope, period and budget. */
export function ProjectFormPage() {
  return <FundingFrame>{() => <ProjectFormContent />}</FundingFrame>;
}
