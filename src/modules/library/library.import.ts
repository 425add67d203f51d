import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { LANGUAGES, isLanguage, type Language } from '../../contracts/languages.ts';
import { dateInput, documentInputSchema, type DocumentInput } from '../../contracts/library.ts';
import { inTransaction, type Db } from '../../db/client.ts';
import { parseCsvRows } from '../../lib/csv.ts';
import { AppError, because, isAppError, issueReason, type FieldProblem } from '../../lib/errors.ts';
import type { Actor } from '../accounts/policy.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import { participants } from '../participants/participants.table.ts';
import { instruments } from '../instruments/instruments.table.ts';
import {
  insertDocuments,
  prepareUpload,
  refreshDerived,
  storeOriginal,
  type LibraryDeps,
  type PreparedFile,
} from './library.documents.ts';

/**
 * Bulk import of a folder: `metadata.csv` describes one document per line and names its file in the
 * folder. Everything is checked first (metadata, files, text extraction); one problem anywhere and
 * nothing is stored. A line whose file is already in the library for the same kind and country is
 * skipped, so importing the same folder twice adds nothing, even when both imports run at once.
 */

export const METADATA_FILE = 'metadata.csv';
/** Advisory lock key of the write phase of an import ("LXLI"). */
const LIBRARY_IMPORT_LOCK = 0x4c584c49;
/** Documents whose references and search entries are computed together. */
const IMPORT_BATCH = 50;

/** Columns of metadata.csv; lists (categories, themes, instruments) are separated by semicolons. */
export const METADATA_COLUMNS = [
  'file',
  'language',
  'version_date',
  'kind',
  'subtype',
  'title',
  ...LANGUAGES.map((l) => `title_${l}`),
  'country',
  'organization',
  'symbol',
  'number',
  'court',
  'case_number',
  'parties',
  'decision_date',
  'adopted_date',
  'published_date',
  'in_force_date',
  'repealed_date',
  'status',
  'categories',
  'themes',
  'instruments',
  'source',
  'official_url',
  'visibility',
] as const;

export interface LibraryImportReport {
  folder: string;
  dryRun: boolean;
  imported: { line: number; id: string | null; file: string | null; title: string }[];
  skipped: { line: number; file: string | null; reason: string }[];
}

interface PlannedRow {
  line: number;
  input: DocumentInput;
  file: PreparedFile | null;
  fileName: string | null;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);
const blankToNull = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : null);

/** Instrument links as `icsft-1999` or `icsft-1999:2(1)(b)` (an article after the colon). */
const instrumentLinks = (value: string | undefined) =>
  list(value).map((item) => {
    const [instrument = '', ...article] = item.split(':');
    return { instrument: instrument.trim(), article: article.join(':').trim() || null, note: null };
  });

function rowToInput(record: Record<string, string>): unknown {
  const language = record.language?.trim();
  const titles: Record<string, string> = {};
  for (const lang of LANGUAGES) if (record[`title_${lang}`]?.trim()) titles[lang] = record[`title_${lang}`]!.trim();
  if (record.title?.trim()) titles[isLanguage(language) ? language : 'en'] ??= record.title.trim();
  const date = (column: string) => blankToNull(record[column]);
  return {
    kind: record.kind?.trim(),
    subtype: blankToNull(record.subtype),
    titles,
    country: blankToNull(record.country)?.toUpperCase() ?? null,
    organization: blankToNull(record.organization),
    symbol: blankToNull(record.symbol),
    number: blankToNull(record.number),
    court: blankToNull(record.court),
    caseNumber: blankToNull(record.case_number),
    parties: blankToNull(record.parties),
    decisionDate: date('decision_date'),
    adoptedDate: date('adopted_date'),
    publishedDate: date('published_date'),
    inForceDate: date('in_force_date'),
    repealedDate: date('repealed_date'),
    status: blankToNull(record.status),
    categories: list(record.categories),
    themes: list(record.themes),
    instruments: instrumentLinks(record.instruments),
    source: blankToNull(record.source),
    officialUrl: blankToNull(record.official_url),
    visibility: blankToNull(record.visibility) ?? 'public',
    events: [],
  };
}

const toField = (path: PropertyKey[]) => {
  const [head, index, leaf] = path;
  const names: Record<string, string> = {
    titles: 'title',
    decisionDate: 'decision_date',
    adoptedDate: 'adopted_date',
    publishedDate: 'published_date',
    inForceDate: 'in_force_date',
    repealedDate: 'repealed_date',
    caseNumber: 'case_number',
    officialUrl: 'official_url',
  };
  if (head === 'titles' && typeof index === 'string') return `title_${index}`;
  if (head === 'instruments')
    return leaf === 'instrument' || leaf === undefined ? 'instruments' : `instruments.${String(leaf)}`;
  return names[String(head)] ?? String(head);
};

