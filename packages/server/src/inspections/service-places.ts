import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import { countCapped } from '../db/count-capped.ts';
import type { DB } from '../db/schema.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { can } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { placesChanged } from './board-counters.ts';
import { nextDue, type PlaceType, type RiskTier } from './domain/places.ts';
import { districtOf, inScope, regionIn, requireIn } from './scope.ts';
import { placePage, placeViews } from './service-place-page.ts';
import type { Licence, PlaceRow } from './tables.ts';

export type { PlaceRow };

export interface PlaceInput {
  key: string;
  name: string;
  type: PlaceType;
  sizeClass?: 'small' | 'medium' | 'large';
  areaM2?: number | null;
  address?: string | null;
  location?: { lon: number; lat: number } | null;
  gridCode?: string | null;
  safetyGridCode?: string | null;
  responsible?: { name?: string | null; phone?: string | null } | null;
  licences?: Licence[];
  riskTier?: RiskTier;
}

export interface PlaceChanges extends Partial<Omit<PlaceInput, 'key'>> {
  version?: number;
  retired?: boolean;
}

export interface PlaceList {
  region?: string;
  type?: string;
  riskTier?: RiskTier;
  q?: string;
  overdue?: boolean;
  limit: number;
  offset: number;
}

/** The grid a place lies in: by its point, or the grid given with an address. */
export async function locatePlace(
  ctx: AppContext,
  input: { location?: { lon: number; lat: number } | null; gridCode?: string | null },
  field: string,
): Promise<{ gridCode: string; regionPath: string }> {
  let code = input.gridCode ?? null;
  let where = `${field}.gridCode`;
  if (input.location) {
    code = await ctx.services.regions.locator.locate(input.location.lon, input.location.lat);
    where = `${field}.location`;
    if (!code) throw unprocessable(where, 'the point is outside the city');
  }
  if (!code)
    throw unprocessable(`${field}.location`, 'give a point (location) or the grid of the address (gridCode)');
  const grid = await ctx.db
    .selectFrom('region')
    .select(['path', 'level'])
    .where('code', '=', code)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (grid?.level !== 'grid') throw unprocessable(where, `no active grid ${code}`);
  return { gridCode: code, regionPath: grid.path };
}

export async function findPlace(db: Kysely<DB>, id: number): Promise<PlaceRow | undefined> {
  return db.selectFrom('place').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A place the actor may see for the action, or 404. */
export async function placeFor(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: 'place.read' | 'place.manage' = 'place.read',
) {
  const row = await findPlace(ctx.db, id);
  if (!row || !can(actor, 'place.read', { regionPath: row.region_path })) throw notFound(`place ${id}`);
  if (action !== 'place.read') requireIn(actor, action, row.region_path, `place ${id}`);
  return row;
}

export async function listPlaces(ctx: AppContext, actor: Actor, f: PlaceList) {
  const region = f.region ? await regionIn(ctx, actor, 'place.read', f.region, 'query.region') : null;
  let query = ctx.db.selectFrom('place').where(inScope(actor, 'place.read', 'place.region_path'));
  if (region) query = query.where('region_path', 'like', `${region.path}%`);
  if (f.type) query = query.where('place_type', '=', f.type);
  if (f.riskTier) query = query.where('risk_tier', '=', f.riskTier);
  if (f.q)
    query = query.where((eb) => eb.or([eb('name', 'like', `%${f.q}%`), eb('key', '=', f.q as string)]));
  if (f.overdue) query = query.where('retired_at', 'is', null).where('next_due_at', '<', serverNow(ctx));
  const [rows, counted] = await Promise.all([
    query
      .selectAll()
      .orderBy(f.overdue ? 'next_due_at' : 'id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    countCapped(ctx.db, query),
  ]);
  return { items: await placeViews(ctx, rows), ...counted };
}

export async function createPlace(ctx: AppContext, actor: Actor, input: PlaceInput) {
  const at = await locatePlace(ctx, input, 'body');
  requireIn(actor, 'place.manage', at.regionPath, `grid ${at.gridCode}`);
  if (input.safetyGridCode) await safetyGrid(ctx, input.safetyGridCode, 'body.safetyGridCode');
  const now = serverNow(ctx);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('place').select('id').where('key', '=', input.key).executeTakeFirst();
    if (taken)
      throw conflict(`a place with key ${input.key} exists`, { field: 'body.key', id: Number(taken.id) });
    const person =
      input.responsible?.name || input.responsible?.phone
        ? await ctx.services.identity.persons.create(trx, { ...input.responsible, regionPath: at.regionPath })
        : null;
    const tier = input.riskTier ?? 'low';
    const row = await trx
      .insertInto('place')
      .values({
        key: input.key,
        name: input.name,
        place_type: input.type,
        size_class: input.sizeClass ?? 'small',
        area_m2: input.areaM2 ?? null,
        address: input.address ?? null,
        lon: input.location?.lon ?? null,
        lat: input.location?.lat ?? null,
        grid_code: at.gridCode,
        region_path: at.regionPath,
        district_code: districtOf(at.regionPath),
        safety_grid_code: input.safetyGridCode ?? null,
        responsible_person_id: person,
        licences: JSON.stringify(input.licences ?? []),
        risk_tier: tier,
        next_due_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'place_type', 'region_path', 'retired_at'])
      .executeTakeFirstOrThrow();
    await placesChanged(trx, [], [{ ...row, id: Number(row.id) }]);
    return Number(row.id);
  });
  return placePage(ctx, actor, id);
}

