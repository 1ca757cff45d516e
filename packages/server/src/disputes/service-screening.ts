import type { AppContext } from '../context.ts';
import { notFound, unprocessable } from '../http/problem.ts';
import type { Actor } from '../identity/index.ts';
import { cityMonthStart, serverNow } from '../lib/clock.ts';
import { allowed } from './domain/access.ts';
import { coverage, monthHasBegun, streetReportDue, streetReportStatus } from './domain/screening.ts';

async function regionIn(
  ctx: AppContext,
  actor: Actor,
  code: string,
  access: 'read' | 'screen',
  level?: string,
) {
  const r = await ctx.services.regions.find(code);
  if (!r || (level && r.level !== level) || !allowed(actor, access, { regionPath: r.path })) return null;
  return r;
}

const monthStart = (month: string) => cityMonthStart(month);
const nextMonth = (month: string) => cityMonthStart(month, 1);

export function createScreening(ctx: AppContext) {
  return {
    /** A grid's screening for a month, also when nothing was found (found = 0). Filing again corrects it. */
    async reportGrid(
      actor: Actor,
      input: { gridCode: string; period: string; found: number; note?: string },
    ) {
      const grid = await regionIn(ctx, actor, input.gridCode, 'screen', 'grid');
      if (!grid) throw notFound('grid');
      const now = serverNow(ctx);
      if (!monthHasBegun(input.period, now))
        throw unprocessable('body.period', 'a month is reported once it has begun');
      const values = {
        region_path: grid.path,
        street_code: grid.path.split('/')[2] as string,
        found: input.found,
        note: input.note ?? null,
        reported_by: actor.userId,
        reported_at: now,
      };
      await ctx.db
        .insertInto('screening_report')
        .values({ grid_code: grid.code, period: input.period, ...values })
        .onConflict((oc) => oc.columns(['grid_code', 'period']).doUpdateSet(values))
        .execute();
      return { gridCode: grid.code, period: input.period, found: input.found, reportedAt: now.toISOString() };
    },

    /** Every grid under a region for a month: reported or not, what it found; coverage. */
    async board(actor: Actor, q: { region: string; period: string }) {
      const region = await regionIn(ctx, actor, q.region, 'read');
      if (!region) throw notFound('region');
      const rows = await ctx.db
        .selectFrom('region as g')
        .leftJoin('screening_report as s', (j) =>
          j.onRef('s.grid_code', '=', 'g.code').on('s.period', '=', q.period),
        )
        .select(['g.code', 'g.name', 's.found', 's.note', 's.reported_at'])
        .where('g.level', '=', 'grid')
        .where('g.retired_at', 'is', null)
        .where('g.path', 'like', `${region.path}%`)
        .orderBy('g.code')
        .limit(5000)
        .execute();
      const reported = rows.filter((r) => r.reported_at !== null);
      return {
        region: region.code,
        period: q.period,
        grids: rows.length,
        reported: reported.length,
        nothingFound: reported.filter((r) => Number(r.found) === 0).length,
        found: reported.reduce((n, r) => n + Number(r.found), 0),
        coverage: coverage(reported.length, rows.length),
        items: rows.map((r) => ({
          gridCode: r.code,
          name: r.name,
          reported: r.reported_at !== null,
          found: r.found === null ? null : Number(r.found),
          note: r.note,
          reportedAt: r.reported_at ? new Date(r.reported_at).toISOString() : null,
        })),
      };
    },

    /** The street's monthly report; the disputes it counts are those screened in its area that month. */
    async fileStreetReport(actor: Actor, input: { streetCode: string; month: string; summary: string }) {
      const street = await regionIn(ctx, actor, input.streetCode, 'screen', 'street');
      if (!street) throw notFound('street');
      const now = serverNow(ctx);
      if (!monthHasBegun(input.month, now))
        throw unprocessable('body.month', 'a month is reported once it has begun');
      const count = await ctx.db
        .selectFrom('dispute')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('region_path', 'like', `${street.path}%`)
        .where('screened_at', '>=', monthStart(input.month))
        .where('screened_at', '<', nextMonth(input.month))
        .executeTakeFirstOrThrow();
      const values = {
        region_path: street.path,
        summary: input.summary,
        disputes: Number(count.n),
        filed_by: actor.userId,
        filed_at: now,
      };
      const row = await ctx.db
        .insertInto('street_screening_report')
        .values({ street_code: street.code, month: input.month, ...values })
        .onConflict((oc) => oc.columns(['street_code', 'month']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw unprocessable('body.month', `the report for ${input.month} was already filed`);
      return {
        streetCode: street.code,
        month: input.month,
        disputes: Number(count.n),
        filedAt: now.toISOString(),
        status: streetReportStatus(input.month, now, now),
      };
    },

    /** Every street of a district for a month: complete, late, missing or pending. */
    async streetBoard(actor: Actor, q: { district: string; month: string }) {
      const district = await regionIn(ctx, actor, q.district, 'read', 'district');
      if (!district) throw notFound('district');
      const now = serverNow(ctx);
      const rows = await ctx.db
        .selectFrom('region as s')
        .leftJoin('street_screening_report as r', (j) =>
          j.onRef('r.street_code', '=', 's.code').on('r.month', '=', q.month),
        )
        .select(['s.code', 's.name', 'r.filed_at', 'r.disputes', 'r.summary'])
        .where('s.parent_code', '=', district.code)
        .where('s.level', '=', 'street')
        .where('s.retired_at', 'is', null)
        .orderBy('s.code')
        .execute();
      const items = rows.map((r) => ({
        streetCode: r.code,
        name: r.name,
        status: streetReportStatus(q.month, r.filed_at ? new Date(r.filed_at) : null, now),
        filedAt: r.filed_at ? new Date(r.filed_at).toISOString() : null,
        disputes: r.disputes === null ? null : Number(r.disputes),
        summary: r.summary,
      }));
      const count = (s: string) => items.filter((i) => i.status === s).length;
      return {
        district: district.code,
        month: q.month,
        dueAt: streetReportDue(q.month).toISOString(),
        complete: count('complete'),
        late: count('late'),
        missing: count('missing'),
        pending: count('pending'),
        items,
      };
    },
  };
}
