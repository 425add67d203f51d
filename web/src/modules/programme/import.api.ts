import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PRIVATE_KEY, sendForm, usePrivateApi } from '../../lib/api.ts';

/*
 * Bulk import of activities from a CSV or XLSX file (POST /programme/activities/import), all or nothing,
 * with the column mappings an organisation saved (GET /programme/import/mappings).
 */

/** Field → column header of the spreadsheet. Fields left out are looked for under their own name. */
export type ColumnMapping = Record<string, string>;

export interface SavedMapping {
  id: string;
  name: string;
  mapping: ColumnMapping;
  updatedAt: string;
}

/** The organisation's saved mappings, and the fields a column can fill (in the server's order). */
export interface MappingList {
  items: SavedMapping[];
  fields: string[];
}

export type ImportAction = 'created' | 'updated' | 'unchanged';

export interface ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rows: { line: number; code: string; action: ImportAction; id: string | null }[];
}

/** The error code of an import refused because of its rows: every problem comes with its line and column. */
export const IMPORT_FAILED = 'programme.import_failed';

/** Fields every file must have a column for (the server refuses the file otherwise). */
export const REQUIRED_FIELDS: readonly string[] = ['code', 'title', 'type', 'start_date', 'end_date', 'countries'];

/** The extensions the server reads; also the file input's `accept`. */
export const ACCEPTED_IMPORT_FILES =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const isCsv = (file: File) => /\.csv$/i.test(file.name);
export const isXlsx = (file: File) => /\.xlsx$/i.test(file.name);

/** Bytes read to find a CSV's header row: plenty for any header, without reading a large file whole. */
const HEADER_BYTES = 64 * 1024;

/**
 * The cells of a CSV's first record (its header row), as the server reads them: commas between cells,
 * double quotes around a cell that holds commas, line breaks or quotes (a quote inside written twice).
 */
export function csvHeaderCells(text: string): string[] {
  const source = text.replace(/^\uFEFF/, '');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') break;
    else cell += char;
  }
  cells.push(cell);
  return cells.map((c) => c.trim()).filter((c, index, all) => c !== '' && all.indexOf(c) === index);
}

/** The column headers of a CSV file, read in the browser; null for an XLSX file (its columns are typed in). */
export async function readHeaders(file: File): Promise<string[] | null> {
  if (!isCsv(file)) return null;
  return csvHeaderCells(await file.slice(0, HEADER_BYTES).text());
}

/** A mapping as the inputs hold it, without the fields left empty (those are looked for under their own name). */
export function compactMapping(mapping: ColumnMapping): ColumnMapping {
  return Object.fromEntries(
    Object.entries(mapping)
      .map(([field, column]) => [field, column.trim()])
      .filter(([, column]) => column !== ''),
  );
}

const PROGRAMME = [PRIVATE_KEY, 'programme'] as const;

/** The saved mappings need the right to record activities; nothing is asked without it. */
export const useImportMappings = (enabled: boolean) =>
  usePrivateApi<MappingList>(enabled ? '/programme/import/mappings' : null);

export interface ImportRequest {
  file: File;
  mapping: ColumnMapping;
  dryRun: boolean;
  /** Saves the mapping under this name for the organisation (on an import, not on a dry run). */
  saveMappingAs?: string;
}

function importForm({ file, mapping, dryRun, saveMappingAs }: ImportRequest): FormData {
  const form = new FormData();
  const given = compactMapping(mapping);
  if (Object.keys(given).length > 0) form.append('mapping', JSON.stringify(given));
  if (dryRun) form.append('dryRun', 'true');
  const name = saveMappingAs?.trim();
  if (name && !dryRun) form.append('saveMappingAs', name);
  form.append('file', file, file.name);
  return form;
}

/**
 * Checks (dry run) or imports a file. An import changes lists, the matrix, the calendar and indicators, and
 * may save a mapping: every programme answer is then asked again. A dry run changes nothing.
 */
export function useImportActivities() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      sendForm<ImportReport>('POST', '/programme/activities/import', importForm(request)),
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: PROGRAMME });
    },
  });
}
