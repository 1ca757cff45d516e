import type { AppContext } from '../../context.ts';
import { cardAt } from '../domain/deadlines.ts';
import type { CaseRow } from '../workflow/case-history.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * What a registered kind adds to the case as its reader sees it: the kind's own data (its
 * `detail`) and its deadlines with their cards now. Nothing (and no query) for other kinds.
 */
export async function kindDetail(ctx: AppContext, row: CaseRow, now: Date) {
  const def = ctx.services.caseKinds.kind(row.kind);
  if (!def) return {};
  const [data, deadlines] = await Promise.all([
    def.detail ? def.detail(ctx.db, { id: row.id, cityCode: row.city_code }) : undefined,
    def.deadlines?.length
      ? ctx.db
          .selectFrom('case_kind_deadline')
          .selectAll()
          .where('city_code', '=', row.city_code)
          .where('case_id', '=', row.id)
          .orderBy('started_at')
          .execute()
      : [],
  ]);
  return {
    kindData: data ?? null,
    kindDeadlines: deadlines.map((d) => ({
      name: d.name,
      startedAt: iso(d.started_at),
      warnAt: iso(d.warn_at),
      dueAt: iso(d.due_at),
      stoppedAt: iso(d.stopped_at),
      card: d.stopped_at
        ? new Date(d.stopped_at) > new Date(d.due_at)
          ? 'red'
          : 'none'
        : cardAt({ warnAt: new Date(d.warn_at), dueAt: new Date(d.due_at) }, now).card,
    })),
  };
}
