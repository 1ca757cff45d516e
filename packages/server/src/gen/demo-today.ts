import { sql } from 'kysely';
import { type AttributeDef, CLOSED_STATES } from '../cases/index.ts';
import type { AppContext } from '../context.ts';
import { allocateTrackerId, residentActor } from '../identity/index.ts';
import { serverNow } from '../lib/clock.ts';
import { rebuildContractFigures } from './contracts.ts';
import { generateDisputes } from './disputes.ts';
import { generateInspections } from './inspections.ts';
import type { GenGrid, GenUnits } from './world.ts';

/** A value for each required attribute (the first option, one, today): what a resident would fill in. */
function requiredAttributes(defs: AttributeDef[], today: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const d of defs) {
    if (!d.required) continue;
    const first = d.options?.[0]?.value;
    values[d.code] =
      d.type === 'single'
        ? first
        : d.type === 'multiple'
          ? [first]
          : d.type === 'number'
            ? 1
            : d.type === 'date'
              ? today
              : '—';
  }
  return values;
}

/** A category's attribute definitions, as the driver returns its JSON column (text or parsed). */
const attributeDefs = (column: unknown) =>
  (typeof column === 'string' ? JSON.parse(column) : column) as AttributeDef[];

/**
 * This morning's reports (the demo's last step after its history): residents report, through the
 * real intake and routing, a case of the first categories of every group the portal offers in the
 * demo grid, and one in another district's first grid. So each unit a resident's report can
 * reach (a street's stations, the district's departments, the district centre where nobody else
 * is staffed) starts the demo with something to accept, routed exactly as a new report would be.
 * Returns the cases made.
 */
export async function seedTodaysReports(ctx: AppContext, grids: { demo: string; other: string[] }) {
  const categories = await ctx.db
    .selectFrom('case_category as c')
    .select(['c.code', 'c.parent_code', 'c.name_zh', 'c.responsible_unit_type', 'c.attributes'])
    .where('c.kind', '=', 'request')
    .where('c.open_to_residents', '=', true)
    .where('c.retired_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('case_category as k').select('k.code').whereRef('k.parent_code', '=', 'c.code'))),
    )
    .orderBy('c.code')
    .execute();
  // one of each group for each kind of unit it is routed to
  const taken = new Set<string>();
  const chosen = categories.filter((c) => {
    const key = `${c.parent_code ?? c.code}|${c.responsible_unit_type}`;
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  });
  const today = serverNow(ctx).toISOString().slice(0, 10);
  const reports = [
    ...chosen.map((c) => ({ grid: grids.demo, category: c })),
    ...grids.other.flatMap((grid) => (chosen[0] ? [{ grid, category: chosen[0] }] : [])),
  ];
  let made = 0;
  for (const r of reports) {
    const actor = residentActor(await allocateTrackerId(ctx.db));
    try {
      await ctx.services.cases.intake(ctx, actor, {
        kind: 'request',
        category: r.category.code,
        attributes: requiredAttributes(attributeDefs(r.category.attributes), today),
        description: `${r.category.name_zh}：居民今早反映，请尽快处理。`,
        gridCode: r.grid,
        channel: 'portal',
      });
      made++;
    } catch (error) {
      ctx.log.warn({ err: error, category: r.category.code }, 'demo report not made');
    }
  }
  const noise = categories.find((c) => c.code === 'request.noise');
  return made + (noise ? await dispatchToQuietDepartments(ctx, grids.demo, today, noise) : 0);
}

/**
 * A district department (or a street station whose types residents rarely report) is reached
 * only when a centre dispatches to it, so whether it has open work after the random history is
 * chance. So that each staffed department and station over the demo grid (e.g. the district's
 * public security bureau, the street's justice station) starts with something in its inbox, a
 * resident reports a noise nuisance this morning for each one with nothing open, and the centre
 * holding that report dispatches it there — both through the real intake and engine.
 */
