import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { badRequest, notFound, unauthorized } from '../http/problem.ts';
import { type Actor, can, inRegionScope } from '../identity/index.ts';
import { changeOf, type Figures, type Rankable, toFigureValues, withRates } from './domain/figures.ts';
import {
  daysOf,
  isValidDay,
  lastDays,
  type Period,
  periodBoundsUtc,
  periodDays,
  previousPeriod,
} from './domain/period.ts';
import { ALL, FIGURES, ROLLUP_LEVELS, type RollupLevel, rollupDay } from './domain/rollup-contribution.ts';
import { FIGURE_SQL } from './rollups.ts';

export interface ScopeRegion {
  code: string;
  name: string;
  level: string;
  path: string;
  cityCode: string;
}

export interface DashboardQuery {
  region?: string;
  from?: string;
  to?: string;
  kind?: string;
  category?: string;
}

const MAX_DAYS = 366 * 5;
const SUMS = sql.raw(FIGURES.map((f) => `coalesce(sum(${f}), 0)::float8 as ${f}`).join(', '));
const isRollupLevel = (level: string): level is RollupLevel =>
  (ROLLUP_LEVELS as readonly string[]).includes(level);

/** The dashboard's reads: every figure comes from the rollups (grids: the cases' path index). */
export function createDashboardService(db: Db, now: () => Date = () => new Date()) {
  async function scopeRegion(actor: Actor, code: string | undefined): Promise<ScopeRegion> {
    if (actor.kind === 'anonymous') throw unauthorized();
    const wanted = code ?? actor.regionPaths[0]?.split('/').at(-2);
    if (!wanted) throw notFound('region');
    const r = await sql<{ code: string; name: string; level: string; path: string }>`
      select code, name, level, path from region where code = ${wanted}`.execute(db);
    const row = r.rows[0];
    if (!row || !inRegionScope(actor, row.path)) throw notFound(`region ${wanted}`);
    return { ...row, cityCode: row.path.split('/')[0] ?? row.code };
  }

  function periodOf(q: DashboardQuery): Period {
    if (q.from !== undefined && !isValidDay(q.from))
      throw badRequest('query.from', 'must be a date YYYY-MM-DD');
    if (q.to !== undefined && !isValidDay(q.to)) throw badRequest('query.to', 'must be a date YYYY-MM-DD');
    const to = q.to ?? rollupDay(now());
    const p = q.from ? { from: q.from, to } : lastDays(to, 30);
    if (p.from > p.to) throw badRequest('query.from', 'must not be after query.to');
    if (periodDays(p) > MAX_DAYS)
      throw badRequest('query.from', `the period may span at most ${MAX_DAYS} days`);
    return p;
  }

  const filters = (q: DashboardQuery) =>
    sql.join(
      [
        sql`true`,
        ...(q.kind ? [sql`kind = ${q.kind}`] : []),
        ...(q.category ? [sql`category_code = ${q.category}`] : []),
      ],
      sql` and `,
    );

  /** Rollup rows for the query: the totals rows unless a kind or category is asked for. */
  const rollupFilters = (q: DashboardQuery, byCategory = false) =>
    byCategory
      ? sql`kind <> ${ALL} and ${filters(q)}`
      : q.kind || q.category
        ? filters(q)
        : sql`kind = ${ALL} and category_code = ${ALL}`;

  /** Where-clause selecting one region's figures over a period, from rollups or cases. */
  function source(
    region: ScopeRegion,
    p: Period,
    q: DashboardQuery,
    byCategory = false,
  ): { from: RawBuilder<unknown>; select: RawBuilder<unknown>; dayExpr: RawBuilder<unknown> } {
    if (isRollupLevel(region.level))
      return {
        from: sql`case_rollup_daily where city_code = ${region.cityCode} and region_code = ${region.code}
          and day between ${p.from}::date and ${p.to}::date and ${rollupFilters(q, byCategory)}`,
        select: SUMS,
        dayExpr: sql`day`,
      };
    const { start, end } = periodBoundsUtc(p);
    return {
      from: sql`cases where region_path like ${`${region.path}%`} and reported_at >= ${start} and reported_at < ${end} and ${filters(q)}`,
      select: sql.raw(FIGURE_SQL),
      dayExpr: sql`(reported_at at time zone 'Asia/Shanghai')::date`,
    };
  }

  async function figuresOf(region: ScopeRegion, p: Period, q: DashboardQuery): Promise<Figures> {
    const s = source(region, p, q);
    const r = await sql<Record<string, unknown>>`select ${s.select} from ${s.from}`.execute(db);
    return withRates(toFigureValues(r.rows[0]));
  }

  const regionOut = (r: ScopeRegion) => ({ code: r.code, name: r.name, level: r.level });

  return {
    scopeRegion,
    periodOf,

    async summary(actor: Actor, q: DashboardQuery) {
      const region = await scopeRegion(actor, q.region);
      const period = periodOf(q);
      const prev = previousPeriod(period);
      const figures = await figuresOf(region, period, q);
      const previous = await figuresOf(region, prev, q);
      return {
        region: regionOut(region),
        period,
        previousPeriod: prev,
        figures,
        previous,
        change: changeOf(figures, previous),
      };
    },

    async trend(actor: Actor, q: DashboardQuery) {
      const region = await scopeRegion(actor, q.region);
      const period = periodOf(q);
      const s = source(region, period, q);
      const r = await sql<Record<string, unknown> & { d: string }>`
        select to_char(${s.dayExpr}, 'YYYY-MM-DD') as d, ${s.select} from ${s.from} group by 1`.execute(db);
      const byDay = new Map(r.rows.map((row) => [row.d, row]));
      const days = daysOf(period).map((day) => ({ day, ...withRates(toFigureValues(byDay.get(day))) }));
      return { region: regionOut(region), period, days };
    },

    async breakdown(actor: Actor, q: DashboardQuery) {
      const region = await scopeRegion(actor, q.region);
      const period = periodOf(q);
      const s = source(region, period, q, true);
      const r = await sql<Record<string, unknown> & { kind: string; category_code: string }>`
        select kind, category_code, ${s.select} from ${s.from} group by kind, category_code`.execute(db);
      const names = await sql<{ code: string; name_zh: string; name_en: string }>`
        select code, name_zh, name_en from case_category`.execute(db);
      const nameOf = new Map(names.rows.map((n) => [n.code, n]));
      const byKind = new Map<string, Record<string, unknown>>();
      for (const row of r.rows) {
        const acc = byKind.get(row.kind) ?? {};
        for (const f of FIGURES) acc[f] = Number(acc[f] ?? 0) + Number(row[f] ?? 0);
        byKind.set(row.kind, acc);
      }
      const categories = r.rows
        .map((row) => ({
          kind: row.kind,
          category: row.category_code,
          nameZh: nameOf.get(row.category_code)?.name_zh ?? row.category_code,
          nameEn: nameOf.get(row.category_code)?.name_en ?? row.category_code,
          figures: withRates(toFigureValues(row)),
        }))
        .sort((a, b) => b.figures.received - a.figures.received || a.category.localeCompare(b.category));
      const kinds = [...byKind.entries()]
        .map(([kind, v]) => ({ kind, figures: withRates(toFigureValues(v)) }))
        .sort((a, b) => b.figures.received - a.figures.received || a.kind.localeCompare(b.kind));
      return { region: regionOut(region), period, kinds, categories };
    },

    async children(
      actor: Actor,
      q: DashboardQuery & { figure: Rankable; order: 'asc' | 'desc'; limit: number },
    ) {
      const region = await scopeRegion(actor, q.region);
      const period = periodOf(q);
      const kids = await sql<{ code: string; name: string; level: string }>`
        select code, name, level from region where parent_code = ${region.code} and retired_at is null`.execute(
        db,
      );
      let rows: (Record<string, unknown> & { code: string })[];
      if (region.level === 'community' || region.level === 'grid') {
        const { start, end } = periodBoundsUtc(period);
        const r = await sql<Record<string, unknown> & { code: string }>`
          select grid_code as code, ${sql.raw(FIGURE_SQL)} from cases
          where region_path like ${`${region.path}%`} and reported_at >= ${start} and reported_at < ${end}
            and ${filters(q)} group by grid_code`.execute(db);
        rows = r.rows;
      } else {
        const r = await sql<Record<string, unknown> & { code: string }>`
          select region_code as code, ${SUMS} from case_rollup_daily
          where parent_code = ${region.code} and day between ${period.from}::date and ${period.to}::date
            and ${rollupFilters(q)} group by region_code`.execute(db);
        rows = r.rows;
      }
      const byCode = new Map(rows.map((row) => [row.code, row]));
      const items = kids.rows.map((k) => {
        const figures = withRates(toFigureValues(byCode.get(k.code)));
        return { code: k.code, name: k.name, level: k.level, value: figures[q.figure], figures };
      });
      const sign = q.order === 'asc' ? 1 : -1;
      items.sort((a, b) => {
        if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
        return sign * (a.value - b.value) || a.code.localeCompare(b.code);
      });
      return {
        region: regionOut(region),
        period,
        figure: q.figure,
        order: q.order,
        items: items.slice(0, q.limit),
      };
    },

    async overdue(actor: Actor, q: { region?: string; limit: number }) {
      const region = await scopeRegion(actor, q.region);
      // A list of cases, not figures: only for who may read the cases of the whole region.
      if (!can(actor, 'case.read', { regionPath: region.path })) throw notFound(`region ${region.code}`);
      const r = await sql<Record<string, unknown>>`
        select id, number, kind, category_code, title, status, level, grid_code, current_unit_id,
               is_key, reported_at, due_at
        from cases where region_path like ${`${region.path}%`} and card = 'red' and closed_at is null
        order by due_at nulls last, id limit ${q.limit}`.execute(db);
      const total = await sql<{ n: number }>`
        select count(*)::int as n from cases
        where region_path like ${`${region.path}%`} and card = 'red' and closed_at is null`.execute(db);
      const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));
      return {
        region: regionOut(region),
        total: Number(total.rows[0]?.n ?? 0),
        items: r.rows.map((c) => ({
          id: Number(c.id),
          number: String(c.number),
          kind: String(c.kind),
          category: String(c.category_code),
          title: String(c.title),
          status: String(c.status),
          level: String(c.level),
          gridCode: c.grid_code === null ? null : String(c.grid_code),
          currentUnitId: c.current_unit_id === null ? null : Number(c.current_unit_id),
          isKey: Boolean(c.is_key),
          reportedAt: iso(c.reported_at) as string,
          dueAt: iso(c.due_at),
        })),
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
