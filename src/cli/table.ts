import { stripVTControlCharacters } from 'node:util';
import { sheetToCsv, type Sheet } from '../lib/spreadsheet.ts';

/** Plain aligned columns for a terminal; widths count characters, which is enough for the Latin names here. */
export function formatTable(header: string[], rows: (string | number | null | undefined)[][]): string {
  const text = [
    header,
    ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell)))),
  ];
  // Styles (bold search hits) take no room on screen.
  const width = (cell: string) => stripVTControlCharacters(cell).length;
  const widths = header.map((_, column) => Math.max(...text.map((row) => width(row[column] ?? ''))));
  const pad = (cell: string, column: number) => cell + ' '.repeat(widths[column]! - width(cell));
  const line = (row: string[]) => row.map(pad).join('  ').trimEnd();
  return [line(text[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n');
}

/** Warnings about partial, missing or old data, printed under a table so that nobody copies a figure without them. */
export function printNotes(notes: string[]): void {
  if (notes.length) console.log(`\n${notes.map((note) => `note: ${note}`).join('\n')}`);
}

/** The CSV goes to standard output; its warnings go to standard error, where the person running the command sees them. */
export function writeCsv(sheet: Sheet): void {
  process.stdout.write(sheetToCsv(sheet));
  for (const note of sheet.notes ?? []) console.error(`note: ${note}`);
}
