import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../../src/contracts/languages.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { ApiError } from '../../../lib/api.ts';
import { isolate } from '../../../lib/format.ts';
import { useReason, type Reason } from '../../../lib/reasons.ts';
import { moduleErrors } from '../../../components/ModuleErrors.tsx';
import { ProgrammeQueryState } from '../components/Errors.tsx';
import { ProgrammeFrame } from '../components/ProgrammeNav.tsx';
import {
  ACCEPTED_IMPORT_FILES,
  IMPORT_FAILED,
  REQUIRED_FIELDS,
  compactMapping,
  readHeaders,
  useImportActivities,
  useImportMappings,
  type ColumnMapping,
  type ImportAction,
  type ImportReport,
  type SavedMapping,
} from '../import.api.ts';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, THEMES, useCanWriteActivities } from '../programme.api.ts';

/** Which help text (`hints.*`) explains what a field's cells hold; fields without one are free text. */
const HINT_OF: Record<string, string> = {
  code: 'code',
  type: 'type',
  status: 'status',
  start_date: 'date',
  end_date: 'date',
  online: 'online',
  venue_country: 'country',
  countries: 'countries',
  organization: 'organization',
  partners: 'names',
  institutions: 'names',
  themes: 'themes',
  instruments: 'instruments',
  project: 'project',
  donors: 'donors',
  languages: 'languages',
  participants_total: 'total',
};

/** The values a field accepts, for the fields that take codes from a fixed list. */
const VALUES_OF: Record<string, readonly string[]> = {
  type: ACTIVITY_TYPES,
  status: ACTIVITY_STATUSES,
  themes: THEMES,
  languages: LANGUAGES,
};

const sameColumn = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A field's name and the help for its cells, in the UI language. */
function useFieldText() {
  const { t } = useTranslation('programmeImport');
  return {
    label: (field: string) => t(`fields.${field}`, { defaultValue: field }),
    hint: (field: string): string | null => {
      const key = HINT_OF[field] ?? (field.startsWith('participants_') ? 'number' : null);
      return key ? t(`hints.${key}`, { values: (VALUES_OF[field] ?? []).join(', ') }) : null;
    },
  };
}

const { useErrorMessage } = moduleErrors('programmeImport');

