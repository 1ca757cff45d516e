import polygonClipping from 'polygon-clipping';
import { type MultiPolygonCoords, planarArea, toMultiPolygon } from '../geo/geometry.ts';
import type { GeoJsonGeometry } from '../tables.ts';

/**
 * How much of a child may lie outside its parent before it is refused: boundaries drawn by
 * different offices (and simplified differently) disagree a little along shared edges.
 */
export const OUTSIDE_TOLERANCE = 0.02;

/** The share (0–1) of `child`'s area lying outside `parent`. */
export function shareOutside(child: GeoJsonGeometry, parent: GeoJsonGeometry): number {
  const c = toMultiPolygon(child);
  const area = planarArea(c);
  if (area <= 0) return 0;
  const outside = polygonClipping.difference(c, toMultiPolygon(parent)) as MultiPolygonCoords;
  return planarArea(outside) / area;
}

/** Why a child boundary does not fit its parent's, or null when it does (within the tolerance). */
export function outsideProblem(child: GeoJsonGeometry, parent: GeoJsonGeometry, parentCode: string) {
  const share = shareOutside(child, parent);
  return share > OUTSIDE_TOLERANCE
    ? `${Math.round(share * 100)}% of it lies outside its parent ${parentCode}'s boundary`
    : null;
}
