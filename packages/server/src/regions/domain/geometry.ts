import { kinks } from '@turf/kinks';
import type { GeoJsonGeometry } from '../tables.ts';

/** What is wrong with a boundary, at which path inside it (`coordinates.0.3`, `type`). */
export interface GeometryProblem {
  path: string;
  message: string;
}

export type BoundaryCheck = { ok: true; geometry: GeoJsonGeometry } | { ok: false; problem: GeometryProblem };

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

type Position = number[];
type Ring = Position[];

const fail = (path: string, message: string): BoundaryCheck => ({ ok: false, problem: { path, message } });

/**
 * A region boundary is a GeoJSON Polygon or MultiPolygon in lon/lat: every ring closed, with at
 * least 4 positions of 2–3 finite numbers in range, and no ring crossing itself or another.
 */
export function checkBoundary(value: unknown): BoundaryCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('', 'must be a GeoJSON geometry object');
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return fail('type', `must be Polygon or MultiPolygon, not ${JSON.stringify(type ?? null)}`);
  if (!Array.isArray(coordinates) || coordinates.length === 0)
    return fail('coordinates', 'must be a non-empty array');
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  for (const [p, polygon] of polygons.entries()) {
    const base = type === 'Polygon' ? 'coordinates' : `coordinates.${p}`;
    const problem = polygonProblem(polygon, base);
    if (problem) return { ok: false, problem };
  }
  return { ok: true, geometry: { type, coordinates } as GeoJsonGeometry };
}

function polygonProblem(polygon: unknown, base: string): GeometryProblem | null {
  if (!Array.isArray(polygon) || polygon.length === 0)
    return { path: base, message: 'a polygon is a non-empty array of linear rings' };
  for (const [r, ring] of polygon.entries()) {
    const problem = ringProblem(ring, `${base}.${r}`);
    if (problem) return problem;
  }
  const crossing = kinks({
    type: 'Polygon',
    coordinates: (polygon as Ring[]).map(withoutRepeats),
  } as Parameters<typeof kinks>[0]);
  const at = crossing.features[0]?.geometry.coordinates;
  if (at)
    return {
      path: base,
      message: `rings must not intersect themselves or each other (near ${at[0]}, ${at[1]})`,
    };
  return null;
}

function ringProblem(ring: unknown, path: string): GeometryProblem | null {
  if (!Array.isArray(ring)) return { path, message: 'a linear ring is an array of positions' };
  if (ring.length < 4)
    return { path, message: `a linear ring needs at least 4 positions, it has ${ring.length}` };
  for (const [i, position] of ring.entries()) {
    const problem = positionProblem(position, `${path}.${i}`);
    if (problem) return problem;
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1])
    return { path, message: 'a linear ring must be closed: its last position must equal its first' };
  if (new Set(ring.map((p: Position) => `${p[0]},${p[1]}`)).size < 3)
    return { path, message: 'a linear ring needs at least 3 distinct positions' };
  return null;
}

function positionProblem(position: unknown, path: string): GeometryProblem | null {
  if (!Array.isArray(position) || position.length < 2 || position.length > 3)
    return { path, message: 'a position is an array of 2 or 3 numbers [lon, lat]' };
  if (!position.every((n) => typeof n === 'number' && Number.isFinite(n)))
    return { path, message: 'coordinates must be finite numbers' };
  const [lon, lat] = position as [number, number];
  if (lon < -180 || lon > 180) return { path, message: `longitude ${lon} is outside -180..180` };
  if (lat < -90 || lat > 90) return { path, message: `latitude ${lat} is outside -90..90` };
  return null;
}

/** The ring without consecutive repeated positions (they are harmless, not crossings). */
function withoutRepeats(ring: Ring): Ring {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]?.[0] || p[1] !== ring[i - 1]?.[1]);
}

export function outerRings(geometry: GeoJsonGeometry): Ring[] {
  return geometry.type === 'Polygon'
    ? [(geometry.coordinates as Ring[])[0] ?? []]
    : (geometry.coordinates as Ring[][]).map((polygon) => polygon[0] ?? []);
}

export function bboxOf(geometry: GeoJsonGeometry): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of outerRings(geometry))
    for (const [lon = 0, lat = 0] of ring) {
      if (lon < box[0]) box[0] = lon;
      if (lat < box[1]) box[1] = lat;
      if (lon > box[2]) box[2] = lon;
      if (lat > box[3]) box[3] = lat;
    }
  return box;
}

export function unionBbox(boxes: Bbox[]): Bbox | null {
  if (boxes.length === 0) return null;
  return boxes.reduce((a, b) => [
    Math.min(a[0], b[0]),
    Math.min(a[1], b[1]),
    Math.max(a[2], b[2]),
    Math.max(a[3], b[3]),
  ]);
}
