import type { Selectable } from 'kysely';
import type { DedicatedType, GeoJsonGeometry, RegionLevel, RegionTable } from './tables.ts';

/** A region as the API and other modules see it (without its boundary). */
export interface RegionView {
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
  /** Ancestors' codes and its own, '/'-joined and ending in '/': a subtree is `path like 'p%'`. */
  path: string;
  depth: number;
  gridKind: 'basic' | 'dedicated' | null;
  dedicatedType: DedicatedType | null;
  households: number | null;
  population: number | null;
  /** [minLon, minLat, maxLon, maxLat] of its boundary, null without one. */
  bbox: [number, number, number, number] | null;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A region named in an ancestor chain. */
export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface RegionDetail extends RegionView {
  /** Root first, ending with the parent. */
  ancestors: RegionRef[];
  childCount: number;
  boundary: GeoJsonGeometry | null;
}

/** Every column but the boundary (which is large and only some answers need). */
export const VIEW_COLUMNS = [
  'code',
  'parent_code',
  'level',
  'name',
  'path',
  'depth',
  'grid_kind',
  'dedicated_type',
  'households',
  'population',
  'min_lon',
  'min_lat',
  'max_lon',
  'max_lat',
  'retired_at',
  'created_at',
  'updated_at',
  'version',
] as const;

export type RegionRow = Pick<Selectable<RegionTable>, (typeof VIEW_COLUMNS)[number]>;

/** Kysely types nested `Generated<Timestamp>` columns loosely; the driver gives Dates. */
const iso = (value: unknown) => new Date(value as Date | string).toISOString();

export function toView(row: RegionRow): RegionView {
  const hasBox = row.min_lon !== null && row.min_lat !== null && row.max_lon !== null && row.max_lat !== null;
  return {
    code: row.code,
    parentCode: row.parent_code,
    level: row.level,
    name: row.name,
    path: row.path,
    depth: row.depth,
    gridKind: row.grid_kind,
    dedicatedType: row.dedicated_type,
    households: row.households,
    population: row.population,
    bbox: hasBox
      ? ([row.min_lon, row.min_lat, row.max_lon, row.max_lat] as [number, number, number, number])
      : null,
    retiredAt: row.retired_at ? iso(row.retired_at) : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

export function toRef(row: { code: string; name: string; level: RegionLevel }): RegionRef {
  return { code: row.code, name: row.name, level: row.level };
}

/** The codes of a region's ancestors, root first, read from its path. */
export function ancestorCodes(path: string): string[] {
  return path.split('/').filter(Boolean).slice(0, -1);
}
