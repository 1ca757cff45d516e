import { type ExpressionBuilder, sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../identity/index.ts';
import { scopeOf } from '../../identity/index.ts';
import { serverNow } from '../../lib/clock.ts';
import { localDate } from '../domain/calendar.ts';

export interface KeyCaseListQuery {
  kind?: 'key' | 'backlog';
  leader?: number;
  open?: boolean;
  overduePlan?: boolean;
  cursor?: number;
  limit: number;
}

export interface KeyCaseListItem {
  caseId: number;
  number: string;
  title: string;
  status: string;
  card: string;
  kind: string;
  leaderUserId: number;
  leaderName: string;
  markedAt: string;
  planSteps: number;
  planDone: number;
  planOverdue: number;
}

/**
 * Key cases the actor sees: inside the region scope where they may read cases, or where they
 * lead or sit on the team.
 */
function visible(actor: Actor) {
  const paths = scopeOf(actor, 'case.read').regionPaths;
  return (eb: ExpressionBuilder<DB, 'key_case'>) =>
    eb.or([
      ...paths.map((p) => eb('key_case.region_path', 'like', `${p}%`)),
      eb('key_case.leader_user_id', '=', actor.userId ?? 0),
      eb.exists(
        eb
          .selectFrom('key_case_member')
          .select(sql`1`.as('one'))
          .whereRef('key_case_member.case_id', '=', 'key_case.case_id')
          .where('key_case_member.user_id', '=', actor.userId ?? 0),
      ),
    ]);
}

export function createKeyCaseLists(ctx: AppContext) {
  const today = () => localDate(ctx.services.calendar.current(), serverNow(ctx));
  const planCounts = (today: string) =>
    sql<{ steps: number; done: number; overdue: number }>`(
      select json_build_object(
        'steps', count(*)::int,
        'done', count(*) filter (where s.done_at is not null)::int,
        'overdue', count(*) filter (where s.done_at is null and s.due_date < ${today}::date)::int)
      from key_case_plan_step s where s.case_id = key_case.case_id)`;

  return {
    async list(
      actor: Actor,
      q: KeyCaseListQuery,
    ): Promise<{ items: KeyCaseListItem[]; nextCursor: number | null }> {
      const day = today();
      let query = ctx.db
        .selectFrom('key_case')
        .innerJoin('cases', 'cases.id', 'key_case.case_id')
        .innerJoin('app_user', 'app_user.id', 'key_case.leader_user_id')
        .select([
          'key_case.case_id',
          'cases.number',
          'cases.title',
          'cases.status',
          'cases.card',
          'key_case.kind',
          'key_case.leader_user_id',
          'app_user.display_name',
          'key_case.marked_at',
          planCounts(day).as('plan'),
        ])
        .where('key_case.unmarked_at', 'is', null)
        .where(visible(actor))
        .orderBy('key_case.case_id', 'desc')
        .limit(q.limit + 1);
      if (q.kind) query = query.where('key_case.kind', '=', q.kind);
      if (q.leader !== undefined) query = query.where('key_case.leader_user_id', '=', q.leader);
      if (q.open !== undefined) query = query.where('cases.closed_at', q.open ? 'is' : 'is not', null);
      if (q.cursor !== undefined) query = query.where('key_case.case_id', '<', q.cursor);
      if (q.overduePlan) {
        query = query.where(
          sql<boolean>`exists (select 1 from key_case_plan_step s where s.case_id = key_case.case_id
                        and s.done_at is null and s.due_date < ${day}::date)`,
        );
      }
      const rows = await query.execute();
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => {
          const plan = typeof r.plan === 'string' ? JSON.parse(r.plan) : r.plan;
          return {
            caseId: Number(r.case_id),
            number: r.number,
            title: r.title,
            status: r.status,
            card: String(r.card),
            kind: r.kind,
            leaderUserId: Number(r.leader_user_id),
            leaderName: r.display_name,
            markedAt: new Date(r.marked_at).toISOString(),
            planSteps: plan.steps,
            planDone: plan.done,
            planOverdue: plan.overdue,
          };
        }),
        nextCursor: rows.length > q.limit ? Number(page.at(-1)?.case_id) : null,
      };
    },

    /** Headline figures of the key cases in scope. */
    async figures(actor: Actor) {
      const day = today();
      const r = await ctx.db
        .selectFrom('key_case')
        .innerJoin('cases', 'cases.id', 'key_case.case_id')
        .select([
          sql<number>`count(*)::int`.as('total'),
          sql<number>`count(*) filter (where key_case.kind = 'key')::int`.as('key'),
          sql<number>`count(*) filter (where key_case.kind = 'backlog')::int`.as('backlog'),
          sql<number>`count(*) filter (where cases.closed_at is null)::int`.as('open'),
          sql<number>`count(*) filter (where cases.closed_at is not null)::int`.as('closed'),
          sql<number>`count(*) filter (where cases.closed_at is null and cases.card = 'red')::int`.as(
            'overdue',
          ),
          sql<number>`count(*) filter (where exists (select 1 from key_case_plan_step s where s.case_id = key_case.case_id
                        and s.done_at is null and s.due_date < ${day}::date))::int`.as(
            'withOverduePlanSteps',
          ),
        ])
        .where('key_case.unmarked_at', 'is', null)
        .where(visible(actor))
        .executeTakeFirstOrThrow();
      return {
        total: r.total,
        byKind: { key: r.key, backlog: r.backlog },
        open: r.open,
        closed: r.closed,
        overdue: r.overdue,
        withOverduePlanSteps: r.withOverduePlanSteps,
        closedRate: r.total === 0 ? null : Math.round((r.closed / r.total) * 1000) / 1000,
      };
    },
  };
}

export type KeyCaseLists = ReturnType<typeof createKeyCaseLists>;
