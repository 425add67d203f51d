import { toCsv } from './csv.ts';

export type Cell = string | number | null | undefined;

export interface Sheet {
  name: string;
  /** Machine column names: the CSV's header, stable for scripts. */
  header: string[];
  /** Column titles for people, in the request's language: the XLSX header where given. */
  labels?: string[];
  rows: Cell[][];
  /** Sentences a reader must see beside the figures (partial or stale data): a second sheet in XLSX. */
  notes?: string[];
}

/** One sheet as an XLSX workbook with a bold, frozen header row and filters, as UN staff expect. */
export async function toXlsx(sheet: Sheet): Promise<Buffer> {
  // exceljs takes a noticeable time to load; CSV answers and most commands never need it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lexpact';
  const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const titles = sheet.labels ?? sheet.header;
  worksheet.addRow(titles).font = { bold: true };
  for (const row of sheet.rows) worksheet.addRow(row.map((cell) => cell ?? null));
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.header.length } };
  titles.forEach((title, index) => {
    const widest = Math.max(title.length, ...sheet.rows.map((row) => String(row[index] ?? '').length));
    worksheet.getColumn(index + 1).width = Math.min(60, Math.max(8, widest + 2));
  });
  if (sheet.notes?.length) {
    const notes = workbook.addWorksheet('notes');
    notes.getColumn(1).width = 120;
    for (const note of sheet.notes) notes.addRow([note]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const sheetToCsv = (sheet: Sheet): string => toCsv(sheet.header, sheet.rows);
