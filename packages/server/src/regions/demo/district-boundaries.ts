import polygonClipping from 'polygon-clipping';
import { bboxOf, type MultiPolygonCoords, type Position, planarArea } from '../geo/geometry.ts';

export interface DistrictShape {
  code: string;
  polygons: MultiPolygonCoords;
}

export interface CleanedDistricts {
  city: MultiPolygonCoords;
  districts: DistrictShape[];
}

const ON_EDGE = 1e-9;

function distanceToSegment(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared
    ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared))
    : 0;
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** How many of the gap's vertices lie on the district's boundary: the gap goes to its best neighbour. */
function sharedVertices(gap: MultiPolygonCoords, district: MultiPolygonCoords): number {
  const box = bboxOf(gap);
  const around = bboxOf(district);
  if (!box || !around || box.minLon > around.maxLon || box.maxLon < around.minLon) return 0;
  if (box.minLat > around.maxLat || box.maxLat < around.minLat) return 0;
  let shared = 0;
  for (const vertex of gap[0]?.[0] ?? []) {
    const touches = district.some((polygon) =>
      polygon.some((ring) =>
        ring.some((a, i) => i > 0 && distanceToSegment(vertex, ring[i - 1] as Position, a) < ON_EDGE),
      ),
    );
    if (touches) shared++;
  }
  return shared;
}

/**
 * Real district outlines overlap a little and leave slivers between them. Make them tile the
 * city: each district loses what earlier ones (in code order) already cover, and each sliver
 * inside the city's outline goes to the district it borders most.
 */
export function cleanDistricts(raw: DistrictShape[]): CleanedDistricts {
  const ordered = [...raw].sort((a, b) => a.code.localeCompare(b.code));
  const union = polygonClipping.union(...(ordered.map((d) => d.polygons) as [MultiPolygonCoords]));
  const city: MultiPolygonCoords = union.map((polygon) => [polygon[0] as Position[]]);
  let covered: MultiPolygonCoords = [];
  const districts = ordered.map((d) => {
    const own = polygonClipping.difference(d.polygons, covered) as MultiPolygonCoords;
    covered = polygonClipping.union(covered, own) as MultiPolygonCoords;
    return { code: d.code, polygons: own };
  });
  const gaps = polygonClipping.difference(city, covered) as MultiPolygonCoords;
  for (const gap of gaps) {
    let best: DistrictShape | undefined;
    let bestShared = 0;
    for (const district of districts) {
      const shared = sharedVertices([gap], district.polygons);
      if (shared > bestShared) {
        best = district;
        bestShared = shared;
      }
    }
    if (best) best.polygons = polygonClipping.union(best.polygons, [gap]) as MultiPolygonCoords;
  }
  return { city, districts: districts.filter((d) => planarArea(d.polygons) > 0) };
}
