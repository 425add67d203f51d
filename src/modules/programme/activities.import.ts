import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { LANGUAGES, type Language } from '../../contracts/languages.ts';
import { THEMES } from '../../contracts/library.ts';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  PROFESSIONS,
  activityInputSchema,
  type ActivityInput,
} from '../../contracts/programme.ts';
import { inTransaction, rowsOf, type Db } from '../../db/client.ts';
import { parseCsvRows } from '../../lib/csv.ts';
import { isIsoDate } from '../../lib/dates.ts';
import { AppError, because, issueReason, type FieldProblem } from '../../lib/errors.ts';
import { checkZipSize, ZipTooLargeError } from '../../lib/zip.ts';
import { organizations } from '../accounts/accounts.table.ts';
import { canEditOrganisationRecord, type Actor } from '../accounts/policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import { listAliases } from '../participants/participants.repository.ts';
import { buildAliasIndex } from '../participants/participants.service.ts';
import {
  activityColumns,
  activityProblems,
  insertActivity,
  replaceActivity,
  type ActivityRow,
} from './activities.service.ts';
import { donorNames } from './funding.service.ts';
import type { ProgrammeDeps } from './programme.shared.ts';
import { activities, activityDocuments, importMappings, projects } from './programme.table.ts';

/** Fields a spreadsheet column can fill; lists are separated by semicolons. */
export const IMPORT_FIELDS = [
  'code',
  'title',
  'type',
  'status',
  'start_date',
  'end_date',
  'online',
  'venue_city',
  'venue_country',
  'countries',
  'organization',
  'partners',
  'themes',
  'instruments',
  'project',
  'donors',
  'languages',
  'participants_total',
  'participants_women',
  'participants_men',
  ...PROFESSIONS.map((p) => `participants_${p}` as const),
  'institutions',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const REQUIRED: readonly ImportField[] = ['code', 'title', 'type', 'start_date', 'end_date', 'countries'];
export const MAX_IMPORT_ROWS = 5000;

/** Field → column header. Fields left out are looked for under their own name. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

export interface ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rows: { line: number; code: string; action: 'created' | 'updated' | 'unchanged'; id: string | null }[];
}

const importFailed = (problems: FieldProblem[]) =>
  new AppError({
    status: 400,
    code: 'programme.import_failed',
    message: `Nothing was imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix.`,
    problems,
  });

/**
 * The rows of a CSV or of the first sheet of an XLSX workbook, as text, with their line numbers. An
 * XLSX is a ZIP archive: one that unpacks to more than `maxExtractedBytes` (LEXPACT_MAX_EXTRACTED_MB)
 * is refused before ExcelJS unpacks it whole.
 */
export async function readTable(
  bytes: Uint8Array,
  filename: string,
  maxExtractedBytes: number,
): Promise<{ line: number; cells: string[] }[]> {
  if (/\.xlsx$/i.test(filename)) {
    const workbook = new ExcelJS.Workbook();
    try {
      checkZipSize(bytes, maxExtractedBytes);
    } catch (error) {
      if (!(error instanceof ZipTooLargeError))
        throw importFailed([
          { file: filename, field: 'file', ...because('not_xlsx', 'is not a readable XLSX workbook') },
        ]);
      throw new AppError({
        status: 413,
        code: 'programme.archive_too_large',
        message: `The XLSX file unpacks to more than ${Math.round(maxExtractedBytes / 1_048_576)} MB, the most the server reads from one file. Save the sheet as CSV, or split it.`,
        problems: [
          {
            file: filename,
            field: 'file',
            ...because(
              'archive_too_large',
              `Unpacked contents exceed the limit of ${maxExtractedBytes} bytes (LEXPACT_MAX_EXTRACTED_MB).`,
              { maximum: Math.round(maxExtractedBytes / 1_048_576) },
            ),
          },
        ],
      });
    }
    try {
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw importFailed([
        { file: filename, field: 'file', ...because('not_xlsx', 'is not a readable XLSX workbook') },
      ]);
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: { line: number; cells: string[] }[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push({ line, cells: values.map(cellText) });
    });
    return rows;
  }
  if (!/\.csv$/i.test(filename))
    throw new AppError({
      status: 415,
      code: 'programme.import_type',
      message: 'Import a CSV or an XLSX file.',
      problems: [{ field: 'file', ...because('csv_or_xlsx', 'must be .csv or .xlsx') }],
    });
  try {
    return parseCsvRows(Buffer.from(bytes));
  } catch (error) {
    throw importFailed([
      { file: filename, field: 'file', ...because('not_csv', `is not valid CSV: ${(error as Error).message}`) },
    ]);
  }
}

/** Spreadsheet cells as people typed them: dates as YYYY-MM-DD, formulas by their result, rich text as plain text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: string; hyperlink?: string };
    if ('result' in v) return cellText(v.result);
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (typeof v.text === 'string') return v.text;
  }
  return String(value).trim();
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
const asCode = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

interface Lookups {
  countryOf(value: string): string | undefined;
  organizationOf(name: string): string | undefined;
  projectOf(code: string): string | undefined;
  donorOf(name: string): string | undefined;
}

async function lookups(db: Db, lang: Language): Promise<Lookups> {
  const [aliases, orgs, projectRows, donors] = await Promise.all([
    listAliases(db),
    db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(isNull(organizations.deletedAt)),
    db.select({ id: projects.id, code: projects.code }).from(projects).where(isNull(projects.deletedAt)),
    donorNames(db, lang),
  ]);
  const index = buildAliasIndex(aliases);
  const ids = new Set(aliases.map((a) => a.participantId));
  const byName = <T extends { id: string }>(rows: T[], key: (row: T) => string) =>
    new Map(rows.map((r) => [key(r).trim().toLowerCase(), r.id]));
  const orgByName = byName(orgs, (o) => o.name);
  const projectByCode = byName(projectRows, (p) => p.code);
  const donorByName = new Map([...donors].map(([id, name]) => [name.toLowerCase(), id]));
  return {
    countryOf: (value) => (ids.has(value.toUpperCase()) ? value.toUpperCase() : index.resolve(value)),
    organizationOf: (name) => orgByName.get(name.trim().toLowerCase()),
    projectOf: (code) => projectByCode.get(code.trim().toLowerCase()),
    donorOf: (name) => donorByName.get(name.trim().toLowerCase()),
  };
}

/** One row as an activity, or the problems that keep it out, each naming the spreadsheet's column. */
function rowToInput(
  record: Record<string, string>,
  at: (field: ImportField, reason: Pick<FieldProblem, 'reason' | 'code' | 'params'>) => void,
  find: Lookups,
  defaultOrganization: string | null,
): unknown {
  const int = (field: ImportField) => {
    const raw = record[field]?.trim();
    if (!raw) return undefined;
    if (!/^-?\d+$/.test(raw)) {
      at(field, because('not_whole_number', `"${raw}" is not a whole number`, { value: raw }));
      return undefined;
    }
    return Number(raw);
  };
  const countries = list(record.countries).flatMap((name) => {
    const id = find.countryOf(name);
    if (!id)
      at(
        'countries',
        because('unknown_country', `"${name}" is not a known country (use the ISO 3166-1 alpha-3 code or the name)`, {
          value: name,
        }),
      );
    return id ? [id] : [];
  });
  const venueCountry = record.venue_country?.trim() ? find.countryOf(record.venue_country) : null;
  if (venueCountry === undefined)
    at(
      'venue_country',
      because('unknown_country', `"${record.venue_country}" is not a known country`, {
        value: record.venue_country ?? '',
      }),
    );
  const organizationName = record.organization?.trim();
  const organizationId = organizationName ? find.organizationOf(organizationName) : defaultOrganization;
  if (!organizationId)
    at(
      'organization',
      organizationName
        ? because('unknown_organization', `"${organizationName}" is not a known organization`, {
            value: organizationName,
          })
        : because('organizer_required', 'name the organizer'),
    );
  const projectCode = record.project?.trim();
  const projectId = projectCode ? find.projectOf(projectCode) : null;
  if (projectId === undefined)
    at(
      'project',
      because('unknown_project', `"${projectCode}" is not a known project code`, { value: projectCode ?? '' }),
    );
  const donorIds = list(record.donors).flatMap((name) => {
    const id = find.donorOf(name);
    if (!id) at('donors', because('unknown_donor', `"${name}" is not a known donor`, { value: name }));
    return id ? [id] : [];
  });
  const online = record.online?.trim().toLowerCase();
  if (online && !['yes', 'no', 'true', 'false', '1', '0'].includes(online))
    at('online', because('yes_or_no', 'must be yes or no'));
  const total = int('participants_total');
  const professions = Object.fromEntries(
    PROFESSIONS.flatMap((p) => {
      const n = int(`participants_${p}`);
      return n === undefined ? [] : [[p, n]];
    }),
  );
  const women = int('participants_women');
  const men = int('participants_men');
  const anyCount =
    total !== undefined || women !== undefined || men !== undefined || Object.keys(professions).length > 0;
  if (anyCount && total === undefined)
    at('participants_total', because('total_required', 'give the total when giving participant numbers'));
  return {
    code: record.code?.trim() || null,
    title: record.title ?? '',
    type: asCode(record.type ?? ''),
    status: record.status?.trim() ? asCode(record.status) : 'planned',
    startDate: record.start_date?.trim() ?? '',
    endDate: record.end_date?.trim() ?? '',
    online: online === 'yes' || online === 'true' || online === '1',
    venueCity: record.venue_city?.trim() || null,
    venueCountry: venueCountry ?? null,
    countries,
    organizationId: organizationId ?? '00000000-0000-0000-0000-000000000000',
    partners: list(record.partners),
    themes: list(record.themes).map(asCode),
    instruments: list(record.instruments),
    projectId: projectId ?? null,
    donorIds,
    languages: list(record.languages).map((l) => l.toLowerCase()),
    participants: total === undefined ? null : { total, women: women ?? 0, men: men ?? 0, professions },
    institutions: list(record.institutions),
    notes: record.notes?.trim() || null,
  };
}

/** Zod paths (`participants.women`) back to the spreadsheet's fields (`participants_women`). */
function columnOf(path: PropertyKey[]): ImportField | string {
  const [head, second, third] = path.map(String);
  const names: Record<string, ImportField> = {
    startDate: 'start_date',
    endDate: 'end_date',
    venueCity: 'venue_city',
    venueCountry: 'venue_country',
    organizationId: 'organization',
    projectId: 'project',
    donorIds: 'donors',
  };
  if (head === 'participants')
    return second === 'professions' && third ? `participants_${third}` : `participants_${second ?? 'total'}`;
  return names[head ?? ''] ?? head ?? 'row';
}

const HINTS: Partial<Record<ImportField, { values: readonly string[]; each: boolean }>> = {
  type: { values: ACTIVITY_TYPES, each: false },
  status: { values: ACTIVITY_STATUSES, each: false },
  themes: { values: THEMES, each: true },
  languages: { values: LANGUAGES, each: true },
};

/**
 * Imports activities from a spreadsheet, all or nothing. A row whose key (the organiser's own reference,
 * the `code` field) matches an activity of the same organiser updates it; other rows create activities.
 * Every problem is reported with its line and column before anything is written.
 */
export async function importActivities(
  deps: ProgrammeDeps,
  actor: Actor,
  context: AuditContext,
  {
    bytes,
    filename,
    maxExtractedBytes,
    mapping = {},
    dryRun = false,
    lang = 'en',
    organizationId = null,
  }: {
    bytes: Uint8Array;
    filename: string;
    mapping?: ColumnMapping;
    dryRun?: boolean;
    lang?: Language;
    /** Most an XLSX may unpack to (LEXPACT_MAX_EXTRACTED_MB). */
    maxExtractedBytes: number;
    /** Organiser of rows that name none (default: the importer's own organisation). */
    organizationId?: string | null;
  },
): Promise<ImportReport> {
  const rows = await readTable(bytes, filename, maxExtractedBytes);
  const [header, ...body] = rows;
  const problems: FieldProblem[] = [];
  const headers = header?.cells.map((c) => c.trim()) ?? [];
  const columnIndex = new Map<ImportField, number>();
  for (const field of IMPORT_FIELDS) {
    const wanted = (mapping[field] ?? field).trim().toLowerCase();
    const index = headers.findIndex((h) => h.toLowerCase() === wanted);
    if (index !== -1) columnIndex.set(field, index);
    else if (mapping[field])
      problems.push({
        file: filename,
        line: 1,
        field,
        ...because('column_not_in_file', `the column "${mapping[field]}" is not in the file`, {
          column: mapping[field],
        }),
      });
  }
  for (const field of REQUIRED)
    if (!columnIndex.has(field) && !mapping[field])
      problems.push({
        file: filename,
        line: 1,
        field,
        ...because('column_missing', `no column for ${field}: name one in the mapping or add a "${field}" column`, {
          column: field,
        }),
      });
  const filled = body.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (filled.length === 0)
    problems.push({ file: filename, line: 2, field: 'file', ...because('no_rows', 'no activities are listed') });
  if (filled.length > MAX_IMPORT_ROWS)
    problems.push({
      file: filename,
      line: MAX_IMPORT_ROWS + 2,
      field: 'file',
      ...because('too_many_rows', `at most ${MAX_IMPORT_ROWS} rows per import`, { maximum: MAX_IMPORT_ROWS }),
    });
  if (problems.length) throw importFailed(problems);

  const find = await lookups(deps.db, lang);
  const defaultOrganization = organizationId ?? (actor.kind === 'user' ? actor.organizationId : null);
  const planned: { line: number; input: ActivityInput }[] = [];
  const seen = new Map<string, number>();
  for (const row of filled) {
    const before = problems.length;
    const at = (field: string, reason: Pick<FieldProblem, 'reason' | 'code' | 'params'>) =>
      problems.push({ file: filename, line: row.line, field, ...reason });
    const record = Object.fromEntries([...columnIndex].map(([field, i]) => [field, row.cells[i] ?? '']));
    const parsed = activityInputSchema.safeParse(rowToInput(record, at, find, defaultOrganization));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = columnOf(issue.path);
        if (problems.slice(before).some((p) => p.field === field)) continue;
        const hint = HINTS[field as ImportField];
        at(
          field,
          hint && issue.code === 'invalid_value'
            ? because('one_of', `${issue.message}: ${hint.each ? 'each ' : ''}one of ${hint.values.join(', ')}`, {
                values: hint.values.join(', '),
                each: String(hint.each),
              })
            : issueReason(issue),
        );
      }
      // The row's other checks need a valid row; the dates are worth reporting in the same pass.
      const [start, end] = [record.start_date?.trim() ?? '', record.end_date?.trim() ?? ''];
      if (
        isIsoDate(start) &&
        isIsoDate(end) &&
        end < start &&
        !problems.slice(before).some((p) => p.field === 'end_date')
      )
        at('end_date', because('before_start_date', 'must be on or after the start date'));
      continue;
    }
    const input = parsed.data;
    const key = `${input.organizationId}/${input.code}`;
    if (seen.has(key))
      at(
        'code',
        because('duplicate_code', `${input.code} is also on line ${seen.get(key)}`, {
          value: input.code ?? '',
          line: seen.get(key)!,
        }),
      );
    seen.set(key, row.line);
    if (!canEditOrganisationRecord(actor, input.organizationId))
      at('organization', because('own_organization_only', "you may only import your own organization's activities"));
    for (const problem of await activityProblems(deps.db, input)) {
      const { field, ...reason } = problem;
      at(columnOf((field ?? 'row').split('.')), reason);
    }
    if (problems.length > before) continue;
    planned.push({ line: row.line, input });
  }
  if (problems.length) throw importFailed(problems);

  const report: ImportReport = { dryRun, created: 0, updated: 0, unchanged: 0, rows: [] };
  let current: { line: number; code: string } | null = null;
  const write = async (tx: Db) => {
    const at = deps.clock.now().toISOString();
    for (const { line, input } of planned) {
      current = { line, code: input.code! };
      const existing = await storedActivity(tx, input);
      if (!existing) {
        const id = dryRun ? null : await insertActivity(tx, actor, context, input, at);
        report.created++;
        report.rows.push({ line, code: input.code!, action: 'created', id });
      } else if (await sameAsStored(tx, existing, input)) {
        report.unchanged++;
        report.rows.push({ line, code: input.code!, action: 'unchanged', id: existing.id });
      } else {
        if (!dryRun) await replaceActivity(tx, context, existing, input, at);
        report.updated++;
        report.rows.push({ line, code: input.code!, action: 'updated', id: existing.id });
      }
    }
  };
  if (dryRun) {
    await write(deps.db);
    return report;
  }
  try {
    await inTransaction(deps.db, async (tx) => {
      await lockOrganisations(
        tx,
        planned.map((row) => row.input.organizationId),
      );
      await write(tx);
    });
  } catch (error) {
    throw (current && codeConflict(error, filename, current)) || error;
  }
  return report;
}

