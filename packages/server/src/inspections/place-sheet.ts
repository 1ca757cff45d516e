import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Problem } from '../http/problem.ts';
import type { Cell } from './domain/place-import.ts';

export const unreadable = (message: string) =>
  new Problem(422, 'Unprocessable Content', `body.file: ${message}`, [{ field: 'body.file', message }]);

function excelCell(v: ExcelJS.CellValue): Cell {
  if (v == null) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && 'result' in v) return excelCell(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}

export interface SheetRow {
  /** The row's number in the sheet (1 is the header). */
  n: number;
  cells: Cell[];
}

/**
 * The first sheet of an Excel workbook, streamed row by row (ExcelJS's WorkbookReader: no
 * workbook model in memory, styles ignored), or a UTF-8 CSV. Empty rows may be skipped.
 */
export async function* sheetRows(data: Buffer): AsyncGenerator<SheetRow> {
  if (data.subarray(0, 2).toString('latin1') !== 'PK') {
    let rows: Cell[][];
    try {
      rows = parse(data, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
    } catch (e) {
      throw unreadable(e instanceof Error ? e.message : 'not readable CSV');
    }
    for (const [i, cells] of rows.entries()) yield { n: i + 1, cells };
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let sheet = 0;
  try {
    for await (const worksheet of reader) {
      if (sheet++ > 0) continue; // the first sheet only; the rest are drained
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>)
        yield { n: row.number, cells: (row.values as ExcelJS.CellValue[]).slice(1).map(excelCell) };
    }
  } catch (e) {
    if (e instanceof Problem) throw e;
    throw unreadable('not a readable Excel workbook');
  }
}
