import type { AppContext } from '../../context.ts';
import type { Actor } from '../../identity/index.ts';
import { caseScopeOf, isEmptyScope, visibleTo } from '../policy.ts';
import { unitNames } from '../read/case-detail.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * Summons responses in the actor's case scope (optionally of one unit and a period of summoning):
 * each response with its rating, and per unit the count, average rating and on-time report-ins.
 */
export async function summonsRatings(
  ctx: AppContext,
  actor: Actor,
  f: { unit?: number; from?: string; to?: string },
) {
  const scope = caseScopeOf(actor, ctx.services.caseKinds);
  if (isEmptyScope(scope)) return { units: [], items: [] };
  let q = ctx.db
    .selectFrom('case_summons as s')
    .innerJoin('cases', 'cases.id', 's.case_id')
    .where((eb) => visibleTo(eb as never, scope))
    .select([
      's.case_id',
      'cases.number',
      's.unit_id',
      's.summoned_at',
      's.report_in_due_at',
      's.reported_in_at',
      's.done_at',
      's.rating',
      's.rating_comment',
      's.rated_at',
    ]);
  if (f.unit) q = q.where('s.unit_id', '=', f.unit);
  if (f.from) q = q.where('s.summoned_at', '>=', new Date(f.from));
  if (f.to) q = q.where('s.summoned_at', '<', new Date(f.to));
  const rows = await q.orderBy('s.summoned_at', 'desc').limit(1000).execute();
  const names = await unitNames(
    ctx,
    rows.map((r) => Number(r.unit_id)),
  );
  const items = rows.map((r) => ({
    caseId: Number(r.case_id),
    number: r.number,
    unitId: Number(r.unit_id),
    unitName: names.get(Number(r.unit_id))?.name ?? null,
    summonedAt: iso(r.summoned_at),
    reportInDueAt: iso(r.report_in_due_at),
    reportedInAt: iso(r.reported_in_at),
    reportedInOnTime: r.reported_in_at !== null && new Date(r.reported_in_at) <= new Date(r.report_in_due_at),
    doneAt: iso(r.done_at),
    rating: r.rating,
    ratingComment: r.rating_comment,
    ratedAt: iso(r.rated_at),
  }));
  const byUnit = new Map<number, typeof items>();
  for (const i of items) byUnit.set(i.unitId, [...(byUnit.get(i.unitId) ?? []), i]);
  const units = [...byUnit.entries()].map(([unitId, list]) => {
    const rated = list.filter((i) => i.rating !== null);
    return {
      unitId,
      unitName: list[0]?.unitName ?? null,
      summoned: list.length,
      done: list.filter((i) => i.doneAt !== null).length,
      reportedInOnTime: list.filter((i) => i.reportedInOnTime).length,
      rated: rated.length,
      averageRating: rated.length ? rated.reduce((s, i) => s + (i.rating ?? 0), 0) / rated.length : null,
    };
  });
  return { units, items };
}