/** Advisory lock namespace of activity imports ("LXAI"); the second key stands for the organiser. */
const ACTIVITY_IMPORT_LOCK = 0x4c584149;
const organisationKey = (organizationId: string) => createHash('sha256').update(organizationId).digest().readInt32BE(0);

/**
 * Two imports for the same organiser at once would both find a code missing and both create it; the
 * second then failed on the unique code. Imports of an organiser's activities take turns instead: the
 * second waits for the first to commit, then finds its rows (read committed: each statement sees what
 * was committed before it) and updates them or leaves them unchanged, so neither import is refused.
 * Keys are taken in one order, so two imports naming the same organisers cannot wait for each other.
 */
async function lockOrganisations(tx: Db, organizationIds: string[]): Promise<void> {
  for (const key of [...new Set(organizationIds.map(organisationKey))].sort((a, b) => a - b)) {
    await tx.execute(sql`select pg_advisory_xact_lock(${ACTIVITY_IMPORT_LOCK}::int, ${key}::int)`);
  }
}

/**
 * Saving a single activity does not wait for imports, so one with the same code can still be committed
 * between an import's look-up and its insert: the unique code index then refuses the row. The import,
 * rolled back whole, becomes a 409 naming the code and line; run again, it updates that activity.
 */
function codeConflict(error: unknown, filename: string, row: { line: number; code: string }): AppError | null {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const { code, constraint } = cause as { code?: unknown; constraint?: unknown };
    if (code === '23505' && constraint === 'activities_code_idx') {
      return new AppError({
        status: 409,
        code: 'programme.import_conflict',
        message: `Nothing was imported: an activity with code ${row.code} was saved by someone else while this import ran. Import the file again.`,
        problems: [
          {
            file: filename,
            line: row.line,
            field: 'code',
            ...because('changed_meanwhile', `${row.code} was saved by someone else while this import ran`, {
              value: row.code,
            }),
          },
        ],
      });
    }
  }
  return null;
}

