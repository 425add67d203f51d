import { useState, type FormEvent } from 'react';
import {
  Anchor,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { useInstrumentList } from '../../library/library.api.ts';
import { ProgrammeErrorAlert, ProgrammeQueryState, errorAt, useFieldErrors } from './Errors.tsx';
import {
  useCanWriteActivities,
  useOutcomes,
  useRecordOutcome,
  type Activity,
  type Outcome,
  type OutcomeInput,
} from '../programme.api.ts';
import { useProgrammeFormat } from '../labels.ts';

type Kind = OutcomeInput['kind'];
type Stage = NonNullable<OutcomeInput['stage']>;

/** The form's state: every field as the inputs hold it ('' for none). */
interface FormState {
  kind: Kind;
  participantId: string;
  instrumentId: string;
  documentId: string;
  stage: Stage | '';
  date: string;
  description: string;
  note: string;
}

const blankOf = (activity: Activity): FormState => ({
  kind: 'treaty_action',
  participantId: activity.countries[0]?.id ?? '',
  instrumentId: '',
  documentId: '',
  stage: '',
  date: '',
  description: '',
  note: '',
});

/** The request body: only the fields of the chosen kind; the server validates it and names the fields it refuses. */
function inputOf(state: FormState, activityId: string): OutcomeInput {
  const treaty = state.kind === 'treaty_action';
  return {
    kind: state.kind,
    participantId: state.participantId,
    instrumentId: treaty ? state.instrumentId || null : null,
    documentId: treaty ? null : state.documentId.trim() || null,
    stage: treaty ? null : state.stage || null,
    date: state.date,
    description: state.description.trim() || null,
    contributions: [{ activityId, note: state.note.trim() }],
  };
}

/** Fields the form writes the server's messages next to; the others go in the alert below it. */
const SHOWN_FIELDS = [
  'kind',
  'participantId',
  'instrumentId',
  'documentId',
  'stage',
  'date',
  'description',
  'contributions.0.note',
];

/** What changed: the instrument a country joined, or a law of the library and whether it was drafted or adopted. */
function What({ outcome, instrumentName }: { outcome: Outcome; instrumentName: Map<string, string> }) {
  const { t } = useTranslation('programme');
  if (outcome.kind === 'treaty_action') {
    const id = outcome.instrumentId ?? '';
    return <>{t('outcomes.treatyAction', { instrument: instrumentName.get(id) ?? id })}</>;
  }
  const title = outcome.documentTitle ?? outcome.documentId ?? '';
  const label = t('outcomes.law', { title, stage: outcome.stage ?? 'none' });
  return outcome.documentId ? (
    <Anchor component={Link} to={`/library/${outcome.documentId}`}>
      {label}
    </Anchor>
  ) : (
    <>{label}</>
  );
}

function OutcomeTable({ outcomes, activityId }: { outcomes: Outcome[]; activityId: string }) {
  const { t } = useTranslation('programme');
  const format = useFormat();
  const names = useProgrammeFormat();
  const instruments = useInstrumentList();
  const instrumentName = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="outcomes-caption">
      <Table withTableBorder striped verticalSpacing="xs">
        <Table.Caption id="outcomes-caption">{t('outcomes.caption', { count: outcomes.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('filters.country')}</Table.Th>
            <Table.Th scope="col">{t('outcomes.what')}</Table.Th>
            <Table.Th scope="col">{t('outcomes.date')}</Table.Th>
            <Table.Th scope="col">{t('outcomes.note')}</Table.Th>
            <Table.Th scope="col">{t('outcomes.others')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {outcomes.map((outcome) => {
            const own = outcome.contributions.find((c) => c.activityId === activityId);
            const others = outcome.contributions.filter((c) => c.activityId !== activityId);
            return (
              <Table.Tr key={outcome.id}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/countries/${outcome.participantId}`}>
                    {names.country(outcome.participantId, outcome.countryName)}
                  </Anchor>
                </Table.Th>
                <Table.Td>
                  <What outcome={outcome} instrumentName={instrumentName} />
                  {outcome.description && (
                    <Text size="sm" c="dimmed" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                      {outcome.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(outcome.date)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{own?.note ?? ''}</Table.Td>
                <Table.Td>
                  {others.length === 0 ? (
                    t('outcomes.noOthers')
                  ) : (
                    <List size="sm" spacing={4}>
                      {others.map((c) => (
                        <List.Item key={c.activityId}>
                          <Anchor component={Link} to={`/programme/activities/${c.activityId}`}>
                            {c.activityTitle}
                          </Anchor>
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** Records an outcome this activity contributed to, in one of its beneficiary countries. */
function RecordOutcome({ activity }: { activity: Activity }) {
  const { t, i18n } = useTranslation('programme');
  const names = useProgrammeFormat();
  const instruments = useInstrumentList();
  const record = useRecordOutcome();
  const [state, setState] = useState<FormState>(() => blankOf(activity));
  const server = useFieldErrors(record.isPending ? null : record.error);
  const error = (field: string) => errorAt(server, field);
  const change = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setState((previous) => ({ ...previous, [key]: value }));

  const collator = new Intl.Collator(i18n.language);
  const instrumentOptions = [...(instruments.data?.items ?? [])]
    .sort((a, b) => collator.compare(a.shortName, b.shortName))
    .map((i) => ({ value: i.id, label: i.shortName }));
  const countries = activity.countries.map((c) => ({ value: c.id, label: names.country(c.id, c.name) }));
  // `contributions` itself (the list as a whole) is written next to the note, the only contribution the form sends.
  const isShown = (field: string) =>
    field === 'contributions' || SHOWN_FIELDS.some((shown) => field === shown || field.startsWith(`${shown}.`));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The previous answer's problems (or success) describe values that may have changed since.
    record.reset();
    record.mutate(inputOf(state, activity.id), { onSuccess: () => setState(blankOf(activity)) });
  };

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="record-outcome-title"
    >
      <Stack gap="md">
        <Title order={3} size="h4" id="record-outcome-title">
          {t('outcomes.formTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('outcomes.formIntro')}
        </Text>
        <Radio.Group
          label={t('outcomes.kind')}
          required
          value={state.kind}
          error={error('kind')}
          onChange={(value) => change('kind', value as Kind)}
        >
          <Group gap="lg" mt={6}>
            <Radio value="treaty_action" label={t('outcomes.kinds.treaty_action')} />
            <Radio value="library_document" label={t('outcomes.kinds.library_document')} />
          </Group>
        </Radio.Group>
        <Group align="start" gap="md" wrap="wrap">
          <NativeSelect
            label={t('filters.country')}
            required
            value={state.participantId}
            className="field-wide"
            error={error('participantId')}
            onChange={(event) => change('participantId', event.currentTarget.value)}
            data={countries}
          />
          {state.kind === 'treaty_action' ? (
            <NativeSelect
              label={t('outcomes.instrument')}
              required
              value={state.instrumentId}
              className="field-wide"
              error={error('instrumentId')}
              onChange={(event) => change('instrumentId', event.currentTarget.value)}
              data={[{ value: '', label: t('outcomes.chooseInstrument') }, ...instrumentOptions]}
            />
          ) : (
            <TextInput
              label={t('outcomes.document')}
              description={t('form.documentIdHint')}
              required
              value={state.documentId}
              className="field-wide"
              dir="ltr"
              maxLength={60}
              error={error('documentId')}
              onChange={(event) => change('documentId', event.currentTarget.value)}
            />
          )}
          <TextInput
            type="date"
            label={t('outcomes.date')}
            description={t('outcomes.dateHint')}
            required
            value={state.date}
            className="field-date"
            error={error('date')}
            onChange={(event) => change('date', event.currentTarget.value)}
          />
        </Group>
        {state.kind === 'library_document' && (
          <Radio.Group
            label={t('outcomes.stage')}
            required
            value={state.stage}
            error={error('stage')}
            onChange={(value) => change('stage', value as Stage)}
          >
            <Group gap="lg" mt={6}>
              <Radio value="drafted" label={t('outcomes.stages.drafted')} />
              <Radio value="adopted" label={t('outcomes.stages.adopted')} />
            </Group>
          </Radio.Group>
        )}
        <Textarea
          label={t('outcomes.note')}
          description={t('outcomes.noteHint')}
          required
          value={state.note}
          autosize
          minRows={2}
          maxLength={2000}
          error={error('contributions.0.note') ?? server.contributions}
          onChange={(event) => change('note', event.currentTarget.value)}
        />
        <Textarea
          label={t('outcomes.description')}
          value={state.description}
          autosize
          minRows={2}
          maxLength={2000}
          error={error('description')}
          onChange={(event) => change('description', event.currentTarget.value)}
        />
        <ProgrammeErrorAlert error={record.isPending ? null : record.error} shownFields={isShown} />
        <div role="status">{record.isSuccess && <Text fw={600}>{t('outcomes.recorded')}</Text>}</div>
        <Button type="submit" loading={record.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('outcomes.record')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** On an activity's page: the outcomes it contributed to and, for those who record activities, a form to add one. */
export function ActivityOutcomes({ activity }: { activity: Activity }) {
  const { t } = useTranslation('programme');
  const outcomes = useOutcomes(activity.id);
  const canWrite = useCanWriteActivities();
  const items = outcomes.data?.items;
  return (
    <section aria-labelledby="outcomes-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="outcomes-title">
          {t('outcomes.title')}
        </Title>
        <ProgrammeQueryState isLoading={outcomes.isLoading} error={outcomes.error}>
          {items &&
            (items.length === 0 ? (
              <Text>{t('outcomes.empty')}</Text>
            ) : (
              <OutcomeTable outcomes={items} activityId={activity.id} />
            ))}
        </ProgrammeQueryState>
        {canWrite && <RecordOutcome activity={activity} />}
      </Stack>
    </section>
  );
}
