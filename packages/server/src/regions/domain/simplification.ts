import { simplify } from '@turf/simplify';
import type { GeoJsonGeometry } from '../tables.ts';
import type { Bbox } from './geometry.ts';

/** A map drawing the whole extent is about this many pixels across. */
const PIXELS_ACROSS = 2000;
/** Below this tolerance (about a metre) simplifying saves nothing worth the change. */
const NEGLIGIBLE = 1e-5;
export const MAX_TOLERANCE = 0.1;

/**
 * The simplification tolerance (degrees) for drawing boundaries over `extent`: about half a
 * pixel of a map showing the whole extent, so a city of thousands of grids stays light while a
 * community's grids keep their exact shape. An explicit request wins (0 = exact).
 */
export function chooseTolerance(extent: Bbox | null, requested?: number): number {
  if (requested !== undefined) return Math.min(Math.max(requested, 0), MAX_TOLERANCE);
  if (!extent) return 0;
  const span = Math.max(extent[2] - extent[0], extent[3] - extent[1]);
  const tolerance = span / PIXELS_ACROSS / 2;
  return tolerance < NEGLIGIBLE ? 0 : tolerance;
}

/** The geometry with fewer positions, every ring still closed with at least 4 of them. */
export function simplifyBoundary(geometry: GeoJsonGeometry, tolerance: number): GeoJsonGeometry {
  if (tolerance <= 0) return geometry;
  return simplify(geometry as Parameters<typeof simplify>[0], {
    tolerance,
    highQuality: false,
    mutate: false,
  }) as GeoJsonGeometry;
}
