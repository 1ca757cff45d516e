import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { bboxOf, checkBoundary } from './domain/geometry.ts';
import { assertMayManage } from './service-access.ts';
import type { GridLocator } from './service-locate.ts';
import type { GeoJsonGeometry } from './tables.ts';

const CHUNK = 200;

/** A GeoJSON FeatureCollection whose features name their region in `properties.code`. */
export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: { code: string } & Record<string, unknown>; geometry: unknown }[];
}

interface Checked {
  code: string;
  geometry: GeoJsonGeometry;
  bbox: [number, number, number, number];
}

/**
 * Set the boundaries of existing regions from a FeatureCollection. Every feature is checked
 * first; one bad feature (invalid geometry, unknown, repeated or retired code) refuses the whole
 * collection with a 422 naming it. Then one transaction, and the locate index follows.
 */
export async function importBoundaries(
  ctx: AppContext,
  locator: GridLocator,
  actor: Actor,
  collection: BoundaryCollection,
): Promise<{ updated: number }> {
  const checked: Checked[] = [];
  const seen = new Map<string, number>();
  for (const [i, feature] of collection.features.entries()) {
    const code = feature.properties.code;
    const earlier = seen.get(code);
    if (earlier !== undefined)
      throw unprocessable(`body.features.${i}.properties.code`, `${code} repeats feature ${earlier}`);
    seen.set(code, i);
    const check = checkBoundary(feature.geometry);
    if (!check.ok)
      throw unprocessable(
        ['body', 'features', String(i), 'geometry', check.problem.path].filter(Boolean).join('.'),
        check.problem.message,
        { feature: i, code },
      );
    checked.push({ code, geometry: check.geometry, bbox: bboxOf(check.geometry) });
  }
  const regions = new Map<string, { path: string; level: string; retired: boolean }>();
  const codes = [...seen.keys()];
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await ctx.db
      .selectFrom('region')
      .select(['code', 'path', 'level', 'retired_at'])
      .where('code', 'in', codes.slice(i, i + 1000))
      .execute();
    for (const r of rows)
      regions.set(r.code, { path: r.path, level: r.level, retired: r.retired_at !== null });
  }
  for (const [i, { code }] of checked.entries()) {
    const region = regions.get(code);
    if (!region) throw unprocessable(`body.features.${i}.properties.code`, `no region has the code ${code}`);
    if (region.retired) throw unprocessable(`body.features.${i}.properties.code`, `${code} is retired`);
    assertMayManage(actor, region.path, `feature ${i} (${code})`);
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < checked.length; i += CHUNK) {
      const chunk = checked.slice(i, i + CHUNK);
      const values = chunk.map(
        (c) =>
          sql`(${c.code}, ${JSON.stringify(c.geometry)}::jsonb, ${c.bbox[0]}::float8, ${c.bbox[1]}::float8, ${c.bbox[2]}::float8, ${c.bbox[3]}::float8)`,
      );
      await sql`
        update region set boundary = v.boundary, min_lon = v.min_lon, min_lat = v.min_lat,
          max_lon = v.max_lon, max_lat = v.max_lat, version = region.version + 1, updated_at = now()
        from (values ${sql.join(values)}) as v(code, boundary, min_lon, min_lat, max_lon, max_lat)
        where region.code = v.code`.execute(trx);
      await trx
        .insertInto('region_history')
        .values(
          chunk.map((c) => ({
            region_code: c.code,
            action: 'update',
            payload: JSON.stringify({ source: 'boundary import', after: { boundary: c.geometry } }),
            actor_id: actor.userId,
          })),
        )
        .execute();
    }
  });
  locator.apply(
    checked
      .filter((c) => regions.get(c.code)?.level === 'grid')
      .map((c) => ({ code: c.code, boundary: c.geometry })),
  );
  return { updated: checked.length };
}
