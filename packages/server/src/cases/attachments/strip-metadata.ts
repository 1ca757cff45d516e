/**
 * Photos lose what they say about the person who took them before they are stored: EXIF (GPS
 * position, camera and phone model, serial numbers, the time), XMP, IPTC and comments. Only the
 * orientation survives (as a one-tag EXIF block), so a phone's portrait photo still shows upright.
 * Pure: bytes in, bytes out; a photo with nothing to remove comes back as the very same buffer.
 */

import { stripHeif } from './strip-heif.ts';

export class UnreadablePhoto extends Error {}

/** Remove the metadata of a JPEG, PNG, WebP or HEIC photo; other types come back unchanged. */
export function stripMetadata(data: Buffer, mediaType: string): Buffer {
  if (mediaType === 'image/jpeg') return stripJpeg(data);
  if (mediaType === 'image/png') return stripPng(data);
  if (mediaType === 'image/webp') return stripWebp(data);
  if (mediaType === 'image/heic' || mediaType === 'image/heif')
    return stripHeif(data, (why) => {
      throw new UnreadablePhoto(`HEIC: ${why}`);
    });
  return data;
}

const ORIENTATION_TAG = 0x0112;

/** The orientation (1–8) an EXIF (TIFF) block names in its first IFD, or null. */
export function exifOrientation(tiff: Buffer): number | null {
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === ORIENTATION_TAG && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** A TIFF block holding nothing but the orientation tag. */
export function orientationOnlyExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(ORIENTATION_TAG, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // one value
  tiff.writeUInt16BE(orientation, 18); // left-justified in the 4-byte value field
  tiff.writeUInt32BE(0, 22); // no next IFD
  return tiff;
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const ICC_HEADER = Buffer.from('ICC_PROFILE\0', 'latin1');

/**
 * JPEG: keep the image segments (tables, frame, scans), APP0 (JFIF), APP2 colour profiles and
 * APP14 (Adobe colour transform); drop every other APPn (EXIF and XMP in APP1, MPF, IPTC in APP13…)
 * and comments, and whatever follows the end of the image (phones append more pictures there).
 */
function stripJpeg(data: Buffer): Buffer {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) throw new UnreadablePhoto('not a JPEG');
  const kept: Buffer[] = [data.subarray(0, 2)];
  let orientation: number | null = null;
  let removed = false;
  let i = 2;
  let afterApp0 = 1; // where the orientation block goes: after SOI, or after a leading APP0
  // a file cut off inside a segment keeps that part only if it is not metadata
  while (i < data.length) {
    if (data[i] !== 0xff) throw new UnreadablePhoto('a JPEG segment does not start with a marker');
    const marker = data[i + 1];
    if (marker === undefined) break;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      kept.push(data.subarray(i, i + 2));
      if (i + 2 < data.length) removed = true;
      break;
    }
    const length = i + 4 <= data.length ? data.readUInt16BE(i + 2) : data.length - i - 2;
    if (length < 2 && i + 4 <= data.length) throw new UnreadablePhoto('a JPEG segment has no length');
    const end = Math.min(i + 2 + length, data.length);
    const body = data.subarray(i + 4, end);
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keep =
      !isApp && marker !== 0xfe
        ? true
        : marker === 0xe0 || marker === 0xee || (marker === 0xe2 && startsWith(body, ICC_HEADER));
    if (keep) {
      kept.push(data.subarray(i, end));
      if (marker === 0xe0 && kept.length === 2) afterApp0 = 2;
    } else {
      removed = true;
      if (marker === 0xe1 && orientation === null && startsWith(body, EXIF_HEADER))
        orientation = exifOrientation(body.subarray(EXIF_HEADER.length));
    }
    i = end;
    if (marker === 0xda) {
      // entropy-coded data up to the next marker that is not a stuffed byte or a restart
      let j = i;
      while (j + 1 < data.length) {
        if (data[j] === 0xff) {
          const next = data[j + 1] as number;
          if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break;
        }
        j++;
      }
      if (j + 1 >= data.length) {
        kept.push(data.subarray(i)); // no end-of-image marker: keep the scan as it is
        break;
      }
      kept.push(data.subarray(i, j));
      i = j;
    }
  }
  if (!removed) return data;
  if (orientation !== null && orientation !== 1) {
    const body = Buffer.concat([EXIF_HEADER, orientationOnlyExif(orientation)]);
    const header = Buffer.from([0xff, 0xe1, 0, 0]);
    header.writeUInt16BE(body.length + 2, 2);
    kept.splice(afterApp0, 0, header, body);
  }
  return Buffer.concat(kept);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** PNG chunks that carry metadata: EXIF, and text (XMP and "Raw profile" EXIF hide in iTXt/zTXt/tEXt). */
const PNG_METADATA = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt']);

function stripPng(data: Buffer): Buffer {
  if (!startsWith(data, PNG_SIGNATURE)) throw new UnreadablePhoto('not a PNG');
  const kept: Buffer[] = [PNG_SIGNATURE];
  let removed = false;
  let i = PNG_SIGNATURE.length;
  // a file cut off inside a chunk keeps that part only if it is not metadata
  while (i < data.length) {
    const type = i + 8 <= data.length ? data.toString('latin1', i + 4, i + 8) : '';
    const end = type ? Math.min(data.length, i + 12 + data.readUInt32BE(i)) : data.length;
    if (!PNG_METADATA.has(type)) kept.push(data.subarray(i, end));
    else {
      removed = true;
      const orientation =
        type === 'eXIf' && end >= i + 12 ? exifOrientation(data.subarray(i + 8, end - 4)) : null;
      if (orientation !== null && orientation !== 1)
        kept.push(pngChunk('eXIf', orientationOnlyExif(orientation)));
    }
    i = end;
    if (type === 'IEND') {
      if (i < data.length) removed = true; // bytes after the image
      break;
    }
  }
  return removed ? Buffer.concat(kept) : data;
}

function pngChunk(type: string, body: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + body.length);
  chunk.writeUInt32BE(body.length, 0);
  chunk.write(type, 4, 'latin1');
  body.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + body.length)), 8 + body.length);
  return chunk;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** WebP (RIFF): drop the EXIF and XMP chunks (keeping the orientation) and say so in VP8X's flags. */
