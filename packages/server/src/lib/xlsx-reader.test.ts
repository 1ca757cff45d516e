import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  columnOf,
  isDateFormat,
  openXlsx,
  readTable,
  serialToDate,
  XlsxError,
  type XlsxRow,
} from './xlsx-reader.ts';

const rowsOf = async (data: Uint8Array, sheet?: string) => {
  const out: XlsxRow[] = [];
  for await (const r of (await openXlsx(data)).rows(sheet)) out.push(r);
  return out;
};

/** A workbook as Excel itself writes one: shared strings (rich runs, phonetic runs), styles, spans. */
function excelLike(opts: { date1904?: boolean; sheetXml?: string } = {}): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheet =
    opts.sheetXml ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${ns}" xmlns:r="${rel}"><dimension ref="A1:D4"/><sheetData>
<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>
<row r="2" spans="1:4"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>45306</v></c><c r="C2"><v>12.5</v></c><c r="D2" t="b"><v>1</v></c></row>
<row r="4" spans="1:4"><c r="A4" t="inlineStr"><is><t xml:space="preserve"> inline </t></is></c><c r="B4" s="2"><v>45306.5</v></c><c r="C4" t="e"><v>#N/A</v></c><c r="D4" t="str"><f>A4&amp;"x"</f><v>a&amp;b</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells></worksheet>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}"><workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="Other" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="${rel}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="${rel}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0"?><styleSheet xmlns="${ns}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="22"/></cellXfs></styleSheet>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0"?><sst xmlns="${ns}" count="4" uniqueCount="4"><si><t>编号</t></si><si><r><rPr><b/></rPr><t>名</t></r><r><t>称</t></r><rPh sb="0" eb="1"><t>ミョウ</t></rPh></si><si><t>line_x000D_break</t></si><si><t>A &lt;1&gt;</t></si></sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/worksheets/sheet2.xml': strToU8(
      `<worksheet xmlns="${ns}"><sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c t="s"><v>0</v></c></row></sheetData></worksheet>`,
    ),
  });
}

