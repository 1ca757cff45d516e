import { Inflate } from 'fflate';

/**
 * The parts of an .xlsx (a zip) read from its central directory, each inflated as a stream of
 * text chunks (fflate's streaming Inflate over slices of the file: the whole part is never held),
 * and a small tag scanner for the parts' XML. Used by xlsx-reader.ts.
 */

/** Why a file is not a readable workbook. */
export class XlsxError extends Error {}

interface Entry {
  method: number;
  size: number;
  offset: number;
}

/** Input slice per inflate step: output is bounded by it (deflate expands at most ~1,032×). */
const STEP = 16 * 1024;
/** A part may not inflate to more than this (a zip bomb is refused, not read). */
export const MAX_PART_BYTES = 1024 * 1024 * 1024;

export class Zip {
  private entries = new Map<string, Entry>();

  constructor(private data: Uint8Array) {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let end = -1;
    for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--)
      if (view.getUint32(i, true) === 0x06054b50) {
        end = i;
        break;
      }
    if (end < 0) throw new XlsxError('not a zip file (no central directory)');
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    if (count === 0xffff || at === 0xffffffff) throw new XlsxError('ZIP64 workbooks are not supported');
    const names = new TextDecoder();
    for (let k = 0; k < count; k++) {
      if (at + 46 > data.length || view.getUint32(at, true) !== 0x02014b50)
        throw new XlsxError('a broken zip directory');
      const nameLength = view.getUint16(at + 28, true);
      const name = names.decode(data.subarray(at + 46, at + 46 + nameLength));
      this.entries.set(name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), {
        method: view.getUint16(at + 10, true),
        size: view.getUint32(at + 20, true),
        offset: view.getUint32(at + 42, true),
      });
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The part's text in chunks (UTF-8 decoded across chunk boundaries). */
  *text(name: string): Generator<string> {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw new XlsxError(`the workbook has no ${name}`);
    const view = new DataView(this.data.buffer, this.data.byteOffset, this.data.byteLength);
    const local = entry.offset;
    if (local + 30 > this.data.length || view.getUint32(local, true) !== 0x04034b50)
      throw new XlsxError(`a broken zip entry ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + entry.size > this.data.length) throw new XlsxError(`${name} is cut short`);
    const body = this.data.subarray(start, start + entry.size);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const decode = (bytes: Uint8Array, last: boolean) => {
      try {
        return decoder.decode(bytes, { stream: !last });
      } catch {
        throw new XlsxError(`${name} is not UTF-8 text`);
      }
    };
    if (entry.method === 0) {
      for (let i = 0; i < body.length; i += STEP * 4) {
        const last = i + STEP * 4 >= body.length;
        yield decode(body.subarray(i, i + STEP * 4), last);
      }
      if (body.length === 0) yield '';
      return;
    }
    if (entry.method !== 8) throw new XlsxError(`${name} uses an unknown compression (${entry.method})`);
    let out: Uint8Array[] = [];
    let total = 0;
    const inflate = new Inflate((chunk) => {
      total += chunk.length;
      if (total > MAX_PART_BYTES) throw new XlsxError(`${name} inflates to more than 1 GiB`);
      out.push(chunk);
    });
    for (let i = 0; i < body.length || i === 0; i += STEP) {
      const last = i + STEP >= body.length;
      try {
        inflate.push(body.subarray(i, i + STEP), last);
      } catch (e) {
        if (e instanceof XlsxError) throw e;
        throw new XlsxError(`${name} is not readable deflate data`);
      }
      const parts = out;
      out = [];
      yield decode(parts.length === 1 ? (parts[0] as Uint8Array) : concat(parts), last);
      if (last) break;
    }
  }
}

export interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text between tags (entities not decoded); only called when `wantText()` says so. */
  text(raw: string): void;
  wantText(): boolean;
}

/**
 * Feed text chunks to a handler, tag by tag (names without their namespace prefix). Comments,
 * processing instructions and declarations are skipped; text is only passed whole (a text node
 * cut by a chunk waits for the next chunk).
 */
export function scanXml(chunks: Iterable<string>, h: XmlHandler): void {
  const scanner = xmlScanner(h);
  for (const chunk of chunks) scanner.push(chunk);
  scanner.end();
}

/** The same, fed chunk by chunk (what a chunk leaves unfinished waits for the next). */
export function xmlScanner(h: XmlHandler): { push(chunk: string): void; end(): void } {
  let carry = '';
  return {
    push(chunk: string) {
      const buf = carry + chunk;
      let i = 0;
      for (;;) {
        const lt = buf.indexOf('<', i);
        if (lt < 0) break;
        if (lt > i && h.wantText()) h.text(buf.slice(i, lt));
        let end: number;
        const next = buf.charCodeAt(lt + 1);
        if (next === 33 /* ! */ && buf.startsWith('<!--', lt)) end = skipTo(buf, lt, '-->');
        else if (next === 33 && buf.startsWith('<![CDATA[', lt)) {
          end = skipTo(buf, lt, ']]>');
          if (end >= 0 && h.wantText()) h.text(escapeText(buf.slice(lt + 9, end - 3)));
        } else {
          const gt = buf.indexOf('>', lt);
          end = gt < 0 ? -1 : gt + 1;
          if (end > 0 && next !== 63 /* ? */ && next !== 33) tag(buf, lt + 1, gt, h);
        }
        if (end < 0) {
          i = lt;
          break;
        }
        i = end;
      }
      carry = buf.slice(i);
      if (carry.length > 64 * 1024 * 1024) throw new XlsxError('an XML text or tag longer than 64 MiB');
    },
    end() {
      if (carry.includes('<')) throw new XlsxError('the XML ends inside a tag');
    },
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

const skipTo = (buf: string, from: number, end: string) => {
  const at = buf.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
};

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function tag(buf: string, from: number, to: number, h: XmlHandler): void {
  if (buf.charCodeAt(from) === 47 /* / */) {
    h.close(localName(buf.slice(from + 1, to).trim()));
    return;
  }
  const selfClosing = buf.charCodeAt(to - 1) === 47;
  const last = selfClosing ? to - 1 : to;
  let n = from;
  for (; n < last; n++) {
    const c = buf.charCodeAt(n);
    if (c === 32 || c === 9 || c === 10 || c === 13) break;
  }
  h.open(localName(buf.slice(from, n)), n < last ? buf.slice(n, last) : '', selfClosing);
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

const attrPatterns = new Map<string, RegExp>();

/** An attribute's value (decoded), by its name with or without a prefix (`id` finds `r:id`). */
export function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  if (!m) return undefined;
  return decodeXml(m[1] ?? m[2] ?? '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities and character references, then Excel's _xHHHH_ escapes (e.g. _x000D_). */
export function decodeXml(s: string): string {
  let out = s;
  if (out.includes('&'))
    out = out.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
        : (ENTITIES[e] ?? ''),
    );
  if (out.includes('_x'))
    out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  return out;
}