function stripWebp(data: Buffer): Buffer {
  if (
    data.length < 12 ||
    data.toString('latin1', 0, 4) !== 'RIFF' ||
    data.toString('latin1', 8, 12) !== 'WEBP'
  )
    throw new UnreadablePhoto('not a WebP');
  const kept: Buffer[] = [];
  let removed = false;
  let orientation: number | null = null;
  let i = 12;
  const riffEnd = Math.min(data.length, 8 + data.readUInt32LE(4));
  while (i + 8 <= riffEnd) {
    const type = data.toString('latin1', i, i + 4);
    const size = data.readUInt32LE(i + 4);
    const end = Math.min(riffEnd, i + 8 + size + (size % 2));
    if (type === 'EXIF' || type === 'XMP ') {
      removed = true;
      if (type === 'EXIF') {
        const body = data.subarray(i + 8, i + 8 + size);
        orientation = exifOrientation(startsWith(body, EXIF_HEADER) ? body.subarray(6) : body);
      }
    } else kept.push(Buffer.from(data.subarray(i, end)));
    i = end;
  }
  if (!removed && riffEnd === data.length) return data;
  const vp8x = kept.find((c) => c.toString('latin1', 0, 4) === 'VP8X');
  const withOrientation = orientation !== null && orientation !== 1 && vp8x !== undefined;
  if (vp8x) vp8x[8] = ((vp8x[8] as number) & ~0x0c) | (withOrientation ? 0x08 : 0);
  if (withOrientation) {
    const tiff = orientationOnlyExif(orientation as number);
    const header = Buffer.alloc(8);
    header.write('EXIF', 0, 'latin1');
    header.writeUInt32LE(tiff.length, 4);
    kept.push(header, tiff);
  }
  const body = Buffer.concat(kept);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

const startsWith = (data: Buffer, prefix: Buffer) =>
  data.length >= prefix.length && data.subarray(0, prefix.length).equals(prefix);
