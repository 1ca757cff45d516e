import type { GeoJsonGeometry } from '../tables.ts';

/** A ring is a closed list of [lon, lat] positions (first = last); a polygon is outer ring + holes. */
export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];
export type MultiPolygonCoords = PolygonCoords[];

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Every polygon of a Polygon or MultiPolygon geometry, as a MultiPolygon's coordinates. */
export function toMultiPolygon(geometry: GeoJsonGeometry): MultiPolygonCoords {
  return geometry.type === 'Polygon'
    ? [geometry.coordinates as PolygonCoords]
    : (geometry.coordinates as MultiPolygonCoords);
}

/** The simplest GeoJSON for some polygons: a Polygon when there is one, else a MultiPolygon. */
export function fromMultiPolygon(polygons: MultiPolygonCoords): GeoJsonGeometry {
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] as PolygonCoords }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** Signed planar area of a ring (shoelace), positive when counter-clockwise. */
export function ringSignedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    sum += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return sum / 2;
}

/** Planar area (in square degrees) of polygons with holes: outer rings minus holes. */
export function planarArea(polygons: MultiPolygonCoords): number {
  let area = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, i) => {
      const a = Math.abs(ringSignedArea(ring));
      area += i === 0 ? a : -a;
    });
  }
  return area;
}

/** The bounding box of polygons, or null when they have no positions. */
export function bboxOf(polygons: MultiPolygonCoords): BBox | null {
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return minLon <= maxLon ? { minLon, minLat, maxLon, maxLat } : null;
}

/**
 * Whether a point is inside polygons (even-odd over every ring, so holes are outside), with the
 * half-open rule LocateIndex uses: a point on an edge belongs to the polygon on its right/upper side.
 */
export function containsPoint(polygons: MultiPolygonCoords, lon: number, lat: number): boolean {
  let inside = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const p = ring[j] as Position;
        const q = ring[i] as Position;
        const [a, b] = p[1] <= q[1] ? [p, q] : [q, p];
        if (a[1] <= lat && lat < b[1] && (b[0] - a[0]) * (lat - a[1]) - (b[1] - a[1]) * (lon - a[0]) > 0) {
          inside = !inside;
        }
      }
    }
  }
  return inside;
}
