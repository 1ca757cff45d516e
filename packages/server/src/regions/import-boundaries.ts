import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { type FieldError, Problem } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { outsideProblem } from './domain/containment.ts';
import { bboxOf, checkBoundary } from './domain/geometry.ts';
import { assertMayManage } from './service-access.ts';
import type { GridLocator } from './service-locate.ts';
import type { GeoJsonGeometry } from './tables.ts';

const CHUNK = 200;
const MAX_LISTED = 500;

/** A GeoJSON FeatureCollection whose features name their region in `properties.code`. */
export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: { code: string } & Record<string, unknown>; geometry: unknown }[];
}

export interface BoundaryImportOptions {
  dryRun?: boolean;
  /** Where the features are in the request, for error fields (`body.features`, `file.features`). */
  errorPrefix?: string;
}

interface Checked {
  index: number;
  code: string;
  geometry: GeoJsonGeometry;
  bbox: [number, number, number, number];
}

interface KnownRegion {
  path: string;
  level: string;
  parentCode: string | null;
  retired: boolean;
  boundary: GeoJsonGeometry | null;
}

/** Every feature's problem, as one 422 (nothing written). */
function featuresRefused(errors: FieldError[]): Problem {
  const [first] = errors as [FieldError];
  return new Problem(
    422,
    'Unprocessable Content',
    `${errors.length} problem(s), first ${first.field}: ${first.message} — nothing was imported`,
    errors.slice(0, MAX_LISTED),
    { refused: errors.length },
  );
}

async function knownRegions(ctx: AppContext, codes: string[]) {
  const regions = new Map<string, KnownRegion>();
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await ctx.db
      .selectFrom('region')
      .select(['code', 'path', 'level', 'parent_code', 'retired_at', 'boundary'])
      .where('code', 'in', codes.slice(i, i + 1000))
      .execute();
    for (const r of rows)
      regions.set(r.code, {
        path: r.path,
        level: r.level,
        parentCode: r.parent_code,
        retired: r.retired_at !== null,
        boundary: r.boundary,
      });
  }
  return regions;
}

/**
 * Set the boundaries of existing regions from a FeatureCollection. Every feature is checked
 * first (valid geometry; a known, active, unrepeated code; inside its parent's boundary, from
 * the file or the database); any problem refuses the whole collection with a 422 listing every
 * one. Then one transaction (unless a dry run), and the locate index follows.
 */
export async function importBoundaries(
  ctx: AppContext,
  locator: GridLocator,
  actor: Actor,
  collection: BoundaryCollection,
  options: BoundaryImportOptions = {},
): Promise<{ updated: number; dryRun: boolean }> {
  const prefix = options.errorPrefix ?? 'body.features';
  const errors: FieldError[] = [];
  const checked: Checked[] = [];
  const seen = new Map<string, number>();
  for (const [i, feature] of collection.features.entries()) {
    const code = String(feature.properties.code ?? '');
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      errors.push({ field: `${prefix}.${i}.properties.code`, message: `${code} repeats feature ${earlier}` });
      continue;
    }
    seen.set(code, i);
    const check = checkBoundary(feature.geometry);
    if (!check.ok) {
      const field = [`${prefix}.${i}.geometry`, check.problem.path].filter(Boolean).join('.');
      errors.push({ field, message: check.problem.message });
      continue;
    }
    checked.push({ index: i, code, geometry: check.geometry, bbox: bboxOf(check.geometry) });
  }
  const regions = await knownRegions(ctx, [...seen.keys()]);
  const inFile = new Map(checked.map((c) => [c.code, c.geometry]));
  const parents = await knownRegions(ctx, [
    ...new Set([...regions.values()].flatMap((r) => (r.parentCode ? [r.parentCode] : []))),
  ]);
  for (const c of checked) {
    const field = `${prefix}.${c.index}.properties.code`;
    const region = regions.get(c.code);
    if (!region) {
      errors.push({ field, message: `no region has the code ${c.code}` });
      continue;
    }
    if (region.retired) {
      errors.push({ field, message: `${c.code} is retired` });
      continue;
    }
    assertMayManage(actor, region.path, `feature ${c.index} (${c.code})`);
    const parentCode = region.parentCode;
    const parentBoundary = parentCode ? (inFile.get(parentCode) ?? parents.get(parentCode)?.boundary) : null;
    const outside =
      parentCode && parentBoundary ? outsideProblem(c.geometry, parentBoundary, parentCode) : null;
    if (outside) errors.push({ field: `${prefix}.${c.index}.geometry`, message: outside });
  }
  if (errors.length) throw featuresRefused(errors.sort((a, b) => indexOf(a) - indexOf(b)));
  if (options.dryRun) return { updated: checked.length, dryRun: true };
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
  return { updated: checked.length, dryRun: false };
}

/** The feature number inside an error's field, for listing errors in file order. */
function indexOf(error: FieldError): number {
  return Number(/\.(\d+)\./.exec(error.field)?.[1] ?? 0);
}
