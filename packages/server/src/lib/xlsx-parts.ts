import { attr, decodeXml, scanXml, type Zip } from './xlsx-zip.ts';

/** The workbook's parts besides the sheets: relationships, date styles, shared strings. */

/** Built-in number formats that are dates or times (ECMA-376 18.8.30 and the East Asian ones). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Is a number format code a date or time (d, m, y, h, s outside quotes, brackets and escapes)? */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[(?!h+\]|m+\]|s+\])[^\]]*\]/gi, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  return /[dmyhs]/i.test(bare.split(';')[0] ?? '');
}

/** A date serial (days since the epoch of the workbook's date system) as a UTC Date. */
export function serialToDate(serial: number, date1904 = false): Date {
  // 1900 system: serial 25569 is 1970-01-01; below 61 Excel's phantom 1900-02-29 is not there
  const days = date1904 ? serial + 1462 - 25569 : serial < 61 ? serial - 25568 : serial - 25569;
  return new Date(Math.round(days * 86_400_000));
}

export function partXml(zip: Zip, name: string, open: (tag: string, attrs: string, self: boolean) => void) {
  scanXml(zip.text(name), { open, close: () => {}, text: () => {}, wantText: () => false });
}

export function relsOf(zip: Zip, part: string): Map<string, { type: string; target: string }> {
  const slash = part.lastIndexOf('/');
  const dir = part.slice(0, slash + 1);
  const rels = `${dir}_rels/${part.slice(slash + 1)}.rels`;
  const out = new Map<string, { type: string; target: string }>();
  if (!zip.has(rels)) return out;
  partXml(zip, rels, (tag, a) => {
    if (tag !== 'Relationship') return;
    const target = attr(a, 'Target') ?? '';
    out.set(attr(a, 'Id') ?? '', { type: attr(a, 'Type') ?? '', target: resolve(dir, target) });
  });
  return out;
}

function resolve(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Which cell styles (xf index in cellXfs) show a date. */
export function readDateStyles(zip: Zip, part: string): boolean[] {
  const custom = new Map<number, string>();
  const xfs: boolean[] = [];
  let inCellXfs = false;
  scanXml(zip.text(part), {
    open(tag, a, self) {
      if (tag === 'numFmt') custom.set(Number(attr(a, 'numFmtId')), attr(a, 'formatCode') ?? '');
      else if (tag === 'cellXfs') inCellXfs = !self;
      else if (tag === 'xf' && inCellXfs) {
        const id = Number(attr(a, 'numFmtId') ?? 0);
        const code = custom.get(id);
        xfs.push(code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id));
      }
    },
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
    text: () => {},
    wantText: () => false,
  });
  return xfs;
}

/** The shared strings (rich text runs joined, phonetic runs left out). */
export async function readSharedStrings(zip: Zip, part: string): Promise<string[]> {
  const strings: string[] = [];
  let inSi = false;
  let inT = false;
  let inPhonetic = false;
  let text = '';
  scanXml(zip.text(part), {
    open(tag, _a, self) {
      if (tag === 'si') {
        inSi = !self;
        text = '';
        if (self) strings.push('');
      } else if (tag === 'rPh') inPhonetic = !self;
      else if (tag === 't' && inSi && !inPhonetic) inT = !self;
    },
    close(tag) {
      if (tag === 't') inT = false;
      else if (tag === 'rPh') inPhonetic = false;
      else if (tag === 'si') {
        strings.push(decodeXml(text));
        inSi = false;
      }
    },
    text(raw) {
      text += raw;
    },
    wantText: () => inT,
  });
  await new Promise<void>((resolve) => setImmediate(resolve));
  return strings;
}
