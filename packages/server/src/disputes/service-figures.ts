import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { forbidden, notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { allowed } from './domain/access.ts';
import {
  type Contribution,
  DISPUTE_FIGURES,
  type FigureRow,
  MEDIATOR_FIGURES,
  type MediatorKey,
  mediatorContributions,
  type OrgKey,
  orgContributions,
  ratesOf,
} from './domain/figures.ts';
import { MONTH } from './domain/screening.ts';
import { figureView, normalise } from './rows.ts';

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
      const place = region.level === 'street' ? 'street_code' : 'district_code';
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
      const keyExpr =
        by === 'type'
          ? sql<string>`r.type`
          : by === 'org'
            ? sql<string>`r.org_id::text`
            : by === 'street'
              ? sql<string>`r.street_code`
              : by === 'district'
                ? sql<string>`r.district_code`
                : sql<string>`'total'`;
      let query = ctx.db
        .selectFrom('dispute_rollup as r')
        .select(keyExpr.as('key'))
        .select(DISPUTE_FIGURES.map((f) => sql<number>`sum(r.${sql.ref(f)})`.as(f)))
        .where('r.month', '>=', q.from)
        .where('r.month', '<=', q.to)
        .$if(by !== 'total', (qb) => qb.groupBy(keyExpr));
      if (region.level !== 'city') query = query.where(`r.${place}` as 'r.street_code', '=', region.code);
      const rows = await query.execute();
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
      return ctx.db.transaction().execute(async (trx) => {
        const orgs = new Map<string, Contribution<OrgKey>>();
        const meds = new Map<string, Contribution<MediatorKey>>();
        const add = <K>(into: Map<string, Contribution<K>>, cs: Contribution<K>[]) => {
          for (const c of cs) {
            const id = JSON.stringify(c.key);
            const cur = into.get(id) ?? { key: c.key, values: {} };
            for (const [f, v] of Object.entries(c.values))
              cur.values[f as keyof FigureRow] = (cur.values[f as keyof FigureRow] ?? 0) + v;
            into.set(id, cur);
          }
        };
        let after = -1;
        for (;;) {
          const batch = await trx
            .selectFrom('dispute')
            .selectAll()
            .where('case_id', '>', after)
            .orderBy('case_id')
            .limit(5000)
            .execute();
          if (batch.length === 0) break;
          for (const r of batch) {
            const v = figureView(normalise(r));
            add(orgs, orgContributions(v));
            add(meds, mediatorContributions(v));
          }
          after = Number(batch[batch.length - 1]?.case_id);
        }
        const before = await trx.selectFrom('dispute_rollup').selectAll().execute();
        const kept = new Map(
          before.map((r) => [
            JSON.stringify({
              month: r.month,
              district_code: r.district_code,
              street_code: r.street_code,
              type: r.type,
              org_id: Number(r.org_id),
            }),
            r,
          ]),
        );
        let differing = 0;
        for (const [id, c] of orgs) {
          const k = kept.get(id);
          if (!k || DISPUTE_FIGURES.some((f) => Number(k[f]) !== (c.values[f] ?? 0))) differing++;
          kept.delete(id);
        }
        differing += [...kept.values()].filter((k) => DISPUTE_FIGURES.some((f) => Number(k[f]) !== 0)).length;
        await trx.deleteFrom('dispute_rollup').execute();
        await trx.deleteFrom('dispute_mediator_rollup').execute();
        const orgRows = [...orgs.values()].map((c) => ({ ...c.key, ...zero(), ...c.values }));
        for (let i = 0; i < orgRows.length; i += 1000)
          await trx
            .insertInto('dispute_rollup')
            .values(orgRows.slice(i, i + 1000))
            .execute();
        const medRows = [...meds.values()].map((c) => ({
          ...c.key,
          mediated: c.values.mediated ?? 0,
          succeeded: c.values.succeeded ?? 0,
          on_time: c.values.on_time ?? 0,
          days_sum: c.values.days_sum ?? 0,
        }));
        for (let i = 0; i < medRows.length; i += 1000)
          await trx
            .insertInto('dispute_mediator_rollup')
            .values(medRows.slice(i, i + 1000))
            .execute();
        return { rows: orgRows.length, mediatorRows: medRows.length, differing };
      });
    },
  };
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
