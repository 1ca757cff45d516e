import type { Generated } from 'kysely';

import type { Json, Timestamp } from '../db/column-types.ts';

export type { Json, Timestamp } from '../db/column-types.ts';

export type RegionLevel = 'city' | 'district' | 'street' | 'community' | 'grid';
export type DedicatedType = 'school' | 'hospital' | 'enterprise' | 'park' | 'market' | 'government' | 'other';

export interface GeoJsonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface RegionTable {
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  name: string;
  path: string;
  depth: number;
  grid_kind: 'basic' | 'dedicated' | null;
  dedicated_type: DedicatedType | null;
  households: number | null;
  population: number | null;
  boundary: Json<GeoJsonGeometry> | null;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  retired_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface RegionHistoryTable {
  id: Generated<number>;
  region_code: string;
  action: string;
  payload: Json<Record<string, unknown>>;
  actor_id: number | null;
  at: Generated<Timestamp>;
}

export interface RegionsTables {
  region: RegionTable;
  region_history: RegionHistoryTable;
}
