import type { Writable } from 'node:stream';
import { ZipWriter } from './zip-writer.ts';

/**
 * A streaming Excel (.xlsx) writer for large sheets: one worksheet written row by row straight
 * into a deflated zip entry (inline strings, no shared-strings table), with a few styles (bold,
 * bold centred), column widths, merged cells and frozen header rows. Memory stays flat: rows are
 * turned into XML as they come and `flush()` waits for the output to drain.
 *
 *   const xlsx = await XlsxWriter.open(out, { name: '台账', columns: [{ width: 20 }, …], frozenRows: 2,
 *     merges: [{ row: 1, from: 1, to: 8 }] }, { modified: serverNow(ctx) });
 *   xlsx.row(['编号', '类型'], 'header');
 *   for (…) { xlsx.row([…]); await xlsx.flush(); }   // flush resolves when the output takes more
 *   await xlsx.close();
 */
export type XlsxValue = string | number | null | undefined;
export type XlsxStyle = 'plain' | 'bold' | 'header';

export interface XlsxSheet {
  name: string;
  columns: { width: number }[];
  /** rows kept in view while scrolling (the header rows) */
  frozenRows?: number;
  /** cells merged along a row: columns `from`..`to` (1-based) of row `row` */
  merges?: { row: number; from: number; to: number }[];
  creator?: string;
}

const STYLE_INDEX: Record<XlsxStyle, number> = { plain: 0, bold: 1, header: 2 };
/** flush to the zip once this many characters of XML are waiting */
const CHUNK = 32 * 1024;

export class XlsxWriter {
  private rowNumber = 0;
  private pending: string[] = [];
  private pendingLength = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly refs: string[];

  private constructor(
    private readonly zip: ZipWriter,
    private readonly sheet: XlsxSheet,
  ) {
    this.refs = sheet.columns.map((_, i) => columnName(i + 1));
  }

  /** Write the workbook's fixed parts and open the sheet. */
  static async open(out: Writable, sheet: XlsxSheet, options: { modified: Date; level?: number }) {
    const zip = new ZipWriter(out, options.modified, options.level ?? 1);
    await zip.file('[Content_Types].xml', CONTENT_TYPES);
    await zip.file('_rels/.rels', ROOT_RELS);
    await zip.file('docProps/core.xml', core(sheet.creator ?? '', options.modified));
    await zip.file('xl/workbook.xml', workbook(sheet.name));
    await zip.file('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
    await zip.file('xl/styles.xml', STYLES);
    zip.begin('xl/worksheets/sheet1.xml');
    const writer = new XlsxWriter(zip, sheet);
    writer.push(sheetHead(sheet));
    return writer;
  }

  /** Append a row (empty and null cells are left out). */
  row(values: readonly XlsxValue[], style: XlsxStyle = 'plain'): void {
    const n = ++this.rowNumber;
    const s = style === 'plain' ? '' : ` s="${STYLE_INDEX[style]}"`;
    let xml = `<row r="${n}">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || v === '') continue;
      const ref = `${this.refs[i] ?? columnName(i + 1)}${n}`;
      if (typeof v === 'number') {
        xml += Number.isFinite(v)
          ? `<c r="${ref}"${s}><v>${v}</v></c>`
          : `<c r="${ref}"${s} t="inlineStr"><is><t>${v}</t></is></c>`;
      } else {
        const text = escapeXml(v);
        const space = text !== text.trim() ? ' xml:space="preserve"' : '';
        xml += `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
      }
    }
    this.push(`${xml}</row>`);
  }

  /** Hand what is waiting to the zip; resolves when the output can take more. */
  async flush(): Promise<void> {
    this.enqueue();
    await this.chain;
  }

  /** End the sheet (its merged cells) and the workbook; the output is ended. */
  async close(): Promise<void> {
    const merges = this.sheet.merges ?? [];
    const mergeXml = merges.length
      ? `<mergeCells count="${merges.length}">${merges
          .map((m) => `<mergeCell ref="${columnName(m.from)}${m.row}:${columnName(m.to)}${m.row}"/>`)
          .join('')}</mergeCells>`
      : '';
    this.push(
      `</sheetData>${mergeXml}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    );
    await this.flush();
    await this.zip.end();
    await this.zip.finish();
  }

  private push(xml: string) {
    this.pending.push(xml);
    this.pendingLength += xml.length;
    if (this.pendingLength >= CHUNK) this.enqueue();
  }

  /** Rows added without awaiting `flush` still go out in order: the zip's writes are chained. */
  private enqueue() {
    if (this.pendingLength === 0) return;
    const xml = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    this.chain = this.chain.then(() => this.zip.write(xml));
    // a failure (the client gone) is reported by the next flush or close, not as unhandled
    this.chain.catch(() => {});
  }
}

/** 1 → A, 27 → AA */
export function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

// XML 1.0 refuses most control characters; they are dropped
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const SPECIAL = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(text: string): string {
  return text.replace(INVALID, '').replace(SPECIAL, (c) => ENTITY[c] as string);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const ROOT_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

const WORKBOOK_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;

const STYLES = `${XML}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Sheet names: at most 31 characters, none of : \ / ? * [ ] */
const sheetName = (name: string) => escapeXml(name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1');

const workbook = (name: string) =>
  `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets><sheet name="${sheetName(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

const core = (creator: string, at: Date) =>
  `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${escapeXml(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${at.toISOString().slice(0, 19)}Z</dcterms:created></cp:coreProperties>`;

function sheetHead(sheet: XlsxSheet): string {
  const frozen = sheet.frozenRows ?? 0;
  const pane = frozen
    ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/>`
    : '';
  const cols = sheet.columns.length
    ? `<cols>${sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols>`
    : '';
  return `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`;
}