export async function importLibraryFolder(
  deps: LibraryDeps,
  actor: Actor,
  context: AuditContext,
  folderPath: string,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<LibraryImportReport> {
  const folder = resolve(folderPath);
  const metadata = readFolderFile(folder, METADATA_FILE);
  if (metadata === 'missing') {
    throw new AppError({
      status: 400,
      code: 'library.import_no_metadata',
      message: `${folderPath} has no ${METADATA_FILE}.`,
      problems: [{ file: METADATA_FILE, ...because('file_missing', 'missing', { file: METADATA_FILE }) }],
    });
  }
  if (metadata === 'link') throw importFailed([{ file: METADATA_FILE, ...LINK_REASON(METADATA_FILE) }]);
  const rows = parseCsvRows(Buffer.from(metadata));
  const [header, ...body] = rows;
  const problems: FieldProblem[] = [];
  const at = (line: number, field: string, reason: Pick<FieldProblem, 'reason' | 'code' | 'params'>) =>
    problems.push({ file: METADATA_FILE, line, field, ...reason });
  const columns = header?.cells.map((c) => c.trim()) ?? [];
  const unknownColumns = columns.filter((c) => !(METADATA_COLUMNS as readonly string[]).includes(c));
  if (!header || !columns.includes('kind'))
    at(1, 'kind', because('column_missing', 'the header must name a kind column', { column: 'kind' }));
  for (const column of unknownColumns)
    at(
      1,
      column,
      because('unknown_column', `unknown column (expected some of: ${METADATA_COLUMNS.join(', ')})`, {
        values: METADATA_COLUMNS.join(', '),
      }),
    );
  if (body.length === 0) at(2, 'file', because('no_rows', 'no documents are listed'));
  if (problems.length > 0) throw importFailed(problems);

  const [knownCountries, knownInstruments] = await Promise.all([
    deps.db
      .select({ id: participants.id })
      .from(participants)
      .then((r) => new Set(r.map((x) => x.id))),
    deps.db
      .select({ id: instruments.id })
      .from(instruments)
      .then((r) => new Set(r.map((x) => x.id))),
  ]);
  const planned: PlannedRow[] = [];
  const seenFiles = new Map<string, number>();
  for (const row of body) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const record = Object.fromEntries(columns.map((column, i) => [column, row.cells[i] ?? '']));
    const before = problems.length;
    const parsed = documentInputSchema.safeParse(rowToInput(record));
    if (!parsed.success) for (const issue of parsed.error.issues) at(row.line, toField(issue.path), issueReason(issue));
    const input = parsed.success ? parsed.data : null;
    if (input?.country && !knownCountries.has(input.country))
      at(
        row.line,
        'country',
        because('unknown_country', `${input.country} is not a known country (use the ISO 3166-1 alpha-3 code)`, {
          value: input.country,
        }),
      );
    for (const link of input?.instruments ?? [])
      if (!knownInstruments.has(link.instrument))
        at(
          row.line,
          'instruments',
          because('unknown_instrument', `${link.instrument} is not a known instrument`, { value: link.instrument }),
        );
    const versionDate = blankToNull(record.version_date);
    if (versionDate && !dateInput.safeParse(versionDate).success)
      at(row.line, 'version_date', because('invalid_date', 'must be a real date written as YYYY-MM-DD'));
    const fileName = blankToNull(record.file);
    let file: PreparedFile | null = null;
    if (fileName) {
      const language = record.language?.trim();
      const bytes = basename(fileName) === fileName ? readFolderFile(folder, fileName) : null;
      if (bytes === null)
        at(
          row.line,
          'file',
          because('file_name_with_path', 'must be the name of a file in the folder, without a path'),
        );
      else if (bytes === 'missing')
        at(row.line, 'file', because('file_not_in_folder', `${fileName} is not in the folder`, { file: fileName }));
      else if (bytes === 'link') at(row.line, 'file', LINK_REASON(fileName));
      else if (!isLanguage(language))
        at(
          row.line,
          'language',
          because('file_language_required', `the language of the file is required: one of ${LANGUAGES.join(', ')}`, {
            values: LANGUAGES.join(', '),
          }),
        );
      else if (problems.length === before) {
        try {
          file = await prepareUpload(deps, { bytes, filename: fileName, language: language as Language, versionDate });
        } catch (error) {
          if (!isAppError(error)) throw error;
          at(
            row.line,
            'file',
            because(
              'file_rejected',
              `${fileName}: ${error.message}${error.problems[0] ? ` (${error.problems[0].reason})` : ''}`,
              { file: fileName, error: error.code },
            ),
          );
        }
      }
      if (file && seenFiles.has(file.sha256))
        at(
          row.line,
          'file',
          because('same_file', `${fileName} is the same file as on line ${seenFiles.get(file.sha256)}`, {
            file: fileName,
            line: seenFiles.get(file.sha256)!,
          }),
        );
      if (file) seenFiles.set(file.sha256, row.line);
    }
    if (input && problems.length === before) planned.push({ line: row.line, input, file, fileName });
  }
  if (problems.length > 0) throw importFailed(problems);

  const titleOf = (row: PlannedRow) => Object.values(row.input.titles)[0] ?? '';
  if (dryRun) {
    const { toImport, skipped } = await sortOutStored(deps.db, planned);
    return {
      folder,
      dryRun,
      imported: toImport.map((row) => ({ line: row.line, id: null, file: row.fileName, title: titleOf(row) })),
      skipped,
    };
  }
  const report = await inTransaction(deps.db, async (tx) => {
    // Two imports of the same folder at once would each find the other's documents missing and both
    // store them. Under this lock the second waits until the first has committed; its check below then
    // runs in a later snapshot (read committed) and finds them.
    await tx.execute(sql`select pg_advisory_xact_lock(${LIBRARY_IMPORT_LOCK})`);
    const { toImport, skipped } = await sortOutStored(tx, planned);
    for (const row of toImport) if (row.file) await storeOriginal(deps, row.file);
    const done: LibraryImportReport['imported'] = [];
    for (let start = 0; start < toImport.length; start += IMPORT_BATCH) {
      const rows = toImport.slice(start, start + IMPORT_BATCH);
      const ids = await insertDocuments(
        deps,
        tx,
        actor,
        context,
        rows.map((row) => ({ input: row.input, prepared: row.file })),
      );
      rows.forEach((row, k) => done.push({ line: row.line, id: ids[k]!, file: row.fileName, title: titleOf(row) }));
      await refreshDerived(deps, tx, ids);
    }
    return { folder, dryRun, imported: done, skipped };
  });
  await deps.search.settle(deps.db);
  return report;
}