async function dispatchToQuietDepartments(
  ctx: AppContext,
  grid: string,
  today: string,
  noise: { code: string; attributes: unknown },
) {
  const quiet = await ctx.db
    .selectFrom('unit as u')
    .select(['u.id', 'u.name'])
    .where('u.kind', 'in', ['department', 'station'])
    .where('u.retired_at', 'is', null)
    .where(({ exists, not, selectFrom }) =>
      exists(
        selectFrom('region as g')
          .select('g.code')
          .where('g.code', '=', grid)
          .where(sql<boolean>`g.path like u.region_path || '%'`),
      )
        .and(
          exists(
            selectFrom('user_post as p')
              .select('p.id')
              .whereRef('p.unit_id', '=', 'u.id')
              .where('p.retired_at', 'is', null),
          ),
        )
        .and(
          not(
            exists(
              selectFrom('cases as c')
                .select('c.id')
                .whereRef('c.current_unit_id', '=', 'u.id')
                .where('c.status', 'not in', [...CLOSED_STATES]),
            ),
          ),
        ),
    )
    .orderBy('u.id')
    .execute();
  let made = 0;
  for (const unit of quiet) {
    try {
      const { caseId } = await ctx.services.cases.intake(
        ctx,
        residentActor(await allocateTrackerId(ctx.db)),
        {
          kind: 'request',
          category: noise.code,
          attributes: requiredAttributes(attributeDefs(noise.attributes), today),
          description: `夜间噪声扰民（${today}），请${unit.name}处理。`,
          gridCode: grid,
          channel: 'portal',
        },
      );
      const holder = await ctx.db
        .selectFrom('cases as c')
        .innerJoin('user_post as p', 'p.unit_id', 'c.current_unit_id')
        .innerJoin('app_user as a', 'a.id', 'p.user_id')
        .select(['a.id', 'a.username', 'a.display_name'])
        .where('c.id', '=', caseId)
        .where('p.role', '=', 'centre_operator')
        .where('p.retired_at', 'is', null)
        .where('a.disabled_at', 'is', null)
        .orderBy('a.id')
        .executeTakeFirst();
      if (!holder) continue;
      const actor = await ctx.services.identity.auth.actorFor(
        { ...holder, id: Number(holder.id) },
        'session',
      );
      await ctx.services.cases.act(ctx, actor, caseId, {
        action: 'dispatch',
        clientId: `demo-dispatch-${caseId}`,
        payload: { unitId: Number(unit.id), comment: '属地派单' },
      });
      made++;
    } catch (error) {
      ctx.log.warn({ err: error, unit: unit.name }, 'demo dispatch not made');
    }
  }
  return made;
}

/**
 * The disputes of the demo users' street over the history's days (the disputes generator), so
 * the mediator's ledger and the screening board are not empty; their figures rebuilt after.
 */
export async function seedStreetDisputes(
  ctx: AppContext,
  world: { grids: GenGrid[]; units: GenUnits },
  o: { disputes: number; days: number; seed: number; databaseUrl?: string },
) {
  if (o.disputes <= 0 || world.grids.length === 0) return 0;
  const r = await generateDisputes(ctx.database, world, {
    disputes: o.disputes,
    years: o.days / 365,
    seed: o.seed,
    batch: 5_000,
    now: serverNow(ctx),
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
  });
  await rebuildContractFigures(ctx, { disputes: r.disputes, places: 0, visits: 0 });
  return r.disputes;
}

/**
 * Places under supervision in the demo users' street, inspected over the history's days by their
 * risk tier (the inspections generator: failed items open hazards, some fixed and re-checked,
 * some overdue; the running city-wide campaign), so the inspector's places due, the hazard ledger,
 * the campaign board and the risk map are not empty. The board is counted from the rows written.
 */
export async function seedStreetInspections(
  ctx: AppContext,
  world: { grids: GenGrid[]; units: GenUnits },
  o: { places: number; days: number; seed: number; databaseUrl?: string },
) {
  if (o.places <= 0 || world.grids.length === 0) return { places: 0, hazards: 0 };
  const r = await generateInspections(ctx.database, world, {
    places: o.places,
    // about one visit a place over 90 days at the tiers' own intervals (monthly, quarterly, yearly)
    visits: o.places,
    years: o.days / 365,
    seed: o.seed,
    batch: 5_000,
    now: serverNow(ctx),
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
  });
  return { places: r.places, hazards: r.hazards };
}
