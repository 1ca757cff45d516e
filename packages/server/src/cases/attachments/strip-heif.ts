/**
 * HEIC/HEIF photos (what iPhones take) keep their EXIF (GPS position, phone model, time) and XMP
 * as items of the file's `meta` box, located by its `iloc` box. Their bytes are overwritten with
 * zeros in place: the file keeps its layout and every offset in it, the picture is untouched (its
 * rotation lives in `irot`/`imir` properties, not in EXIF), and nothing about the person is left.
 * Pure; a file whose boxes cannot be read is refused rather than stored with its metadata.
 */

interface Box {
  type: string;
  /** where its content starts (after size, type and any large size) and where it ends */
  start: number;
  end: number;
}

function boxesIn(data: Buffer, from: number, to: number, fail: (why: string) => never): Box[] {
  const out: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) fail(`box ${type} is cut short`);
      size = Number(data.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header || at + size > to) fail(`box ${type} runs past its parent`);
    out.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return out;
}

/** An unsigned number of 0, 4 or 8 bytes (iloc's field sizes). */
function uint(data: Buffer, at: number, bytes: number): number {
  if (bytes === 0) return 0;
  if (bytes === 4) return data.readUInt32BE(at);
  if (bytes === 8) return Number(data.readBigUInt64BE(at));
  throw new RangeError(`a ${bytes}-byte field`);
}

/** The ids of the items that are metadata: EXIF, and XMP (a `mime` item of type application/rdf+xml). */
function metadataItems(data: Buffer, iinf: Box, fail: (why: string) => never): Set<number> {
  const version = data.readUInt8(iinf.start);
  const first = iinf.start + 4 + (version === 0 ? 2 : 4);
  const ids = new Set<number>();
  for (const infe of boxesIn(data, first, iinf.end, fail)) {
    if (infe.type !== 'infe') continue;
    const v = data.readUInt8(infe.start);
    if (v < 2) continue; // versions 0 and 1 name no item type
    let at = infe.start + 4;
    const id = v === 2 ? data.readUInt16BE(at) : data.readUInt32BE(at);
    at += (v === 2 ? 2 : 4) + 2; // the id, then item_protection_index
    const type = data.toString('latin1', at, at + 4);
    at += 4;
    if (type === 'Exif') ids.add(id);
    else if (type === 'mime') {
      const nameEnd = data.indexOf(0, at);
      const typeEnd = nameEnd < 0 ? -1 : data.indexOf(0, nameEnd + 1);
      const contentType =
        typeEnd < 0 ? '' : data.toString('latin1', nameEnd + 1, Math.min(typeEnd, infe.end));
      if (/xml|xmp/i.test(contentType)) ids.add(id);
    }
  }
  return ids;
}

/** Zero the bytes of these items, wherever iloc puts them (in the file, or in the meta box's idat). */
function zeroItems(data: Buffer, iloc: Box, idat: Box | undefined, ids: Set<number>, out: Buffer) {
  const version = data.readUInt8(iloc.start);
  let at = iloc.start + 4;
  const sizes = data.readUInt16BE(at);
  at += 2;
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 0xf;
  const baseSize = (sizes >> 4) & 0xf;
  const indexSize = version === 1 || version === 2 ? sizes & 0xf : 0;
  const count = version < 2 ? data.readUInt16BE(at) : data.readUInt32BE(at);
  at += version < 2 ? 2 : 4;
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? data.readUInt16BE(at) : data.readUInt32BE(at);
    at += version < 2 ? 2 : 4;
    let method = 0;
    if (version === 1 || version === 2) {
      method = data.readUInt16BE(at) & 0xf;
      at += 2;
    }
    at += 2; // data_reference_index
    const base = uint(data, at, baseSize);
    at += baseSize;
    const extents = data.readUInt16BE(at);
    at += 2;
    for (let e = 0; e < extents; e++) {
      at += indexSize;
      const offset = uint(data, at, offsetSize);
      at += offsetSize;
      const length = uint(data, at, lengthSize);
      at += lengthSize;
      if (!ids.has(id)) continue;
      const origin = method === 1 ? (idat?.start ?? Number.NaN) : method === 0 ? 0 : Number.NaN;
      const from = origin + base + offset;
      const to = length === 0 ? data.length : from + length;
      if (!Number.isFinite(from) || from < 0 || to > data.length)
        throw new RangeError('an item outside the file');
      out.fill(0, from, to);
    }
  }
}

export function stripHeif(data: Buffer, fail: (why: string) => never): Buffer {
  try {
    const top = boxesIn(data, 0, data.length, fail);
    if (top[0]?.type !== 'ftyp') fail('no ftyp box first');
    const meta = top.find((b) => b.type === 'meta');
    if (!meta) return data;
    const inside = boxesIn(data, meta.start + 4, meta.end, fail);
    const iinf = inside.find((b) => b.type === 'iinf');
    const iloc = inside.find((b) => b.type === 'iloc');
    if (!iinf || !iloc) return data;
    const ids = metadataItems(data, iinf, fail);
    if (ids.size === 0) return data;
    const out = Buffer.from(data);
    zeroItems(
      data,
      iloc,
      inside.find((b) => b.type === 'idat'),
      ids,
      out,
    );
    return out;
  } catch (e) {
    if (e instanceof RangeError) fail(e.message);
    throw e;
  }
}
