import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export interface CsvRecord {
  /** 1-based line on which the record starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** Reads a UTF-8 CSV with a header row; a byte-order mark is ignored. */
export function parseCsv(text: string | Buffer): CsvRecord[] {
  const records = parse(text, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    info: true,
    relax_column_count: true,
  }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  return records.map(({ record, info }) => ({ line: info.lines, values: record }));
}

/** Reads a CSV without treating the first row as a header: raw rows with their line numbers. */
export function parseCsvRows(text: string | Buffer): { line: number; cells: string[] }[] {
  const records = parse(text, {
    bom: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
    relax_column_count: true,
  }) as unknown as {
    record: string[];
    info: { lines: number };
    raw: string;
  }[];
  // csv-parse counts lines up to the end of a record; a quoted value may span several, and people look for where it starts.
  const spanned = (raw: string) => (raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
  return records.map(({ record, info, raw }) => ({ line: info.lines - spanned(raw), cells: record }));
}

export const readCsvFile = (path: string): CsvRecord[] => parseCsv(readFileSync(path));

export type CsvCell = string | number | null | undefined;

/** First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The text written for one cell. A string that starts like a formula gets a leading `'`, so that a
 * spreadsheet shows it as text instead of running it: titles, names and notes are typed by users, and
 * `=HYPERLINK(…)` in a title must not become a live link in an officer's spreadsheet. A JS number is
 * our own figure, not user text, and is written as is: -12.5 stays a number. So a figure must reach
 * this function as a number; a negative amount passed as a string would be written `'-12.5`.
 */
export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Writes rows as RFC 4180 CSV with a header row; every CSV the product writes goes through here (see csvCell). */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return stringify([header.map(csvCell), ...rows.map((row) => row.map(csvCell))]);
}
