import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../../src/contracts/languages.ts';
import { RequireSignIn } from '../../accounts/components/RequireSignIn.tsx';
import { LibraryErrorAlert, LibraryQueryState, useFieldErrors } from '../components/Errors.tsx';
import { FileFields, type FileChoice } from '../components/FileFields.tsx';
import {
  CATEGORIES,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  DOCUMENT_SUBTYPES,
  EVENT_TYPES,
  THEMES,
  VISIBILITIES,
  useCreateDocument,
  useDocument,
  useInstrumentList,
  useParticipantList,
  useUpdateDocument,
  type DocumentInput,
  type LibraryDocument,
} from '../library.api.ts';
import { useLibraryFormat } from '../labels.ts';

type Kind = DocumentInput['kind'];

/** The form's state: every field as the inputs hold it (strings, '' for none). */
interface FormState {
  kind: Kind;
  subtype: string;
  titles: { language: string; title: string }[];
  country: string;
  organization: string;
  symbol: string;
  number: string;
  court: string;
  caseNumber: string;
  parties: string;
  decisionDate: string;
  adoptedDate: string;
  publishedDate: string;
  inForceDate: string;
  repealedDate: string;
  status: string;
  categories: string[];
  themes: string[];
  source: string;
  officialUrl: string;
  visibility: string;
  instruments: { instrument: string; article: string; note: string }[];
  events: { type: string; date: string; by: string; note: string }[];
}

const TEXT_FIELDS = [
  'organization',
  'symbol',
  'number',
  'court',
  'caseNumber',
  'parties',
  'source',
  'officialUrl',
] as const;
const DATE_FIELDS = ['adoptedDate', 'publishedDate', 'inForceDate', 'repealedDate', 'decisionDate'] as const;

function emptyState(language: string): FormState {
  return {
    kind: 'legislation',
    subtype: '',
    titles: [{ language, title: '' }],
    country: '',
    organization: '',
    symbol: '',
    number: '',
    court: '',
    caseNumber: '',
    parties: '',
    decisionDate: '',
    adoptedDate: '',
    publishedDate: '',
    inForceDate: '',
    repealedDate: '',
    status: '',
    categories: [],
    themes: [],
    source: '',
    officialUrl: '',
    visibility: 'public',
    instruments: [],
    events: [],
  };
}

function stateOf(doc: LibraryDocument): FormState {
  return {
    kind: doc.kind,
    subtype: doc.subtype ?? '',
    titles: LANGUAGES.flatMap((language) => (doc.titles[language] ? [{ language, title: doc.titles[language] }] : [])),
    country: doc.country ?? '',
    organization: doc.organization ?? '',
    symbol: doc.symbol ?? '',
    number: doc.number ?? '',
    court: doc.court ?? '',
    caseNumber: doc.caseNumber ?? '',
    parties: doc.parties ?? '',
    decisionDate: doc.decisionDate ?? '',
    adoptedDate: doc.adoptedDate ?? '',
    publishedDate: doc.publishedDate ?? '',
    inForceDate: doc.inForceDate ?? '',
    repealedDate: doc.repealedDate ?? '',
    status: doc.status ?? '',
    categories: [...doc.categories],
    themes: [...doc.themes],
    source: doc.source ?? '',
    officialUrl: doc.officialUrl ?? '',
    visibility: doc.visibility,
    instruments: doc.instruments.map((l) => ({
      instrument: l.instrument,
      article: l.article ?? '',
      note: l.note ?? '',
    })),
    events: doc.events.map((e) => ({ type: e.type, date: e.date, by: e.by?.id ?? '', note: e.note ?? '' })),
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

function inputOf(state: FormState): DocumentInput {
  return {
    kind: state.kind,
    subtype: DOCUMENT_SUBTYPES[state.kind]?.includes(state.subtype) ? state.subtype : null,
    titles: Object.fromEntries(state.titles.filter((t) => t.title.trim()).map((t) => [t.language, t.title.trim()])),
    country: orNull(state.country),
    ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, orNull(state[field])])),
    ...Object.fromEntries(DATE_FIELDS.map((field) => [field, orNull(state[field])])),
    status: (orNull(state.status) as DocumentInput['status']) ?? null,
    categories: state.categories as DocumentInput['categories'],
    themes: state.themes as DocumentInput['themes'],
    visibility: state.visibility as DocumentInput['visibility'],
    instruments: state.instruments
      .filter((l) => l.instrument)
      .map((l) => ({ instrument: l.instrument, article: orNull(l.article), note: orNull(l.note) })),
    events: state.events
      .filter((e) => e.type && e.date)
      .map((e) => ({
        type: e.type as DocumentInput['events'][number]['type'],
        date: e.date,
        by: orNull(e.by),
        note: orNull(e.note),
      })),
  };
}

