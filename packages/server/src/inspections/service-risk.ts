import type { Selectable } from 'kysely';
import type { AppContext } from '../context.ts';
import { conflict, forbidden, notFound } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { can } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { inScope, regionIn, requireIn, staff } from './scope.ts';
import { locatePlace } from './service-places.ts';
import type { RiskSourceTable } from './tables.ts';

export type ControlTier = 'red' | 'orange' | 'yellow' | 'blue';

export interface RiskSourceInput {
  name: string;
  kind: string;
  placeId?: number | null;
  location: { lon: number; lat: number };
  tier: ControlTier;
  plan: { checker: string; what: string; everyDays: number };
}

const view = (r: Selectable<RiskSourceTable>) => ({
  id: Number(r.id),
  name: r.name,
  kind: r.kind,
  placeId: r.place_id == null ? null : Number(r.place_id),
  gridCode: r.grid_code,
  location: { lon: r.lon, lat: r.lat },
  tier: r.tier,
  plan: r.plan,
  version: r.version,
});

export async function createRiskSource(ctx: AppContext, actor: Actor, input: RiskSourceInput) {
  staff(actor);
  const at = await locatePlace(ctx, { location: input.location }, 'body');
  requireIn(actor, 'place.read', at.regionPath, `grid ${at.gridCode}`);
  if (!can(actor, 'risk.manage', { regionPath: at.regionPath }))
    throw forbidden('you may not register risk sources here');
  if (input.placeId != null) {
    const p = await ctx.db
      .selectFrom('place')
      .select('region_path')
      .where('id', '=', input.placeId)
      .executeTakeFirst();
    if (!p || !can(actor, 'place.read', { regionPath: p.region_path }))
      throw notFound(`place ${input.placeId} (body.placeId)`);
  }
  const now = serverNow(ctx);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('risk_source')
      .values({
        name: input.name,
        kind: input.kind,
        place_id: input.placeId ?? null,
        region_path: at.regionPath,
        grid_code: at.gridCode,
        lon: input.location.lon,
        lat: input.location.lat,
        tier: input.tier,
        plan: JSON.stringify(input.plan),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('risk_source_tier_log')
      .values({
        risk_source_id: r.id,
        from_tier: null,
        to_tier: input.tier,
        reason: 'registered',
        actor_id: actor.userId,
        at: now,
      })
      .execute();
    return r;
  });
  return view(row);
}

/** Change a risk source's control tier; the change and its reason are logged. */
export async function changeTier(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { tier: ControlTier; reason: string; version?: number },
) {
  staff(actor);
  const seen = await ctx.db.selectFrom('risk_source').selectAll().where('id', '=', id).executeTakeFirst();
  if (!seen || !can(actor, 'place.read', { regionPath: seen.region_path }))
    throw notFound(`risk source ${id}`);
  if (!can(actor, 'risk.manage', { regionPath: seen.region_path }))
    throw forbidden('you may not change the tier here');
  const now = serverNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('risk_source')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (input.version !== undefined && input.version !== r.version)
      throw conflict(`the risk source changed meanwhile (version ${r.version})`, { version: r.version });
    if (r.tier === input.tier) throw conflict(`the risk source is already ${r.tier}`);
    await trx
      .updateTable('risk_source')
      .set({ tier: input.tier, version: r.version + 1 })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('risk_source_tier_log')
      .values({
        risk_source_id: id,
        from_tier: r.tier,
        to_tier: input.tier,
        reason: input.reason,
        actor_id: actor.userId,
        at: now,
      })
      .execute();
  });
  return riskSource(ctx, actor, id);
}

export async function riskSource(ctx: AppContext, actor: Actor, id: number) {
  staff(actor);
  const r = await ctx.db.selectFrom('risk_source').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r || !can(actor, 'place.read', { regionPath: r.region_path })) throw notFound(`risk source ${id}`);
  const log = await ctx.db
    .selectFrom('risk_source_tier_log')
    .selectAll()
    .where('risk_source_id', '=', id)
    .orderBy('id')
    .execute();
  return {
    ...view(r),
    tierLog: log.map((l) => ({
      fromTier: l.from_tier,
      toTier: l.to_tier,
      reason: l.reason,
      at: new Date(l.at).toISOString(),
    })),
  };
}

/** The risk map of a region: risk sources by tier, and each grid's open hazards. */
export async function riskMap(ctx: AppContext, actor: Actor, regionCode?: string) {
  staff(actor);
  const region = regionCode ? await regionIn(ctx, actor, 'place.read', regionCode, 'query.region') : null;
  let sources = ctx.db
    .selectFrom('risk_source')
    .where(inScope(actor, 'place.read', 'risk_source.region_path'));
  let hazards = ctx.db
    .selectFrom('hazard')
    .where(inScope(actor, 'place.read', 'hazard.region_path'))
    .where('status', 'in', ['open', 'rectified']);
  if (region) {
    sources = sources.where('region_path', 'like', `${region.path}%`);
    hazards = hazards.where('region_path', 'like', `${region.path}%`);
  }
  const now = serverNow(ctx);
  const [rows, grids] = await Promise.all([
    sources.selectAll().orderBy('id').limit(5000).execute(),
    hazards
      .select((eb) => [
        'grid_code',
        eb.fn.countAll<number>().as('open'),
        eb.fn
          .count<number>('id')
          .filterWhere((w) => w.and([w('status', '=', 'open'), w('deadline_at', '<', now)]))
          .as('overdue'),
      ])
      .groupBy('grid_code')
      .orderBy('grid_code')
      .execute(),
  ]);
  // the grids' names (tables show the name, the code beside it)
  const codes = [...new Set([...rows.map((r) => r.grid_code), ...grids.map((g) => g.grid_code)])];
  const names = new Map(
    codes.length
      ? (await ctx.db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute()).map(
          (r) => [r.code, r.name],
        )
      : [],
  );
  return {
    sources: rows.map((r) => ({ ...view(r), gridName: names.get(r.grid_code) ?? null })),
    grids: grids.map((g) => ({
      gridCode: g.grid_code,
      gridName: names.get(g.grid_code) ?? null,
      openHazards: Number(g.open),
      overdueHazards: Number(g.overdue),
    })),
  };
}
