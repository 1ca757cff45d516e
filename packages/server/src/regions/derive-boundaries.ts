import type { Db } from '../db/database.ts';
import { bboxOf, fromMultiPolygon, type MultiPolygonCoords, toMultiPolygon } from './geo/geometry.ts';
import { partition } from './geo/partition.ts';
import { randomFor } from './geo/random.ts';
import type { GeoJsonGeometry } from './tables.ts';

/** The seed derived boundaries are drawn from: the same tree always gives the same outlines. */
export const DERIVE_SEED = 'civicgrid-derived-1';

export interface DerivedBoundary {
  code: string;
  polygons: MultiPolygonCoords;
}

/**
 * Boundaries drawn where a city has none, as the demo does: a region without one is a part of
 * its parent's (partitioned among all the parent's children, when none of them has one),
 * recursively up to the nearest ancestor that has a boundary. Reads only; `derived` lists what
 * to write.
 */
export function createBoundaryDeriver(db: Db) {
  const memo = new Map<string, MultiPolygonCoords | null>();
  const derived: DerivedBoundary[] = [];

  async function regionOf(code: string) {
    return db
      .selectFrom('region')
      .select(['code', 'parent_code', 'boundary'])
      .where('code', '=', code)
      .executeTakeFirst();
  }

  async function boundaryOf(code: string): Promise<MultiPolygonCoords | null> {
    if (memo.has(code)) return memo.get(code) ?? null;
    const region = await regionOf(code);
    if (!region) return null;
    if (region.boundary) {
      const own = toMultiPolygon(region.boundary as GeoJsonGeometry);
      memo.set(code, own);
      return own;
    }
    const parentPolygons = region.parent_code ? await boundaryOf(region.parent_code) : null;
    if (!parentPolygons || !region.parent_code) {
      memo.set(code, null);
      return null;
    }
    const siblings = await db
      .selectFrom('region')
      .select(['code', 'boundary'])
      .where('parent_code', '=', region.parent_code)
      .where('retired_at', 'is', null)
      .orderBy('code')
      .execute();
    if (siblings.some((s) => s.boundary !== null)) {
      memo.set(code, null);
      return null;
    }
    const parts = partition(parentPolygons, siblings.length, randomFor(DERIVE_SEED, region.parent_code));
    siblings.forEach((s, i) => {
      const polygons = parts[i] as MultiPolygonCoords;
      memo.set(s.code, polygons);
      derived.push({ code: s.code, polygons });
    });
    return memo.get(code) ?? null;
  }

  return { boundaryOf, derived };
}

/** Split a parent's polygons into `count` parts, deterministic from the parent's code. */
export function splitAmong(
  parentCode: string,
  polygons: MultiPolygonCoords,
  count: number,
): MultiPolygonCoords[] {
  return partition(polygons, count, randomFor(DERIVE_SEED, `${parentCode}:grids`));
}

/** A boundary's columns as stored: the GeoJSON and its bounding box. */
export function boundaryColumns(polygons: MultiPolygonCoords) {
  const box = bboxOf(polygons);
  return {
    boundary: JSON.stringify(fromMultiPolygon(polygons)),
    min_lon: box?.minLon ?? null,
    min_lat: box?.minLat ?? null,
    max_lon: box?.maxLon ?? null,
    max_lat: box?.maxLat ?? null,
  };
}
