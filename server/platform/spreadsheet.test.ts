import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addSheetRow, csvField, csvFile, csvRow, neutraliseFormula } from './spreadsheet.js';

describe('formula neutralisation', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])('prefixes a text beginning with %j with an apostrophe', (lead) => {
    expect(neutraliseFormula(`${lead}SUM(A1:A9)`)).toBe(`'${lead}SUM(A1:A9)`);
    expect(csvField(`${lead}1+1`).startsWith(lead === '\r' ? `"'` : `'`)).toBe(true);
  });

  it('leaves plain text untouched, even with a formula character inside', () => {
    for (const s of ['Kabul', 'Dakar = capital', 'a-b', 'مكتب', '', "'quoted"]) expect(neutraliseFormula(s)).toBe(s);
    expect(csvField('Kabul')).toBe('Kabul');
  });

  it('leaves numbers written as numbers untouched, negative ones included', () => {
    expect(csvField(-12)).toBe('-12');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
  });

  it('quotes as RFC 4180 does and starts a file with the UTF-8 byte order mark', () => {
    expect(csvRow(['a,b', 'say "hi"', 'x\ny', 3])).toBe('"a,b","say ""hi""","x\ny",3\r\n');
    expect(csvFile([['=1', 2]])).toBe("\uFEFF'=1,2\r\n");
  });

  it('writes Excel cells the same way: text neutralised, numbers as numbers', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('t');
    const row = addSheetRow(sheet, ['=HYPERLINK("x")', '-3', -3, 'plain', null]);
    expect(row.getCell(1).value).toBe(`'=HYPERLINK("x")`);
    expect(row.getCell(2).value).toBe(`'-3`);
    expect(row.getCell(3).value).toBe(-3);
    expect(row.getCell(4).value).toBe('plain');
    expect(row.getCell(5).value).toBeNull();
  });
});