/** The organiser's activity with the row's code; an update keeps its attached documents, as the spreadsheet has no column for them. */
async function storedActivity(db: Db, input: ActivityInput): Promise<ActivityRow | null> {
  const [existing] = await db
    .select()
    .from(activities)
    .where(
      and(
        eq(activities.organizationId, input.organizationId),
        eq(activities.code, input.code!),
        isNull(activities.deletedAt),
      ),
    );
  if (!existing) return null;
  input.documents = (
    await db.select().from(activityDocuments).where(eq(activityDocuments.activityId, existing.id))
  ).map((d) => ({ documentId: d.documentId, role: d.role as 'agenda' | 'report' | 'materials' }));
  return existing;
}

/** A re-imported row that changes nothing is left alone, so the audit trail shows only real changes. */
async function sameAsStored(db: Db, row: ActivityRow, input: ActivityInput): Promise<boolean> {
  const wanted = activityColumns(input);
  const stored = rowsOf<{ participant_id: string }>(
    await db.execute(sql`select participant_id from activity_countries where activity_id = ${row.id}`),
  )
    .map((r) => r.participant_id)
    .sort();
  if (JSON.stringify(stored) !== JSON.stringify([...input.countries].sort())) return false;
  return Object.entries(wanted).every(
    ([key, value]) =>
      JSON.stringify(normalise((row as Record<string, unknown>)[key])) === JSON.stringify(normalise(value)),
  );
}

