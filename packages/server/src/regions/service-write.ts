import { sql, type Updateable } from 'kysely';
import type { AppContext } from '../context.ts';
import { badRequest, conflict, notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { codeProblem, depthOf, parentProblem } from './domain/codes.ts';
import { bboxOf, checkBoundary } from './domain/geometry.ts';
import { assertMayManage } from './service-access.ts';
import type { GridLocator } from './service-locate.ts';
import { type RegionView, toView, VIEW_COLUMNS } from './service-views.ts';
import type { DedicatedType, GeoJsonGeometry, RegionLevel, RegionTable } from './tables.ts';

export interface CreateRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  gridKind?: 'basic' | 'dedicated';
  dedicatedType?: DedicatedType | null;
  households?: number | null;
  population?: number | null;
  boundary?: unknown;
}

export interface UpdateRegion {
  name?: string;
  gridKind?: 'basic' | 'dedicated';
  dedicatedType?: DedicatedType | null;
  households?: number | null;
  population?: number | null;
  /** A new boundary, or null to clear it. */
  boundary?: unknown;
  /** The version the caller last saw: a mismatch is a 409. */
  version?: number;
}

/** A checked boundary and its bbox columns, or a 422 naming the offending part. */
function boundaryColumns(value: unknown) {
  if (value === null || value === undefined)
    return { boundary: null, min_lon: null, min_lat: null, max_lon: null, max_lat: null };
  const check = checkBoundary(value);
  if (!check.ok)
    throw unprocessable(
      ['body.boundary', check.problem.path].filter(Boolean).join('.'),
      check.problem.message,
    );
  const [min_lon, min_lat, max_lon, max_lat] = bboxOf(check.geometry);
  return { boundary: JSON.stringify(check.geometry), min_lon, min_lat, max_lon, max_lat };
}

function checkGridFields(
  level: RegionLevel,
  kind: string | null | undefined,
  dedicated: string | null | undefined,
) {
  if (level !== 'grid' && kind) throw badRequest('body.gridKind', 'only grids have a grid kind');
  if (level !== 'grid' && dedicated) throw badRequest('body.dedicatedType', 'only dedicated grids have one');
  if (dedicated && kind !== 'dedicated')
    throw badRequest('body.dedicatedType', 'needs gridKind dedicated (a school, hospital, park… grid)');
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

export async function createRegion(ctx: AppContext, locator: GridLocator, actor: Actor, input: CreateRegion) {
  const bad = codeProblem(input.code, input.level, ctx.config.gridCodeWidth);
  if (bad) throw badRequest('body.code', bad);
  if (!input.name.trim()) throw badRequest('body.name', 'must not be empty');
  const kind = input.level === 'grid' ? (input.gridKind ?? 'basic') : input.gridKind;
  checkGridFields(input.level, kind, input.dedicatedType);
  const parent = input.parentCode
    ? await ctx.db
        .selectFrom('region')
        .select(['code', 'level', 'path', 'retired_at'])
        .where('code', '=', input.parentCode)
        .executeTakeFirst()
    : null;
  if (input.parentCode && !parent)
    throw unprocessable('body.parentCode', `no region has the code ${input.parentCode}`);
  if (parent?.retired_at) throw unprocessable('body.parentCode', `${parent.code} is retired`);
  const wrong = parentProblem(input, parent ?? null);
  if (wrong) throw unprocessable(`body.${wrong.field}`, wrong.message);
  const path = `${parent?.path ?? ''}${input.code}/`;
  assertMayManage(actor, path, `the new region's parent ${input.parentCode ?? ''}`.trim());
  const geometry = boundaryColumns(input.boundary);
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const created = await trx
        .insertInto('region')
        .values({
          code: input.code,
          parent_code: input.parentCode,
          level: input.level,
          name: input.name.trim(),
          path,
          depth: depthOf(input.level),
          grid_kind: input.level === 'grid' ? (kind ?? 'basic') : null,
          dedicated_type: input.dedicatedType ?? null,
          households: input.households ?? null,
          population: input.population ?? null,
          ...geometry,
        })
        .returning(VIEW_COLUMNS)
        .executeTakeFirstOrThrow();
      const { boundary: _, ...rest } = input;
      await trx
        .insertInto('region_history')
        .values({
          region_code: input.code,
          action: 'create',
          payload: JSON.stringify({ ...rest, boundary: input.boundary ?? null }),
          actor_id: actor.userId,
        })
        .execute();
      return created;
    })
    .catch((e) => {
      if (isUniqueViolation(e)) throw conflict(`a region with the code ${input.code} already exists`);
      throw e;
    });
  if (input.level === 'grid' && geometry.boundary)
    locator.apply([{ code: input.code, boundary: JSON.parse(geometry.boundary) as GeoJsonGeometry }]);
  return toView(row);
}

