import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../../lib/api.ts';
import { isolate, useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { ConfirmButton } from '../../accounts/components/ConfirmButton.tsx';
import { LibraryErrorAlert, LibraryQueryState } from '../components/Errors.tsx';
import { UploadVersionForm } from '../components/FileFields.tsx';
import { HighlightedText, queryTerms } from '../components/Highlight.tsx';
import { RenderedText } from '../components/RenderedText.tsx';
import {
  useDeleteDocument,
  useDocument,
  useInstrumentList,
  useParticipantList,
  useVersionText,
  type LibraryDocument,
} from '../library.api.ts';
import { useLibraryFormat } from '../labels.ts';
import { Fact } from '../../../components/Fact.tsx';

const DEFAULTS = { asAt: '', text: '', q: '' };

/** A search for a symbol as a phrase, so "S/RES/1373 (2001)" is not split into words. */
const symbolSearch = (symbol: string) => `/library?q=${encodeURIComponent(`"${symbol}"`)}`;

function Facts({ doc }: { doc: LibraryDocument }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const names = useLibraryFormat();
  const dates = (['adoptedDate', 'publishedDate', 'inForceDate', 'repealedDate', 'decisionDate'] as const).filter(
    (key) => doc[key],
  );
  return (
    <Paper withBorder p="md" radius="md">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
        <Fact label={t('fields.kind')}>
          {t(`kinds.${doc.kind}`)}
          {doc.subtype ? ` · ${t(`subtypes.${doc.subtype}`, { defaultValue: doc.subtype })}` : ''}
        </Fact>
        {doc.country && (
          <Fact label={t('fields.country')}>
            <Anchor component={Link} to={`/countries/${doc.country}`}>
              {doc.countryName ?? doc.country}
            </Anchor>
          </Fact>
        )}
        {doc.organization && <Fact label={t('fields.organization')}>{doc.organization}</Fact>}
        {doc.symbol && (
          <Fact label={t('fields.symbol')}>
            <span className="ltr-figures">{doc.symbol}</span>
          </Fact>
        )}
        {doc.number && (
          <Fact label={t('fields.number')}>
            <span className="ltr-figures">{doc.number}</span>
          </Fact>
        )}
        {doc.court && <Fact label={t('fields.court')}>{doc.court}</Fact>}
        {doc.caseNumber && (
          <Fact label={t('fields.caseNumber')}>
            <span className="ltr-figures">{doc.caseNumber}</span>
          </Fact>
        )}
        {doc.parties && <Fact label={t('fields.parties')}>{doc.parties}</Fact>}
        {dates.map((key) => (
          <Fact key={key} label={t(`fields.${key}`)}>
            {format.date(doc[key])}
          </Fact>
        ))}
        {doc.status && <Fact label={t('fields.status')}>{t(`statuses.${doc.status}`)}</Fact>}
        {doc.statusAsAt && (
          <Fact label={t('document.statusAsAt', { date: format.date(doc.asAt) })}>
            {t(`statuses.${doc.statusAsAt}`)}
          </Fact>
        )}
        {doc.categories.length > 0 && (
          <Fact label={t('fields.categories')}>{doc.categories.map((c) => t(`categories.${c}`)).join(', ')}</Fact>
        )}
        {doc.themes.length > 0 && (
          <Fact label={t('fields.themes')}>{doc.themes.map((theme) => t(`themes.${theme}`)).join(', ')}</Fact>
        )}
        {doc.languages.length > 0 && (
          <Fact label={t('fields.languages')}>{doc.languages.map((l) => names.language(l)).join(', ')}</Fact>
        )}
        <Fact label={t('fields.visibility')}>{t(`visibilities.${doc.visibility}`)}</Fact>
        {doc.source && <Fact label={t('fields.source')}>{doc.source}</Fact>}
        {doc.officialUrl && (
          <Fact label={t('fields.officialUrl')}>
            <Anchor href={doc.officialUrl} className="break-anywhere" rel="noopener noreferrer" target="_blank">
              {doc.officialUrl}
            </Anchor>
          </Fact>
        )}
        <Fact label={t('fields.uri')}>
          <span className="ltr-figures break-anywhere">{doc.uri}</span>
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

function Instruments({ doc }: { doc: LibraryDocument }) {
  const { t } = useTranslation('library');
  if (doc.instruments.length === 0) return null;
  return (
    <section aria-labelledby="instruments-title">
      <Title order={2} size="h3" id="instruments-title" mb="xs">
        {t('document.instrumentsTitle')}
      </Title>
      <List>
        {doc.instruments.map((link) => (
          <List.Item key={`${link.instrument}-${link.article ?? ''}`}>
            <Anchor component={Link} to={`/instruments/${link.instrument}`}>
              {link.title}
            </Anchor>
            {link.article && <> · {t('document.article', { article: isolate(link.article) })}</>}
            {link.note && (
              <Text size="sm" c="dimmed" component="span">
                {' '}
                · {link.note}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </section>
  );
}

function History({ doc }: { doc: LibraryDocument }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  if (doc.events.length === 0 && doc.affects.length === 0) return null;
  return (
    <section aria-labelledby="timeline-title">
      <Title order={2} size="h3" id="timeline-title" mb="sm">
        {t('document.timelineTitle')}
      </Title>
      {doc.events.length > 0 && (
        <Timeline bulletSize={14} lineWidth={2}>
          {doc.events.map((event, index) => (
            <Timeline.Item key={`${event.type}-${event.date}-${index}`} title={format.date(event.date)}>
              <Text size="sm">
                {t(`events.${event.type}`)}
                {event.by && (
                  <>
                    {' '}
                    · {t('document.by')}{' '}
                    <Anchor component={Link} to={`/library/${event.by.id}`}>
                      {event.by.title}
                    </Anchor>
                  </>
                )}
              </Text>
              {event.note && (
                <Text size="sm" c="dimmed">
                  {event.note}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {doc.affects.length > 0 && (
        <>
          <Title order={3} size="h4" mt="md" mb="xs">
            {t('document.affectsTitle')}
          </Title>
          <List>
            {doc.affects.map((item) => (
              <List.Item key={`${item.id}-${item.type}-${item.date}`}>
                {t(`affects.${item.type}`)}{' '}
                <Anchor component={Link} to={`/library/${item.id}`}>
                  {item.title}
                </Anchor>{' '}
                · {format.date(item.date)}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </section>
  );
}

/** The text in force on the chosen date, in a chosen language, with the words of the search marked. */
function DocumentText({
  doc,
  language,
  onLanguage,
  query,
}: {
  doc: LibraryDocument;
  language: string;
  onLanguage: (lang: string) => void;
  query: string;
}) {
  const { t, i18n } = useTranslation('library');
  const format = useFormat();
  const names = useLibraryFormat();
  const version =
    doc.current.find((e) => e.language === language) ??
    doc.current.find((e) => e.language === i18n.language) ??
    doc.current[0] ??
    null;
  const text = useVersionText(doc.id, version?.id ?? null);
  const terms = queryTerms(query);
  return (
    <section aria-labelledby="text-title">
      <Title order={2} size="h3" id="text-title" mb="xs">
        {t('document.textTitle')}
      </Title>
      {!version ? (
        <Text>{t('document.noText', { date: format.date(doc.asAt) })}</Text>
      ) : (
        <Stack gap="sm">
          <Group align="end" gap="md" wrap="wrap">
            {doc.current.length > 1 && (
              <NativeSelect
                label={t('document.textLanguage')}
                value={version.language}
                w={220}
                onChange={(event) => onLanguage(event.currentTarget.value)}
                data={doc.current.map((e) => ({ value: e.language, label: names.language(e.language) }))}
              />
            )}
            <Text size="sm">
              {t('document.versionOf', {
                language: names.language(version.language),
                date: format.date(version.versionDate),
              })}
            </Text>
          </Group>
          {terms.length > 0 && <Text size="sm">{t('document.highlighted', { terms: terms.join(', ') })}</Text>}
          <LibraryQueryState isLoading={text.isLoading} error={text.error}>
            {text.data?.html != null && (
              <RenderedText
                text={{ ...text.data, html: text.data.html }}
                terms={terms}
                label={t('document.textRegion', { language: names.language(text.data.language) })}
              />
            )}
            {text.data && text.data.html == null && (
              <Paper withBorder p="md" radius="md">
                <div
                  lang={text.data.language}
                  dir="auto"
                  tabIndex={0}
                  role="region"
                  aria-label={t('document.textRegion', { language: names.language(text.data.language) })}
                  style={{
                    whiteSpace: 'pre-wrap',
                    overflowWrap: 'anywhere',
                    maxBlockSize: '70vh',
                    overflowY: 'auto',
                    lineHeight: 1.6,
                  }}
                >
                  <HighlightedText text={text.data.text} terms={terms} />
                </div>
              </Paper>
            )}
          </LibraryQueryState>
        </Stack>
      )}
    </section>
  );
}

function Versions({ doc }: { doc: LibraryDocument }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const names = useLibraryFormat();
  const current = new Set(doc.current.map((e) => e.id));
  return (
    <section aria-labelledby="versions-title">
      <Title order={2} size="h3" id="versions-title" mb="xs">
        {t('document.versionsTitle')}
      </Title>
      <div className="table-scroll">
        <Table striped withTableBorder>
          <Table.Caption>{t('document.versionsCaption', { date: format.date(doc.asAt) })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('document.columns.language')}</Table.Th>
              <Table.Th>{t('document.columns.versionDate')}</Table.Th>
              <Table.Th>{t('document.columns.file')}</Table.Th>
              <Table.Th style={{ textAlign: 'end' }}>{t('document.columns.size')}</Table.Th>
              <Table.Th>{t('document.columns.download')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {doc.expressions.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>{t('document.noVersions')}</Table.Td>
              </Table.Tr>
            ) : (
              doc.expressions.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    {names.language(e.language)}
                    {current.has(e.id) && (
                      <Badge ms="xs" size="sm" variant="light">
                        {t('document.inForceVersion')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{format.date(e.versionDate)}</Table.Td>
                  <Table.Td className="break-anywhere">{e.file?.filename ?? t('document.noFile')}</Table.Td>
                  <Table.Td style={{ textAlign: 'end' }} className="nowrap">
                    {e.file ? names.fileSize(e.file.size) : ''}
                  </Table.Td>
                  <Table.Td>
                    {e.file && (
                      <Anchor href={apiUrl(`/library/documents/${doc.id}/files/${e.file.id}`)} download>
                        {t('document.downloadOriginal', {
                          type: e.file.fileType.toUpperCase(),
                          size: names.fileSize(e.file.size),
                          language: names.language(e.language),
                        })}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </div>
    </section>
  );
}

function References({ doc }: { doc: LibraryDocument }) {
  const { t, i18n } = useTranslation('library');
  const collator = new Intl.Collator(i18n.language);
  const instruments = useInstrumentList();
  const participants = useParticipantList();
  const instrumentName = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  const countryName = new Map((participants.data?.items ?? []).map((p) => [p.id, p.name]));
  const { resolutions, symbols, instruments: cited, countries } = doc.references;
  const groups = [
    { key: 'resolutions', items: resolutions.map((s) => ({ key: s, to: symbolSearch(s), label: s, ltr: true })) },
    { key: 'symbols', items: symbols.map((s) => ({ key: s, to: symbolSearch(s), label: s, ltr: true })) },
    {
      key: 'instruments',
      items: cited.map((id) => ({
        key: id,
        to: `/instruments/${id}`,
        label: instrumentName.get(id) ?? id,
        ltr: false,
      })),
    },
    {
      key: 'countries',
      items: countries
        .map((code) => ({ key: code, to: `/countries/${code}`, label: countryName.get(code) ?? code, ltr: false }))
        .sort((a, b) => collator.compare(a.label, b.label)),
    },
  ].filter((group) => group.items.length > 0);
  return (
    <section aria-labelledby="references-title">
      <Title order={2} size="h3" id="references-title" mb="xs">
        {t('document.referencesTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('document.referencesIntro')}
      </Text>
      {groups.length === 0 ? (
        <Text>{t('document.noReferences')}</Text>
      ) : (
        <Stack gap="md">
          {groups.map((group) => (
            <div key={group.key}>
              <Title order={3} size="h5" mb={4}>
                {t(`references.${group.key}`)}
              </Title>
              {/* Long lists (every country a report names) flow into columns. */}
              <List style={{ columnWidth: '15rem', columnGap: '2rem' }}>
                {group.items.map((item) => (
                  <List.Item key={item.key}>
                    <Anchor component={Link} to={item.to} className={item.ltr ? 'ltr-figures' : undefined}>
                      {item.label}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </div>
          ))}
        </Stack>
      )}
    </section>
  );
}

function Exports({ doc }: { doc: LibraryDocument }) {
  const { t, i18n } = useTranslation('library');
  const params = { lang: i18n.language, asAt: doc.asAt };
  return (
    <section aria-labelledby="exports-title">
      <Title order={2} size="h3" id="exports-title" mb="xs">
        {t('document.exportsTitle')}
      </Title>
      <Group gap="md">
        <Anchor href={apiUrl(`/library/documents/${doc.id}/akn`, params)} download>
          {t('document.exportAkn')}
        </Anchor>
        <Anchor href={apiUrl(`/library/documents/${doc.id}/export.json`, params)} download>
          {t('document.exportJson')}
        </Anchor>
      </Group>
    </section>
  );
}

function Manage({ doc }: { doc: LibraryDocument }) {
  const { t, i18n } = useTranslation('library');
  const navigate = useNavigate();
  const remove = useDeleteDocument(doc.id);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="manage-title">
      <Title order={2} size="h3" id="manage-title" mb="sm">
        {t('document.manageTitle')}
      </Title>
      <Group gap="md" mb="md">
        <Button component={Link} to={`/library/${doc.id}/edit`} variant="light">
          {t('document.edit')}
        </Button>
        <ConfirmButton
          title={t('document.deleteTitle')}
          message={t('document.deleteMessage', { title: doc.title })}
          confirm={t('document.delete')}
          loading={remove.isPending}
          onConfirm={() =>
            remove.mutate(undefined, { onSuccess: () => void navigate('/library', { state: { deleted: doc.title } }) })
          }
        >
          {t('document.delete')}
        </ConfirmButton>
      </Group>
      <LibraryErrorAlert error={remove.error} />
      <Title order={3} size="h4" mb="xs">
        {t('document.uploadTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('document.uploadIntro')}
      </Text>
      <UploadVersionForm
        id={doc.id}
        defaultLanguage={
          (doc.languages as string[]).includes(i18n.language) ? i18n.language : (doc.languages[0] ?? i18n.language)
        }
      />
    </Paper>
  );
}

/** /library/:id: a document, its text in force on a date, its versions, timeline and cross-references. */
export function DocumentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('library');
  const [state, set] = useSearchState(DEFAULTS);
  const document = useDocument(id, state.asAt || undefined);
  const doc = document.data;
  const back = state.q ? `/library?q=${encodeURIComponent(state.q)}` : '/library';

  return (
    <Stack gap="lg">
      <Text size="sm">
        <Anchor component={Link} to={back}>
          {t('nav.library', { ns: 'common' })}
        </Anchor>
      </Text>
      <LibraryQueryState isLoading={document.isLoading} error={document.error}>
        {doc && (
          <>
            <div>
              <Group gap="xs" mb={4}>
                <Badge variant="light">{t(`kinds.${doc.kind}`)}</Badge>
                {doc.visibility === 'restricted' && (
                  <Badge variant="outline" color="red.9">
                    {t('visibilities.restricted')}
                  </Badge>
                )}
              </Group>
              <Title order={1}>{doc.title}</Title>
            </div>
            <Group align="end" gap="md" wrap="wrap">
              <TextInput
                type="date"
                name="asAt"
                label={t('document.asAt')}
                description={t('document.asAtHint')}
                value={state.asAt || doc.asAt}
                w={220}
                onChange={(event) => {
                  // Browsers give '' while a date is half typed; keep the last complete date.
                  if (event.currentTarget.value) set('asAt', event.currentTarget.value);
                }}
              />
              {state.asAt && (
                <Button variant="subtle" onClick={() => set('asAt', '')}>
                  {t('document.asAtToday')}
                </Button>
              )}
            </Group>
            {doc.current.length === 0 && doc.expressions.length > 0 && (
              <Alert color="yellow" title={t('document.notYetTitle')}>
                {t('document.notYetBody')}
              </Alert>
            )}
            <Facts doc={doc} />
            <Instruments doc={doc} />
            <History doc={doc} />
            <DocumentText doc={doc} language={state.text} onLanguage={(lang) => set('text', lang)} query={state.q} />
            <Versions doc={doc} />
            <References doc={doc} />
            <Exports doc={doc} />
            {doc.canEdit && <Manage doc={doc} />}
          </>
        )}
      </LibraryQueryState>
    </Stack>
  );
}
