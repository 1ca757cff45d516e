import { readFileSync } from 'node:fs';
import type { Insertable } from 'kysely';
import type { AppContext } from '../../context.ts';
import { toMultiPolygon } from '../geo/geometry.ts';
import type { GeoJsonGeometry, RegionTable } from '../tables.ts';
import { bboxColumns, buildCity, type DemoRegion } from './city-builder.ts';
import { cleanDistricts } from './district-boundaries.ts';
import { parseDivisions } from './divisions.ts';

/** The seed every demo city is generated from: the same seed gives the same streets and grids. */
export const DEMO_SEED = 'civicgrid-tianjin-1';
export const TIANJIN_CITY_CODE = '120000000000';
const DATA_DIR = new URL('../../../../../data/tianjin/', import.meta.url);
const BATCH = 500;

interface DistrictFeatures {
  features: { properties: { code: string }; geometry: GeoJsonGeometry }[];
}

/** The generated Tianjin demo city (pure apart from reading data/tianjin). */
export function generateTianjin(seed = DEMO_SEED): DemoRegion[] {
  const divisions = parseDivisions(readFileSync(new URL('divisions.csv', DATA_DIR), 'utf8'));
  const geojson = JSON.parse(
    readFileSync(new URL('districts.geojson', DATA_DIR), 'utf8'),
  ) as DistrictFeatures;
  const { city, districts } = cleanDistricts(
    geojson.features.map((f) => ({ code: f.properties.code, polygons: toMultiPolygon(f.geometry) })),
  );
  return buildCity({ divisions, city, districts: new Map(districts.map((d) => [d.code, d.polygons])), seed });
}

function toRow(r: DemoRegion): Insertable<RegionTable> {
  return {
    code: r.code,
    parent_code: r.parentCode,
    level: r.level,
    name: r.name,
    path: r.path,
    depth: r.depth,
    grid_kind: r.gridKind,
    dedicated_type: r.dedicatedType,
    households: r.households,
    population: r.population,
    boundary: JSON.stringify(r.boundary),
    ...bboxColumns(r.polygons),
  };
}

/**
 * Seed the Tianjin demo city's regions: the real tree (1 city, 16 districts, 299 streets,
 * 5,617 communities) and about 15,000 generated grids, with generated boundaries. Idempotent:
 * does nothing when the city is already there. One transaction.
 */
export async function seedTianjinRegions(ctx: AppContext): Promise<void> {
  const existing = await ctx.db
    .selectFrom('region')
    .select('code')
    .where('code', '=', TIANJIN_CITY_CODE)
    .executeTakeFirst();
  if (existing) return;
  const started = Date.now();
  const regions = generateTianjin();
  const generatedMs = Date.now() - started;
  const rows = regions.map(toRow);
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await trx
        .insertInto('region')
        .values(rows.slice(i, i + BATCH))
        .execute();
    }
  });
  ctx.log.info(
    { regions: rows.length, generatedMs, ms: Date.now() - started },
    'Tianjin demo regions seeded',
  );
}
