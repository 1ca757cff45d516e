// Photos lose their EXIF before they are stored (issue 13): tested on a real camera photo with
// GPS EXIF (test/fixtures/photos/README.md says where it comes from) and a browser-made WebP.
import { readFileSync } from 'node:fs';
import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { crc32, exifOrientation, stripMetadata, UnreadablePhoto } from './strip-metadata.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/photos/${name}`, import.meta.url));
const NIKON = fixture('gps-nikon-DSCN0010.jpg');
const WEBP = fixture('canvas-8x6.webp');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
/** The camera's EXIF block (TIFF: IFD0 with the Nikon maker note, a GPS IFD). */
const tiffOf = (jpeg: Buffer) => jpeg.subarray(12, 4 + jpeg.readUInt16BE(4));
const NIKON_TIFF = tiffOf(NIKON);

const has = (data: Buffer, text: string) => data.includes(Buffer.from(text, 'latin1'));
/** A GPS IFD pointer (tag 0x8825) in little-endian TIFF, as in the camera's EXIF. */
const GPS_POINTER = Buffer.from([0x25, 0x88, 0x04, 0x00]);

/** The camera photo with its orientation tag set to `value` (the tag is IFD0's fourth entry). */
function withOrientation(data: Buffer, value: number): Buffer {
  const copy = Buffer.from(data);
  const at = copy.indexOf(Buffer.from([0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00]));
  copy.writeUInt16LE(value, at + 8);
  return copy;
}

describe('JPEG', () => {
  it('the camera photo carries a GPS position and the device', () => {
    expect(NIKON.includes(GPS_POINTER)).toBe(true);
    expect(has(NIKON, 'NIKON')).toBe(true);
    expect(exifOrientation(NIKON_TIFF)).toBe(1);
  });

  it('drops the EXIF and XMP segments and keeps the picture byte for byte', async () => {
    const out = stripMetadata(NIKON, 'image/jpeg');
    expect(has(out, 'Exif')).toBe(false);
    expect(has(out, 'NIKON')).toBe(false);
    expect(has(out, 'http://ns.adobe.com')).toBe(false);
    expect(out.includes(GPS_POINTER)).toBe(false);
    // SOI, then the tables and frame (DQT, DHT, SOF0), then the scan to the end of the image
    const kept = Buffer.concat([NIKON.subarray(0, 2), NIKON.subarray(11262, 11900), NIKON.subarray(15933)]);
    expect(out.equals(kept)).toBe(true);
    expect((await fileTypeFromBuffer(out))?.mime).toBe('image/jpeg');
  });

  it('keeps a turned photo turned: the orientation tag alone survives', () => {
    const out = stripMetadata(withOrientation(NIKON, 6), 'image/jpeg');
    expect(out.subarray(0, 6)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x22]));
    expect(out.subarray(6, 12).toString('latin1')).toBe('Exif\0\0');
    expect(exifOrientation(out.subarray(12, 38))).toBe(6);
    expect(has(out, 'NIKON')).toBe(false);
    expect(out.includes(GPS_POINTER)).toBe(false);
    expect(out.length).toBe(stripMetadata(NIKON, 'image/jpeg').length + 36);
  });

  it('drops comments, other APPn segments and what follows the end of the image', () => {
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x0b]), Buffer.from('device 42', 'latin1')]);
    const iptc = Buffer.concat([Buffer.from([0xff, 0xed, 0x00, 0x08]), Buffer.from('Photo!', 'latin1')]);
    const input = Buffer.concat([
      NIKON.subarray(0, 2),
      com,
      iptc,
      NIKON.subarray(2),
      Buffer.from('trailing picture'),
    ]);
    const out = stripMetadata(input, 'image/jpeg');
    expect(out.equals(stripMetadata(NIKON, 'image/jpeg'))).toBe(true);
  });

  it('gives back a photo with nothing to remove unchanged', () => {
    const clean = stripMetadata(NIKON, 'image/jpeg');
    expect(stripMetadata(clean, 'image/jpeg')).toBe(clean);
  });

  it('keeps nothing of an EXIF block the upload cuts off', () => {
    expect(stripMetadata(NIKON.subarray(0, 4000), 'image/jpeg')).toEqual(NIKON.subarray(0, 2));
  });

  it('refuses bytes that are not JPEG segments', () => {
    expect(() => stripMetadata(Buffer.from([0xff, 0xd8, 0x12, 0x34, 0x56, 0x78]), 'image/jpeg')).toThrow(
      UnreadablePhoto,
    );
  });
});

function pngChunk(type: string, body: Buffer) {
  const chunk = Buffer.alloc(12 + body.length);
  chunk.writeUInt32BE(body.length, 0);
  chunk.write(type, 4, 'latin1');
  body.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + body.length)), 8 + body.length);
  return chunk;
}
/** The PNG with the camera's EXIF (eXIf) and an XMP text chunk before its image data. */
const pngWith = (tiff: Buffer) =>
  Buffer.concat([
    PNG.subarray(0, 33),
    pngChunk('eXIf', tiff),
    pngChunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPSLatitude</x:xmpmeta>', 'latin1')),
    PNG.subarray(33),
  ]);

