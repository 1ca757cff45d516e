import { parse } from 'csv-parse/sync';
import { Problem } from '../http/problem.ts';
import { openXlsx, type XlsxCell, XlsxError } from '../lib/xlsx-reader.ts';
import type { Cell } from './domain/place-import.ts';

export const unreadable = (message: string) =>
  new Problem(422, 'Unprocessable Content', `body.file: ${message}`, [{ field: 'body.file', message }]);

function excelCell(v: XlsxCell): Cell {
  if (v == null) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export interface SheetRow {
  /** The row's number in the sheet (1 is the header). */
  n: number;
  cells: Cell[];
}

/**
 * The first sheet of an Excel workbook, streamed row by row (lib/xlsx-reader.ts: the sheet is
 * never held whole), or a UTF-8 CSV. Empty rows may be skipped.
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
  try {
    const book = await openXlsx(data);
    for await (const row of book.rows()) yield { n: row.n, cells: row.cells.map(excelCell) };
  } catch (e) {
    if (e instanceof XlsxError) throw unreadable(`not a readable Excel workbook: ${e.message}`);
    throw e;
  }
}
