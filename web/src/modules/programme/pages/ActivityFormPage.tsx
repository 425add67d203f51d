import { useMemo, useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../../src/contracts/languages.ts';
import { useSession } from '../../../lib/api.ts';
import { useInstrumentList, useParticipantList } from '../../library/library.api.ts';
import { useLibraryFormat } from '../../library/labels.ts';
import { ProgrammeErrorAlert, ProgrammeQueryState, errorAt, useFieldErrors } from '../components/Errors.tsx';
import { OverlapAlert } from '../components/OverlapAlert.tsx';
import { ProgrammeFrame } from '../components/ProgrammeNav.tsx';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  DOCUMENT_ROLES,
  PROFESSIONS,
  THEMES,
  useActivity,
  useCanWriteActivities,
  useOverlaps,
  useProgrammeOptions,
  useSaveActivity,
  type Activity,
  type ActivityInput,
  type ActivityStatus,
  type ActivityType,
  type OverlapQuery,
  type Profession,
} from '../programme.api.ts';
import { isDate, useProgrammeFormat } from '../labels.ts';

type Count = number | string;
type DocumentRole = (typeof DOCUMENT_ROLES)[number];

/** The form's state: every field as the inputs hold it ('' for none). */
interface FormState {
  title: string;
  code: string;
  type: ActivityType;
  status: ActivityStatus;
  startDate: string;
  endDate: string;
  online: boolean;
  venueCity: string;
  venueCountry: string;
  countries: string[];
  organizationId: string;
  partners: string[];
  themes: string[];
  instruments: string[];
  projectId: string;
  donorIds: string[];
  languages: string[];
  total: Count;
  women: Count;
  men: Count;
  professions: Record<Profession, Count>;
  institutions: string[];
  documents: { documentId: string; role: DocumentRole }[];
  notes: string;
}

const noProfessions = () => Object.fromEntries(PROFESSIONS.map((p) => [p, ''])) as Record<Profession, Count>;

function emptyState(organizationId: string): FormState {
  return {
    title: '',
    code: '',
    type: 'national_workshop',
    status: 'planned',
    startDate: '',
    endDate: '',
    online: false,
    venueCity: '',
    venueCountry: '',
    countries: [],
    organizationId,
    partners: [],
    themes: [],
    instruments: [],
    projectId: '',
    donorIds: [],
    languages: [],
    total: '',
    women: '',
    men: '',
    professions: noProfessions(),
    institutions: [],
    documents: [],
    notes: '',
  };
}