describe('PNG', () => {
  it('computes the chunk CRC as PNG does', () => {
    expect(crc32(PNG.subarray(12, 29))).toBe(PNG.readUInt32BE(29)); // IHDR
  });

  it('drops eXIf and text chunks', () => {
    expect(stripMetadata(pngWith(NIKON_TIFF), 'image/png')).toEqual(PNG);
  });

  it('keeps the orientation as a one-tag eXIf', () => {
    const out = stripMetadata(pngWith(tiffOf(withOrientation(NIKON, 8))), 'image/png');
    expect(out.toString('latin1', 37, 41)).toBe('eXIf');
    const length = out.readUInt32BE(33);
    expect(exifOrientation(out.subarray(41, 41 + length))).toBe(8);
    expect(crc32(out.subarray(37, 41 + length))).toBe(out.readUInt32BE(41 + length));
    expect(has(out, 'NIKON')).toBe(false);
    expect(has(out, 'GPSLatitude')).toBe(false);
  });

  it('gives back a PNG without metadata unchanged, a cut-off one too', () => {
    expect(stripMetadata(PNG, 'image/png')).toBe(PNG);
    const cut = PNG.subarray(0, 60);
    expect(stripMetadata(cut, 'image/png')).toBe(cut);
  });

  it('keeps nothing of an eXIf chunk the upload cuts off', () => {
    const input = pngWith(NIKON_TIFF);
    expect(stripMetadata(input.subarray(0, 200), 'image/png')).toEqual(PNG.subarray(0, 33));
  });
});

function riffChunk(type: string, body: Buffer) {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body, Buffer.alloc(body.length % 2)]);
}

describe('WebP', () => {
  it('drops EXIF and XMP chunks and their flags', () => {
    const input = Buffer.concat([
      WEBP,
      riffChunk('EXIF', NIKON_TIFF),
      riffChunk('XMP ', Buffer.from('<x:xmpmeta/>')),
    ]);
    input.writeUInt32LE(input.length - 8, 4);
    input[20] = (input[20] as number) | 0x0c;
    expect(stripMetadata(input, 'image/webp')).toEqual(WEBP);
  });

  it('keeps the orientation', () => {
    const tiff = tiffOf(withOrientation(NIKON, 3));
    const input = Buffer.concat([WEBP, riffChunk('EXIF', tiff)]);
    input.writeUInt32LE(input.length - 8, 4);
    const out = stripMetadata(input, 'image/webp');
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect((out[20] as number) & 0x08).toBe(0x08);
    const exif = out.indexOf(Buffer.from('EXIF'));
    expect(exifOrientation(out.subarray(exif + 8))).toBe(3);
    expect(has(out, 'NIKON')).toBe(false);
  });
});

it('leaves documents alone', () => {
  const pdf = Buffer.from('%PDF-1.4 Author: someone');
  expect(stripMetadata(pdf, 'application/pdf')).toBe(pdf);
});

describe('HEIC', () => {
  // the camera photo encoded as HEIC by libheif's heif-enc, which carries its EXIF over
  const HEIC = fixture('gps-nikon-DSCN0010.heic');
  // the EXIF item: a 4-byte offset to the TIFF header (0), then the camera's TIFF block
  const EXIF_ITEM = Buffer.from('0000000049492a00', 'hex');
  const exifAt = HEIC.indexOf(EXIF_ITEM);

  it('the phone-style photo carries the camera’s EXIF (GPS IFD, maker) as an item', async () => {
    expect((await fileTypeFromBuffer(HEIC))?.mime).toBe('image/heic');
    expect(exifAt).toBeGreaterThan(0);
    expect(has(HEIC, 'NIKON')).toBe(true);
    expect(HEIC.subarray(exifAt).includes(GPS_POINTER)).toBe(true);
  });

  it('zeroes the EXIF item in place and keeps every other byte', async () => {
    const clean = stripMetadata(HEIC, 'image/heic');
    expect(clean.length).toBe(HEIC.length);
    expect(has(clean, 'NIKON')).toBe(false);
    expect(clean.indexOf(EXIF_ITEM)).toBe(-1);
    const changed = [...HEIC.keys()].filter((i) => HEIC[i] !== clean[i]);
    // only bytes of the EXIF item changed, all to zero, the picture's boxes untouched
    expect(changed.length).toBeGreaterThan(1000);
    expect(Math.min(...changed)).toBeGreaterThanOrEqual(exifAt);
    expect(changed.every((i) => clean[i] === 0)).toBe(true);
    expect((await fileTypeFromBuffer(clean))?.mime).toBe('image/heic');
  });

  it('refuses a HEIC whose boxes run past the file', () => {
    const cut = Buffer.from(HEIC.subarray(0, 300));
    expect(() => stripMetadata(cut, 'image/heic')).toThrow(UnreadablePhoto);
  });
});