describe('xlsx reader', () => {
  it('reads what ExcelJS writes: strings, numbers, dates, booleans, formulas, blanks by reference, merged cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Places');
    ws.mergeCells('A1:C1');
    ws.getCell('A1').value = '和平区 places';
    ws.addRow(['key', 'name', 'when', 'n', 'ok']);
    ws.addRow(['k1', 'A & <b>', new Date(Date.UTC(2024, 0, 15)), 3.25, true]);
    ws.addRow([]);
    ws.addRow(['k3', null, null, { formula: '1+2', result: 3 }, false]);
    ws.getCell('G5').value = 'far';
    ws.getCell('B6').value = { richText: [{ text: 'ri' }, { text: 'ch' }] };
    ws.getCell('A7').value = new Date(Date.UTC(2023, 11, 31, 13, 30));
    wb.addWorksheet('Second').addRow(['x', 1]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await openXlsx(data)).sheets).toEqual(['Places', 'Second']);
    const rows = await rowsOf(data);
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 5, 6, 7]);
    expect(rows[0]?.cells).toEqual(['和平区 places', null, null]);
    expect(rows[1]?.cells).toEqual(['key', 'name', 'when', 'n', 'ok']);
    expect(rows[2]?.cells).toEqual(['k1', 'A & <b>', new Date(Date.UTC(2024, 0, 15)), 3.25, true]);
    expect(rows[3]?.cells).toEqual(['k3', null, null, 3, false, null, 'far']);
    expect(rows[4]?.cells).toEqual([null, 'rich']);
    expect(rows[5]?.cells).toEqual([new Date(Date.UTC(2023, 11, 31, 13, 30))]);
    expect((await rowsOf(data, 'SECOND')).map((r) => r.cells)).toEqual([['x', 1]]);
  });

  it('reads ExcelJS streaming writer output (inline strings) row by row', async () => {
    const chunks: Buffer[] = [];
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const ws = wb.addWorksheet('big');
    for (let i = 0; i < 3000; i++) ws.addRow([`K${i}`, i, `名称${i}`]).commit();
    ws.commit();
    await wb.commit();
    const rows = await rowsOf(Buffer.concat(chunks));
    expect(rows).toHaveLength(3000);
    expect(rows[2999]).toEqual({ n: 3000, cells: ['K2999', 2999, '名称2999'] });
  });

  it('reads a workbook as Excel writes it: shared strings with runs and phonetics, date styles, errors, a sheet by name', async () => {
    const data = excelLike();
    expect((await openXlsx(data)).sheets).toEqual(['台账', 'Other']);
    const rows = await rowsOf(data);
    expect(rows).toEqual([
      { n: 1, cells: ['编号', '名称', null, 'line\rbreak'] },
      { n: 2, cells: ['A <1>', new Date(Date.UTC(2024, 0, 15)), 12.5, true] },
      { n: 4, cells: [' inline ', new Date(Date.UTC(2024, 0, 15, 12)), '#N/A', 'a&b'] },
    ]);
    // rows and cells without `r` follow the previous ones
    expect(await rowsOf(data, 'other')).toEqual([
      { n: 1, cells: [1, 2] },
      { n: 2, cells: ['编号'] },
    ]);
    const in1904 = await rowsOf(excelLike({ date1904: true }));
    expect(in1904[1]?.cells[1]).toEqual(new Date(Date.UTC(2028, 0, 16)));
  });

  it('refuses what is not a workbook, a broken one or a missing sheet with XlsxError', async () => {
    const fail = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(XlsxError);
    await fail(openXlsx(strToU8('key,name\n1,a\n')));
    await fail(openXlsx(zipSync({ 'a.txt': strToU8('hello') })));
    const good = excelLike();
    await fail(openXlsx(good.subarray(0, good.length - 30)));
    const broken = excelLike({
      sheetXml: '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row>',
    });
    await fail(rowsOf(broken));
    await fail(
      rowsOf(excelLike({ sheetXml: '<worksheet><sheetData><row r="1"><c r="A1"><v>x1</v></c></row>' })),
    );
    await fail(rowsOf(excelLike({ sheetXml: '<worksheet><sheetData><row r="1"><c r="A1"' })));
    await fail(rowsOf(good, 'nope'));
    // a deflated part cut short
    const bytes = Uint8Array.from(good);
    const at = Buffer.from(bytes).indexOf('xl/worksheets/sheet1.xml');
    bytes.fill(0xff, at + 40, at + 80);
    await fail(rowsOf(bytes));
  });

  it('date formats, serials and column references', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('[$-804]h:mm')).toBe(true);
    expect(isDateFormat('[h]:mm:ss')).toBe(true);
    expect(isDateFormat('#,##0.00"元"')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(serialToDate(1)).toEqual(new Date(Date.UTC(1900, 0, 1)));
    expect(serialToDate(61)).toEqual(new Date(Date.UTC(1900, 2, 1)));
    expect(serialToDate(45306.25)).toEqual(new Date(Date.UTC(2024, 0, 15, 6)));
    expect(serialToDate(0, true)).toEqual(new Date(Date.UTC(1904, 0, 1)));
    expect([columnOf('A1'), columnOf('Z9'), columnOf('AA10'), columnOf('XFD1'), columnOf('12')]).toEqual([
      0, 25, 26, 16383, -1,
    ]);
  });
  it('reads a sheet as an import table: rows at their numbers, blank rows empty, and stops past maxRows', async () => {
    const sheetXml = (rows: string) =>
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
    const cell = (r: number, v: string) =>
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${v}</t></is></c></row>`;
    // a formatted row without values (as Excel keeps one) is an empty row, not a row to import
    const book = excelLike({
      sheetXml: sheetXml(`${cell(1, 'h')}<row r="2"><c r="A2" s="1"/></row>${cell(3, 'a')}${cell(5, 'b')}`),
    });
    expect(await readTable(book)).toEqual([['h'], [], ['a'], [], ['b']]);
    // three rows with values and maxRows 2: the table ends with the third, the rest is not read
    const long = excelLike({ sheetXml: sheetXml([1, 2, 3, 4, 5, 6].map((r) => cell(r, `v${r}`)).join('')) });
    const capped = await readTable(long, { maxRows: 2 });
    expect(capped).toEqual([['v1'], ['v2'], ['v3']]);
    // one row at Excel's last row number: the table stops a thousand rows past maxRows, not at a million
    const far = await readTable(excelLike({ sheetXml: sheetXml(`${cell(1, 'h')}${cell(1048576, 'z')}`) }), {
      maxRows: 10,
    });
    expect(far).toHaveLength(1011);
    expect(far.at(-1)).toEqual(['z']);
    await expect(readTable(new Uint8Array([80, 75, 3, 4, 0]))).rejects.toBeInstanceOf(XlsxError);
  });
});
