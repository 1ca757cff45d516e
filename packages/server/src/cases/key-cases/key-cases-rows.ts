import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { forbidden, unprocessable } from '../../http/problem.ts';
import { type Actor, scopeOf } from '../../identity/index.ts';
import { isIsoDate } from '../domain/calendar.ts';

/** A key case's rows: who may manage it, the people named on it, its team and plan, its view. */
/** Who may mark and manage key cases. */
export const MANAGERS = ['leader', 'centre_operator'] as const;

export interface KeyCaseInput {
  kind: 'key' | 'backlog';
  reason: string;
  leaderUserId: number;
  team: { userId: number; duty?: string }[];
  plan: { title: string; dueDate: string; ownerUserId?: number | null }[];
}

export interface KeyCaseView {
  caseId: number;
  number: string;
  title: string;
  status: string;
  card: string;
  kind: 'key' | 'backlog';
  reason: string;
  leader: { userId: number; displayName: string };
  team: { userId: number; displayName: string; duty: string }[];
  plan: {
    seq: number;
    title: string;
    dueDate: string;
    ownerUserId: number | null;
    doneAt: string | null;
    note: string;
  }[];
  markedAt: string;
  version: number;
}

export function requireManager(actor: Actor) {
  if (!actor.roles.some((r) => (MANAGERS as readonly string[]).includes(r))) {
    throw forbidden(`needs one of the roles: ${MANAGERS.join(', ')}`);
  }
}

/**
 * Every user named must be an active user; the owning leader must hold a leader post. Someone the
 * actor may not see (no post inside the actor's scope or over the case's place) answers exactly
 * as a user who does not exist; people already on the case (`unchanged`) are not asked again.
 */
export async function checkPeople(
  trx: Transaction<DB>,
  input: Pick<KeyCaseInput, 'leaderUserId' | 'team' | 'plan'>,
  actor: Actor,
  casePath: string | null,
  unchanged: ReadonlySet<number> = new Set(),
) {
  const ids = [
    input.leaderUserId,
    ...input.team.map((m) => m.userId),
    ...input.plan.flatMap((s) => s.ownerUserId ?? []),
  ];
  const scope = scopeOf(actor, 'case.read');
  const rows = (
    await trx
      .selectFrom('app_user')
      .leftJoin('user_post', (j) =>
        j.onRef('user_post.user_id', '=', 'app_user.id').on('user_post.retired_at', 'is', null),
      )
      .select(['app_user.id', 'user_post.role', 'user_post.region_path', 'user_post.unit_id'])
      .where('app_user.id', 'in', ids)
      .where('app_user.disabled_at', 'is', null)
      .execute()
  ).filter((r) => {
    if (unchanged.has(Number(r.id))) return true;
    if (r.region_path === null) return false;
    const path = r.region_path;
    return (
      scope.regionPaths.some((p) => path.startsWith(p)) ||
      casePath?.startsWith(path) ||
      (r.unit_id !== null && scope.unitIds.includes(Number(r.unit_id)))
    );
  });
  const active = new Set(rows.map((r) => Number(r.id)));
  const leaders = new Set(rows.filter((r) => r.role === 'leader').map((r) => Number(r.id)));
  if (!leaders.has(input.leaderUserId))
    throw unprocessable('body.leaderUserId', 'must be an active user with a leader post');
  input.team.forEach((m, i) => {
    if (!active.has(m.userId)) throw unprocessable(`body.team.${i}.userId`, 'no such active user');
  });
  input.plan.forEach((s, i) => {
    if (!isIsoDate(s.dueDate))
      throw unprocessable(`body.plan.${i}.dueDate`, 'must be a real date, YYYY-MM-DD');
    if (s.ownerUserId != null && !active.has(s.ownerUserId))
      throw unprocessable(`body.plan.${i}.ownerUserId`, 'no such active user');
  });
  const seen = new Set<number>();
  input.team.forEach((m, i) => {
    if (seen.has(m.userId)) throw unprocessable(`body.team.${i}.userId`, 'listed twice');
    seen.add(m.userId);
  });
}

export async function writeTeamAndPlan(
  trx: Transaction<DB>,
  caseId: number,
  input: Pick<KeyCaseInput, 'team' | 'plan'>,
) {
  await trx.deleteFrom('key_case_member').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('key_case_plan_step').where('case_id', '=', caseId).execute();
  if (input.team.length > 0) {
    await trx
      .insertInto('key_case_member')
      .values(input.team.map((m) => ({ case_id: caseId, user_id: m.userId, duty: m.duty ?? '' })))
      .execute();
  }
  if (input.plan.length > 0) {
    await trx
      .insertInto('key_case_plan_step')
      .values(
        input.plan.map((s, i) => ({
          case_id: caseId,
          seq: i + 1,
          title: s.title,
          due_date: s.dueDate,
          owner_user_id: s.ownerUserId ?? null,
        })),
      )
      .execute();
  }
}

export async function loadKeyCase(
  db: Transaction<DB> | AppContext['db'],
  caseId: number,
): Promise<KeyCaseView | null> {
  const k = await db
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
      'key_case.reason',
      'key_case.leader_user_id',
      'app_user.display_name',
      'key_case.marked_at',
      'key_case.version',
    ])
    .where('key_case.case_id', '=', caseId)
    .where('key_case.unmarked_at', 'is', null)
    .executeTakeFirst();
  if (!k) return null;
  const team = await db
    .selectFrom('key_case_member')
    .innerJoin('app_user', 'app_user.id', 'key_case_member.user_id')
    .select(['key_case_member.user_id', 'app_user.display_name', 'key_case_member.duty'])
    .where('key_case_member.case_id', '=', caseId)
    .orderBy('key_case_member.user_id')
    .execute();
  const plan = await db
    .selectFrom('key_case_plan_step')
    .select([
      'seq',
      'title',
      sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as('due'),
      'owner_user_id',
      'done_at',
      'note',
    ])
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  return {
    caseId: Number(k.case_id),
    number: k.number,
    title: k.title,
    status: k.status,
    card: String(k.card),
    kind: k.kind,
    reason: k.reason,
    leader: { userId: Number(k.leader_user_id), displayName: k.display_name },
    team: team.map((m) => ({ userId: Number(m.user_id), displayName: m.display_name, duty: m.duty })),
    plan: plan.map((s) => ({
      seq: s.seq,
      title: s.title,
      dueDate: s.due,
      ownerUserId: s.owner_user_id === null ? null : Number(s.owner_user_id),
      doneAt: s.done_at === null ? null : new Date(s.done_at).toISOString(),
      note: s.note,
    })),
    markedAt: new Date(k.marked_at).toISOString(),
    version: k.version,
  };
}
