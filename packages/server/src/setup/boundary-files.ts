import gcoord from 'gcoord';
import PizZip from 'pizzip';
import * as shapefile from 'shapefile';
import { isZip, UnreadableFile } from '../lib/spreadsheet.ts';
import type { BoundaryCollection } from '../regions/index.ts';

export type Crs = 'wgs84' | 'gcj02';

export interface BoundaryFileOptions {
  crs: Crs;
  /** The property holding each feature's division code (default `code`). */
  codeField: string;
}

function fromGeoJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    throw new UnreadableFile('neither a GeoJSON file nor a zipped Shapefile');
  }
}

/** A zipped Shapefile (.shp + .dbf, .cpg naming the encoding; the first layer in the zip). */
async function fromShapefileZip(data: Buffer): Promise<unknown> {
  let zip: PizZip;
  try {
    zip = new PizZip(data);
  } catch {
    throw new UnreadableFile('not a readable zip file');
  }
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir && !n.startsWith('__MACOSX'));
  const shp = names.find((n) => n.toLowerCase().endsWith('.shp'));
  if (!shp) throw new UnreadableFile('the zip holds no .shp file');
  const base = shp.slice(0, -4);
  const sibling = (ext: string) => names.find((n) => n.toLowerCase() === `${base}.${ext}`.toLowerCase());
  const dbf = sibling('dbf');
  if (!dbf) throw new UnreadableFile(`the zip holds no ${base}.dbf beside ${shp} (the codes are in it)`);
  const prj = sibling('prj');
  const prjText = prj ? (zip.file(prj)?.asText() ?? '') : '';
  if (/PROJCS/i.test(prjText))
    throw new UnreadableFile(
      `${prj} is a projected coordinate system: export the layer in WGS-84 or GCJ-02 longitude/latitude`,
    );
  const cpg = sibling('cpg');
  const encoding = (cpg ? zip.file(cpg)?.asText().trim() : '') || 'utf-8';
  const bytes = (name: string) => zip.file(name)?.asUint8Array() as Uint8Array;
  try {
    return await shapefile.read(bytes(shp), bytes(dbf), {
      encoding: /^(gbk|936|cp936)$/i.test(encoding) ? 'gbk' : encoding,
    });
  } catch (error) {
    throw new UnreadableFile(`the Shapefile cannot be read: ${(error as Error).message}`);
  }
}

/**
 * A boundaries file as a FeatureCollection keyed by `properties.code`: GeoJSON (a
 * FeatureCollection) or a zipped Shapefile, in WGS-84 or GCJ-02 (converted to WGS-84).
 * Geometry is checked later, feature by feature, by the regions import.
 */
export async function readBoundaryFile(
  data: Buffer,
  options: BoundaryFileOptions,
): Promise<BoundaryCollection> {
  const parsed = (isZip(data) ? await fromShapefileZip(data) : fromGeoJson(data)) as {
    type?: unknown;
    features?: unknown;
  };
  if (parsed?.type !== 'FeatureCollection' || !Array.isArray(parsed.features))
    throw new UnreadableFile('the file is not a FeatureCollection');
  if (parsed.features.length === 0) throw new UnreadableFile('the file has no features');
  const features = (
    parsed.features as { properties?: Record<string, unknown> | null; geometry?: unknown }[]
  ).map((f) => {
    const properties = f?.properties ?? {};
    const raw = properties[options.codeField];
    const code = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    const geometry = options.crs === 'gcj02' ? toWgs84(f?.geometry) : f?.geometry;
    return {
      type: 'Feature' as const,
      properties: { ...properties, code: code.length === 6 ? `${code}000000` : code },
      geometry,
    };
  });
  return { type: 'FeatureCollection', features };
}

/** GCJ-02 ("Mars" coordinates of Chinese web maps) to WGS-84; anything not a polygon is left to the checks. */
function toWgs84(geometry: unknown): unknown {
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if ((g?.type !== 'Polygon' && g?.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) return geometry;
  try {
    return gcoord.transform(structuredClone(g) as never, gcoord.GCJ02, gcoord.WGS84);
  } catch {
    return geometry;
  }
}