function DocumentForm({ initial, documentId }: { initial: FormState; documentId: string | null }) {
  const { t, i18n } = useTranslation('library');
  const names = useLibraryFormat();
  const navigate = useNavigate();
  const create = useCreateDocument();
  const update = useUpdateDocument(documentId ?? '');
  const mutation = documentId ? update : create;
  const participants = useParticipantList();
  const instruments = useInstrumentList();
  const [state, setState] = useState<FormState>(initial);
  const [file, setFile] = useState<FileChoice>({
    file: null,
    language: initial.titles[0]?.language ?? i18n.language,
    versionDate: '',
  });
  const [nextLanguage, setNextLanguage] = useState('');
  const [checked, setChecked] = useState<Record<string, string | undefined>>({});
  const server = useFieldErrors(mutation.isPending ? null : mutation.error);
  const error = (field: string) => checked[field] ?? server[field];

  const change = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setState((previous) => ({ ...previous, [key]: value }));
  const subtypes = DOCUMENT_SUBTYPES[state.kind];
  const unusedLanguages = LANGUAGES.filter((l) => !state.titles.some((t) => t.language === l));
  const languageToAdd = (unusedLanguages as string[]).includes(nextLanguage)
    ? nextLanguage
    : (unusedLanguages[0] ?? '');
  const collator = new Intl.Collator(i18n.language);
  const countries = [...(participants.data?.items ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const instrumentOptions = [...(instruments.data?.items ?? [])].sort((a, b) =>
    collator.compare(a.shortName, b.shortName),
  );
  const showCase =
    state.kind === 'case_law' || Boolean(state.court || state.caseNumber || state.parties || state.decisionDate);
  const dates = DATE_FIELDS.filter((field) => field !== 'decisionDate' || showCase);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The previous answer's problems describe values that may have changed since.
    mutation.reset();
    const problems: Record<string, string | undefined> = {};
    if (!state.titles.some((title) => title.title.trim())) problems.titles = t('form.titleRequired');
    if (state.officialUrl.trim() && !/^https?:\/\/\S+$/i.test(state.officialUrl.trim()))
      problems.officialUrl = t('form.urlInvalid');
    setChecked(problems);
    if (Object.values(problems).some(Boolean)) return;
    const input = inputOf(state);
    const onSuccess = (result: { id: string }) => void navigate(`/library/${result.id}`);
    if (documentId) update.mutate(input, { onSuccess });
    else
      create.mutate(
        {
          input,
          upload: file.file ? { file: file.file, language: file.language, versionDate: file.versionDate } : null,
        },
        { onSuccess },
      );
  };

  const shownFields = [
    'kind',
    'subtype',
    'titles',
    ...LANGUAGES.map((l) => `titles.${l}`),
    'country',
    ...TEXT_FIELDS,
    ...DATE_FIELDS,
    'status',
    'visibility',
    'categories',
    'themes',
    ...state.instruments.flatMap((_, i) => [
      `instruments.${i}.instrument`,
      `instruments.${i}.article`,
      `instruments.${i}`,
    ]),
    ...state.events.flatMap((_, i) => [
      `events.${i}.type`,
      `events.${i}.date`,
      `events.${i}.by`,
      `events.${i}.note`,
      `events.${i}`,
    ]),
    ...(documentId ? [] : ['file', 'language', 'versionDate']),
  ];
  const titlesError = error('titles');

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-what">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-what">
              {t('form.sections.what')}
            </Title>
            <Group align="start" gap="md" wrap="wrap">
              <NativeSelect
                label={t('fields.kind')}
                required
                value={state.kind}
                className="field-wide"
                error={error('kind')}
                onChange={(event) => {
                  const kind = event.currentTarget.value as Kind;
                  setState((previous) => ({
                    ...previous,
                    kind,
                    subtype: DOCUMENT_SUBTYPES[kind]?.includes(previous.subtype) ? previous.subtype : '',
                  }));
                }}
                data={DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
              />
              {subtypes && (
                <NativeSelect
                  label={t('fields.subtype')}
                  value={state.subtype}
                  className="field-wide"
                  error={error('subtype')}
                  onChange={(event) => change('subtype', event.currentTarget.value)}
                  data={[
                    { value: '', label: t('form.none') },
                    ...subtypes.map((s) => ({ value: s, label: t(`subtypes.${s}`) })),
                  ]}
                />
              )}
            </Group>
            <fieldset className="plain-fieldset" aria-describedby={titlesError ? 'titles-error' : undefined}>
              <legend className="field-legend">{t('form.titles')}</legend>
              <Text size="sm" c="dimmed" mb="xs">
                {t('form.titlesHint')}
              </Text>
              <Stack gap="xs">
                {state.titles.map((title, index) => (
                  <Group key={title.language} align="end" gap="xs" wrap="nowrap">
                    <TextInput
                      label={t('form.titleIn', { language: names.language(title.language) })}
                      required={index === 0}
                      value={title.title}
                      lang={title.language}
                      dir="auto"
                      style={{ flex: 1 }}
                      maxLength={1000}
                      error={error(`titles.${title.language}`)}
                      onChange={(event) => {
                        const value = event.currentTarget.value;
                        setState((previous) => ({
                          ...previous,
                          titles: previous.titles.map((t2) =>
                            t2.language === title.language ? { ...t2, title: value } : t2,
                          ),
                        }));
                      }}
                    />
                    <Button
                      variant="default"
                      disabled={state.titles.length === 1}
                      aria-label={t('form.removeTitle', { language: names.language(title.language) })}
                      onClick={() =>
                        change(
                          'titles',
                          state.titles.filter((t2) => t2.language !== title.language),
                        )
                      }
                    >
                      {t('form.remove')}
                    </Button>
                  </Group>
                ))}
                {titlesError && (
                  <Text id="titles-error" role="alert" c="var(--mantine-color-error)" size="sm">
                    {titlesError}
                  </Text>
                )}
                {unusedLanguages.length > 0 && (
                  <Group align="end" gap="xs">
                    <NativeSelect
                      label={t('form.addTitleLanguage')}
                      value={languageToAdd}
                      className="field"
                      onChange={(event) => setNextLanguage(event.currentTarget.value)}
                      data={unusedLanguages.map((l) => ({ value: l, label: names.language(l) }))}
                    />
                    <Button
                      variant="light"
                      onClick={() => change('titles', [...state.titles, { language: languageToAdd, title: '' }])}
                    >
                      {t('form.addTitle')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </fieldset>
            <Group align="start" gap="md" wrap="wrap">
              <NativeSelect
                label={t('fields.country')}
                value={state.country}
                className="field-wide"
                error={error('country')}
                description={t('form.countryHint')}
                onChange={(event) => change('country', event.currentTarget.value)}
                data={[
                  { value: '', label: t('form.noCountry') },
                  ...countries.map((p) => ({ value: p.id, label: p.name })),
                ]}
              />
              <TextInput
                label={t('fields.organization')}
                description={t('form.organizationHint')}
                value={state.organization}
                className="field-wide"
                error={error('organization')}
                onChange={(event) => change('organization', event.currentTarget.value)}
              />
            </Group>
            <Group align="start" gap="md" wrap="wrap">
              <TextInput
                label={t('fields.symbol')}
                description={t('form.symbolHint')}
                value={state.symbol}
                className="field-wide"
                error={error('symbol')}
                dir="ltr"
                onChange={(event) => change('symbol', event.currentTarget.value)}
              />
              <TextInput
                label={t('fields.number')}
                description={t('form.numberHint')}
                value={state.number}
                className="field"
                error={error('number')}
                onChange={(event) => change('number', event.currentTarget.value)}
              />
            </Group>
            {showCase && (
              <Group align="start" gap="md" wrap="wrap">
                <TextInput
                  label={t('fields.court')}
                  value={state.court}
                  className="field-wide"
                  error={error('court')}
                  onChange={(event) => change('court', event.currentTarget.value)}
                />
                <TextInput
                  label={t('fields.caseNumber')}
                  value={state.caseNumber}
                  className="field"
                  error={error('caseNumber')}
                  onChange={(event) => change('caseNumber', event.currentTarget.value)}
                />
                <TextInput
                  label={t('fields.parties')}
                  value={state.parties}
                  className="field-wide"
                  error={error('parties')}
                  onChange={(event) => change('parties', event.currentTarget.value)}
                />
              </Group>
            )}
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-dates">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-dates">
              {t('form.sections.dates')}
            </Title>
            <Group align="start" gap="md" wrap="wrap">
              {dates.map((field) => (
                <TextInput
                  key={field}
                  type="date"
                  label={t(`fields.${field}`)}
                  value={state[field]}
                  className="field"
                  error={error(field)}
                  onChange={(event) => change(field, event.currentTarget.value)}
                />
              ))}
            </Group>
            <Group align="start" gap="md" wrap="wrap">
              <NativeSelect
                label={t('fields.status')}
                value={state.status}
                className="field"
                error={error('status')}
                onChange={(event) => change('status', event.currentTarget.value)}
                data={[
                  { value: '', label: t('form.none') },
                  ...DOCUMENT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
                ]}
              />
              <NativeSelect
                label={t('fields.visibility')}
                value={state.visibility}
                className="field-wide"
                error={error('visibility')}
                description={t(`form.visibilityHints.${state.visibility}`)}
                onChange={(event) => change('visibility', event.currentTarget.value)}
                data={VISIBILITIES.map((v) => ({ value: v, label: t(`visibilities.${v}`) }))}
              />
            </Group>
            <fieldset className="plain-fieldset">
              <legend className="field-legend">{t('form.timeline')}</legend>
              <Text size="sm" c="dimmed" mb="xs">
                {t('form.timelineHint')}
              </Text>
              <Stack gap="sm">
                {state.events.map((item, index) => {
                  const n = index + 1;
                  const set = (patch: Partial<FormState['events'][number]>) =>
                    change(
                      'events',
                      state.events.map((e, i) => (i === index ? { ...e, ...patch } : e)),
                    );
                  return (
                    <Group key={index} align="start" gap="xs" wrap="wrap">
                      <NativeSelect
                        label={t('form.eventType', { n })}
                        value={item.type}
                        className="field"
                        error={error(`events.${index}.type`)}
                        onChange={(event) => set({ type: event.currentTarget.value })}
                        data={EVENT_TYPES.map((type) => ({ value: type, label: t(`events.${type}`) }))}
                      />
                      <TextInput
                        type="date"
                        label={t('form.eventDate', { n })}
                        required
                        value={item.date}
                        className="field"
                        error={error(`events.${index}.date`)}
                        onChange={(event) => set({ date: event.currentTarget.value })}
                      />
                      <TextInput
                        label={t('form.eventBy', { n })}
                        description={t('form.eventByHint')}
                        value={item.by}
                        className="field-wide"
                        dir="ltr"
                        error={error(`events.${index}.by`)}
                        onChange={(event) => set({ by: event.currentTarget.value })}
                      />
                      <TextInput
                        label={t('form.eventNote', { n })}
                        value={item.note}
                        className="field-wide"
                        error={error(`events.${index}.note`)}
                        onChange={(event) => set({ note: event.currentTarget.value })}
                      />
                      <Button
                        variant="default"
                        mt={24}
                        aria-label={t('form.removeEvent', { n })}
                        onClick={() =>
                          change(
                            'events',
                            state.events.filter((_, i) => i !== index),
                          )
                        }
                      >
                        {t('form.remove')}
                      </Button>
                    </Group>
                  );
                })}
                <Button
                  variant="light"
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() =>
                    change('events', [...state.events, { type: 'commencement', date: '', by: '', note: '' }])
                  }
                >
                  {t('form.addEvent')}
                </Button>
              </Stack>
            </fieldset>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-subject">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-subject">
              {t('form.sections.subject')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Checkbox.Group
                label={t('fields.categories')}
                value={state.categories}
                onChange={(value) => change('categories', value)}
                error={error('categories')}
              >
                <Stack gap={6} mt={6}>
                  {CATEGORIES.map((c) => (
                    <Checkbox key={c} value={c} label={t(`categories.${c}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Checkbox.Group
                label={t('fields.themes')}
                value={state.themes}
                onChange={(value) => change('themes', value)}
                error={error('themes')}
              >
                <Stack gap={6} mt={6}>
                  {THEMES.map((theme) => (
                    <Checkbox key={theme} value={theme} label={t(`themes.${theme}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </SimpleGrid>
            <fieldset className="plain-fieldset">
              <legend className="field-legend">{t('form.instruments')}</legend>
              <Text size="sm" c="dimmed" mb="xs">
                {t('form.instrumentsHint')}
              </Text>
              <Stack gap="sm">
                {state.instruments.map((link, index) => {
                  const n = index + 1;
                  const set = (patch: Partial<FormState['instruments'][number]>) =>
                    change(
                      'instruments',
                      state.instruments.map((l, i) => (i === index ? { ...l, ...patch } : l)),
                    );
                  return (
                    <Group key={index} align="start" gap="xs" wrap="wrap">
                      <NativeSelect
                        label={t('form.instrumentN', { n })}
                        required
                        value={link.instrument}
                        className="field-wide"
                        error={error(`instruments.${index}.instrument`) ?? error(`instruments.${index}`)}
                        onChange={(event) => set({ instrument: event.currentTarget.value })}
                        data={[
                          { value: '', label: t('form.chooseInstrument') },
                          ...instrumentOptions.map((i) => ({ value: i.id, label: i.shortName })),
                        ]}
                      />
                      <TextInput
                        label={t('form.articleN', { n })}
                        description={t('form.articleHint')}
                        value={link.article}
                        className="field"
                        dir="ltr"
                        error={error(`instruments.${index}.article`)}
                        onChange={(event) => set({ article: event.currentTarget.value })}
                      />
                      <TextInput
                        label={t('form.noteN', { n })}
                        value={link.note}
                        className="field-wide"
                        onChange={(event) => set({ note: event.currentTarget.value })}
                      />
                      <Button
                        variant="default"
                        mt={24}
                        aria-label={t('form.removeInstrument', { n })}
                        onClick={() =>
                          change(
                            'instruments',
                            state.instruments.filter((_, i) => i !== index),
                          )
                        }
                      >
                        {t('form.remove')}
                      </Button>
                    </Group>
                  );
                })}
                <Button
                  variant="light"
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() =>
                    change('instruments', [...state.instruments, { instrument: '', article: '', note: '' }])
                  }
                >
                  {t('form.addInstrument')}
                </Button>
              </Stack>
            </fieldset>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-source">
          <Stack gap="md">
            <Title order={2} size="h4" id="form-source">
              {t('form.sections.source')}
            </Title>
            <Group align="start" gap="md" wrap="wrap">
              <TextInput
                type="url"
                label={t('fields.officialUrl')}
                description={t('form.urlHint')}
                value={state.officialUrl}
                className="field-wide"
                dir="ltr"
                error={error('officialUrl')}
                onChange={(event) => change('officialUrl', event.currentTarget.value)}
              />
              <Textarea
                label={t('fields.source')}
                description={t('form.sourceHint')}
                value={state.source}
                className="field-wide"
                autosize
                minRows={1}
                maxLength={500}
                error={error('source')}
                onChange={(event) => change('source', event.currentTarget.value)}
              />
            </Group>
          </Stack>
        </Paper>

        {!documentId && (
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="form-file">
            <Stack gap="md">
              <Title order={2} size="h4" id="form-file">
                {t('form.sections.file')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('form.fileIntro')}
              </Text>
              <FileFields
                value={file}
                onChange={setFile}
                errors={{ file: error('file'), language: error('language'), versionDate: error('versionDate') }}
              />
            </Stack>
          </Paper>
        )}

        <LibraryErrorAlert error={mutation.isPending ? null : mutation.error} shownFields={shownFields} />
        <Group gap="md">
          <Button type="submit" loading={mutation.isPending}>
            {documentId ? t('form.save') : t('form.create')}
          </Button>
          <Anchor component={Link} to={documentId ? `/library/${documentId}` : '/library'}>
            {t('form.cancel')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

function EditDocument({ id }: { id: string }) {
  const { t } = useTranslation('library');
  const document = useDocument(id);
  const doc = document.data;
  return (
    <LibraryQueryState isLoading={document.isLoading} error={document.error}>
      {doc &&
        (doc.canEdit ? (
          <>
            <Text size="sm">
              <Anchor component={Link} to={`/library/${doc.id}`}>
                {doc.title}
              </Anchor>
            </Text>
            <Title order={1}>{t('form.editTitle')}</Title>
            <DocumentForm key={doc.updatedAt} initial={stateOf(doc)} documentId={doc.id} />
          </>
        ) : (
          <Alert color="yellow" title={t('form.notAllowedTitle')} role="status">
            {t('form.notAllowedBody')}
          </Alert>
        ))}
    </LibraryQueryState>
  );
}

/** /library/new and /library/:id/edit: a document's metadata, links and timeline (and its first file). */
export function DocumentFormPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('library');
  return (
    <RequireSignIn>
      {() => (
        <Stack gap="lg">
          {id ? (
            <EditDocument id={id} />
          ) : (
            <>
              <Text size="sm">
                <Anchor component={Link} to="/library">
                  {t('nav.library', { ns: 'common' })}
                </Anchor>
              </Text>
              <Title order={1}>{t('form.newTitle')}</Title>
              <Text>{t('form.newIntro')}</Text>
              <DocumentForm initial={emptyState(i18n.language)} documentId={null} />
            </>
          )}
        </Stack>
      )}
    </RequireSignIn>
  );
}