/** How an import works, and the fields a column can fill. */
function ImportHelp({ fields }: { fields: string[] }) {
  const { t } = useTranslation('programmeImport');
  const text = useFieldText();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="import-help">
      <Stack gap="sm">
        <Title order={2} size="h4" id="import-help">
          {t('help.title')}
        </Title>
        <List spacing={4}>
          <List.Item>{t('help.firstRow')}</List.Item>
          <List.Item>{t('help.update')}</List.Item>
          <List.Item>{t('help.organiser')}</List.Item>
          <List.Item>{t('help.lists')}</List.Item>
          <List.Item>{t('help.allOrNothing')}</List.Item>
          <List.Item>{t('help.dryRun')}</List.Item>
        </List>
        <details>
          <summary>{t('help.fieldsSummary', { count: fields.length })}</summary>
          <div className="table-scroll">
            <Table striped withTableBorder mt="xs">
              <Table.Caption>{t('help.fieldsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('help.fieldColumn')}</Table.Th>
                  <Table.Th scope="col">{t('help.meaningColumn')}</Table.Th>
                  <Table.Th scope="col">{t('help.requiredColumn')}</Table.Th>
                  <Table.Th scope="col">{t('help.valuesColumn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fields.map((field) => (
                  <Table.Tr key={field}>
                    <Table.Th scope="row">
                      <code className="ltr-figures">{field}</code>
                    </Table.Th>
                    <Table.Td>{text.label(field)}</Table.Td>
                    <Table.Td>{REQUIRED_FIELDS.includes(field) ? t('help.required') : t('help.optional')}</Table.Td>
                    <Table.Td>{text.hint(field)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </details>
      </Stack>
    </Paper>
  );
}

/** What the last run answered: a report, or why nothing was imported (with the mapping it was run with). */
type Outcome =
  | { kind: 'report'; report: ImportReport; savedAs: string | null }
  | { kind: 'error'; error: unknown; fileName: string; mapping: ColumnMapping };

type ReportRow = ImportReport['rows'][number];

function ReportView({ report, savedAs }: { report: ImportReport; savedAs: string | null }) {
  const { t } = useTranslation('programmeImport');
  const action = (a: ImportAction) => (report.dryRun ? t(`dryRunActions.${a}`) : t(`actions.${a}`));
  const columns: Column<ReportRow>[] = [
    {
      key: 'line',
      label: t('result.line'),
      numeric: true,
      sortValue: (row) => row.line,
      render: (row) => <span className="ltr-figures">{row.line}</span>,
    },
    { key: 'code', label: t('result.code'), sortValue: (row) => row.code, render: (row) => <bdi>{row.code}</bdi> },
    {
      key: 'action',
      label: t('result.action'),
      sortValue: (row) => action(row.action),
      render: (row) => action(row.action),
    },
    {
      key: 'activity',
      label: t('result.activity'),
      render: (row) =>
        row.id ? (
          <Anchor component={Link} to={`/programme/activities/${encodeURIComponent(row.id)}`}>
            {t('result.open', { code: row.code })}
          </Anchor>
        ) : (
          <Text span size="sm" c="dimmed">
            {t('result.notYetCreated')}
          </Text>
        ),
    },
  ];
  const counts = report.dryRun
    ? [
        t('result.toCreate', { count: report.created }),
        t('result.toUpdate', { count: report.updated }),
        t('result.toLeave', { count: report.unchanged }),
      ]
    : [
        t('result.created', { count: report.created }),
        t('result.updated', { count: report.updated }),
        t('result.unchanged', { count: report.unchanged }),
      ];
  return (
    <Stack gap="md">
      <Alert
        color={report.dryRun ? 'un' : 'green'}
        role="status"
        title={report.dryRun ? t('result.dryRunDone') : t('result.importDone')}
      >
        <List spacing={2}>
          {counts.map((count) => (
            <List.Item key={count}>{count}</List.Item>
          ))}
        </List>
        {savedAs && <Text mt="xs">{t('result.mappingSaved', { name: savedAs })}</Text>}
      </Alert>
      <DataTable
        caption={
          report.dryRun
            ? t('result.dryRunCaption', { count: report.rows.length })
            : t('result.caption', { count: report.rows.length })
        }
        columns={columns}
        rows={report.rows}
        rowKey={(row) => `${row.line}`}
        initialSort={{ key: 'line', direction: 'asc' }}
        empty={t('result.noRows')}
      />
    </Stack>
  );
}

interface ProblemRow {
  key: string;
  line: number | null;
  field: string | null;
  reason: Reason;
}

/** The server's English sentence keeps its own language and direction; a translated reason follows the page. */
function ReasonText({ reason }: { reason: Reason }) {
  return reason.lang ? (
    <span lang={reason.lang} dir="ltr">
      {reason.text}
    </span>
  ) : (
    <span>{reason.text}</span>
  );
}

/** Why nothing was imported: for rows with problems, every problem with its line and column, in a table. */
function ProblemsView({ error, fileName, mapping }: { error: unknown; fileName: string; mapping: ColumnMapping }) {
  const { t } = useTranslation('programmeImport');
  const message = useErrorMessage();
  const reasonOf = useReason();
  const problem = error instanceof ApiError ? error.problem : null;
  if (!problem || problem.code !== IMPORT_FAILED) {
    return (
      <Alert color="red" role="alert" title={message(problem?.code ?? 'network')}>
        {problem?.errors.map((p, index) => (
          <Text key={index} size="sm">
            {p.field && (
              <>
                <code className="ltr-figures">{p.field}</code>{' '}
              </>
            )}
            <ReasonText reason={reasonOf(p)} />
          </Text>
        ))}
      </Alert>
    );
  }
  const rows: ProblemRow[] = problem.errors.map((p, index) => ({
    key: String(index),
    line: p.line ?? null,
    field: p.field ?? null,
    reason: reasonOf(p),
  }));
  const columns: Column<ProblemRow>[] = [
    {
      key: 'line',
      label: t('problems.line'),
      numeric: true,
      sortValue: (row) => row.line,
      render: (row) => <span className="ltr-figures">{row.line ?? '–'}</span>,
    },
    {
      key: 'column',
      label: t('problems.column'),
      sortValue: (row) => row.field,
      render: (row) => {
        if (!row.field || row.field === 'file') return t('problems.wholeFile');
        const header = mapping[row.field];
        return header && !sameColumn(header, row.field) ? (
          <>
            <bdi>{header}</bdi>{' '}
            <Text span size="sm" c="dimmed">
              {t('problems.forField', { field: isolate(row.field) })}
            </Text>
          </>
        ) : (
          <code className="ltr-figures">{row.field}</code>
        );
      },
    },
    { key: 'reason', label: t('problems.reason'), render: (row) => <ReasonText reason={row.reason} /> },
  ];
  return (
    <Stack gap="md">
      <Alert color="red" role="alert" title={t('problems.summary', { count: rows.length })}>
        <Text lang="en" dir="ltr">
          {problem.detail}
        </Text>
        <Text size="sm" mt="xs">
          {t('problems.fix')}
        </Text>
      </Alert>
      <DataTable
        caption={t('problems.caption', { count: rows.length, file: fileName })}
        columns={columns}
        rows={rows}
        rowKey={(row) => row.key}
        pageSize={100}
        initialSort={{ key: 'line', direction: 'asc' }}
        empty={t('problems.none')}
      />
    </Stack>
  );
}

/** The file, the columns to read each field from, and the two ways to run: a dry run, or the import. */
function ImportForm({ fields, mappings }: { fields: string[]; mappings: SavedMapping[] }) {
  const { t, i18n } = useTranslation('programmeImport');
  const text = useFieldText();
  const id = useId();
  const mutation = useImportActivities();
  const [file, setFile] = useState<File | null>(null);
  /** The CSV's column headers; null before a file is read, and for XLSX (its columns are typed in). */
  const [headers, setHeaders] = useState<string[] | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [savedId, setSavedId] = useState('');
  const [saveAs, setSaveAs] = useState('');
  const [missingFile, setMissingFile] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const reading = useRef(0);
  const fileButton = useRef<HTMLButtonElement>(null);
  const resultTitle = useRef<HTMLHeadingElement>(null);

  // After each run, focus moves to the result's heading, so keyboard and screen reader users land on it.
  useEffect(() => {
    if (outcome) resultTitle.current?.focus();
  }, [outcome]);

  /** The inputs' values: a field's own column when the file has one, then what a saved mapping says. */
  const filled = (columns: string[] | null, saved: SavedMapping | undefined): ColumnMapping =>
    Object.fromEntries(
      fields.map((field) => [
        field,
        saved?.mapping[field] ?? columns?.find((column) => sameColumn(column, field)) ?? '',
      ]),
    );

  const chooseFile = (next: File | null) => {
    const token = ++reading.current;
    const saved = mappings.find((m) => m.id === savedId);
    setFile(next);
    setMissingFile(false);
    setOutcome(null);
    setHeaders(null);
    setMapping(filled(null, saved));
    if (!next) return;
    void readHeaders(next)
      .catch(() => null)
      .then((columns) => {
        if (token !== reading.current) return;
        setHeaders(columns);
        setMapping(filled(columns, saved));
      });
  };

  const chooseSaved = (value: string) => {
    setSavedId(value);
    setMapping(
      filled(
        headers,
        mappings.find((m) => m.id === value),
      ),
    );
  };

  const run = (dryRun: boolean) => {
    if (!file) {
      setMissingFile(true);
      fileButton.current?.focus();
      return;
    }
    const savedAs = dryRun ? null : saveAs.trim() || null;
    setOutcome(null);
    mutation.mutate(
      { file, mapping, dryRun, saveMappingAs: savedAs ?? undefined },
      {
        onSuccess: (report) => {
          setOutcome({ kind: 'report', report, savedAs });
          if (savedAs) setSaveAs('');
        },
        onError: (error) => setOutcome({ kind: 'error', error, fileName: file.name, mapping: compactMapping(mapping) }),
      },
    );
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Enter in a text input runs the form's first button: the dry run, which writes nothing.
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    run(submitter?.getAttribute('value') !== 'import');
  };

  /** A column the CSV does not have, or a required field without a column: the server would refuse the file. */
  const columnProblem = (field: string): string | undefined => {
    if (!headers) return undefined;
    const column = mapping[field]?.trim();
    if (column) return headers.some((h) => sameColumn(h, column)) ? undefined : t('mapping.notInFile', { column });
    if (REQUIRED_FIELDS.includes(field) && !headers.some((h) => sameColumn(h, field)))
      return t('mapping.requiredMissing');
    return undefined;
  };

  /** The file's columns, each quoted (a header may hold a comma), listed the way the UI language lists things. */
  const listOf = (columns: string[]) =>
    new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
      columns.map((name) => t('file.quoted', { name })),
    );
  const pendingDryRun = mutation.isPending && mutation.variables?.dryRun === true;
  const pendingImport = mutation.isPending && mutation.variables?.dryRun === false;
  const semicolons = headers?.length === 1 && headers[0]!.includes(';');
  const datalist = `${id}-columns`;

  return (
    <>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="import-file">
            <Stack gap="sm">
              <Title order={2} size="h4" id="import-file">
                {t('file.title')}
              </Title>
              <FileInput
                ref={fileButton}
                label={t('file.label')}
                description={t('file.hint')}
                placeholder={t('file.placeholder')}
                accept={ACCEPTED_IMPORT_FILES}
                value={file}
                onChange={chooseFile}
                clearable
                disabled={mutation.isPending}
                clearButtonProps={{ 'aria-label': t('file.clear') }}
                className="field-wide"
                error={missingFile ? t('file.required') : undefined}
              />
              <div role="status">
                {file && headers && headers.length > 0 && !semicolons && (
                  <Text size="sm">{t('file.csvColumns', { count: headers.length, columns: listOf(headers) })}</Text>
                )}
                {file && headers && headers.length === 0 && <Text size="sm">{t('file.csvEmpty')}</Text>}
                {file && !headers && /\.xlsx$/i.test(file.name) && <Text size="sm">{t('file.xlsx')}</Text>}
              </div>
              {semicolons && (
                <Alert color="yellow" role="alert" title={t('file.semicolonsTitle')}>
                  {t('file.semicolons')}
                </Alert>
              )}
            </Stack>
          </Paper>

          {file && (
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="import-mapping">
              <Stack gap="md">
                <Title order={2} size="h4" id="import-mapping">
                  {t('mapping.title')}
                </Title>
                <Text size="sm">{t('mapping.intro')}</Text>
                <Group align="start" gap="md" wrap="wrap">
                  <NativeSelect
                    label={t('mapping.saved')}
                    value={savedId}
                    className="field-wide"
                    disabled={mappings.length === 0}
                    description={mappings.length === 0 ? t('mapping.noneSaved') : t('mapping.savedHint')}
                    onChange={(event) => chooseSaved(event.currentTarget.value)}
                    data={[
                      { value: '', label: t('mapping.none') },
                      ...mappings.map((m) => ({ value: m.id, label: m.name })),
                    ]}
                  />
                  <TextInput
                    label={t('mapping.saveAs')}
                    description={t('mapping.saveAsHint')}
                    value={saveAs}
                    maxLength={200}
                    dir="auto"
                    className="field-wide"
                    onChange={(event) => setSaveAs(event.currentTarget.value)}
                  />
                </Group>
                {headers && headers.length > 0 && (
                  <datalist id={datalist}>
                    {headers.map((header) => (
                      <option key={header} value={header} />
                    ))}
                  </datalist>
                )}
                <fieldset className="plain-fieldset">
                  <legend className="field-legend">{t('mapping.columns')}</legend>
                  <Text size="sm" c="dimmed" mb="xs">
                    {headers ? t('mapping.columnsHintCsv') : t('mapping.columnsHint')}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
                    {fields.map((field) => (
                      <TextInput
                        key={field}
                        value={mapping[field] ?? ''}
                        placeholder={field}
                        dir="auto"
                        maxLength={200}
                        label={
                          REQUIRED_FIELDS.includes(field)
                            ? t('mapping.requiredLabel', { label: text.label(field) })
                            : text.label(field)
                        }
                        description={<code className="ltr-figures">{field}</code>}
                        list={headers && headers.length > 0 ? datalist : undefined}
                        error={columnProblem(field)}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          setMapping((previous) => ({ ...previous, [field]: value }));
                        }}
                      />
                    ))}
                  </SimpleGrid>
                </fieldset>
              </Stack>
            </Paper>
          )}

          <Group gap="md" align="center" wrap="wrap">
            <Button
              type="submit"
              name="run"
              value="dryRun"
              variant="light"
              loading={pendingDryRun}
              disabled={pendingImport}
            >
              {t('run.dryRun')}
            </Button>
            <Button type="submit" name="run" value="import" loading={pendingImport} disabled={pendingDryRun}>
              {t('run.import')}
            </Button>
            <Text role="status" size="sm">
              {pendingDryRun ? t('run.checking') : pendingImport ? t('run.importing') : ''}
            </Text>
          </Group>
        </Stack>
      </form>

      {outcome && (
        <section aria-labelledby="import-result">
          <Title order={2} size="h3" id="import-result" ref={resultTitle} tabIndex={-1} mb="sm">
            {outcome.kind === 'error'
              ? t('problems.title')
              : outcome.report.dryRun
                ? t('result.dryRunTitle')
                : t('result.importTitle')}
          </Title>
          {outcome.kind === 'report' ? (
            <ReportView report={outcome.report} savedAs={outcome.savedAs} />
          ) : (
            <ProblemsView error={outcome.error} fileName={outcome.fileName} mapping={outcome.mapping} />
          )}
        </section>
      )}
    </>
  );
}

/** The import for those who may record activities; the saved mappings and the field list come from the server. */
function ImportActivities() {
  const { t } = useTranslation('programmeImport');
  const canWrite = useCanWriteActivities();
  const list = useImportMappings(canWrite);
  if (!canWrite)
    return (
      <Alert color="yellow" role="status" title={t('notAllowedTitle')}>
        {t('notAllowedBody')}
      </Alert>
    );
  return (
    <ProgrammeQueryState isLoading={list.isLoading} error={list.error}>
      {list.data && (
        <>
          <ImportHelp fields={list.data.fields} />
          <ImportForm fields={list.data.fields} mappings={list.data.items} />
        </>
      )}
    </ProgrammeQueryState>
  );
}

/** /programme/activities/import: many activities at once from a CSV or XLSX file, checked first, all or nothing. */
export function ImportActivitiesPage() {
  const { t } = useTranslation('programmeImport');
  return (
    <ProgrammeFrame>
      {() => (
        <>
          <Text size="sm">
            <Anchor component={Link} to="/programme/activities">
              {t('back')}
            </Anchor>
          </Text>
          <div>
            <Title order={1}>{t('title')}</Title>
            <Text mt="xs" maw={760}>
              {t('intro')}
            </Text>
          </div>
          <ImportActivities />
        </>
      )}
    </ProgrammeFrame>
  );
}
