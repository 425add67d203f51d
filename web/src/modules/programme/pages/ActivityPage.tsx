import { Alert, Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../../components/Fact.tsx';
import { useFormat } from '../../../lib/format.ts';
import { ConfirmButton } from '../../accounts/components/ConfirmButton.tsx';
import { useInstrumentList } from '../../library/library.api.ts';
import { useLibraryFormat } from '../../library/labels.ts';
import { ActivityOutcomes } from '../components/ActivityOutcomes.tsx';
import { StatusBadge } from '../components/ActivityStatus.tsx';
import { ProgrammeErrorAlert, ProgrammeQueryState } from '../components/Errors.tsx';
import { OverlapAlert } from '../components/OverlapAlert.tsx';
import { ProgrammeFrame } from '../components/ProgrammeNav.tsx';
import { PROFESSIONS, useActivity, useDeleteActivity, useProgrammeOptions, type Activity } from '../programme.api.ts';
import { useProgrammeFormat } from '../labels.ts';

function Facts({ activity }: { activity: Activity }) {
  const { t } = useTranslation('programme');
  const format = useFormat();
  const names = useProgrammeFormat();
  const languages = useLibraryFormat();
  const instruments = useInstrumentList();
  const options = useProgrammeOptions();
  const instrumentName = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  const donorName = new Map((options.data?.donors ?? []).map((d) => [d.id, d.name]));
  const project = options.data?.projects.find((p) => p.id === activity.projectId);
  const venueCountry = activity.venueCountry ? names.country(activity.venueCountry) : null;
  const venue = [activity.venueCity, venueCountry].filter(Boolean).join(', ');
  return (
    <Paper withBorder p="md" radius="md">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
        <Fact label={t('fields.type')}>{t(`types.${activity.type}`)}</Fact>
        <Fact label={t('fields.status')}>
          <StatusBadge status={activity.status} />
        </Fact>
        <Fact label={t('fields.dates')}>{names.dateRange(activity.startDate, activity.endDate)}</Fact>
        <Fact label={t('fields.venue')}>
          {activity.online
            ? venue
              ? t('activity.onlineAnd', { venue })
              : t('activity.online')
            : venue || t('activity.noVenue')}
        </Fact>
        <Fact label={t('fields.organization')}>{activity.organizationName}</Fact>
        {activity.code && (
          <Fact label={t('fields.code')}>
            <span className="ltr-figures">{activity.code}</span>
          </Fact>
        )}
        <Fact label={t('fields.countries')}>
          {activity.countries.map((c, index) => (
            <span key={c.id}>
              {index > 0 && ', '}
              <Anchor component={Link} to={`/countries/${c.id}`}>
                {names.country(c.id, c.name)}
              </Anchor>
            </span>
          ))}
        </Fact>
        {activity.partners.length > 0 && <Fact label={t('fields.partners')}>{names.list(activity.partners)}</Fact>}
        {activity.themes.length > 0 && (
          <Fact label={t('fields.themes')}>{names.list(activity.themes.map((theme) => names.theme(theme)))}</Fact>
        )}
        {activity.instruments.length > 0 && (
          <Fact label={t('fields.instruments')}>
            {activity.instruments.map((id, index) => (
              <span key={id}>
                {index > 0 && ', '}
                <Anchor component={Link} to={`/instruments/${id}`}>
                  {instrumentName.get(id) ?? id}
                </Anchor>
              </span>
            ))}
          </Fact>
        )}
        {activity.projectId && (
          <Fact label={t('fields.project')}>
            <span className="ltr-figures">{activity.projectCode ?? project?.code ?? activity.projectId}</span>
            {project && ` · ${project.title}`}
          </Fact>
        )}
        {activity.donorIds.length > 0 && (
          <Fact label={t('fields.donors')}>{names.list(activity.donorIds.map((id) => donorName.get(id) ?? id))}</Fact>
        )}
        {activity.languages.length > 0 && (
          <Fact label={t('fields.languages')}>{names.list(activity.languages.map((l) => languages.language(l)))}</Fact>
        )}
        {activity.institutions.length > 0 && (
          <Fact label={t('fields.institutions')}>{names.list(activity.institutions)}</Fact>
        )}
        <Fact label={t('fields.updatedAt')}>{format.dateTime(activity.updatedAt)}</Fact>
      </SimpleGrid>
      {activity.notes && (
        <SimpleGrid cols={1} component="dl" m={0} mt="md">
          <Fact label={t('fields.notes')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{activity.notes}</span>
          </Fact>
        </SimpleGrid>
      )}
    </Paper>
  );
}

/** Participants by gender and by profession, as two small tables. */
function Participants({ activity }: { activity: Activity }) {
  const { t } = useTranslation('programme');
  const format = useFormat();
  const p = activity.participants;
  const professions = p ? PROFESSIONS.filter((profession) => p.professions[profession] !== undefined) : [];
  return (
    <section aria-labelledby="participants-title">
      <Title order={2} size="h3" id="participants-title" mb="xs">
        {t('activity.participantsTitle')}
      </Title>
      {!p ? (
        <Text>{t('activity.noParticipants')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} style={{ alignItems: 'start' }}>
          <Table withTableBorder striped>
            <Table.Caption>{t('activity.byGender')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('activity.group')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'end' }}>
                  {t('activity.count')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(['women', 'men', 'notRecorded'] as const).map((key) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row" fw={400}>
                    {t(`participants.${key}`)}
                  </Table.Th>
                  <Table.Td style={{ textAlign: 'end' }}>{format.number(p[key])}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('participants.total')}</Table.Th>
                <Table.Td style={{ textAlign: 'end' }} fw={700}>
                  {format.number(p.total)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {professions.length === 0 ? (
            <Text>{t('activity.noProfessions')}</Text>
          ) : (
            <Table withTableBorder striped>
              <Table.Caption>{t('activity.byProfession')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('activity.profession')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'end' }}>
                    {t('activity.count')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {professions.map((profession) => (
                  <Table.Tr key={profession}>
                    <Table.Th scope="row" fw={400}>
                      {t(`professions.${profession}`)}
                    </Table.Th>
                    <Table.Td style={{ textAlign: 'end' }}>{format.number(p.professions[profession])}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </SimpleGrid>
      )}
    </section>
  );
}

function Documents({ activity }: { activity: Activity }) {
  const { t } = useTranslation('programme');
  return (
    <section aria-labelledby="documents-title">
      <Title order={2} size="h3" id="documents-title" mb="xs">
        {t('activity.documentsTitle')}
      </Title>
      {activity.documents.length === 0 ? (
        <Text>{t('activity.noDocuments')}</Text>
      ) : (
        <List spacing={6}>
          {activity.documents.map((doc) => (
            <List.Item key={`${doc.documentId}-${doc.role}`}>
              <Badge size="sm" variant="light" me="xs">
                {t(`documentRoles.${doc.role}`, { defaultValue: doc.role })}
              </Badge>
              <Anchor component={Link} to={`/library/${doc.documentId}`}>
                {doc.title}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}

function Manage({ activity }: { activity: Activity }) {
  const { t } = useTranslation('programme');
  const navigate = useNavigate();
  const remove = useDeleteActivity(activity.id);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="manage-title">
      <Title order={2} size="h3" id="manage-title" mb="sm">
        {t('activity.manageTitle')}
      </Title>
      <Group gap="md">
        <Button component={Link} to={`/programme/activities/${activity.id}/edit`} variant="light">
          {t('activity.edit')}
        </Button>
        <ConfirmButton
          title={t('activity.deleteTitle')}
          message={t('activity.deleteMessage', { title: activity.title })}
          confirm={t('activity.delete')}
          loading={remove.isPending}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => void navigate('/programme/activities', { state: { deleted: activity.title } }),
            })
          }
        >
          {t('activity.delete')}
        </ConfirmButton>
      </Group>
      <ProgrammeErrorAlert error={remove.error} />
    </Paper>
  );
}

/** /programme/activities/:id: an activity, its participants, documents and outcomes; its editors can change or delete it. */
export function ActivityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('programme');
  const activity = useActivity(id);
  const data = activity.data;
  // After saving, the form says whether the activity was created or changed; the overlaps come with the activity, from either side.
  const saved = useLocation().state as { saved?: 'created' | 'updated' } | null;

  return (
    <ProgrammeFrame>
      {() => (
        <>
          <Text size="sm">
            <Anchor component={Link} to="/programme/activities">
              {t('activities.title')}
            </Anchor>
          </Text>
          <ProgrammeQueryState isLoading={activity.isLoading} error={activity.error}>
            {data && (
              <>
                <div>
                  <Group gap="xs" mb={4}>
                    <Badge variant="light">{t(`types.${data.type}`)}</Badge>
                  </Group>
                  <Title order={1}>{data.title}</Title>
                </div>
                {saved?.saved && (
                  <Alert
                    color="green"
                    role="status"
                    title={saved.saved === 'created' ? t('activity.created') : t('activity.updated')}
                  />
                )}
                <OverlapAlert overlaps={data.overlaps} saved />
                <Facts activity={data} />
                <Participants activity={data} />
                <Documents activity={data} />
                <ActivityOutcomes key={data.id} activity={data} />
                {data.canEdit && <Manage activity={data} />}
              </>
            )}
          </ProgrammeQueryState>
        </>
      )}
    </ProgrammeFrame>
  );
}
