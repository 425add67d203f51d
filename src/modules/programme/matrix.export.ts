import ExcelJS from 'exceljs';
import type { Language } from '../../contracts/languages.ts';
import { RTL_LANGUAGES } from '../../contracts/languages.ts';
import type { Matrix } from '../../contracts/programme.ts';
import { translate } from '../../lib/locales.ts';

const monthLabel = (month: string, lang: Language) =>
  new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

/**
 * The matrix as a workbook laid out like the screen: region and subregion header rows, one row per
 * country, one column per month, each cell listing its activities with their status; set to print on
 * A4 landscape, one page wide, with the header row repeated.
 */
export async function matrixWorkbook(matrix: Matrix, lang: Language): Promise<Buffer> {
  const t = (key: string, values: Record<string, string | number> = {}) => translate(lang, 'programme', key, values);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lexpact';
  const sheet = workbook.addWorksheet(t('export.matrixSheet').slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 2, rightToLeft: RTL_LANGUAGES.has(lang) }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:2',
    },
  });
  const width = matrix.months.length + 1;
  const title = sheet.addRow([
    t('export.matrixTitle', { from: monthLabel(matrix.months[0]!, lang), to: monthLabel(matrix.months.at(-1)!, lang) }),
  ]);
  title.font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, width);
  const header = sheet.addRow([t('export.country'), ...matrix.months.map((m) => monthLabel(m, lang))]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F0' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  const groupRow = (text: string, level: 'region' | 'subregion') => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.font = level === 'region' ? { bold: true, size: 12 } : { bold: true, italic: true };
    row.getCell(1).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: level === 'region' ? 'FFBFD1E5' : 'FFEAF0F6' },
    };
  };
  for (const region of matrix.regions) {
    groupRow(region.regionName || t('matrix.otherRegion'), 'region');
    for (const subregion of region.subregions) {
      if (subregion.subregionName && subregion.subregionName !== region.regionName)
        groupRow(subregion.subregionName, 'subregion');
      for (const country of subregion.countries) {
        const row = sheet.addRow([
          country.name,
          ...country.cells.map(
            (entries) =>
              entries.map((e) => `${e.title} (${t(`statuses.${e.status}`)}; ${e.organizationName})`).join('\n') || null,
          ),
        ]);
        row.alignment = { vertical: 'top', wrapText: true };
        country.cells.forEach((entries, index) => {
          // Delivered activities stand out in the print as on the screen; the status is also written in words.
          if (entries.some((e) => e.status === 'delivered')) row.getCell(index + 2).font = { bold: true };
        });
      }
    }
  }
  sheet.getColumn(1).width = 28;
  for (let i = 2; i <= width; i++) sheet.getColumn(i).width = 22;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
