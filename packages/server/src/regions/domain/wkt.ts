import type { GeoJsonGeometry } from '../tables.ts';

/**
 * A WKT POLYGON or MULTIPOLYGON as GeoJSON (2D; a Z or M value is dropped). Null when the text
 * is not one. Pure.
 */
export function parseWkt(text: string): GeoJsonGeometry | null {
  const m = /^\s*(MULTIPOLYGON|POLYGON)\s*(?:Z|M|ZM)?\s*(\(.*\))\s*$/is.exec(text);
  if (!m) return null;
  const type = (m[1] as string).toUpperCase();
  let nested: unknown;
  try {
    // ((1 2, 3 4), (…)) → [[[1,2],[3,4]], […]]: positions become arrays, then it is JSON.
    const json = (m[2] as string)
      .replace(/(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?:\s+-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)+)/g, (pos) => {
        const [x, y] = pos.trim().split(/\s+/);
        return `[${x},${y}]`;
      })
      .replace(/\(/g, '[')
      .replace(/\)/g, ']');
    nested = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(nested)) return null;
  return type === 'POLYGON'
    ? { type: 'Polygon', coordinates: nested as number[][][] }
    : { type: 'MultiPolygon', coordinates: nested as number[][][][] };
}
