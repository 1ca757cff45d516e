import { partXml, readDateStyles, readSharedStrings, relsOf, serialToDate } from './xlsx-parts.ts';
import { attr, decodeXml, XlsxError, xmlScanner, Zip } from './xlsx-zip.ts';

export { isDateFormat, serialToDate } from './xlsx-parts.ts';

export { XlsxError } from './xlsx-zip.ts';

/**
 * A streaming .xlsx reader: the sheet's XML is inflated and scanned in slices and its rows are
 * yielded as they end, so memory holds the file, its shared strings and one slice — never the
 * sheet. Cells: shared and inline strings, numbers, booleans, errors (their text), dates (a number
 * whose cell style is a date format, in the 1900 or 1904 date system, as a UTC Date), formulas'
 * cached values; an absent cell is null at its `r` column.
 */

export type XlsxCell = string | number | boolean | Date | null;

export interface XlsxRow {
  /** The row's number in the sheet (1-based, from its `r`). */
  n: number;
  cells: XlsxCell[];
}

export interface XlsxWorkbook {
  /** The sheets' names in workbook order. */
  sheets: string[];
  /** A sheet's rows (the first sheet by default; a name is matched case-insensitively). */
  rows(sheet?: string | number): AsyncGenerator<XlsxRow>;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Open a workbook: its sheets, shared strings and date styles (the sheets are read when asked). */
export async function openXlsx(data: Uint8Array): Promise<XlsxWorkbook> {
  try {
    return await open(data);
  } catch (e) {
    throw e instanceof XlsxError
      ? e
      : new XlsxError(`not a readable Excel workbook (${(e as Error).message})`);
  }
}

async function open(data: Uint8Array): Promise<XlsxWorkbook> {
  const zip = new Zip(data);
  const root = [...relsOf(zip, '.rels').values()].find((r) => r.type.endsWith('/officeDocument'));
  const book = root?.target ?? 'xl/workbook.xml';
  if (!zip.has(book)) throw new XlsxError('not an Excel workbook (no xl/workbook.xml)');
  const rels = relsOf(zip, book);
  const sheets: { name: string; part: string }[] = [];
  let date1904 = false;
  partXml(zip, book, (tag, a) => {
    if (tag === 'workbookPr') date1904 = ['1', 'true'].includes(attr(a, 'date1904') ?? '');
    if (tag !== 'sheet') return;
    const target = rels.get(attr(a, 'id') ?? '')?.target;
    if (target) sheets.push({ name: attr(a, 'name') ?? '', part: target });
  });
  if (sheets.length === 0) throw new XlsxError('the workbook has no sheets');
  const partOf = (kind: string, fallback: string) =>
    [...rels.values()].find((r) => r.type.endsWith(`/${kind}`))?.target ??
    (zip.has(fallback) ? fallback : undefined);
  const stylesPart = partOf('styles', 'xl/styles.xml');
  const dateStyles = stylesPart ? readDateStyles(zip, stylesPart) : [];
  const stringsPart = partOf('sharedStrings', 'xl/sharedStrings.xml');
  const strings = stringsPart ? await readSharedStrings(zip, stringsPart) : [];
  return {
    sheets: sheets.map((s) => s.name),
    rows(which?: string | number) {
      const sheet =
        typeof which === 'number'
          ? sheets[which]
          : which === undefined
            ? sheets[0]
            : sheets.find((s) => s.name.toLowerCase() === which.toLowerCase());
      if (!sheet) throw new XlsxError(`the workbook has no sheet ${which}`);
      return sheetRows(zip, sheet.part, strings, dateStyles, date1904);
    },
  };
}

const FAR_ROWS = 1000;

/**
 * A sheet as a table for an import that checks every row before it writes any: row n at index
 * n − 1, rows the file leaves out (or holds without a value) empty. The file is streamed (the sheet
 * is never held as XML); once more than `maxRows` rows hold a value, reading stops and the table
 * ends with that row, so the caller refuses the file by its length without reading the rest (a
 * row numbered far beyond `maxRows` ends it too, rather than a table of a million empty rows).
 */
export async function readTable(
  data: Uint8Array,
  options: { maxRows?: number; sheet?: string | number } = {},
): Promise<XlsxCell[][]> {
  const max = options.maxRows ?? Number.POSITIVE_INFINITY;
  const book = await openXlsx(data);
  const table: XlsxCell[][] = [];
  let filled = 0;
  try {
    for await (const row of book.rows(options.sheet)) {
      if (row.cells.every((c) => c === null || c === '')) continue;
      if (row.n > max + FAR_ROWS) {
        table[max + FAR_ROWS] = row.cells;
        break;
      }
      table[row.n - 1] = row.cells;
      if (++filled > max) break;
    }
  } catch (e) {
    throw e instanceof XlsxError ? e : new XlsxError(`the sheet is not readable (${(e as Error).message})`);
  }
  return Array.from(table, (r) => r ?? []);
}

/** A column's index (0-based) from a cell reference such as "AB12"; -1 when there is none. */
export function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

async function* sheetRows(
  zip: Zip,
  part: string,
  strings: string[],
  dateStyles: boolean[],
  date1904: boolean,
): AsyncGenerator<XlsxRow> {
  const done: XlsxRow[] = [];
  let row: XlsxCell[] | null = null;
  let rowN = 0;
  let nextCol = 0;
  let col = 0;
  let type = 'n';
  let style = -1;
  let value = '';
  let inValue = false;
  let inInline = false;
  let inT = false;
  let inPhonetic = false;
  const cellValue = (): XlsxCell => {
    switch (type) {
      case 's': {
        const s = strings[Number(value)];
        if (s === undefined) throw new XlsxError(`row ${rowN}: no shared string ${value}`);
        return s;
      }
      case 'inlineStr':
      case 'str':
      case 'e':
        return decodeXml(value);
      case 'b':
        return value.trim() === '1' || value.trim() === 'true';
      case 'd': {
        const d = new Date(value.trim());
        return Number.isNaN(d.getTime()) ? decodeXml(value) : d;
      }
      default: {
        if (value.trim() === '') return null;
        const n = Number(value);
        if (!Number.isFinite(n)) throw new XlsxError(`row ${rowN}: ${value} is not a number`);
        return dateStyles[style] ? serialToDate(n, date1904) : n;
      }
    }
  };
  const endCell = () => {
    if (row && col >= 0)
      row[col] = value === '' && type !== 'inlineStr' && type !== 'str' ? null : cellValue();
    nextCol = col + 1;
  };
  const endRow = () => {
    if (row) done.push({ n: rowN, cells: Array.from(row, (c) => c ?? null) });
    row = null;
  };
  const chunks = zip.text(part);
  const handler = {
    open(tag: string, a: string, self: boolean) {
      switch (tag) {
        case 'row': {
          const r = attr(a, 'r');
          rowN = r ? Number(r) : rowN + 1;
          if (!Number.isInteger(rowN) || rowN < 1) throw new XlsxError(`a row numbered ${r}`);
          row = [];
          nextCol = 0;
          if (self) endRow();
          break;
        }
        case 'c': {
          const r = attr(a, 'r');
          col = r ? columnOf(r) : nextCol;
          if (col > 16_383) throw new XlsxError(`row ${rowN}: a cell beyond column XFD`);
          type = attr(a, 't') ?? 'n';
          style = Number(attr(a, 's') ?? -1);
          value = '';
          inValue = inInline = inT = inPhonetic = false;
          if (self) endCell();
          break;
        }
        case 'v':
          inValue = !self;
          break;
        case 'is':
          inInline = !self;
          break;
        case 'rPh':
          inPhonetic = !self;
          break;
        case 't':
          inT = inInline && !inPhonetic && !self;
          break;
      }
    },
    close(tag: string) {
      if (tag === 'v') inValue = false;
      else if (tag === 't') inT = false;
      else if (tag === 'rPh') inPhonetic = false;
      else if (tag === 'is') inInline = false;
      else if (tag === 'c') endCell();
      else if (tag === 'row') endRow();
    },
    text(raw: string) {
      value += raw;
    },
    wantText: () => inValue || inT,
  };
  const scanner = xmlScanner(handler);
  const step = (chunk: string | null) => {
    try {
      if (chunk === null) scanner.end();
      else scanner.push(chunk);
    } catch (e) {
      throw e instanceof XlsxError ? e : new XlsxError(`the sheet is not readable (${(e as Error).message})`);
    }
    const rows = done.splice(0);
    return rows;
  };
  // one slice at a time: scan it, hand its finished rows out, give the event loop a turn
  for (const chunk of chunks) {
    yield* step(chunk);
    await pause();
  }
  yield* step(null);
}