export async function requireActive(ctx: AppContext, code: string) {
  const row = await ctx.db
    .selectFrom('region')
    .select([...VIEW_COLUMNS, 'boundary'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw notFound(`region ${code}`);
  if (row.retired_at)
    throw conflict(`region ${code} is retired: it is kept for history and no longer changes`);
  return row;
}

export function checkVersion(expected: number | undefined, actual: number) {
  if (expected !== undefined && expected !== actual)
    throw conflict(`the region changed since version ${expected}; it is now at version ${actual}`, {
      version: actual,
    });
}

export async function updateRegion(
  ctx: AppContext,
  locator: GridLocator,
  actor: Actor,
  code: string,
  input: UpdateRegion,
): Promise<RegionView> {
  const current = await requireActive(ctx, code);
  assertMayManage(actor, current.path);
  checkVersion(input.version, current.version);
  if (input.name !== undefined && !input.name.trim()) throw badRequest('body.name', 'must not be empty');
  const kind = input.gridKind ?? current.grid_kind;
  const dedicated =
    input.dedicatedType !== undefined
      ? input.dedicatedType
      : kind === 'basic'
        ? null
        : current.dedicated_type;
  checkGridFields(current.level, input.gridKind, input.dedicatedType);
  if (current.level === 'grid') checkGridFields('grid', kind, dedicated);
  const next = {
    name: input.name?.trim(),
    households: input.households,
    population: input.population,
    grid_kind: current.level === 'grid' ? kind : undefined,
    dedicated_type: current.level === 'grid' ? dedicated : undefined,
  };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const set: Record<string, unknown> = {}; // columns of RegionTable
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || value === current[key as keyof typeof current]) continue;
    before[key] = current[key as keyof typeof current];
    after[key] = value;
    set[key] = value;
  }
  const newBoundary = input.boundary !== undefined ? boundaryColumns(input.boundary) : null;
  if (newBoundary && newBoundary.boundary !== JSON.stringify(current.boundary ?? null)) {
    before.boundary = current.boundary;
    after.boundary = newBoundary.boundary === null ? null : JSON.parse(newBoundary.boundary);
    Object.assign(set, newBoundary);
  }
  if (Object.keys(set).length === 0) return toView(current);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('region')
      .set({ ...(set as Updateable<RegionTable>), version: sql`version + 1`, updated_at: sql`now()` })
      .where('code', '=', code)
      .where('version', '=', current.version)
      .returning(VIEW_COLUMNS)
      .executeTakeFirst();
    if (!updated) throw conflict(`region ${code} changed meanwhile; reload it and try again`);
    await trx
      .insertInto('region_history')
      .values({
        region_code: code,
        action: 'update',
        payload: JSON.stringify({ before, after }),
        actor_id: actor.userId,
      })
      .execute();
    return updated;
  });
  if (current.level === 'grid' && 'boundary' in after)
    locator.apply([{ code, boundary: after.boundary as GeoJsonGeometry | null }]);
  return toView(row);
}
