import type { FastifyReply } from 'fastify';
import { sheetToCsv, toXlsx, type Sheet } from '../../lib/spreadsheet.ts';

/** Sends a table as a CSV or XLSX download named `<fileBase>.<format>`. */
export async function sendSheet(reply: FastifyReply, format: 'csv' | 'xlsx', fileBase: string, sheet: Sheet) {
  const safeName = fileBase.replace(/[^A-Za-z0-9._-]+/g, '-');
  reply.header('content-disposition', `attachment; filename="${safeName}.${format}"`);
  if (format === 'csv') {
    // A byte-order mark makes Excel read the UTF-8 names (Côte d'Ivoire, Arabic, Chinese) correctly.
    return reply.type('text/csv; charset=utf-8').send(Buffer.from(`\uFEFF${sheetToCsv(sheet)}`, 'utf8'));
  }
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(sheet));
}

/** Sends a workbook built elsewhere (laid out for reading or printing) as an XLSX download. */
export function sendWorkbook(reply: FastifyReply, fileBase: string, workbook: Buffer) {
  const safeName = fileBase.replace(/[^A-Za-z0-9._-]+/g, '-');
  reply.header('content-disposition', `attachment; filename="${safeName}.xlsx"`);
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(workbook);
}
