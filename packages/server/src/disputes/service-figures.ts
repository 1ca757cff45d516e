import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { forbidden, notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { allowed } from './domain/access.ts';
import { ALL_ORGS, ALL_TYPES } from './domain/figure-levels.ts';
import { DISPUTE_FIGURES, type FigureRow, MEDIATOR_FIGURES, ratesOf } from './domain/figures.ts';
import { MONTH } from './domain/screening.ts';
import { rebuildFigures } from './figures-rebuild.ts';

/** The region a figure is asked for. */
interface Region {
  code: string;
  path: string;
  level: string;
}

export type FiguresBy = 'total' | 'type' | 'org' | 'mediator' | 'street' | 'district';

export interface FiguresQuery {
  region: string;
  from: string;
  to: string;
  by?: FiguresBy;
}

const zero = (): FigureRow => ({
  screened: 0,
  resolved: 0,
  mediated: 0,
  succeeded: 0,
  on_time: 0,
  days_sum: 0,
});
const withRates = (f: FigureRow) => ({ ...f, ...ratesOf(f) });

/** The disputes' figures (domain/figures.ts says what each means) from the rollups, and their rebuild. */
export function createFigures(ctx: AppContext) {
  async function regionOf(actor: Actor, code: string) {
    const r = await ctx.services.regions.find(code);
    if (!r || !allowed(actor, 'figures', { regionPath: r.path })) throw notFound('region');
    if (r.level !== 'city' && r.level !== 'district' && r.level !== 'street')
      throw unprocessable('query.region', 'figures are kept for the city, a district or a street');
    return r;
  }

  return {
    async figures(actor: Actor, q: FiguresQuery) {
      if (!MONTH.test(q.from)) throw unprocessable('query.from', 'a month, YYYY-MM');
      if (!MONTH.test(q.to)) throw unprocessable('query.to', 'a month, YYYY-MM');
      if (q.from > q.to) throw unprocessable('query.from', 'comes after query.to');
      const region = await regionOf(actor, q.region);
      const by = q.by ?? 'total';
      if (by === 'mediator') {
        if (region.level === 'street')
          throw unprocessable('query.by', 'mediator figures are kept per district');
        let query = ctx.db
          .selectFrom('dispute_mediator_rollup as r')
          .innerJoin('mediator as m', 'm.id', 'r.mediator_id')
          .select(['r.mediator_id as key', 'm.name as label'])
          .select(MEDIATOR_FIGURES.map((f) => sql<number>`sum(r.${sql.ref(f)})`.as(f)))
          .where('r.month', '>=', q.from)
          .where('r.month', '<=', q.to)
          .groupBy(['r.mediator_id', 'm.name']);
        if (region.level === 'district') query = query.where('r.district_code', '=', region.code);
        const rows = await query.execute();
        return {
          region: region.code,
          from: q.from,
          to: q.to,
          by,
          items: rows.map((r) => {
            const f = { ...zero(), ...Object.fromEntries(MEDIATOR_FIGURES.map((k) => [k, Number(r[k])])) };
            return { key: String(r.key), label: r.label, ...withRates(f) };
          }),
        };
      }
      const rows = await levelQuery(ctx, region, by, q.from, q.to).execute();
      const labels = await labelsFor(
        ctx,
        by,
        rows.map((r) => String(r.key)),
      );
      const items = rows.map((r) => {
        const f = Object.fromEntries(DISPUTE_FIGURES.map((k) => [k, Number(r[k])])) as FigureRow;
        return { key: String(r.key), label: labels.get(String(r.key)) ?? String(r.key), ...withRates(f) };
      });
      if (by === 'total' && items.length === 0)
        items.push({ key: 'total', label: 'total', ...withRates(zero()) });
      return { region: region.code, from: q.from, to: q.to, by, items };
    },

    /** Recompute both rollups from the disputes (admin); answers whether they agreed with what was kept. */
    async rebuild(actor: Actor) {
      if (!actor.posts.some((p) => p.role === 'admin' && p.regionPath?.split('/').length === 2))
        throw forbidden('a city administrator rebuilds the figures');
      return rebuildFigures(ctx.db);
    },
  };
}

/**
 * The rows of `dispute_figure_rollup` a figure sums: the region's own rows (total, by type, by
 * organisation) or its children's totals rows (by district, by street) — one row per month and key.
 */
function levelQuery(
  ctx: AppContext,
  region: Region,
  by: Exclude<FiguresBy, 'mediator'>,
  from: string,
  to: string,
) {
  const sums = DISPUTE_FIGURES.map((f) => sql<number>`sum(r.${sql.ref(f)})`.as(f));
  const city = region.path.split('/')[0] as string;
  let q = ctx.db
    .selectFrom('dispute_figure_rollup as r')
    .where('r.month', '>=', from)
    .where('r.month', '<=', to)
    .where('r.city_code', '=', city);
  if (by === 'total' || by === 'type' || by === 'org') {
    q = q.where('r.region_code', '=', region.code);
    if (by === 'total')
      return q
        .select(sql<string>`'total'`.as('key'))
        .select(sums)
        .where('r.type', '=', ALL_TYPES)
        .where('r.org_id', '=', ALL_ORGS);
    if (by === 'type')
      return q
        .select('r.type as key')
        .select(sums)
        .where('r.org_id', '=', ALL_ORGS)
        .where('r.type', '<>', ALL_TYPES)
        .groupBy('r.type');
    return q
      .select(sql<string>`r.org_id::text`.as('key'))
      .select(sums)
      .where('r.type', '=', ALL_TYPES)
      .where('r.org_id', '<>', ALL_ORGS)
      .groupBy('r.org_id');
  }
  q = q.where('r.type', '=', ALL_TYPES).where('r.org_id', '=', ALL_ORGS);
  // a street asked by district: the street's own rows, under its district
  if (region.level === 'street' && by === 'district')
    return q
      .select('r.parent_code as key')
      .select(sums)
      .where('r.region_code', '=', region.code)
      .groupBy('r.parent_code');
  if (region.level === by) q = q.where('r.region_code', '=', region.code);
  else if (region.level === 'district')
    q = q.where('r.parent_code', '=', region.code).where('r.level', '=', by);
  else q = q.where('r.level', '=', by);
  return q.select('r.region_code as key').select(sums).groupBy('r.region_code');
}

async function labelsFor(ctx: AppContext, by: FiguresBy, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  if (by === 'org') {
    const ids = keys.map(Number).filter((n) => n > 0);
    const rows = ids.length
      ? await ctx.db.selectFrom('mediation_org').select(['id', 'name']).where('id', 'in', ids).execute()
      : [];
    return new Map(rows.map((r) => [String(r.id), r.name]));
  }
  if (by === 'street' || by === 'district') {
    const rows = await ctx.db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', keys)
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }
  return new Map();
}
