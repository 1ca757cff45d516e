import type { AppContext } from '../context.ts';
import { badRequest } from '../http/problem.ts';
import { depthOf, levelBelow } from './domain/codes.ts';
import { type Bbox, bboxOf, unionBbox } from './domain/geometry.ts';
import { chooseTolerance, simplifyBoundary } from './domain/simplification.ts';
import type { RegionView } from './service-views.ts';
import type { GeoJsonGeometry, RegionLevel } from './tables.ts';

export interface BoundaryQuery {
  /** Which level to draw; by default the level below the region (the region itself for a grid). */
  level?: RegionLevel;
  /** Tolerance in degrees (0 = exact); by default chosen from the extent drawn. */
  simplify?: number;
}

export interface ExportQuery {
  includeRetired?: boolean;
}

interface Feature<P> {
  type: 'Feature';
  id: string;
  properties: P;
  geometry: GeoJsonGeometry | null;
}

export interface BoundaryCollectionOut {
  type: 'FeatureCollection';
  bbox?: Bbox;
  /** The simplification tolerance applied, in degrees (0: exact). */
  tolerance: number;
  features: Feature<{ code: string; name: string; level: RegionLevel }>[];
}

interface Regions {
  require(code: string): Promise<RegionView>;
}

/** The boundaries of one level inside a region's subtree, simplified for the extent drawn. */
export async function boundariesOf(
  ctx: AppContext,
  regions: Regions,
  code: string,
  query: BoundaryQuery,
): Promise<BoundaryCollectionOut> {
  const region = await regions.require(code);
  const level = query.level ?? levelBelow(region.level) ?? region.level;
  if (depthOf(level) < depthOf(region.level))
    throw badRequest(
      'query.level',
      `a ${region.level} contains no ${level}: ask for ${region.level} or a level below`,
    );
  const rows = await ctx.db
    .selectFrom('region')
    .select(['code', 'name', 'level', 'boundary'])
    .where('path', 'like', `${region.path}%`)
    .where('level', '=', level)
    .where('retired_at', 'is', null)
    .where('boundary', 'is not', null)
    .orderBy('code')
    .execute();
  const geometries = rows.map((r) => r.boundary as GeoJsonGeometry);
  const extent = region.bbox ?? unionBbox(geometries.map(bboxOf));
  const tolerance = chooseTolerance(extent, query.simplify);
  return {
    type: 'FeatureCollection',
    ...(extent ? { bbox: extent } : {}),
    tolerance,
    features: rows.map((r, i) => ({
      type: 'Feature',
      id: r.code,
      properties: { code: r.code, name: r.name, level: r.level },
      geometry: simplifyBoundary(geometries[i] as GeoJsonGeometry, tolerance),
    })),
  };
}

export interface ExportProperties {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  gridKind: string | null;
  dedicatedType: string | null;
  households: number | null;
  population: number | null;
  retiredAt: string | null;
}

/**
 * The whole subtree (the region and every descendant, parents first) as a GeoJSON
 * FeatureCollection with exact boundaries; regions without one have a null geometry. Its
 * features can be imported again through the boundaries import (properties.code).
 */
export async function exportSubtree(ctx: AppContext, regions: Regions, code: string, query: ExportQuery) {
  const region = await regions.require(code);
  const rows = await ctx.db
    .selectFrom('region')
    .select([
      'code',
      'name',
      'level',
      'parent_code',
      'grid_kind',
      'dedicated_type',
      'households',
      'population',
      'boundary',
      'retired_at',
    ])
    .where('path', 'like', `${region.path}%`)
    .$if(!query.includeRetired, (q) => q.where('retired_at', 'is', null))
    .orderBy('depth')
    .orderBy('code')
    .execute();
  const features: Feature<ExportProperties>[] = rows.map((r) => ({
    type: 'Feature',
    id: r.code,
    properties: {
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parent_code,
      gridKind: r.grid_kind,
      dedicatedType: r.dedicated_type,
      households: r.households,
      population: r.population,
      retiredAt: r.retired_at ? new Date(r.retired_at).toISOString() : null,
    },
    geometry: (r.boundary as GeoJsonGeometry | null) ?? null,
  }));
  return { type: 'FeatureCollection' as const, features };
}