/** A dedicated or safety-supervision grid a place belongs to besides its basic grid. */
export async function safetyGrid(ctx: AppContext, code: string, field: string) {
  const grid = await ctx.db
    .selectFrom('region')
    .select(['code', 'level', 'grid_kind'])
    .where('code', '=', code)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (grid?.level !== 'grid') throw unprocessable(field, `no active grid ${code}`);
  return grid;
}

export async function updatePlace(ctx: AppContext, actor: Actor, id: number, changes: PlaceChanges) {
  const row = await placeFor(ctx, actor, id, 'place.manage');
  const at = changes.location || changes.gridCode ? await locatePlace(ctx, changes, 'body') : null;
  if (at) requireIn(actor, 'place.manage', at.regionPath, `grid ${at.gridCode}`);
  if (changes.safetyGridCode) await safetyGrid(ctx, changes.safetyGridCode, 'body.safetyGridCode');
  const now = serverNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('place')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (changes.version !== undefined && changes.version !== locked.version)
      throw conflict(`the place changed meanwhile (version ${locked.version})`, { version: locked.version });
    if (locked.retired_at && changes.retired !== false) throw conflict('the place is retired');
    const tier = changes.riskTier ?? locked.risk_tier;
    const person = changes.responsible
      ? await ctx.services.identity.persons.create(trx, {
          ...changes.responsible,
          regionPath: at?.regionPath ?? row.region_path,
        })
      : undefined;
    const after = await trx
      .updateTable('place')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.type !== undefined ? { place_type: changes.type } : {}),
        ...(changes.sizeClass !== undefined ? { size_class: changes.sizeClass } : {}),
        ...(changes.areaM2 !== undefined ? { area_m2: changes.areaM2 } : {}),
        ...(changes.address !== undefined ? { address: changes.address } : {}),
        ...(changes.location ? { lon: changes.location.lon, lat: changes.location.lat } : {}),
        ...(at
          ? { grid_code: at.gridCode, region_path: at.regionPath, district_code: districtOf(at.regionPath) }
          : {}),
        ...(changes.safetyGridCode !== undefined ? { safety_grid_code: changes.safetyGridCode } : {}),
        ...(person !== undefined ? { responsible_person_id: person } : {}),
        ...(changes.licences !== undefined ? { licences: JSON.stringify(changes.licences) } : {}),
        ...(changes.retired !== undefined ? { retired_at: changes.retired ? now : null } : {}),
        // the schedule follows the tier: a new tier counts its interval from the last visit
        risk_tier: tier,
        next_due_at:
          tier === locked.risk_tier
            ? locked.next_due_at
            : nextDue(tier, new Date(locked.last_inspected_at ?? locked.created_at)),
        updated_at: now,
        version: locked.version + 1,
      })
      .where('id', '=', id)
      .returning(['id', 'place_type', 'region_path', 'retired_at'])
      .executeTakeFirstOrThrow();
    await placesChanged(trx, [{ ...locked, id }], [{ ...after, id }]);
  });
  return placePage(ctx, actor, id);
}