function stateOf(activity: Activity): FormState {
  const p = activity.participants;
  return {
    title: activity.title,
    code: activity.code ?? '',
    type: activity.type,
    status: activity.status,
    startDate: activity.startDate.slice(0, 10),
    endDate: activity.endDate.slice(0, 10),
    online: activity.online,
    venueCity: activity.venueCity ?? '',
    venueCountry: activity.venueCountry ?? '',
    countries: activity.countries.map((c) => c.id),
    organizationId: activity.organizationId,
    partners: [...activity.partners],
    themes: [...activity.themes],
    instruments: [...activity.instruments],
    projectId: activity.projectId ?? '',
    donorIds: [...activity.donorIds],
    languages: [...activity.languages],
    total: p?.total ?? '',
    women: p?.women ?? '',
    men: p?.men ?? '',
    professions: {
      ...noProfessions(),
      ...Object.fromEntries(Object.entries(p?.professions ?? {}).map(([k, v]) => [k, v ?? ''])),
    },
    institutions: [...activity.institutions],
    documents: activity.documents.map((d) => ({
      documentId: d.documentId,
      role: ((DOCUMENT_ROLES as readonly string[]).includes(d.role) ? d.role : 'materials') as DocumentRole,
    })),
    notes: activity.notes ?? '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const countOf = (value: Count): number | null =>
  value === '' || value === null || value === undefined ? null : Number(value);

/** Participants: none when no figure is typed; else the total (women plus men when left empty), the rest 0. */
function participantsOf(state: FormState): ActivityInput['participants'] {
  const women = countOf(state.women);
  const men = countOf(state.men);
  const total = countOf(state.total);
  const professions = Object.fromEntries(
    PROFESSIONS.flatMap((p) => {
      const n = countOf(state.professions[p]);
      return n === null ? [] : [[p, n]];
    }),
  ) as Partial<Record<Profession, number>>;
  if (women === null && men === null && total === null && Object.keys(professions).length === 0) return null;
  return { total: total ?? (women ?? 0) + (men ?? 0), women: women ?? 0, men: men ?? 0, professions };
}

/** The request body: the server validates it, and its answer names the fields it refuses. */
function inputOf(state: FormState): ActivityInput {
  return {
    title: state.title.trim(),
    code: orNull(state.code),
    type: state.type,
    status: state.status,
    startDate: state.startDate,
    endDate: state.endDate,
    online: state.online,
    venueCity: orNull(state.venueCity),
    venueCountry: orNull(state.venueCountry),
    countries: state.countries,
    organizationId: state.organizationId,
    partners: state.partners.map((p) => p.trim()).filter(Boolean),
    themes: state.themes as ActivityInput['themes'],
    instruments: state.instruments,
    projectId: orNull(state.projectId),
    donorIds: state.donorIds,
    languages: state.languages as ActivityInput['languages'],
    participants: participantsOf(state),
    institutions: state.institutions.map((i) => i.trim()).filter(Boolean),
    documents: state.documents
      .filter((d) => d.documentId.trim())
      .map((d) => ({ documentId: d.documentId.trim(), role: d.role })),
    notes: orNull(state.notes),
  };
}

/** The overlap check asks only once dates, countries, themes and organiser are all set. */
function overlapQueryOf(state: FormState, excludeId: string | null): OverlapQuery | null {
  if (!isDate(state.startDate) || !isDate(state.endDate) || state.endDate < state.startDate) return null;
  if (state.countries.length === 0 || state.themes.length === 0 || !state.organizationId) return null;
  return {
    startDate: state.startDate,
    endDate: state.endDate,
    countries: [...state.countries].sort(),
    themes: [...state.themes].sort() as OverlapQuery['themes'],
    organizationId: state.organizationId,
    ...(excludeId ? { excludeId } : {}),
  };
}

/** Hints the form gives while typing; the server, not these, decides. */
function hintsOf(state: FormState, t: (key: string) => string): Record<string, string> {
  const hints: Record<string, string> = {};
  if (isDate(state.startDate) && isDate(state.endDate) && state.endDate < state.startDate)
    hints.endDate = t('form.endBeforeStart');
  const women = countOf(state.women) ?? 0;
  const men = countOf(state.men) ?? 0;
  const total = countOf(state.total);
  if (total !== null && women + men > total) hints['participants.total'] = t('form.totalTooSmall');
  return hints;
}

function Overlaps({ state, excludeId }: { state: FormState; excludeId: string | null }) {
  const { t } = useTranslation('programme');
  // Debounced as text: a new object each render would restart the timer for ever.
  const [debounced] = useDebouncedValue(JSON.stringify(overlapQueryOf(state, excludeId)), 400);
  const query = useMemo(() => JSON.parse(debounced) as OverlapQuery | null, [debounced]);
  const overlaps = useOverlaps(query);
  if (!query || !overlaps.data) return null;
  if (overlaps.data.overlaps.length === 0)
    return (
      <Text size="sm" role="status" c="dimmed">
        {t('overlaps.none', { count: overlaps.data.windowDays })}
      </Text>
    );
  return <OverlapAlert overlaps={overlaps.data.overlaps} windowDays={overlaps.data.windowDays} />;
}

function ActivityForm({ initial, activityId }: { initial: FormState; activityId: string | null }) {
  const { t, i18n } = useTranslation('programme');
  const names = useProgrammeFormat();
  const languageNames = useLibraryFormat();
  const navigate = useNavigate();
  const save = useSaveActivity(activityId);
  const participants = useParticipantList();
  const instruments = useInstrumentList();
  const options = useProgrammeOptions();
  const [state, setState] = useState<FormState>(initial);
  const server = useFieldErrors(save.isPending ? null : save.error);
  const hints = hintsOf(state, t);
  const error = (field: string) => errorAt(server, field) ?? hints[field];

  const change = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setState((previous) => ({ ...previous, [key]: value }));
  const collator = new Intl.Collator(i18n.language);
  const countries = [...(participants.data?.items ?? [])]
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((p) => ({ value: p.id, label: p.name }));
  const instrumentOptions = [...(instruments.data?.items ?? [])]
    .sort((a, b) => collator.compare(a.shortName, b.shortName))
    .map((i) => ({ value: i.id, label: i.shortName }));
  const organizations = [...(options.data?.organizations ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const donors = [...(options.data?.donors ?? [])]
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((d) => ({ value: d.id, label: d.name }));
  const projects = options.data?.projects ?? [];
  // Values the lists do not hold (yet, or any more) stay choosable, so editing never drops them silently.
  const withMissing = (list: { value: string; label: string }[], values: string[]) => [
    ...list,
    ...values.filter((v) => !list.some((item) => item.value === v)).map((v) => ({ value: v, label: v })),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The previous answer's problems describe values that may have changed since.
    save.reset();
    save.mutate(inputOf(state), {
      onSuccess: (result) =>
        void navigate(`/programme/activities/${result.id}`, { state: { saved: activityId ? 'updated' : 'created' } }),
    });
  };

  const shownPrefixes = [
    'title',
    'code',
    'type',
    'status',
    'startDate',
    'endDate',
    'online',
    'venueCity',
    'venueCountry',
    'countries',
    'organizationId',
    'partners',
    'themes',
    'instruments',
    'projectId',
    'donorIds',
    'languages',
    'participants',
    'institutions',
    'documents',
    'notes',
  ];
  const isShown = (field: string) => shownPrefixes.some((prefix) => field === prefix || field.startsWith(`${prefix}.`));
  const participantsError = server.participants;
  const documentsError = server.documents;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-what">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-what">
              {t('form.sections.what')}
            </Title>
            <Group align="start" gap="md" wrap="wrap">
              <TextInput
                label={t('fields.title')}
                required
                value={state.title}
                style={{ flex: '1 1 24rem' }}
                maxLength={500}
                error={error('title')}
                onChange={(event) => change('title', event.currentTarget.value)}
              />
              <TextInput
                label={t('fields.code')}
                description={t('form.codeHint')}
                value={state.code}
                className="field"
                maxLength={60}
                dir="ltr"
                error={error('code')}
                onChange={(event) => change('code', event.currentTarget.value)}
              />
            </Group>
            <Group align="start" gap="md" wrap="wrap">
              <NativeSelect
                label={t('fields.type')}
                required
                value={state.type}
                className="field-wide"
                error={error('type')}
                onChange={(event) => change('type', event.currentTarget.value as ActivityType)}
                data={ACTIVITY_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
              />
              <NativeSelect
                label={t('fields.status')}
                required
                value={state.status}
                className="field"
                error={error('status')}
                onChange={(event) => change('status', event.currentTarget.value as ActivityStatus)}
                data={ACTIVITY_STATUSES.map((status) => ({ value: status, label: t(`statuses.${status}`) }))}
              />
              <NativeSelect
                label={t('fields.organization')}
                required
                value={state.organizationId}
                className="field-wide"
                error={error('organizationId')}
                onChange={(event) => change('organizationId', event.currentTarget.value)}
                data={[
                  { value: '', label: t('form.chooseOrganization') },
                  ...withMissing(
                    organizations.map((o) => ({ value: o.id, label: o.name })),
                    state.organizationId ? [state.organizationId] : [],
                  ),
                ]}
              />
            </Group>
            <TagsInput
              label={t('fields.partners')}
              description={t('form.tagsHint')}
              value={state.partners}
              error={error('partners')}
              onChange={(value) => change('partners', value)}
              maxLength={300}
              clearable={false}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-when">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-when">
              {t('form.sections.when')}
            </Title>
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
                required
                value={state.endDate}
                min={state.startDate || undefined}
                className="field-date"
                error={error('endDate')}
                onChange={(event) => change('endDate', event.currentTarget.value)}
              />
            </Group>
            <Switch
              label={t('fields.online')}
              checked={state.online}
              error={error('online')}
              onChange={(event) => change('online', event.currentTarget.checked)}
            />
            <Group align="start" gap="md" wrap="wrap">
              <TextInput
                label={t('fields.venueCity')}
                value={state.venueCity}
                className="field-wide"
                maxLength={200}
                error={error('venueCity')}
                onChange={(event) => change('venueCity', event.currentTarget.value)}
              />
              <NativeSelect
                label={t('fields.venueCountry')}
                value={state.venueCountry}
                className="field-wide"
                error={error('venueCountry')}
                onChange={(event) => change('venueCountry', event.currentTarget.value)}
                data={[
                  { value: '', label: t('form.none') },
                  ...withMissing(countries, state.venueCountry ? [state.venueCountry] : []),
                ]}
              />
            </Group>
            <MultiSelect
              label={t('fields.countries')}
              description={t('form.countriesHint')}
              required
              searchable
              hidePickedOptions
              value={state.countries}
              error={error('countries')}
              onChange={(value) => change('countries', value)}
              data={withMissing(countries, state.countries)}
              nothingFoundMessage={t('form.nothingFound')}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-subject">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-subject">
              {t('form.sections.subject')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Checkbox.Group
                label={t('fields.themes')}
                description={t('form.themesHint')}
                value={state.themes}
                onChange={(value) => change('themes', value)}
                error={error('themes')}
              >
                <Stack gap={6} mt={6}>
                  {THEMES.map((theme) => (
                    <Checkbox key={theme} value={theme} label={names.theme(theme)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Checkbox.Group
                label={t('fields.languages')}
                value={state.languages}
                onChange={(value) => change('languages', value)}
                error={error('languages')}
              >
                <Stack gap={6} mt={6}>
                  {LANGUAGES.map((lang) => (
                    <Checkbox key={lang} value={lang} label={languageNames.language(lang)} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </SimpleGrid>
            <MultiSelect
              label={t('fields.instruments')}
              description={t('form.instrumentsHint')}
              searchable
              hidePickedOptions
              value={state.instruments}
              error={error('instruments')}
              onChange={(value) => change('instruments', value)}
              data={withMissing(instrumentOptions, state.instruments)}
              nothingFoundMessage={t('form.nothingFound')}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-funding">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-funding">
              {t('form.sections.funding')}
            </Title>
            <Group align="start" gap="md" wrap="wrap">
              <NativeSelect
                label={t('fields.project')}
                value={state.projectId}
                className="field-wide"
                error={error('projectId')}
                onChange={(event) => change('projectId', event.currentTarget.value)}
                data={[
                  { value: '', label: t('form.noProject') },
                  ...withMissing(
                    projects.map((p) => ({ value: p.id, label: `${p.code} · ${p.title}` })),
                    state.projectId ? [state.projectId] : [],
                  ),
                ]}
              />
              <MultiSelect
                label={t('fields.donors')}
                searchable
                hidePickedOptions
                style={{ flex: '1 1 20rem' }}
                value={state.donorIds}
                error={error('donorIds')}
                onChange={(value) => change('donorIds', value)}
                data={withMissing(donors, state.donorIds)}
                nothingFoundMessage={t('form.nothingFound')}
              />
            </Group>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-participants">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-participants">
              {t('form.sections.participants')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('form.participantsHint')}
            </Text>
            <fieldset
              className="plain-fieldset"
              aria-describedby={participantsError ? 'participants-error' : undefined}
            >
              <legend className="field-legend">{t('form.byGender')}</legend>
              <Group align="start" gap="md" wrap="wrap">
                {(['total', 'women', 'men'] as const).map((key) => (
                  <NumberInput
                    key={key}
                    label={t(`participants.${key}`)}
                    value={state[key]}
                    min={0}
                    allowDecimal={false}
                    allowNegative={false}
                    className="field-date"
                    error={error(`participants.${key}`)}
                    onChange={(value) => change(key, value)}
                  />
                ))}
              </Group>
            </fieldset>
            <fieldset className="plain-fieldset">
              <legend className="field-legend">{t('form.byProfession')}</legend>
              <Group align="start" gap="md" wrap="wrap">
                {PROFESSIONS.map((profession) => (
                  <NumberInput
                    key={profession}
                    label={t(`professions.${profession}`)}
                    value={state.professions[profession]}
                    min={0}
                    allowDecimal={false}
                    allowNegative={false}
                    className="field-date"
                    error={error(`participants.professions.${profession}`)}
                    onChange={(value) => change('professions', { ...state.professions, [profession]: value })}
                  />
                ))}
              </Group>
            </fieldset>
            {participantsError && (
              <Text id="participants-error" role="alert" c="var(--mantine-color-error)" size="sm">
                {participantsError}
              </Text>
            )}
            <TagsInput
              label={t('fields.institutions')}
              description={t('form.tagsHint')}
              value={state.institutions}
              error={error('institutions')}
              onChange={(value) => change('institutions', value)}
              maxLength={300}
              clearable={false}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-documents">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-documents">
              {t('form.sections.documents')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('form.documentsHint')}
            </Text>
            {state.documents.map((doc, index) => {
              const n = index + 1;
              const set = (patch: Partial<FormState['documents'][number]>) =>
                change(
                  'documents',
                  state.documents.map((d, i) => (i === index ? { ...d, ...patch } : d)),
                );
              return (
                <Group key={index} align="start" gap="xs" wrap="wrap">
                  <TextInput
                    label={t('form.documentN', { n })}
                    description={t('form.documentIdHint')}
                    required
                    value={doc.documentId}
                    className="field-wide"
                    dir="ltr"
                    error={error(`documents.${index}.documentId`) ?? server[`documents.${index}`]}
                    onChange={(event) => set({ documentId: event.currentTarget.value })}
                  />
                  <NativeSelect
                    label={t('form.documentRoleN', { n })}
                    value={doc.role}
                    className="field"
                    error={error(`documents.${index}.role`)}
                    onChange={(event) => set({ role: event.currentTarget.value as DocumentRole })}
                    data={DOCUMENT_ROLES.map((role) => ({ value: role, label: t(`documentRoles.${role}`) }))}
                  />
                  <Button
                    variant="default"
                    mt={24}
                    aria-label={t('form.removeDocument', { n })}
                    onClick={() =>
                      change(
                        'documents',
                        state.documents.filter((_, i) => i !== index),
                      )
                    }
                  >
                    {t('form.remove')}
                  </Button>
                </Group>
              );
            })}
            {documentsError && (
              <Text role="alert" c="var(--mantine-color-error)" size="sm">
                {documentsError}
              </Text>
            )}
            <Button
              variant="light"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => change('documents', [...state.documents, { documentId: '', role: 'agenda' }])}
            >
              {t('form.addDocument')}
            </Button>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-notes">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-notes">
              {t('form.sections.notes')}
            </Title>
            <Textarea
              label={t('fields.notes')}
              value={state.notes}
              autosize
              minRows={3}
              maxLength={4000}
              error={error('notes')}
              onChange={(event) => change('notes', event.currentTarget.value)}
            />
          </Stack>
        </Paper>

        <Overlaps state={state} excludeId={activityId} />
        <ProgrammeErrorAlert error={save.isPending ? null : save.error} shownFields={isShown} />
        <Group gap="md">
          <Button type="submit" loading={save.isPending}>
            {activityId ? t('form.save') : t('form.create')}
          </Button>
          <Anchor component={Link} to={activityId ? `/programme/activities/${activityId}` : '/programme/activities'}>
            {t('form.cancel')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

/** The form, once the lists it chooses from (organisations, projects, donors) are known. */
function LoadedActivityForm({ initial, activityId }: { initial: FormState; activityId: string | null }) {
  const options = useProgrammeOptions();
  return (
    <ProgrammeQueryState isLoading={options.isLoading} error={options.error}>
      {options.data && <ActivityForm initial={initial} activityId={activityId} />}
    </ProgrammeQueryState>
  );
}

function NotAllowed() {
  const { t } = useTranslation('programme');
  return (
    <Alert color="yellow" title={t('form.notAllowedTitle')} role="status">
      {t('form.notAllowedBody')}
    </Alert>
  );
}

function EditActivity({ id }: { id: string }) {
  const { t } = useTranslation('programme');
  const activity = useActivity(id);
  const data = activity.data;
  return (
    <ProgrammeQueryState isLoading={activity.isLoading} error={activity.error}>
      {data && (
        <>
          <Text size="sm">
            <Anchor component={Link} to={`/programme/activities/${data.id}`}>
              {data.title}
            </Anchor>
          </Text>
          <Title order={1}>{t('form.editTitle')}</Title>
          {data.canEdit ? (
            <LoadedActivityForm key={data.updatedAt} initial={stateOf(data)} activityId={data.id} />
          ) : (
            <NotAllowed />
          )}
        </>
      )}
    </ProgrammeQueryState>
  );
}

function NewActivity() {
  const { t } = useTranslation('programme');
  const session = useSession();
  const canWrite = useCanWriteActivities();
  return (
    <>
      <Text size="sm">
        <Anchor component={Link} to="/programme/activities">
          {t('activities.title')}
        </Anchor>
      </Text>
      <Title order={1}>{t('form.newTitle')}</Title>
      {canWrite ? (
        <>
          <Text>{t('form.newIntro')}</Text>
          <LoadedActivityForm initial={emptyState(session.data?.user?.organizationId ?? '')} activityId={null} />
        </>
      ) : (
        <NotAllowed />
      )}
    </>
  );
}

/** /programme/activities/new and /programme/activities/:id/edit: every detail of an activity. */
export function ActivityFormPage() {
  const { id } = useParams();
  return <ProgrammeFrame>{() => (id ? <EditActivity id={id} /> : <NewActivity />)}</ProgrammeFrame>;
}
