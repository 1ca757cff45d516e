import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { openXlsx, type XlsxCell, XlsxError } from './xlsx-reader.ts';

/** One data row of a sheet: its row number in the file (the header is row 1) and its cells by column name. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export interface Sheet {
  name: string;
  columns: string[];
  rows: SheetRow[];
}

/** Why a file cannot be read at all (not which row is wrong). */
export class UnreadableFile extends Error {}

export const isZip = (data: Buffer) => data.length > 4 && data.readUInt32LE(0) === 0x04034b50;

/** A cell as the importers read it: text, a date as its day, a boolean as true/false. */
function xlsxText(value: XlsxCell): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

function toSheet(name: string, table: string[][], firstRow = 1): Sheet {
  const [header = [], ...body] = table;
  const columns = header.map((c) => c.trim().replace(/^\uFEFF/, ''));
  const rows: SheetRow[] = [];
  body.forEach((values, i) => {
    if (values.every((v) => v === '')) return;
    const cells: Record<string, string> = {};
    columns.forEach((c, j) => {
      if (c) cells[c] = (values[j] ?? '').trim();
    });
    rows.push({ row: firstRow + 1 + i, cells });
  });
  return { name, columns: columns.filter(Boolean), rows };
}

/**
 * Every sheet of an Excel workbook (.xlsx, read with lib/xlsx-reader.ts), or a CSV file (UTF-8,
 * BOM allowed) as one sheet named "csv": the first row names the columns. Throws UnreadableFile
 * for anything else.
 */
export async function readSheets(data: Buffer): Promise<Sheet[]> {
  if (isZip(data)) {
    try {
      const book = await openXlsx(data);
      const sheets: Sheet[] = [];
      for (let i = 0; i < book.sheets.length; i++) {
        const table: string[][] = [];
        for await (const row of book.rows(i)) table[row.n - 1] = row.cells.map(xlsxText);
        sheets.push(
          toSheet(
            book.sheets[i] ?? '',
            Array.from(table, (r) => r ?? []),
          ),
        );
      }
      return sheets;
    } catch (error) {
      if (error instanceof XlsxError) throw new UnreadableFile('not a readable Excel workbook (.xlsx)');
      throw error;
    }
  }
  const text = data.toString('utf8');
  if (text.includes('\u0000')) throw new UnreadableFile('not a CSV text file or an Excel workbook');
  try {
    const table = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
    return [toSheet('csv', table)];
  } catch (error) {
    throw new UnreadableFile(`not a readable CSV file: ${(error as Error).message}`);
  }
}

/** A sheet by name (case-insensitive), or the only/first sheet when `fallbackToFirst`. */
export function sheetNamed(sheets: Sheet[], names: string[], fallbackToFirst = true): Sheet | undefined {
  const wanted = names.map((n) => n.toLowerCase());
  return (
    sheets.find((s) => wanted.includes(s.name.toLowerCase())) ?? (fallbackToFirst ? sheets[0] : undefined)
  );
}

/** Back to CSV text (for importers that read CSV), quoting every cell. */
export function sheetToCsv(sheet: Sheet): string {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = [sheet.columns.map(quote).join(',')];
  let next = 2;
  for (const r of sheet.rows) {
    // Keep row numbers: an empty line (which CSV readers skip) stands in for each empty row.
    while (next < r.row) {
      lines.push('');
      next++;
    }
    lines.push(sheet.columns.map((c) => quote(r.cells[c] ?? '')).join(','));
    next++;
  }
  return `${lines.join('\n')}\n`;
}

/** A workbook of sheets (header row bold, frozen), as .xlsx bytes. */
export async function writeWorkbook(
  sheets: { name: string; columns: string[]; rows: (string | number | boolean | null)[][] }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CivicGrid';
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(s.columns).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map((v) => v ?? ''));
    sheet.columns.forEach((c) => {
      c.width = 18;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
