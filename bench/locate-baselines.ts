/** The references LocateIndex is measured against, each answering "which grid holds (lon, lat)". */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import pg from 'pg';
import {
  bboxOf,
  containsPoint,
  type MultiPolygonCoords,
} from '../packages/server/src/regions/geo/geometry.ts';
import type { GeoJsonGeometry } from '../packages/server/src/regions/tables.ts';

export interface BenchGrid {
  code: string;
  geometry: GeoJsonGeometry;
  polygons: MultiPolygonCoords;
}

export type Locate = (lon: number, lat: number) => string | null;

/** (b) Every grid in turn with turf's point-in-polygon; the smallest code among hits. */
export function naiveTurf(grids: BenchGrid[]): Locate {
  const sorted = [...grids].sort((a, b) => (a.code < b.code ? -1 : 1));
  return (lon, lat) => {
    for (const g of sorted)
      if (booleanPointInPolygon([lon, lat], g.geometry as Parameters<typeof booleanPointInPolygon>[1]))
        return g.code;
    return null;
  };
}

/** (c) A flatbush R-tree of grid bounding boxes, then a point-in-polygon test of each candidate. */
export function flatbushPip(grids: BenchGrid[]): Locate {
  const sorted = [...grids].sort((a, b) => (a.code < b.code ? -1 : 1));
  const index = new Flatbush(sorted.length);
  for (const g of sorted) {
    const box = bboxOf(g.polygons);
    if (box) index.add(box.minLon, box.minLat, box.maxLon, box.maxLat);
    else index.add(Number.NaN, Number.NaN, Number.NaN, Number.NaN);
  }
  index.finish();
  return (lon, lat) => {
    let best: string | null = null;
    for (const i of index.search(lon, lat, lon, lat)) {
      const g = sorted[i] as BenchGrid;
      if ((best === null || g.code < best) && containsPoint(g.polygons, lon, lat)) best = g.code;
    }
    return best;
  };
}

/** (d) PostGIS: a scratch database with the grids and a GiST index, queried in batches. */
export class PostgisReference {
  private constructor(
    private readonly admin: pg.Client,
    private readonly pool: pg.Pool,
    private readonly database: string,
  ) {}

  /** null (with the reason printed) when the server is unreachable or has no PostGIS. */
  static async open(url: string, name: string): Promise<PostgisReference | null> {
    const admin = new pg.Client({ connectionString: url });
    try {
      await admin.connect();
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      const pool = new pg.Pool({ connectionString: target.toString(), max: 1 });
      const reference = new PostgisReference(admin, pool, name);
      try {
        await pool.query('create extension if not exists postgis');
      } catch (error) {
        console.log(`PostGIS left out: ${(error as Error).message}`);
        await reference.close();
        return null;
      }
      return reference;
    } catch (error) {
      console.log(`PostGIS left out: ${(error as Error).message}`);
      await admin.end().catch(() => {});
      return null;
    }
  }

  /** Load the grids and build the GiST index; returns the milliseconds each took. */
  async load(grids: BenchGrid[]): Promise<{ loadMs: number; indexMs: number }> {
    await this.pool.query('drop table if exists grid');
    await this.pool.query(
      'create table grid (code text primary key, geom geometry(MultiPolygon, 4326) not null)',
    );
    const started = performance.now();
    for (let i = 0; i < grids.length; i += 2000) {
      const batch = grids.slice(i, i + 2000);
      await this.pool.query(
        `insert into grid (code, geom)
         select c, ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON(g)), 4326) from unnest($1::text[], $2::text[]) t(c, g)`,
        [batch.map((g) => g.code), batch.map((g) => JSON.stringify(g.geometry))],
      );
    }
    const loaded = performance.now();
    await this.pool.query('create index grid_geom_idx on grid using gist (geom)');
    await this.pool.query('analyze grid');
    return { loadMs: loaded - started, indexMs: performance.now() - loaded };
  }

  /** Locate many points in one statement (one backend, one core); codes in point order. */
  async locateMany(points: Float64Array, from: number, count: number): Promise<(string | null)[]> {
    const lons: number[] = [];
    const lats: number[] = [];
    for (let i = from; i < from + count; i++) {
      lons.push(points[2 * i] as number);
      lats.push(points[2 * i + 1] as number);
    }
    const result = await this.pool.query<{ code: string | null }>(
      `select hit.code from unnest($1::float8[], $2::float8[]) with ordinality p(lon, lat, n)
       left join lateral (
         select code from grid where ST_Contains(geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
         order by code limit 1) hit on true
       order by p.n`,
      [lons, lats],
    );
    return result.rows.map((r) => r.code);
  }

  async close(): Promise<void> {
    await this.pool.end();
    await this.admin.query(`drop database if exists ${this.database}`);
    await this.admin.end();
  }
}