const normalise = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
    : (value ?? null);

/* Saved column mappings */

export async function listMappings(db: Db, actor: Actor) {
  const organizationId = actor.kind === 'user' ? actor.organizationId : null;
  const rows = await db
    .select()
    .from(importMappings)
    .where(organizationId ? eq(importMappings.organizationId, organizationId) : isNull(importMappings.organizationId))
    .orderBy(importMappings.name);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    mapping: r.mapping as ColumnMapping,
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}

/** Saves a mapping under a name for the user's organisation, replacing one of the same name. */
export async function saveMapping(
  deps: ProgrammeDeps,
  actor: Actor,
  context: AuditContext,
  name: string,
  mapping: ColumnMapping,
) {
  const organizationId = actor.kind === 'user' ? actor.organizationId : null;
  return inTransaction(deps.db, async (tx) => {
    const at = deps.clock.now().toISOString();
    const [existing] = await tx
      .select()
      .from(importMappings)
      .where(
        and(
          eq(importMappings.name, name),
          organizationId ? eq(importMappings.organizationId, organizationId) : isNull(importMappings.organizationId),
        ),
      );
    const [row] = existing
      ? await tx
          .update(importMappings)
          .set({ mapping, updatedAt: at })
          .where(eq(importMappings.id, existing.id))
          .returning()
      : await tx
          .insert(importMappings)
          .values({
            name,
            organizationId,
            mapping,
            keyField: 'code',
            createdBy: actor.kind === 'user' ? actor.userId : null,
          })
          .returning();
    await recordAudit(
      tx,
      context,
      {
        action: existing ? 'programme.mapping.update' : 'programme.mapping.create',
        entityType: 'import_mapping',
        entityId: row!.id,
        before: existing,
        after: { name, mapping },
      },
      at,
    );
    return {
      id: row!.id,
      name: row!.name,
      mapping: row!.mapping as ColumnMapping,
      updatedAt: new Date(row!.updatedAt).toISOString(),
    };
  });
}

export async function findMapping(db: Db, actor: Actor, id: string): Promise<ColumnMapping> {
  const mine = await listMappings(db, actor);
  const found = mine.find((m) => m.id === id);
  if (!found)
    throw new AppError({
      status: 400,
      code: 'validation_failed',
      message: 'There is no such saved mapping.',
      problems: [{ field: 'mappingId', ...because('not_your_mapping', 'is not a mapping of your organization') }],
    });
  return found.mapping;
}