/** The lines already in the library (skipped, with the reason) and those to import. */
async function sortOutStored(
  db: Db,
  planned: PlannedRow[],
): Promise<{ toImport: PlannedRow[]; skipped: LibraryImportReport['skipped'] }> {
  const toImport: PlannedRow[] = [];
  const skipped: LibraryImportReport['skipped'] = [];
  for (const row of planned) {
    const duplicate = row.file
      ? await alreadyStored(db, row.file.sha256, row.input)
      : await sameEntryStored(db, row.input);
    if (duplicate) skipped.push({ line: row.line, file: row.fileName, reason: 'already in the library' });
    else toImport.push(row);
  }
  return { toImport, skipped };
}

/** A line without a file (a bibliography entry, say) is the same entry when kind, country and a title agree. */
async function sameEntryStored(db: Db, input: DocumentInput): Promise<boolean> {
  const titles = Object.entries(input.titles).map(([lang, title]) => sql`(t.lang = ${lang} and t.title = ${title})`);
  const result = (await db.execute(sql`
    select 1 from library_documents d join library_document_titles t on t.document_id = d.id
    where d.kind = ${input.kind} and d.country_id is not distinct from ${input.country ?? null} and d.deleted_at is null
      and (${sql.join(titles, sql` or `)})
    limit 1`)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}

const LINK_REASON = (name: string) =>
  because('symbolic_link', `${name} is a symbolic link; copy the file into the folder`, { file: name });

/**
 * The bytes of a regular file directly in the folder; 'missing' when there is none, 'link' for a
 * symbolic link. A folder received from someone else could hold a link to any file the importing
 * account may read, which would then be stored and published: links are refused, even those that
 * point inside the folder. Names carry no path, so the final component is the only one to check;
 * O_NOFOLLOW (where the system has it) keeps a link swapped in after the check from being followed.
 */
function readFolderFile(folder: string, name: string): Uint8Array | 'missing' | 'link' {
  const path = join(folder, name);
  let fd: number;
  try {
    const entry = lstatSync(path);
    if (entry.isSymbolicLink()) return 'link';
    // A folder or a named pipe is not a document (and opening a pipe would wait for a writer).
    if (!entry.isFile()) return 'missing';
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'link';
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw error;
  }
  try {
    return fstatSync(fd).isFile() ? new Uint8Array(readFileSync(fd)) : 'missing';
  } finally {
    closeSync(fd);
  }
}

function importFailed(problems: FieldProblem[]): AppError {
  return new AppError({
    status: 400,
    code: 'library.import_invalid',
    message: `The import was refused: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was stored.`,
    problems,
  });
}

async function alreadyStored(db: Db, sha256: string, input: DocumentInput): Promise<boolean> {
  const result = (await db.execute(sql`
    select 1 from library_files f join library_expressions e on e.file_id = f.id join library_documents d on d.id = e.document_id
    where f.sha256 = ${sha256} and d.kind = ${input.kind} and d.country_id is not distinct from ${input.country ?? null} and d.deleted_at is null
    limit 1`)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}
